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
