"""`packet import` on weeks that list their readings or questions apart from
their plan ("### Readings" above "### Plan", "**Discussion questions**"
below the agenda), and on links to local files and other non-web addresses.

Every guide here is small and hand-written for these tests (none is a real
group's guide), in the shape a tester found misread; each test failed on
the code before the change it covers, except the one that keeps a readings
list as its own block when the week has no reading step (today's behaviour,
kept on purpose).
"""

from __future__ import annotations

from pathlib import Path

from packet.authoring.importer import guide_to_yaml
from packet.curriculum import Curriculum
from packet.load import parse_curriculum


def imported(tmp_path: Path, text: str) -> tuple[Curriculum, str]:
    guide = tmp_path / "guide.md"
    guide.write_text(text, encoding="utf-8")
    yaml_text, _ = guide_to_yaml(guide)
    return parse_curriculum(yaml_text, "imported.yaml"), yaml_text


def agenda(curriculum: Curriculum, number: int = 1) -> list[tuple]:
    week = next(w for w in curriculum.weeks if w.number == number)
    return [(item.kind, item.minutes, list(getattr(item, "readings", None) or []), list(getattr(item, "questions", None) or []))
            for item in week.agenda]


def test_a_weeks_readings_list_belongs_to_its_reading_step(tmp_path):
    curriculum, _ = imported(tmp_path, (
        "# Biosecurity Group\n\nWe meet 18:00-20:00.\n\n## Week 1: Pandemics\n\n"
        "### Readings\n\n- Core: [Preparedness](https://example.org/prep) (Inglesby, 2020)\n"
        "- Core: [Catastrophic risks](https://example.org/gcbr)\n- Optional: [Hundred days](https://example.org/100days)\n\n"
        "### Plan\n\n1. Introductions (10 min)\n2. Silent reading of the core readings (50 min)\n3. Discussion (40 min)\n\n"
        "## Week 2: Dual use\n\n### Readings\n\n- [Dual use research](https://example.org/durc)\n\n"
        "### Plan\n\n1. Check-in (10 min)\n2. Reading (45 min)\n3. Discussion (50 min)\n"
    ))
    assert agenda(curriculum, 1) == [
        ("icebreaker", 10, [], []),
        ("reading", 50, ["preparedness", "catastrophic-risks"], []),
        ("reading", None, ["hundred-days"], []),
        ("discussion", 40, [], []),
    ]
    assert curriculum.weeks[0].agenda[2].optional
    assert agenda(curriculum, 2) == [
        ("icebreaker", 10, [], []), ("reading", 45, ["dual-use-research"], []), ("discussion", 50, [], []),
    ]
    assert curriculum.weeks[1].agenda[1].title == "Dual use research"


def test_a_readings_list_stays_a_block_when_the_week_has_no_reading_step(tmp_path):
    curriculum, _ = imported(tmp_path, (
        "# Group\n\n## Week 1: Pandemics\n\n### Readings\n\n- [Preparedness](https://example.org/prep)\n\n"
        "### Plan\n\n1. Introductions (10 min)\n2. Discussion (40 min)\n"
    ))
    assert agenda(curriculum) == [
        ("reading", None, ["preparedness"], []), ("icebreaker", 10, [], []), ("discussion", 40, [], []),
    ]


def test_a_weeks_discussion_questions_belong_to_its_discussion_step(tmp_path):
    curriculum, text = imported(tmp_path, (
        "# Philosophy of Language\n\n## Week 1 — Meaning\n\n**Agenda**\n\n"
        "1. Introductions — 15 min\n2. Reading — 45 min\n   - [On Sense and Reference](https://example.org/frege)\n"
        "3. Discussion — 45 min\n4. Wrap-up — 15 min\n\n"
        "**Discussion questions**\n\n- Why does Frege need sense at all?\n- Can a name refer to nothing?\n"
    ))
    assert agenda(curriculum) == [
        ("icebreaker", 15, [], []),
        ("reading", 45, ["sense-reference"], []),
        ("discussion", 45, [], ["Why does Frege need sense at all?", "Can a name refer to nothing?"]),
        ("wrap-up", 15, [], []),
    ]
    assert "# guessed: questions: those the week lists under 'Discussion questions'" in text


