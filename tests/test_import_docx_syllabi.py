"""`packet import` on a Word facilitator guide hand-written for these tests
in the style of AI-safety course guides (AGI Safety Fundamentals / BlueDot):
a Word table of contents at the top (a TOC field: each entry a heading's
words, a tab and a PAGEREF page number), a readings table "Reading | Author
| Time | Link" with a video among the readings, a session plan table with a
minutes column, "Core readings" and "Extension readings" headings, reading
times written "20 mins", "~25 min", "1h 10m". Not a real course's guide."""

from __future__ import annotations

from pathlib import Path

import pytest

from packet.authoring.importer import guide_to_yaml
from packet.load import parse_curriculum

docx = pytest.importorskip("docx")
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402

from .test_import_docx_stress import add_link  # noqa: E402

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'




def add_toc(document, entries: list[tuple[int, str, int]]) -> None:
    """A table of contents as Word writes one: a TOC field around 'toc N'
    paragraphs, each an anchor link holding the heading's words, a tab and
    a PAGEREF field showing the page."""
    for level in {level for level, _, _ in entries}:
        document.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
    for n, (level, title, page) in enumerate(entries):
        p = document.add_paragraph(style=f"toc {level}")
        if n == 0:
            p._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>'))
            p._p.append(parse_xml(f'<w:r {W}><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'))
            p._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>'))
        p._p.append(parse_xml(
            f'<w:hyperlink {W} w:anchor="_Toc1000{n}" w:history="1">'
            f'<w:r><w:t xml:space="preserve">{title}</w:t></w:r><w:r><w:tab/></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1000{n} \\h </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{page}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
            "</w:hyperlink>"
        ))
        if n == len(entries) - 1:
            p._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))


def add_table(document, rows: list[list[str]], links: dict[tuple[int, int], str]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            if (r, c) in links:
                add_link(paragraph, links[(r, c)], value)
            else:
                paragraph.add_run(value).bold = r == 0


def course_guide(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Alignment Course — Facilitator Guide", style="Title")
    d.add_paragraph("Sessions are 2 hours, Tuesdays from 18:30.")
    d.add_paragraph("Contents", style="TOC Heading")
    add_toc(d, [(1, "Week 0: Welcome session", 2), (1, "Week 1: Introduction to machine learning", 3),
                (2, "Readings", 3), (2, "Session plan", 4), (1, "Week 2: Reward misspecification", 5)])
    d.add_heading("Week 0: Welcome session", level=1)
    d.add_paragraph("Icebreaker (15 min): names, backgrounds, and what brought you here.", style="List Number")
    d.add_heading("Week 1: Introduction to machine learning", level=1)
    d.add_heading("Readings", level=2)
    add_table(d, [["Reading", "Author", "Time", "Link"],
                  ["But what is a neural network?", "3Blue1Brown", "20 mins", "youtube.com"],
                  ["Machine Learning for Humans, Part 2.1", "Vishal Maini", "~25 min", "medium.com"],
                  ["Four Background Claims", "Nate Soares", "15 min", "intelligence.org"]],
              {(1, 3): "https://www.youtube.com/watch?v=aircAruvnKk",
               (2, 3): "https://medium.com/machine-learning-for-humans/supervised-learning-740383a2feab",
               (3, 3): "https://intelligence.org/2015/07/24/four-background-claims/"})
    d.add_heading("Session plan", level=2)
    add_table(d, [["Activity", "Minutes", "Notes"], ["Check-in", "10", "How was the reading?"],
                  ["Discussion", "45", "Use the prompts below"], ["Wrap-up", "5", "Preview next week"]], {})
    d.add_heading("Discussion prompts", level=2)
    d.add_paragraph("What surprised you about how neural networks learn?", style="List Number")
    d.add_heading("Week 2: Reward misspecification", level=1)
    d.add_heading("Core readings", level=2)
    p = d.add_paragraph(style="List Bullet")
    add_link(p, "https://openai.com/research/learning-from-human-preferences", "Learning from human preferences")
    p.add_run(" — OpenAI (10 mins)")
    d.add_heading("Extension readings", level=2)
    p = d.add_paragraph(style="List Bullet")
    add_link(p, "https://arxiv.org/abs/2209.13085", "Defining and Characterizing Reward Hacking")
    p.add_run(" by Skalse et al. (1h 10m)")
    d.save(str(path))
    return path


def imported(tmp_path: Path):
    text, _ = guide_to_yaml(course_guide(tmp_path / "course.docx"))
    return parse_curriculum(text, "imported.yaml"), text


def unplaced(text: str) -> str:
    marker = "# Lines of the guide this import could not place"
    return text[text.index(marker):] if marker in text else ""


def test_a_word_table_of_contents_is_skipped(tmp_path):
    curriculum, text = imported(tmp_path)
    assert [(w.number, w.title) for w in curriculum.weeks] == [
        (0, "Welcome session"), (1, "Introduction to machine learning"), (2, "Reward misspecification"),
    ]
    assert unplaced(text) == ""
    assert "Contents" not in text


def test_a_readings_table_gives_titles_authors_minutes_and_its_video(tmp_path):
    curriculum, _ = imported(tmp_path)
    week = curriculum.weeks[1]
    assert [(item.kind, item.minutes) for item in week.agenda] == [
        ("reading", None), ("video", 20), ("icebreaker", 10), ("discussion", 45), ("wrap-up", 5),
    ]
    ml, claims = (curriculum.reading(rid) for rid in week.agenda[0].readings)
    assert (ml.title, ml.authors, ml.minutes) == ("Machine Learning for Humans, Part 2.1", ["Vishal Maini"], 25)
    assert (claims.title, claims.authors, claims.minutes) == ("Four Background Claims", ["Nate Soares"], 15)
    video = week.agenda[1]
    assert (video.title, video.by, video.url) == ("But what is a neural network?", "3Blue1Brown", "https://www.youtube.com/watch?v=aircAruvnKk")
    assert week.agenda[3].questions == ["What surprised you about how neural networks learn?"]


def test_extension_readings_are_optional_and_core_ones_keep_their_minutes(tmp_path):
    curriculum, _ = imported(tmp_path)
    core, extension = curriculum.weeks[2].agenda
    assert (core.optional, extension.optional) == (False, True)
    assert core.notes is None  # "— OpenAI (10 mins)" is the reading's site and minutes
    assert curriculum.reading(core.readings[0]).minutes == 10
    assert curriculum.reading(extension.readings[0]).minutes == 70
