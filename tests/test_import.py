"""`packet import`: facilitator guides in several styles become curricula.

Every guide here is hand-written for these tests (none is a real group's
guide): tests/fixtures/guides/ethics-sessions.md (Markdown, nested lists,
sub-headings per session), climate-circle.txt (plain text as typed in a
notes app), philosophy-schedule.md (schedule tables with clock times),
ethics-timetable.md (steps that open with their clock time),
minds-machines-docs-export.html (a Google Docs export in the shape real
exports have: generated .cN classes, p.title, flat lst-kix_<id>-N lists with
start=, links through google.com/url?q=; the same shape as the lead's
tests/fixtures/docs/facilitator-guide-export.html, which is read here too),
and a Word file built below with python-docx the way Word writes lists
(w:numPr with w:ilvl into a multi-level numbering definition). Real Docs
exports recorded by the sources branch (tests/fixtures/real/gdocs,
provenance in its INDEX.md) check that the reader keeps their list levels,
numbering and title.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from packet.authoring.importer import guide_to_yaml
from packet.curriculum import Curriculum, Discussion, Icebreaker, ReadingItem, Video
from packet.load import parse_curriculum

from .conftest import REPO, SHARED

GUIDES = Path(__file__).parent / "fixtures" / "guides"
DOCS_FIXTURE = Path(__file__).parent / "fixtures" / "docs" / "facilitator-guide-export.html"


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "packet", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def imported(guide: Path) -> tuple[Curriculum, str]:
    text, _ = guide_to_yaml(guide)
    return parse_curriculum(text, "imported.yaml"), text


def items(curriculum: Curriculum, week: int) -> list:
    return next(w for w in curriculum.weeks if w.number == week).agenda


def reading_urls(curriculum: Curriculum, item: ReadingItem) -> list[str]:
    return [curriculum.reading(rid).url for rid in item.readings]


# A Markdown guide with nested lists -------------------------------------------


def test_markdown_guide_gives_weeks_readings_videos_questions_and_minutes():
    curriculum, text = imported(GUIDES / "ethics-sessions.md")
    assert curriculum.title == "Giving Well Reading Circle"
    assert curriculum.term == "Autumn 2027"
    assert (curriculum.meeting_minutes, curriculum.start_time) == (90, "18:30")
    assert [(w.number, w.title) for w in curriculum.weeks] == [(1, "Doing good better"), (2, "Measuring impact")]
    week1 = items(curriculum, 1)
    assert [i.kind for i in week1] == ["icebreaker", "reading", "reading", "video", "discussion", "wrap-up"]
    assert [i.minutes for i in week1] == [10, 25, None, 15, 30, 10]
    assert week1[0].questions == ["What is one cause you care about?", "Why did you join the circle?"]
    assert reading_urls(curriculum, week1[1]) == ["https://www.utilitarian.net/singer/by/199704--.htm"]
    assert week1[2].early_finishers and reading_urls(curriculum, week1[2]) == ["https://www.utilitarian.net/singer/by/1972----.htm"]
    singer = curriculum.reading(week1[1].readings[0])
    assert (singer.title, singer.authors, singer.year) == ("The Drowning Child and the Expanding Circle", ["Peter Singer"], 1997)
    video = week1[3]
    assert (video.url, video.start, video.end) == ("https://www.youtube.com/watch?v=Diuv3XZQXyc", "0:00", "12:10")
    assert week1[4].grouping == "small groups then whole group"
    assert len(week1[4].questions) == 3 and week1[4].title == "Discussion"
    assert "Print the Singer essay double-sided; it runs to eight pages." in next(w for w in curriculum.weeks if w.number == 1).organizer_notes
    assert [t.summary for t in curriculum.tips][:2] == ["Start on time.", "Keep groups small."]
    assert curriculum.materials == ["name tags", "markers", "printed readings"]


def test_markdown_sub_headings_name_the_blocks_of_a_session():
    curriculum, _ = imported(GUIDES / "ethics-sessions.md")
    week2 = items(curriculum, 2)
    assert [i.kind for i in week2] == ["icebreaker", "reading", "reading", "video", "discussion", "activity"]
    assert [i.minutes for i in week2] == [10, 30, None, 20, 25, 5]
    readings = week2[1]
    assert reading_urls(curriculum, readings) == [
        "https://80000hours.org/articles/solving-different-problems/",
        "https://en.wikipedia.org/wiki/Expected_value",
    ]
    assert curriculum.reading(readings.readings[1]).sections.include == ["1", "2"]
    assert week2[2].optional and not week2[2].early_finishers
    assert (week2[3].start, week2[3].end) == ("2:10", "14:00")
    assert week2[4].questions[0] == "Which of the interventions surprised you most?"
    assert week2[5].materials == ["whiteboard"]


# A plain-text guide -------------------------------------------------------------


def test_plain_text_guide_reads_capital_headings_numbered_steps_and_bare_links():
    curriculum, _ = imported(GUIDES / "climate-circle.txt")
    assert curriculum.title == "Climate Ethics Reading Circle"
    assert (curriculum.meeting_minutes, curriculum.start_time) == (120, "19:00")
    assert [w.title for w in curriculum.weeks] == ["What do we owe the future?", "Individual duties"]
    week1 = items(curriculum, 1)
    assert [(i.kind, i.minutes) for i in week1] == [
        ("icebreaker", 15), ("reading", 30), ("reading", None), ("video", None), ("discussion", 25), ("feedback", 5),
    ]
    assert week1[0].title == "Introductions"
    assert curriculum.reading(week1[1].readings[0]).sections.include == ["1"]
    assert week1[2].early_finishers
    assert (week1[3].start, week1[3].end) == ("1:05", "9:40")
    assert week1[4].questions[1] == "How should we weigh a cost today against a harm in 2100?"
    week2 = items(curriculum, 2)
    assert week2[3].if_time and week2[3].kind == "activity"
    assert curriculum.reading(week2[1].readings[0]).kind == "pdf"
    assert [t.summary for t in curriculum.tips] == [
        "Print every reading single-sided, so people can write on the back.",
        "Ask a volunteer to keep time; rotate each week.",
    ]
    assert curriculum.materials == ["tea", "biscuits", "pens"]


# Google Docs exports -----------------------------------------------------------


def test_docs_export_guide_unwraps_links_and_follows_list_levels():
    curriculum, text = imported(GUIDES / "minds-machines-docs-export.html")
    assert "google.com/url" not in text
    assert curriculum.title == "Minds and Machines Discussion Group"
    assert (curriculum.meeting_minutes, curriculum.start_time) == (90, "17:15")
    week1 = items(curriculum, 1)
    assert [i.kind for i in week1] == ["icebreaker", "reading", "reading", "video", "discussion", "wrap-up"]
    assert reading_urls(curriculum, week1[1]) == ["https://academic.oup.com/mind/article/LIX/236/433/986238"]
    assert curriculum.reading(week1[1].readings[0]).sections.include == ["1", "2", "3", "4", "5", "6"]
    assert week1[2].early_finishers
    assert (week1[3].url, week1[3].start, week1[3].end) == ("https://www.youtube.com/watch?v=D2pVpJnM0dk", "0:00", "8:45")
    assert len(week1[4].questions) == 3 and week1[4].grouping == "small groups then whole group"
    week2 = items(curriculum, 2)
    assert [i.kind for i in week2] == ["icebreaker", "presentation", "reading", "video", "discussion"]
    assert week2[1].sources[0].url == "https://plato.stanford.edu/entries/functionalism/"
    assert week2[3].if_time and (week2[3].start, week2[3].end) == ("1:30", "11:00")
    assert [t.summary for t in curriculum.tips][0].startswith("Leave silences alone")


def test_docs_export_fixture_of_the_normaliser_imports():
    curriculum, _ = imported(DOCS_FIXTURE)
    assert curriculum.title == "Intro to AI Safety" and curriculum.start_time == "18:00"
    week = items(curriculum, 1)
    assert [i.kind for i in week[:4]] == ["icebreaker", "reading", "discussion", "wrap-up"]
    assert isinstance(week[2], Discussion) and week[2].grouping == "pairs"
    assert week[2].questions == ["Which claim do you find least convincing?", "What would change your mind?"]
    assert [t.summary for t in curriculum.tips] == ["Keep time."]


# A Word file ---------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _word_guide(path: Path) -> None:
    """A .docx as Word writes one: Title and Heading styles, a multi-level
    numbered list (w:numPr/w:ilvl), bold runs and external hyperlinks."""
    docx = pytest.importorskip("docx")
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.find(qn("w:num")).addprevious(parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="90"><w:multiLevelType w:val="hybridMultilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/></w:lvl>'
        "</w:abstractNum>"
    ))
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def item(level: int, *parts) -> None:
        paragraph = document.add_paragraph(style="List Paragraph")
        paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
        for part in parts:
            if isinstance(part, tuple) and part[0] == "link":
                rid = paragraph.part.relate_to(part[1], RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
                link = OxmlElement("w:hyperlink")
                link.set(qn("r:id"), rid)
                run = OxmlElement("w:r")
                text = OxmlElement("w:t")
                text.text = part[2]
                run.append(text)
                link.append(run)
                paragraph._p.append(link)
            elif isinstance(part, tuple) and part[0] == "bold":
                paragraph.add_run(part[1]).bold = True
            else:
                paragraph.add_run(part)

    document.add_paragraph("History of Science Circle: Organizer Notes", style="Title")
    document.add_paragraph("Meetings last 2 hours and begin at 7:00 pm.")
    document.add_heading("Meeting 1 — The Copernican turn", level=1)
    item(0, ("bold", "Icebreaker"), " (10 min): which scientist would you invite to dinner?")
    item(0, ("bold", "Read"), " (40 min): ", ("link", "https://plato.stanford.edu/entries/copernicus/", "Nicolaus Copernicus"), " by Sheila Rabin (2019)")
    item(1, "Bonus for early finishers: ", ("link", "https://www.gutenberg.org/ebooks/46036", "The Sidereal Messenger"), " by Galileo Galilei (1610)")
    item(0, ("bold", "Watch"), ": ", ("link", "https://www.youtube.com/watch?v=1kUkdbK0kO8", "The Copernican Revolution"), " (3:20 - 18:05)")
    item(0, ("bold", "Discuss"), " in pairs (20 min)")
    item(1, "Why did it take so long to accept a moving Earth?")
    item(1, "What counts as evidence for a theory nobody can see?")
    document.add_heading("Meeting 2 — Darwin", level=1)
    item(0, ("bold", "Check-in"), " (5 min)")
    item(0, ("bold", "Reading"), " (45 min): ", ("link", "https://darwin-online.org.uk/content/frameset?itemID=F373", "On the Origin of Species"), ", chapter 4 only")
    item(0, ("bold", "Wrap-up"), " (5 min)")
    document.add_heading("Tips for facilitators", level=1)
    document.add_paragraph("Let the quietest person speak first.", style="List Bullet")
    document.save(str(path))


def test_word_guide_reads_headings_levels_bold_and_links(tmp_path):
    guide = tmp_path / "history-circle.docx"
    _word_guide(guide)
    curriculum, _ = imported(guide)
    assert curriculum.title == "History of Science Circle"
    assert (curriculum.meeting_minutes, curriculum.start_time) == (120, "19:00")
    assert [(w.number, w.title) for w in curriculum.weeks] == [(1, "The Copernican turn"), (2, "Darwin")]
    week1 = items(curriculum, 1)
    assert [(i.kind, i.minutes) for i in week1] == [
        ("icebreaker", 10), ("reading", 40), ("reading", None), ("video", None), ("discussion", 20),
    ]
    assert isinstance(week1[0], Icebreaker) and week1[0].questions == ["Which scientist would you invite to dinner?"]
    assert curriculum.reading(week1[1].readings[0]).authors == ["Sheila Rabin"]
    assert week1[2].early_finishers
    assert isinstance(week1[3], Video) and (week1[3].start, week1[3].end) == ("3:20", "18:05")
    assert week1[4].grouping == "pairs" and len(week1[4].questions) == 2
    darwin = curriculum.reading(items(curriculum, 2)[1].readings[0])
    assert darwin.sections.include == ["Chapter 4"]
    assert [t.summary for t in curriculum.tips] == ["Let the quietest person speak first."]


# The guide the shipped curriculum came from ----------------------------------------


@pytest.mark.skipif(not (SHARED / "curriculum-outline.md").exists(), reason="../shared is not here")
def test_outline_import_comes_close_to_the_shipped_curriculum():
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from guide_import import compare
    finally:
        sys.path.pop(0)
    curriculum, _ = imported(SHARED / "curriculum-outline.md")
    from packet.load import load_curriculum

    counts = compare(curriculum, load_curriculum(REPO / "curriculum.yaml"))
    assert counts["weeks"] == (8, 8) and counts["week titles"] == (8, 8)
    assert counts["videos with spans"] == (6, 6)
    assert counts["blocks with minutes"] == (7, 7)
    found, total = counts["readings by URL"]
    assert found >= total - 1
    found, total = counts["questions"]
    assert found >= 0.8 * total


# What the YAML says ----------------------------------------------------------------------


def test_every_guess_is_commented_and_unplaced_lines_are_listed():
    _, text = imported(GUIDES / "climate-circle.txt")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=packet/curriculum.schema.json"
    authors = lines.index("    authors: [Lukas Meyer]")
    reading_start = max(i for i in range(authors) if lines[i].startswith("  - id:"))
    assert lines[reading_start - 2] == "  # guessed: authors from the words beside the title"
    grouping = next(i for i, line in enumerate(lines) if line.strip() == "grouping: groups of 2-3")
    assert any("guessed: grouping 'groups of 2-3' from 'small groups'" in line for line in lines[grouping - 6:grouping])
    tail = text[text.index("# Lines of the guide this import could not place"):]
    assert "line 2: Facilitator's guide (hand-written for packet's tests" in tail


def test_import_writes_a_curriculum_that_checks_and_builds_offline(tmp_path):
    out = tmp_path / "curriculum.yaml"
    result = run("import", str(GUIDES / "climate-circle.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout and "2 weeks, 3 readings, 1 video;" in result.stdout
    check = run("check", str(out))
    assert check.returncode == 0, check.stderr
    build = run("build", str(out), "--offline", "--out", str(tmp_path / "build"), "--cache-dir", str(tmp_path / "cache"), "--quiet")
    assert build.returncode in (0, 1), build.stderr  # offline: readings get placeholder pages
    assert (tmp_path / "build" / "week-01-handout.pdf").exists() and (tmp_path / "build" / "runsheet.pdf").exists()


def test_import_never_overwrites_without_force(tmp_path):
    out = tmp_path / "curriculum.yaml"
    out.write_text("edited by hand\n")
    result = run("import", str(GUIDES / "ethics-sessions.md"), "-o", str(out))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"{out} already exists; use --force to replace it (or -o another file)"
    assert out.read_text() == "edited by hand\n"
    again = run("import", str(GUIDES / "ethics-sessions.md"), "-o", str(out), "--force")
    assert again.returncode == 0 and "Giving Well Reading Circle" in out.read_text()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("guide.pdf", b"%PDF-1.7", "guide.pdf: a PDF: packet import needs the guide's source"),
        ("guide.odp", b"x", "guide.odp: unknown format .odp (packet import reads .md, .txt, .html (a Google Docs export) or .docx)"),
        ("guide.md", b"  \n\n", "guide.md: the guide is empty"),
        ("guide.md", b"# Our group\n\nWe read things together.\n", "guide.md: no weeks found (packet import looks for headings such as 'Week 1: Title' or 'Session 2 - Title')"),
        ("guide.docx", b"PK\x03\x04 not really a zip", "guide.docx: not a Word .docx file that can be opened"),
        ("guide.txt", b"\x00\x01\x02\xff\xfe\x00binary" * 50, "guide.txt: not a text file"),
        ("missing.md", None, "missing.md: no such file"),
        ("guide.html", b"<!-- saved from a template, nothing written yet -->\n", "guide.html: the guide is empty"),
        ("guide.html", b"<html><body><!-- nothing yet --></body></html>", "guide.html: the guide is empty"),
        ("guide.xhtml", b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Hello</p></body></html>',
         "guide.xhtml: no weeks found"),
    ],
)
def test_bad_guides_get_one_line_and_exit_status_2(tmp_path, name, content, message):
    guide = tmp_path / name
    if content is not None:
        guide.write_bytes(content)
    result = run("import", str(guide), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_readme_shows_the_two_commands_for_a_new_group():
    readme = (REPO / "README.md").read_text()
    assert "```sh\npacket import guide.docx -o curriculum.yaml\npacket build\n```" in readme
    table = readme.split("## Commands", 1)[1].split("\n\n", 2)[1]
    assert "| `packet new [FILE]` |" in table and "| `packet import GUIDE -o FILE` |" in table
    for command in ("new", "import"):
        result = run(command, "--help")
        assert result.returncode == 0 and "Usage:" in result.stdout


def test_schedule_tables_with_clock_times_and_dated_week_headings():
    curriculum, _ = imported(GUIDES / "philosophy-schedule.md")
    assert (curriculum.meeting_minutes, curriculum.start_time) == (90, "18:00")
    assert [w.title for w in curriculum.weeks] == ["What is science?", "Paradigms"]
    week1 = items(curriculum, 1)
    assert [(i.kind, i.title, i.minutes) for i in week1] == [
        ("icebreaker", "Icebreaker", 10), ("reading", "Science: Conjectures and Refutations", 30),
        ("video", "Popper in 10 minutes", 15), ("discussion", "Discussion", 35),
    ]
    assert (week1[2].start, week1[2].end) == ("0:00", "9:30")
    week2 = items(curriculum, 2)
    assert [i.kind for i in week2] == ["icebreaker", "reading", "reading", "discussion", "wrap-up"]
    assert week2[2].early_finishers and week2[3].questions == ["Are paradigms incommensurable?", "Does science progress?"]
    assert week2[4].minutes == 10
    assert [t.summary for t in curriculum.tips] == ["Keep the whiteboard clear for the discussion."]


def test_docs_export_with_weeks_written_as_bold_lines_reads_the_same(tmp_path):
    # Many Docs guides bold a line instead of using a heading style: the
    # same export with its headings turned into bold paragraphs.
    html = (GUIDES / "minds-machines-docs-export.html").read_text()
    html = re.sub(r'<h1 class="c1" id="h\.\w+"><span class="c0">([^<]*)</span></h1>', r'<p class="c1"><span class="c2">\1</span></p>', html)
    guide = tmp_path / "bold-weeks.html"
    guide.write_text(html)
    bold, _ = imported(guide)
    headed, _ = imported(GUIDES / "minds-machines-docs-export.html")
    assert bold.weeks == headed.weeks and bold.tips == headed.tips and bold.readings == headed.readings


def test_steps_that_start_with_their_clock_time_and_old_readings():
    curriculum, _ = imported(GUIDES / "ethics-timetable.md")
    assert (curriculum.meeting_minutes, curriculum.start_time) == (120, "19:00")
    week1 = items(curriculum, 1)
    assert [(i.kind, i.title, i.minutes) for i in week1] == [
        ("icebreaker", "Welcome and icebreaker", 15), ("reading", "Utilitarianism, chapter 2", 40),
        ("reading", "The Experience Machine", None), ("activity", "Break", 5), ("video", "The trolley problem", 10),
        ("discussion", "Small-group discussion", 30), ("wrap-up", "Wrap-up", 20),
    ]
    mill = curriculum.reading(week1[1].readings[0])
    assert (mill.authors, mill.year) == (["J. S. Mill"], 1863)
    assert (week1[4].start, week1[4].end) == ("0:00", "5:20")
    assert any(note.startswith("Before the session") for note in curriculum.weeks[0].organizer_notes)
    kant = curriculum.reading(items(curriculum, 2)[1].readings[0])
    assert (kant.year, kant.sections.include, kant.sections.reason) == (1785, ["1"], "Section 1 only.")
    assert [t.summary for t in curriculum.tips] == ["Don't lecture; ask.", "Track who has not spoken yet."]


REAL_DOCS = Path(__file__).parent / "fixtures" / "real" / "gdocs"


def test_real_docs_export_lists_keep_their_levels_and_numbering():
    # A real export?format=html answer (provenance in tests/fixtures/real/INDEX.md):
    # the blocks a guide written this way gives the interpreter.
    from packet.authoring.read_guide import read_guide

    blocks = read_guide(REAL_DOCS / "lists.export.html")
    numbered = blocks[blocks.index(next(b for b in blocks if b.text == "And a numbered list:")) + 1:][:8]
    assert [(b.depth, b.ordinal, b.text) for b in numbered] == [
        (0, "1", "This is"), (0, "2", "A numbered"), (0, "3", "List of stuff."), (1, "a", "With"), (1, "b", "Subitems"),
        (2, "i", "And"), (2, "ii", "Sub-subitems"), (3, None, "But bulleted not numbered!"),
    ]
    titled = read_guide(REAL_DOCS / "titles-and-empty-headings.export.html")
    assert [b.text for b in titled if b.kind == "title"] == ["Document title!"]
