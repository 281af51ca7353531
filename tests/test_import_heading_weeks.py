"""`packet import` on guides whose weeks are headings without a week word:
dates ("## 14 January — Privacy", "## Jan 21: ...", "## 2027-01-28 – ...",
"## Tuesday 4 February") or numbers in sequence ("## 1. Privacy").

Hand-written for these tests (none is a real group's guide), in the shapes a
tester found imported as "no weeks found"; each test fails on the code before
this change, except the two guards that say what is still not a week.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from packet.authoring.importer import guide_to_yaml
from packet.authoring.read_guide import GuideError
from packet.curriculum import Curriculum
from packet.load import parse_curriculum


def imported(tmp_path: Path, text: str, name: str = "guide.md") -> tuple[Curriculum, str]:
    guide = tmp_path / name
    guide.write_text(text, encoding="utf-8")
    yaml_text, _ = guide_to_yaml(guide)
    return parse_curriculum(yaml_text, "imported.yaml"), yaml_text


STEPS = "- Read: [A paper](https://example.org/{n}) (30 min)\n- Discussion (45 min)\n"


def dated_guide(preface: str, headings: list[str]) -> str:
    weeks = "".join(f"## {h}\n\n{STEPS.format(n=n)}\n" for n, h in enumerate(headings))
    return f"# Tuesday Night Philosophy\n\n{preface}\n\n{weeks}"


MIXED = ["14 January — Privacy", "Jan 21: Free speech", "2027-01-28 – Work", "Tuesday 4 February"]


def test_date_headings_are_weeks_numbered_from_one_with_the_year_of_the_term(tmp_path):
    curriculum, yaml_text = imported(tmp_path, dated_guide("Spring 2027. We meet 7-9pm.", MIXED))
    assert [(w.number, w.title, w.date) for w in curriculum.weeks] == [
        (1, "Privacy", dt.date(2027, 1, 14)),
        (2, "Free speech", dt.date(2027, 1, 21)),
        (3, "Work", dt.date(2027, 1, 28)),
        (4, "Tuesday 4 February", dt.date(2027, 2, 4)),
    ]
    assert all(len(w.agenda) == 2 for w in curriculum.weeks)
    assert "date 2027-01-14 with the year 2027, from 'Spring 2027'" in yaml_text
    assert "date: 2027-01-28\n" in yaml_text  # written as a date, not a quoted string


def test_date_headings_without_a_year_keep_the_date_in_the_title(tmp_path):
    curriculum, yaml_text = imported(tmp_path, dated_guide("We meet 7-9pm.", MIXED[:2]))
    assert [(w.number, w.title, w.date) for w in curriculum.weeks] == [
        (1, "14 January — Privacy", None), (2, "Jan 21: Free speech", None),
    ]
    assert "# guessed: the guide gives no year for '14 January'" in yaml_text


def test_a_year_in_the_guide_title_dates_the_weeks(tmp_path):
    curriculum, _ = imported(tmp_path, dated_guide("We meet 7-9pm.", MIXED[:2]).replace("Philosophy", "Philosophy 2027", 1))
    assert [(w.title, w.date) for w in curriculum.weeks] == [
        ("Privacy", dt.date(2027, 1, 14)), ("Free speech", dt.date(2027, 1, 21)),
    ]


def test_a_year_in_one_date_heading_carries_to_the_next_across_new_year(tmp_path):
    headings = ["10 December 2026 — Privacy", "17 December — Speech", "7 January — Work"]
    curriculum, yaml_text = imported(tmp_path, dated_guide("We meet 7-9pm.", headings))
    assert [w.date for w in curriculum.weeks] == [dt.date(2026, 12, 10), dt.date(2026, 12, 17), dt.date(2027, 1, 7)]
    assert "with the year 2027, from the headings before it" in yaml_text


def test_an_academic_year_gives_autumn_and_spring_their_years(tmp_path):
    curriculum, _ = imported(tmp_path, dated_guide("Academic year 2026/27.", ["Nov 5 - A", "Feb 4 - B"]))
    assert [w.date for w in curriculum.weeks] == [dt.date(2026, 11, 5), dt.date(2027, 2, 4)]


def test_a_weekday_that_does_not_match_the_date_is_said(tmp_path):
    _, yaml_text = imported(tmp_path, dated_guide("Spring 2027.", ["Monday 4 January — A", "Monday 11 January — B"]))
    assert "the guide says Monday, but 2027-01-04 is a Monday" not in yaml_text
    _, yaml_text = imported(tmp_path, dated_guide("Spring 2027.", ["Tuesday 4 January — A", "Tuesday 11 January — B"]))
    assert "the guide says Tuesday, but 2027-01-04 is a Monday" in yaml_text


def test_other_headings_at_the_week_level_are_kept_not_lost(tmp_path):
    text = dated_guide("We meet 7-9pm.", MIXED[:3]) + "## Reading notes\n\nBring a pen to every meeting.\n"
    curriculum, yaml_text = imported(tmp_path, text)
    assert len(curriculum.weeks) == 3
    assert "Bring a pen to every meeting." in yaml_text


def test_one_dated_heading_among_others_is_not_a_week(tmp_path):
    text = "# Club\n\n## About\n\nHi.\n\n## 14 January — Launch\n\n- Discussion (45 min)\n\n## Format\n\nWe talk.\n"
    with pytest.raises(GuideError, match="no weeks found"):
        imported(tmp_path, text)


def test_numbered_headings_are_weeks_numbered_by_their_number(tmp_path):
    text = "# Philosophy\n\nWe meet 7-9pm.\n\n" + "".join(
        f"## {n}. {title}\n\n{STEPS.format(n=n)}\n" for n, title in enumerate(["Privacy", "Surveillance", "Work"], start=1)
    )
    curriculum, _ = imported(tmp_path, text)
    assert [(w.number, w.title) for w in curriculum.weeks] == [(1, "Privacy"), (2, "Surveillance"), (3, "Work")]
    assert [item.kind for item in curriculum.weeks[1].agenda] == ["reading", "discussion"]


def test_numbered_headings_out_of_sequence_are_not_weeks(tmp_path):
    text = "# Philosophy\n\n" + "".join(f"## {n}. Part\n\n{STEPS.format(n=n)}\n" for n in (1, 3, 2))
    with pytest.raises(GuideError, match="no weeks found"):
        imported(tmp_path, text)


def test_week_words_still_win_over_numbered_step_headings(tmp_path):
    text = "# Club\n\n## Week 1: Privacy\n\n### 1. Read (30 min)\n\n### 2. Discuss (45 min)\n\n## Week 2: Work\n\n- Discussion (45 min)\n"
    curriculum, _ = imported(tmp_path, text)
    assert [(w.number, w.title) for w in curriculum.weeks] == [(1, "Privacy"), (2, "Work")]


@pytest.mark.parametrize(
    "heading",
    ["## Semaine {n} : Titre", "## Séance {n} - Titre", "## Sesión {n}: Título", "## Woche {n} – Titel", "## Sitzung {n}"],
)
def test_week_words_of_other_languages_mark_weeks(tmp_path, heading):
    # Hand-written: a two-week guide whose week lines are in French, Spanish or German.
    text = "# Groupe de lecture\n\n" + "".join(
        f"{heading.format(n=n)}\n\n1. Discussion (30 min)\n   - What did you think?\n\n" for n in (1, 2)
    )
    guide = tmp_path / "guide.md"
    guide.write_text(text, encoding="utf-8")
    yaml_text, _ = guide_to_yaml(guide)
    curriculum = parse_curriculum(yaml_text, "imported.yaml")
    assert [w.number for w in curriculum.weeks] == [1, 2]
