"""Regressions a review found in 829d8c4's import changes.

1. A schedule table ("Time | Topic | Materials" over "18:00 | Welcome ...")
   was read as a readings table: "Time" as each reading's minutes and
   "Materials" as its title, so a week of three timed steps became one
   reading block with the steps in its notes. A column of clock times is
   when each step starts, and "Materials"/"Resources" name a reading only
   beside an author or link.
2. The term was the first sentence of any first paragraph ("Spring is
   here.", "Updated March 2025.", "Founded in 2019."): it is a season or
   term's name with its year, in 40 characters at most.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from packet.authoring.blocks import Run
from packet.authoring.importer import guide_to_yaml
from packet.authoring.tables import column_roles
from packet.curriculum import Curriculum
from packet.load import parse_curriculum


def imported(tmp_path: Path, name: str, text: str) -> tuple[Curriculum, str]:
    guide = tmp_path / name
    guide.write_text(text, encoding="utf-8")
    yaml_text, _ = guide_to_yaml(guide)
    return parse_curriculum(yaml_text, "imported.yaml"), yaml_text


def agenda(curriculum: Curriculum, week: int) -> list[tuple]:
    items = next(w for w in curriculum.weeks if w.number == week).agenda
    return [(item.kind, item.title, item.minutes) for item in items]


def roles(header: list[str], rows: list[list[str]] | None = None) -> list[str] | None:
    if rows is None:
        return column_roles([[Run(text)] for text in header])
    return column_roles([[Run(text)] for text in header], [[[Run(text)] for text in row] for row in rows])


SCHEDULE_MD = """\
# Mind Group

## Week 1: Bats

