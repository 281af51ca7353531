"""Semester dates: which day each week meets, for run-sheets and handouts.

Meetings are weekly from the curriculum's `first_meeting`. A date in
`skip_dates` (a break, a holiday) has no meeting: the week that would have
met then, and every week after it, moves one week later. A week's own
`date` overrides its slot for that week alone; the weekly cadence of the
others carries on as if it had met in its usual slot (an override moves a
meeting to another day, it does not shift the semester).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from packet.curriculum import Curriculum

WEEK = dt.timedelta(days=7)


def meeting_dates(
    weeks: list[int],
    first_meeting: dt.date | None,
    skip: Iterable[dt.date] = (),
    overrides: Mapping[int, dt.date] = {},  # noqa: B006 - never mutated
) -> dict[int, dt.date | None]:
    """The meeting date of each week number, in the order given.

    Without `first_meeting` only overridden weeks have a date; the others
    map to None.
    """
    skipped = set(skip)
    dates: dict[int, dt.date | None] = {}
    slot = first_meeting
    for number in weeks:
        if slot is not None:
            while slot in skipped:
                slot += WEEK
        dates[number] = overrides.get(number, slot)
        if slot is not None:
            slot += WEEK
    return dates


def curriculum_dates(curriculum: Curriculum) -> dict[int, dt.date | None]:
    """`meeting_dates` for a Curriculum: its weeks, first meeting, skips and week dates."""
    return meeting_dates(
        [week.number for week in curriculum.weeks],
        curriculum.first_meeting,
        curriculum.skip_dates,
        {week.number: week.date for week in curriculum.weeks if week.date is not None},
    )


def calendar_notes(curriculum: Curriculum) -> list[str]:
    """What `packet check` should point out about the calendar although it
    is valid: a skip date inside the semester that falls on no meeting day
    (a typo for the meeting's day moves nothing, silently), and weeks listed
    out of number order (the calendar follows the list, not the numbers)."""
    notes: list[str] = []
    numbers = [week.number for week in curriculum.weeks]
    if numbers != sorted(numbers):
        shown = ", ".join(map(str, numbers[:12])) + (", ..." if len(numbers) > 12 else "")
        notes.append(f"weeks are listed out of number order ({shown}); dates and the semester run-sheet follow the list")
    first = curriculum.first_meeting
    if first is None or not curriculum.skip_dates:
        return notes
    usual = meeting_dates(numbers, first, curriculum.skip_dates)
    last = max(d for d in usual.values() if d is not None)
    for day in sorted(set(curriculum.skip_dates)):
        if first < day < last and day.weekday() != first.weekday():
            notes.append(
                f"skip_dates: {day.isoformat()} is a {day:%A}, and meetings are on {first:%A}s: "
                "it moves no meeting (meant the meeting of that week? write its date)"
            )
    return notes
