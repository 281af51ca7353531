"""`packet import` on Word guides shaped the way organizers write them in Word.

Every guide is built here with python-docx (a test dependency), with the
Word structures python-docx has no call for written as Word writes them:
footnotes holding a reading's link, bookmarks Word leaves inside a link's
text (_GoBack, _Hlk...), steps typed as "4." then a no-break space, soft
hyphens, headings numbered by a multilevel list ("Week %1:") and links
written as simple fields. None is a real group's guide.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from packet.authoring.importer import guide_to_yaml
from packet.curriculum import Curriculum
from packet.load import parse_curriculum

docx = pytest.importorskip("docx")
from docx.opc.constants import RELATIONSHIP_TYPE  # noqa: E402
from docx.oxml import OxmlElement, parse_xml  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def imported(guide: Path) -> tuple[Curriculum, str]:
    text, _ = guide_to_yaml(guide)
    return parse_curriculum(text, "imported.yaml"), text


def agenda(curriculum: Curriculum, week: int) -> list[tuple[str, str, int | None]]:
    return [(item.kind, item.title, item.minutes) for item in next(w for w in curriculum.weeks if w.number == week).agenda]


def unplaced(text: str) -> str:
    marker = "# Lines of the guide this import could not place"
    return text[text.index(marker):] if marker in text else ""


def add_link(paragraph, url: str, text: str) -> None:
    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link, run, words = OxmlElement("w:hyperlink"), OxmlElement("w:r"), OxmlElement("w:t")
    link.set(qn("r:id"), rid)
    words.text = text
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def lead(paragraph, bold: str, rest: str = "") -> None:
    paragraph.add_run(bold).bold = True
    if rest:
        paragraph.add_run(rest)


# Footnotes -------------------------------------------------------------------------


def _with_footnotes(path: Path, notes: dict[int, tuple[str, str | None, str | None]]) -> None:
    """Add word/footnotes.xml to a saved .docx as Word writes it: the two
    separator notes, then each note's number mark, a space and its words,
    (prefix, url, link text)."""
    notes_xml = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
    ]
    rels = []
    for number, (prefix, url, link_text) in notes.items():
        body = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>'
        body += f'<w:r><w:t xml:space="preserve">{prefix}</w:t></w:r>'
        if url:
            rels.append(f'<Relationship Id="rIdNote{number}" Type="{RELATIONSHIP_TYPE.HYPERLINK}" Target="{url}" TargetMode="External"/>')
            body += f'<w:hyperlink r:id="rIdNote{number}"><w:r><w:t>{link_text}</w:t></w:r></w:hyperlink>'
        notes_xml.append(f'<w:footnote w:id="{number}"><w:p>{body}</w:p></w:footnote>')
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/footnotes.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
    )
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" '
        b'Target="footnotes.xml"/></Relationships>',
    )
    parts["word/footnotes.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W} {R}>{"".join(notes_xml)}</w:footnotes>'.encode()
    parts["word/_rels/footnotes.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>"
    ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def test_a_reading_whose_link_is_in_a_footnote_gets_that_link_in_its_own_week(tmp_path):
    document = docx.Document()
    document.add_paragraph("History of Computing Circle", style="Title")
    document.add_paragraph("Sessions are 1 hr 45 min.")
    for number, title, reading in [(1, "Babbage and Lovelace", "Sketch of the Analytical Engine, Ada Lovelace, 1843"),
                                   (2, "Turing", "Computing Machinery and Intelligence, Alan Turing, 1950")]:
        document.add_heading(f"Session {number}: {title}", level=1)
        step = document.add_paragraph(style="List Number")
        lead(step, "Read", f" (30 min): {reading}")
        step._p.append(parse_xml(f'<w:r {W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'))
        lead(document.add_paragraph(style="List Number"), "Discuss", " (20 min): could a machine think?")
    guide = tmp_path / "computing.docx"
    document.save(str(guide))
    _with_footnotes(guide, {
        1: ("Online at ", "https://www.fourmilab.ch/babbage/sketch.html", "fourmilab.ch"),
        2: ("https://academic.oup.com/mind/article/LIX/236/433/986238", None, None),
    })
    curriculum, text = imported(guide)
    assert agenda(curriculum, 1) == [("reading", "Sketch of the Analytical Engine", 30), ("discussion", "Discuss", 20)]
    assert agenda(curriculum, 2) == [("reading", "Computing Machinery and Intelligence", 30), ("discussion", "Discuss", 20)]
    lovelace = curriculum.reading(curriculum.weeks[0].agenda[0].readings[0])
    assert (lovelace.url, lovelace.authors, lovelace.year, lovelace.site) == (
        "https://www.fourmilab.ch/babbage/sketch.html", ["Ada Lovelace"], 1843, None)
    turing = curriculum.reading(curriculum.weeks[1].agenda[0].readings[0])
    assert turing.url == "https://academic.oup.com/mind/article/LIX/236/433/986238"
    assert "↑" not in text and "footnote" not in text


# Bookmarks inside links -------------------------------------------------------------


def test_a_link_with_a_bookmark_inside_its_text_stays_one_link(tmp_path):
    document = docx.Document()
    document.add_paragraph("Science Fiction & Ethics", style="Title")
    document.add_paragraph("Meetings run from 7pm to 9pm.")
    document.add_heading("Week 1: Minds", level=1)
    step = document.add_paragraph(style="List Number")
    lead(step, "Read", " (40 min): ")
    rid = step.part.relate_to("https://www.lightspeedmagazine.com/fiction/the-lifecycle-of-software-objects/",
                              RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    # Word's own bookmarks (_GoBack at the last edit, _Hlk around copied
    # text) and its proofing marks sit between a link's runs.
    step._p.append(parse_xml(
        f'<w:hyperlink {W} {R} r:id="{rid}"><w:r><w:t xml:space="preserve">The Lifecycle </w:t></w:r>'
        '<w:proofErr w:type="spellStart"/><w:r><w:t xml:space="preserve">of Software </w:t></w:r>'
        '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:t>Objects</w:t></w:r><w:bookmarkEnd w:id="0"/></w:hyperlink>'
    ))
    step.add_run(" by Ted Chiang (2010)")
    guide = tmp_path / "sf.docx"
    document.save(str(guide))
    curriculum, _ = imported(guide)
    [reading] = curriculum.readings
    assert (reading.title, reading.authors, reading.year, reading.site) == ("The Lifecycle of Software Objects", ["Ted Chiang"], 2010, None)


# Typed numbers, no-break spaces, soft hyphens ---------------------------------------


def test_steps_typed_with_a_no_break_space_after_their_number_are_steps(tmp_path):
    document = docx.Document()
    document.add_paragraph("Poetry & Politics", style="Title")
    document.add_paragraph("Sessions last 90 minutes.")
    document.add_heading("Session 1: Protest poems", level=1)
    document.add_paragraph("1.\tWelcome (10\u00a0min)")
    document.add_paragraph("2.\u00a0Read: \u201cStill I Rise\u201d by Maya Angelou (1978) https://www.poetryfoundation.org/poems/46446/still-i-rise (20 min)")
    document.add_paragraph("3)\u00a0Discussion (40 min): can a poem change any\u00adthing?")
    document.add_paragraph("4.\u00a0Wrap-up (5\u00a0min)")
    guide = tmp_path / "poetry.docx"
    document.save(str(guide))
    curriculum, text = imported(guide)
    assert agenda(curriculum, 1) == [
        ("icebreaker", "Welcome", 10), ("reading", "Still I Rise", 20), ("discussion", "Discussion", 40), ("wrap-up", "Wrap-up", 5),
    ]
    assert curriculum.weeks[0].agenda[2].questions == ["Can a poem change anything?"]
    assert "organizer_notes" not in text and "\u00ad" not in text


def test_a_link_whose_text_is_its_host_takes_its_title_from_the_words_before_it(tmp_path):
    document = docx.Document()
    document.add_paragraph("Urbanism Reading Group", style="Title")
    document.add_heading("Week 1: Parking", level=1)
    step = document.add_paragraph(style="List Number")
    lead(step, "Read", " (30 min): The High Cost of Free Parking, Donald Shoup, 1997 (")
    add_link(step, "https://www.accessmagazine.org/fall-1997/the-high-cost-of-free-parking/", "accessmagazine.org")
    step.add_run(")")
    guide = tmp_path / "urbanism.docx"
    document.save(str(guide))
    curriculum, text = imported(guide)
    [reading] = curriculum.readings
    assert (reading.title, reading.authors, reading.year) == ("The High Cost of Free Parking", ["Donald Shoup"], 1997)
    assert "# guessed: the title from the words before the link" in text


# Numbered headings and simple fields ------------------------------------------------


def test_week_headings_numbered_by_a_list_linked_to_heading_1_are_weeks(tmp_path):
    """Word's Home > Multilevel List > "Week 1:" linked to Heading 1: the
    number is in numbering.xml, not in the heading's text."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.find(qn("w:num")).addprevious(parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="150"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>'
        '<w:lvlText w:val="Week %1:"/></w:lvl></w:abstractNum>'
    ))
    numbering.append(parse_xml(f'<w:num {W} w:numId="150"><w:abstractNumId w:val="150"/></w:num>'))
    heading_1 = document.styles["Heading 1"].element
    heading_1.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:numId w:val="150"/></w:numPr>'))
    document.add_paragraph("Law and Technology Group", style="Title")
    document.add_paragraph("Meetings are two hours.")
    for title, url in [("Copyright", "https://www.copyright.gov/what-is-copyright/"), ("Platforms", "https://www.eff.org/issues/cda230")]:
        document.add_heading(title, level=1)
        step = document.add_paragraph(style="List Bullet")
        lead(step, "Read", " (30 min): ")
        add_link(step, url, f"On {title.lower()}")
        lead(document.add_paragraph(style="List Bullet"), "Discuss", " (30 min): who should own this?")
    guide = tmp_path / "law.docx"
    document.save(str(guide))
    curriculum, _ = imported(guide)
    assert [(w.number, w.title) for w in curriculum.weeks] == [(1, "Copyright"), (2, "Platforms")]
    assert agenda(curriculum, 2) == [("reading", "On platforms", 30), ("discussion", "Discuss", 30)]


def test_a_link_written_as_a_simple_field_keeps_its_words_and_target(tmp_path):
    document = docx.Document()
    document.add_paragraph("Neuroethics Circle", style="Title")
    document.add_heading("Week 1: Brain reading", level=1)
    step = document.add_paragraph(style="List Number")
    lead(step, "Read", " (30 min): ")
    step._p.append(parse_xml(
        f'<w:fldSimple {W} w:instr=" HYPERLINK &quot;https://plato.stanford.edu/entries/neuroethics/&quot; ">'
        "<w:r><w:t>Neuroethics</w:t></w:r></w:fldSimple>"
    ))
    step.add_run(" (SEP, 2016)")
    guide = tmp_path / "neuro.docx"
    document.save(str(guide))
    curriculum, text = imported(guide)
    [reading] = curriculum.readings
    assert (reading.title, reading.url, reading.year) == ("Neuroethics", "https://plato.stanford.edu/entries/neuroethics/", 2016)
    assert agenda(curriculum, 1) == [("reading", "Neuroethics", 30)]
    assert unplaced(text) == ""