| Time | Topic | Materials |
|---|---|---|
| 18:00 | Welcome and intro talk | Slides, projector |
| 18:15 | Reading: [bat](https://example.org/bat) | |
| 18:45 | Discussion | Whiteboard |
"""

# The same table as a Google Docs export writes it: no <th>, the header is
# the first row.
SCHEDULE_HTML = """\
<html><body><p class="title">Mind Group</p>
<h1>Week 1: Bats</h1>
<table>
<tr><td><p>Time</p></td><td><p>Topic</p></td><td><p>Materials</p></td></tr>
<tr><td><p>18:00</p></td><td><p>Welcome and intro talk</p></td><td><p>Slides, projector</p></td></tr>
<tr><td><p>18:15</p></td><td><p>Reading: <a href="https://example.org/bat">bat</a></p></td><td></td></tr>
<tr><td><p>18:45</p></td><td><p>Discussion</p></td><td><p>Whiteboard</p></td></tr>
</table></body></html>
"""


@pytest.mark.parametrize(("name", "text"), [("guide.md", SCHEDULE_MD), ("guide.html", SCHEDULE_HTML)])
def test_a_schedule_table_with_a_materials_column_is_timed_steps_not_a_reading(tmp_path, name, text):
    curriculum, yaml_text = imported(tmp_path, name, text)
    assert agenda(curriculum, 1) == [
        ("icebreaker", "Welcome and intro talk", 15),
        ("reading", "bat", 30),
        ("discussion", "Discussion", None),
    ]
    assert "(18:00)" not in yaml_text and "Slides, projector (18:00)" not in yaml_text


def test_time_reading_notes_is_a_schedules_header():
    # A bare "Time" before the title is when a step starts, as at a8d493e.
    assert roles(["Time", "Reading", "Notes"]) == ["time", "name", "details"]
    assert roles(["Time", "Topic", "Materials"]) == ["time", "name", "details"]


def test_time_reading_notes_over_clock_times_is_a_schedule():
    assert roles(["Time", "Reading", "Notes"], [["18:00", "Check-in", ""], ["18:10", "Nagel", "aloud"]]) == ["time", "name", "details"]


@pytest.mark.parametrize(
    "times",
    [("18:00", "18:15", "18:45"), ("6:15pm", "6:30pm", "7:00pm"), ("18.00", "18.15", "18.45"), ("18:00–18:15", "18:15–18:45", "18:45–19:30")],
)
def test_a_column_of_clock_times_is_when_each_step_starts(tmp_path, times):
    guide = SCHEDULE_MD.replace("| 18:00 |", f"| {times[0]} |").replace("| 18:15 |", f"| {times[1]} |").replace("| 18:45 |", f"| {times[2]} |")
    curriculum, _ = imported(tmp_path, "guide.md", guide)
    assert [(kind, title) for kind, title, _ in agenda(curriculum, 1)] == [
        ("icebreaker", "Welcome and intro talk"), ("reading", "bat"), ("discussion", "Discussion"),
    ]
    assert agenda(curriculum, 1)[1][2] == 30


@pytest.mark.parametrize("clock", ["18:00", "6:15pm", "18.00", "6 pm", "18h30", "18:00–18:30"])
def test_a_column_of_clock_times_is_never_a_readings_minutes(clock):
    rows = [["Welcome", "Slides", clock], ["Discussion", "", clock]]
    assert roles(["Reading", "Resources", "Time"], rows)[2] == "time"
    assert roles(["Reading", "Author", "Time", "Link"], [["A", "B", clock, "https://example.org/a"]])[2] == "time"


def test_readings_tables_still_read_as_readings():
    assert roles(["Title", "Time", "URL"], [["A", "30 min", "https://example.org/a"], ["B", "15m", "https://example.org/b"]]) == [
        "title", "read_minutes", "link",
    ]
    assert roles(["Reading", "Author", "Time", "Link"], [["A", "B", "20", "https://example.org/a"]]) == [
        "title", "author", "read_minutes", "link",
    ]
    assert roles(["Required?", "Reading", "Minutes"], [["Yes", "A", "20"]]) == ["flag", "title", "read_minutes"]
    assert roles(["Reading", "Time"], [["A", "30 min"]]) == ["title", "read_minutes"]
    assert roles(["Resources", "Link"], [["A", "https://example.org/a"]]) == ["title", "link"]


def test_materials_beside_only_minutes_is_no_readings_table():
    assert roles(["Materials", "Minutes"], [["Slides", "5"]]) == ["name", "minutes"]


def guide_with_first_paragraph(first: str) -> str:
    return f"""\
# Mind Group

{first} We meet Thursdays at 18:00 in Room 4.

## Week 1: Bats

Read [bat](https://example.org/bat) (20 min).

Discussion (30 min)
"""


@pytest.mark.parametrize("first", ["Spring is here.", "Updated March 2025.", "Founded in 2019."])
def test_a_first_sentence_with_a_season_or_a_year_is_not_the_term(tmp_path, first):
    curriculum, yaml_text = imported(tmp_path, "guide.md", guide_with_first_paragraph(first))
    assert curriculum.term is None
    assert first in yaml_text  # kept among the lines not placed, not lost


@pytest.mark.parametrize("term", ["Spring 2027", "Fall term 2026", "Michaelmas 2026", "2026–27"])
def test_a_first_sentence_naming_a_term_and_year_is_the_term(tmp_path, term):
    curriculum, _ = imported(tmp_path, "guide.md", guide_with_first_paragraph(f"{term}."))
    assert curriculum.term == term
    assert curriculum.start_time is not None and str(curriculum.start_time).startswith("18:00")


# Section numbers ("3.12", "10.15") read as dotted clock times ("18.00")
# made a readings table a schedule, and "Section" named a step's column.
SECTIONS = [["3.12", "Modal logic", "https://example.org/modal"], ["10.15", "Tense logic", "https://example.org/tense"]]


@pytest.mark.parametrize("first", ["Section", "§", "Part", ""])
def test_a_column_of_section_numbers_is_no_clock(first):
    assert roles([first, "Reading", "Link"], SECTIONS) == ["details", "title", "link"]


def test_dotted_times_are_clock_times_under_a_time_header_or_beside_an_unmistakable_one():
    times = [["18.00", "Welcome", "https://example.org/w"], ["18.15", "Nagel", "https://example.org/bat"]]
    assert roles(["Time", "Reading", "Link"], times) == ["time", "name", "details"]
    assert roles(["Start", "Reading", "Link"], times) == ["time", "name", "details"]
    assert roles(["Time", "Activity"], [row[:2] for row in times]) == ["time", "name"]
    # No header says so, but "18:45" is no section number: the column is a
    # clock's, and the table no readings table.
    assert roles(["", "Reading", "Link"], [*times, ["18:45", "Discussion", ""]]) is None
    # "Section" beside a reading's minutes alone is still a schedule's step.
    assert roles(["Section", "Reading", "Minutes"], [["3.12", "Nagel", "20"]]) == ["name", "details", "minutes"]


def test_a_readings_table_with_section_numbers_imports_as_readings_and_a_dotted_schedule_as_steps(tmp_path):
    readings = ("# Logic Group\n\n## Week 1: Modality\n\n| Section | Reading | Link |\n|---|---|---|\n"
                "| 3.12 | Modal logic | https://example.org/modal |\n| 10.15 | Tense logic | https://example.org/tense |\n\n"
                "### Discussion (30 min)\n")
    curriculum, _ = imported(tmp_path, "readings.md", readings)
    assert agenda(curriculum, 1) == [("reading", "Modal logic / Tense logic", None), ("discussion", "Discussion", 30)]
    schedule = ("# Logic Group\n\n## Week 1: Modality\n\n| Time | Activity |\n|---|---|\n"
                "| 18.00 | Welcome |\n| 18.15 | Reading: [Modal logic](https://example.org/modal) |\n| 18.45 | Discussion |\n")
    curriculum, _ = imported(tmp_path, "schedule.md", schedule)
    assert agenda(curriculum, 1) == [("icebreaker", "Welcome", 15), ("reading", "Modal logic", 30), ("discussion", "Discussion", None)]
