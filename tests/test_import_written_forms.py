"""`packet import` on the ways people write minutes, meeting times and steps
that earlier imports misread: minutes after a "Read:" link, block lengths in
hours ("1h30", "1 hr 45 min", "half an hour"), meeting lengths and French
clock ranges, a bracketed duration after a bare link, a step whose question
is on the next line, bold week lines over step headings, an email with one
step a line, and a "Start | End | What" schedule table.

Every guide here is small and hand-written for these tests (none is a real
group's guide), in the shape a tester found misread.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from packet.authoring.importer import guide_to_yaml
from packet.authoring.timing import block_minutes, meeting_minutes, start_time
from packet.curriculum import Curriculum
from packet.load import parse_curriculum


def imported(tmp_path: Path, name: str, text: str) -> tuple[Curriculum, str]:
    guide = tmp_path / name
    guide.write_text(text, encoding="utf-8")
    yaml_text, _ = guide_to_yaml(guide)
    return parse_curriculum(yaml_text, "imported.yaml"), yaml_text


def steps(curriculum: Curriculum, number: int = 1) -> list[tuple]:
    week = next(w for w in curriculum.weeks if w.number == number)
    return [(item.kind, item.title, item.minutes, item.questions or None) for item in week.agenda]


def not_placed(yaml_text: str) -> str:
    return yaml_text.partition("could not place")[2]


@pytest.mark.parametrize(
    "text, minutes",
    [("Icebreaker (half an hour)", 30), ("Icebreaker — 1h", 60), ("Icebreaker (1h30)", 90),
     ("Icebreaker (1 h 15 min)", 75), ("Reading 1 hr 45 min", 105), ("Break (an hour and a half)", 90),
     ("Discussion: what would you do with an hour?", None), ("9h30 - Welcome", None), ("Watch 1:30 min", None)],
)
def test_block_lengths_written_in_hours_or_words(text, minutes):
    assert block_minutes(text)[0] == minutes


@pytest.mark.parametrize(
    "text, minutes, start",
    [
        ("Sessions last 1 hr 45 min, every Monday at 6pm.", 105, "18:00"),
        ("Sessions last 2 hours and 15 minutes.", 135, None),
        ("We meet for 1h30 on Tuesdays.", 90, None),
        ("We meet on Wednesdays, 18h30-20h00, room B12.", 90, "18:30"),
        ("Each session lasts one and a half hours, with a 10 minute break.", 90, None),
    ],
)
def test_meeting_lengths_in_hours_and_minutes_and_french_clock_ranges(text, minutes, start):
    assert (meeting_minutes(text), start_time(text)) == (minutes, start)


def test_minutes_after_a_read_label_and_its_link_are_the_steps_minutes(tmp_path):
    curriculum, _ = imported(tmp_path, "guide.md", (
        "# Readers\n\n## Week 1: Forms\n\n"
        "- Read: [A](https://example.org/a) — 30 min\n"
        "- Read: [B](https://example.org/b), 25 min\n"
        "- Read: https://example.org/c - 20 min\n"
        "- Read: [D](https://example.org/d) — 1h\n"
        "- Watch: [E](https://www.youtube.com/watch?v=abc), 15 min\n"
    ))
    assert [item.minutes for item in curriculum.weeks[0].agenda] == [30, 25, 20, 60, 15]


def test_block_lengths_in_hours_and_words_are_minutes_not_notes(tmp_path):
    curriculum, text = imported(tmp_path, "guide.md", (
        "# Durations\n\nMeetings last 4 hours.\n\n## Week 1: Forms\n\n"
        "- Check-in round, half an hour\n- Icebreaker — 1h\n- Discussion (1h30)\n- Activity (1 h 15 min)\n"
    ))
    assert steps(curriculum) == [
        ("icebreaker", "Check-in round", 30, None), ("icebreaker", "Icebreaker", 60, None),
        ("discussion", "Discussion", 90, None), ("activity", "Activity", 75, None),
    ]
    assert "# guessed: minutes from '1h30'" in text


def test_a_duration_in_brackets_after_a_bare_link_is_minutes_never_its_title(tmp_path):
    curriculum, _ = imported(tmp_path, "guide.md", (
        "# Readers\n\n## Week 1: Justice\n\n1. Read: https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1380240/ (35 min)\n"
    ))
    (reading,) = curriculum.readings
    assert "35" not in reading.title and "35" not in reading.id
    assert curriculum.weeks[0].agenda[0].minutes == 35


def test_a_step_with_its_minutes_does_not_swallow_the_question_on_the_next_line(tmp_path):
    curriculum, _ = imported(tmp_path, "guide.md", (
        "# Work circle\n\n## Week 1: Work\n\n"
        "- Discussion (25 min)\n  Do you have a bullshit job?\n  Why do such jobs persist?\n"
        "- Discussion 25'\n  Is work good for us?\n"
    ))
    assert steps(curriculum) == [
        ("discussion", "Discussion", 25, ["Do you have a bullshit job?", "Why do such jobs persist?"]),
        ("discussion", "Discussion", 25, ["Is work good for us?"]),
    ]


def test_bold_week_lines_over_step_headings_hold_their_steps(tmp_path):
    curriculum, text = imported(tmp_path, "guide.md", (
        "# Media Literacy Workshop\n\nMeetings: Fridays 14:00-15:30.\n\n"
        "**Week 1: What is news?**\n\n### Warm-up (10 min)\nShare a headline you saw today.\n\n"
        "### Discussion (40 min)\n- Is objectivity possible?\n\n"
        "**Week 2: Misinformation**\n\n### Discussion (40 min)\n- Why does false news travel faster?\n"
    ))
    assert curriculum.title == "Media Literacy Workshop"
    assert steps(curriculum, 1) == [
        ("icebreaker", "Warm-up", 10, None), ("discussion", "Discussion", 40, ["Is objectivity possible?"]),
    ]
    assert steps(curriculum, 2) == [("discussion", "Discussion", 40, ["Why does false news travel faster?"])]
    assert not not_placed(text)


def test_the_title_comes_from_before_the_first_week_not_a_step_heading(tmp_path):
    curriculum, text = imported(tmp_path, "guide.md", (
        "Neuroscience Journal Club\n\nEach session lasts 75 minutes.\n\n"
        "**Week 1: The predictive brain**\n\n### Intro\nA quick round of names.\n\n"
        "### Discussion (25 min)\n- Is prediction all the brain does?\n"
    ))
    assert curriculum.title == "Neuroscience Journal Club"
    assert steps(curriculum)[-1] == ("discussion", "Discussion", 25, ["Is prediction all the brain does?"])
    assert "A quick round of names." in text  # kept, placed or listed


def test_an_email_with_one_step_a_line_gives_one_step_per_line(tmp_path):
    curriculum, _ = imported(tmp_path, "plan.txt", (
        "Subject: plan for the tech ethics group\n\nHi all,\n\nWe meet Thursdays 18:00-19:30.\n\n"
        "Week 1: Privacy\n"
        "Intro round 10'\n"
        "Reading 30' - \"The Right to Privacy\" by Warren and Brandeis (1890), https://www.jstor.org/stable/1321160\n"
        "Discussion 25'\n"
        "  a) Is privacy a right or a preference?\n"
        "Wrap up 5'\n"
    ))
    assert steps(curriculum) == [
        ("icebreaker", "Intro round", 10, None),
        ("reading", "The Right to Privacy", 30, None),
        ("discussion", "Discussion", 25, ["Is privacy a right or a preference?"]),
        ("wrap-up", "Wrap up", 5, None),
    ]


def test_a_start_end_what_table_gives_minutes_and_keeps_the_end_out_of_the_text(tmp_path):
    curriculum, text = imported(tmp_path, "guide.md", (
        "# Night School\n\nSessions run 17:30–19:30 on Wednesdays.\n\n## Module 1: Wrap\n\n"
        "| Start | End | What |\n|---|---|---|\n"
        "| 17:30 | 18:00 | Recap presentation |\n"
        "| 18:00 | 19:00 | Final discussion: What would you change? |\n"
    ))
    assert steps(curriculum) == [
        ("presentation", "Recap presentation", 30, None),
        ("discussion", "Final discussion", 60, ["What would you change?"]),
    ]
    assert "19:00" not in str(curriculum.weeks[0].agenda[1].text or "")


# Hand-written: the Markdown form of the email above; before read_markdown cut
# such paragraphs, the whole plan was one paragraph and no week was found.
def test_a_markdown_guide_with_one_step_a_line_gives_one_step_per_line(tmp_path):
    curriculum, text = imported(tmp_path, "plan.md", (
        "# Tech ethics\n\nWe meet Thursdays 18:00-19:30.\n\n"
        "Week 1: Privacy\n"
        "Intro round 10'\n"
        "Reading 30' - \"The Right to Privacy\" by Warren and Brandeis (1890), https://www.jstor.org/stable/1321160\n"
        "Discussion 25'\n"
        "  a) Is privacy a right or a preference?\n"
        "Wrap up 5'\n\n"
        "## Tips\n\nKeep it friendly,\nand read the discussion 10 minutes early\nif you can.\n"
    ))
    assert steps(curriculum) == [
        ("icebreaker", "Intro round", 10, None),
        ("reading", "The Right to Privacy", 30, None),
        ("discussion", "Discussion", 25, ["Is privacy a right or a preference?"]),
        ("wrap-up", "Wrap up", 5, None),
    ]
    # Lines that do not open a step with its minutes stay in their paragraph.
    assert "Keep it friendly, and read the discussion 10 minutes early if you can." in text
