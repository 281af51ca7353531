"""Semester dates: weekly cadence, breaks that push the semester back, one-off moves."""

from datetime import date

from packet.calendar import curriculum_dates, meeting_dates
from packet.load import parse_curriculum


def test_weeks_meet_weekly_from_the_first_meeting():
    dates = meeting_dates([0, 1, 2], date(2027, 1, 19))
    assert dates == {0: date(2027, 1, 19), 1: date(2027, 1, 26), 2: date(2027, 2, 2)}


def test_a_skipped_date_moves_that_week_and_all_later_weeks_one_week_on():
    dates = meeting_dates([0, 1, 2, 3], date(2027, 3, 2), skip=[date(2027, 3, 16)])
    assert dates == {
        0: date(2027, 3, 2),
        1: date(2027, 3, 9),
        2: date(2027, 3, 23),
        3: date(2027, 3, 30),
    }


def test_two_weeks_of_break_in_a_row_and_a_skipped_first_meeting():
    dates = meeting_dates(
        [0, 1, 2], date(2027, 3, 2), skip=[date(2027, 3, 2), date(2027, 3, 16), date(2027, 3, 23)]
    )
    assert dates == {0: date(2027, 3, 9), 1: date(2027, 3, 30), 2: date(2027, 4, 6)}


def test_an_override_moves_one_week_only():
    dates = meeting_dates([0, 1, 2], date(2027, 1, 19), overrides={1: date(2027, 1, 28)})
    assert dates == {0: date(2027, 1, 19), 1: date(2027, 1, 28), 2: date(2027, 2, 2)}


def test_no_first_meeting_gives_no_dates_except_overrides():
    assert meeting_dates([0, 1], None, overrides={1: date(2027, 5, 4)}) == {0: None, 1: date(2027, 5, 4)}


def test_dates_of_a_curriculum_use_its_skips_and_week_dates():
    curriculum = parse_curriculum(
        """
title: T
first_meeting: 2027-01-19
skip_dates: [2027-01-26]
weeks:
  - {number: 0, title: A}
  - {number: 1, title: B}
  - {number: 2, title: C, date: 2027-02-11}
"""
    )
    assert curriculum_dates(curriculum) == {
        0: date(2027, 1, 19),
        1: date(2027, 2, 2),
        2: date(2027, 2, 11),
    }