def test_a_link_to_a_local_file_is_a_reading_with_its_path(tmp_path):
    curriculum, text = imported(tmp_path, (
        "# Local Files Group\n\n## Week 1: Handouts\n\n"
        "1. Read: [Week 1 handout](readings/week1.pdf) (30 min)\n"
        "2. Read: [Slides](file:///home/sam/slides.pdf) (10 min)\n\n"
        "## Week 2: More\n\n1. Read: [Shared notes](../shared/notes.html) (30 min)\n"
    ))
    paths = {reading.title: reading.path for reading in curriculum.readings}
    assert paths == {"Week 1 handout": "readings/week1.pdf", "Slides": "/home/sam/slides.pdf",
                     "Shared notes": "../shared/notes.html"}
    assert [item.kind for week in curriculum.weeks for item in week.agenda] == ["reading"] * 3
    assert "# guessed: a file beside the guide" in text


def test_links_that_are_neither_web_pages_nor_files_are_listed_with_their_address(tmp_path):
    _, text = imported(tmp_path, (
        "# Group\n\n## Week 1: Odd links\n\n"
        "1. Read: [Mail me](mailto:sam@example.org) (5 min)\n2. Read: [FTP copy](ftp://ftp.example.org/paper.pdf) (5 min)\n"
    ))
    listed = text.partition("could not place")[2]
    assert "mailto:sam@example.org" in listed and "ftp://ftp.example.org/paper.pdf" in listed


def test_a_local_file_link_in_a_word_or_google_docs_guide_is_kept(tmp_path):
    guide = tmp_path / "guide.html"
    guide.write_text(
        "<html><body><h1>Group</h1><h2>Week 1: Handouts</h2>"
        "<ol><li>Read: <a href=\"readings/week1.pdf\">Week 1 handout</a> (30 min)</li>"
        "<li>Read: <a href=\"ftp://ftp.example.org/paper.pdf\">FTP copy</a> (5 min)</li></ol></body></html>",
        encoding="utf-8",
    )
    yaml_text, _ = guide_to_yaml(guide)
    curriculum = parse_curriculum(yaml_text, "imported.yaml")
    assert [reading.path for reading in curriculum.readings] == ["readings/week1.pdf"]
    assert "ftp://ftp.example.org/paper.pdf" in yaml_text.partition("could not place")[2]


def readings_of(tmp_path: Path, text: str, name: str = "guide.md") -> list[tuple]:
    guide = tmp_path / name
    guide.write_text(text, encoding="utf-8")
    curriculum = parse_curriculum(guide_to_yaml(guide)[0], "imported.yaml")
    return [(reading.title, reading.authors, reading.site) for reading in curriculum.readings]


def test_an_author_written_before_the_title_is_not_the_title(tmp_path):
    assert readings_of(tmp_path, (
        "# Cities\n\n## Week 1: Streets\n\n"
        "* Read: Jane Jacobs, *The Death and Life of Great American Cities*, ch. 2 (https://example.org/jacobs.pdf) – 45 min\n"
        "* Read: Darwin, On the Origin of Species, ch. 4 https://example.org/origin (50 min)\n"
        "* Read: Superintelligence, Nick Bostrom, https://example.org/superintelligence (20 min)\n"
    )) == [
        ("The Death and Life of Great American Cities", ["Jane Jacobs"], None),
        ("On the Origin of Species", ["Darwin"], None),
        ("Superintelligence", ["Nick Bostrom"], None),
    ]


def test_a_title_in_guillemets_is_quoted(tmp_path):
    assert readings_of(tmp_path, (
        "# Villes\n\n## Week 1: Bus\n\n"
        "* Read: Peñalosa, «Por qué los buses», 2013, https://example.org/penalosa – 40 min\n"
        "* Read: Arne Næss, « The Shallow and the Deep », 1973, https://example.org/naess (30 min)\n"
    )) == [("Por qué los buses", ["Peñalosa"], None), ("The Shallow and the Deep", ["Arne Næss"], None)]


def test_a_surname_and_a_year_beside_a_title_are_its_author_not_its_site(tmp_path):
    assert readings_of(tmp_path, (
        "Urban Ecology Group\n\nWeek 1: Cities\n\nREADING (40 min)\n"
        "\"Urban ecology: patterns, processes, and applications\", Niemelä, 1999.\nhttps://example.org/niemela\n\n"
        "READING (20 min)\n\"Against the grain\" (LessWrong, 2023) https://example.org/grain\n"
    ), "guide.txt") == [
        ("Urban ecology: patterns, processes, and applications", ["Niemelä"], None),
        ("Against the grain", [], "LessWrong"),
    ]
