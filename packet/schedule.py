"""Minutes and clock times for a week's run-sheet: the schedule stage.

    Curriculum + Week (+ fetched word counts) -> Schedule of Blocks -> run-sheet

Every agenda item becomes a Block with minutes and a clock time. Where the
minutes come from is kept, because the facilitator should trust them
accordingly:

  given     the curriculum says so: the item's `minutes`, or for a reading
            block, each reading's `minutes`.
  derived   worked out from something measured: a video's start and end
            timestamps, or a reading's fetched word count at the reading
            speed (summed over the item's readings).
  guessed   from a word count written into the curriculum (`Reading.words`)
            when the reading has not been fetched: someone's estimate.
  default   nothing to go on: the per-kind default of DEFAULT_MINUTES.

A block made of several readings takes the least certain of its parts'
sources (a given part and a default part make a default block).

Optional, early-finisher and if-time items are `extras`: they are timed but
not counted, and the run-sheet lists them after the cut line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from packet.curriculum import AgendaItemBase, Curriculum, ReadingItem, Video, Week, timestamp_seconds

Source = Literal["given", "derived", "guessed", "default"]

#: Minutes for an item with nothing else to go on, by kind. A reading's
#: default is per reading of the block; a video's applies when it has no end.
DEFAULT_MINUTES: dict[str, float] = {
    "icebreaker": 10,
    "reading": 20,
    "discussion": 15,
    "video": 15,
    "presentation": 15,
    "activity": 10,
    "feedback": 5,
    "wrap-up": 5,
}

#: Slow and fast readers relative to the planned speed: 110 and 200 wpm at
#: 150 wpm, the ends of the careful-reading range (see schedule_week). The
#: run-sheet prints both ("slow readers: ~30 min") so the facilitator knows
#: when the first readers will be done and how long the last ones need.
SLOW_READER = 110 / 150
FAST_READER = 200 / 150

#: A plan this many minutes short of the meeting gets an "under" warning;
#: a few spare minutes are normal slack, not a problem.
UNDER_TOLERANCE = 10

_DEFAULT_PHRASES = {
    "icebreaker": "an icebreaker",
    "reading": "a reading",
    "discussion": "a discussion",
    "video": "a video with no end time",
    "presentation": "a presentation",
    "activity": "an activity",
    "feedback": "feedback",
    "wrap-up": "a wrap-up",
}

# A reading block whose given minutes are this much shorter than its
# readings' words take (both the ratio and the minutes) gets a warning:
# a 30-minute block for a 58-minute reading, not 30 for 36.
READING_OVER_RATIO = 1.5
READING_OVER_MINUTES = 10

_SOURCE_ORDER: dict[str, int] = {"given": 0, "derived": 1, "guessed": 2, "default": 3}


@dataclass
class Block:
    """One agenda item on the run-sheet, timed.

    `start` and `end` are clock times ("18:00"); extras have none, since
    they happen only if and when time allows. `slow_minutes` and
    `fast_minutes` are set for reading blocks whose length comes from word
    counts: how long slow and fast readers take. `words_warning` is set for
    a reading block whose given minutes are far fewer than its readings'
    words take at the group's speed.
    """

    item: AgendaItemBase
    title: str
    kind: str
    minutes: float
    source: Source
    how: str
    start: str | None = None
    end: str | None = None
    slow_minutes: float | None = None
    fast_minutes: float | None = None
    running_time: str | None = None
    words_warning: str | None = None


@dataclass
class Schedule:
    """A week's plan in minutes and clock times, and whether it fits.

    `blocks` is the main plan in order; `extras` the optional, early-finisher
    and if-time items (timed, not counted in `total_minutes`). `over_by` and
    `under_by` are minutes (at most one is non-zero); `warnings` are whole
    sentences for the top of the run-sheet.
    """

    week: Week
    start: str
    blocks: list[Block]
    extras: list[Block]
    total_minutes: float
    meeting_minutes: int
    over_by: float
    under_by: float
    warnings: list[str] = field(default_factory=list)
    end: str = ""

    @property
    def meeting_end(self) -> str:
        """When the meeting is due to end, whatever the plan says."""
        return clock_after(self.start, self.meeting_minutes)


def schedule_week(
    curriculum: Curriculum,
    week: Week,
    *,
    start: str | None = None,
    reading_words: dict[str, int] | None = None,
    reading_speed: int | None = None,
) -> Schedule:
    """Time every agenda item of `week` and lay the main plan on the clock.

    `start` defaults to the curriculum's start_time, `reading_speed` to its
    reading_speed. `reading_words` maps reading ids to word counts of the
    fetched text; those readings are timed from it ("derived").

    The curriculum's default speed, 150 words per minute, is for careful
    reading on paper. Reading-rate studies put careful reading for study
    and understanding at roughly 100-200 wpm, against 230-300 wpm for
    ordinary silent reading and more for skimming; in the meeting people
    read unfamiliar technical text with a pencil in hand, annotating for
    the discussion that follows, so 150 sits in the middle of the careful
    range. Reading blocks timed from word counts also carry slow (110 wpm)
    and fast (200 wpm) reader times.

    Derived minutes are rounded: a video's running time to the nearest half
    minute (16:25 and 16:35 both plan 16½; the run-sheet prints the exact
    running time beside it), readings up to the next whole minute.
    """
    start = start or curriculum.start_time
    speed = reading_speed or curriculum.reading_speed
    words = reading_words or {}
    blocks: list[Block] = []
    extras: list[Block] = []
    elapsed = 0.0
    for item in week.agenda:
        block = _time_item(curriculum, item, words, speed)
        if item.is_extra:
            extras.append(block)
            continue
        block.start = clock_after(start, elapsed)
        elapsed += block.minutes
        block.end = clock_after(start, elapsed)
        blocks.append(block)
    meeting = curriculum.meeting_minutes
    over_by = max(0.0, elapsed - meeting)
    under_by = max(0.0, meeting - elapsed)
    schedule = Schedule(
        week=week,
        start=start,
        blocks=blocks,
        extras=extras,
        total_minutes=elapsed,
        meeting_minutes=meeting,
        over_by=over_by,
        under_by=under_by,
        end=clock_after(start, elapsed),
    )
    schedule.warnings = _warnings(schedule)
    return schedule


def _time_item(curriculum: Curriculum, item, words: dict[str, int], speed: int) -> Block:
    kind = item.kind
    title = item.title or kind.capitalize()
    block = Block(item=item, title=title, kind=kind, minutes=0, source="default", how="")
    if isinstance(item, Video) and item.end is not None:
        seconds = timestamp_seconds(item.end) - timestamp_seconds(item.start)
        block.running_time = format_duration(seconds)
    if item.minutes is not None:
        block.minutes, block.source, block.how = float(item.minutes), "given", "given in the curriculum"
        if isinstance(item, ReadingItem):
            counted = Block(item=item, title=title, kind=kind, minutes=0, source="default", how="")
            _time_readings(curriculum, item, words, speed, counted)
            if counted.source in ("derived", "guessed") and counted.minutes >= max(
                block.minutes * READING_OVER_RATIO, block.minutes + READING_OVER_MINUTES
            ):
                named = item.title or ", ".join(curriculum.reading(r).title for r in item.readings)
                block.words_warning = (
                    f'"{named}" is given {format_minutes(block.minutes)} minutes, but its words take about '
                    f"{format_minutes(counted.minutes)} at {speed} words a minute: print only some sections, "
                    "or give it more time."
                )
    elif isinstance(item, Video) and item.end is not None:
        block.minutes = round_half(timestamp_seconds(item.end) / 60 - timestamp_seconds(item.start) / 60)
        block.source = "derived"
        block.how = f"from the video's timestamps {item.start}-{item.end}"
    elif isinstance(item, ReadingItem):
        _time_readings(curriculum, item, words, speed, block)
    else:
        block.minutes = float(DEFAULT_MINUTES[kind])
        block.how = "default for " + _DEFAULT_PHRASES[kind]
    return block


def _time_readings(curriculum: Curriculum, item: ReadingItem, words: dict[str, int], speed: int, block: Block) -> None:
    """Sum the item's readings: fetched words, given minutes, curriculum words, or the default."""
    exact = slow = fast = 0.0
    sources: list[str] = []
    parts: list[str] = []
    counted_words = False
    for reading_id in item.readings:
        reading = curriculum.reading(reading_id)
        # The organizer's own minutes beat the word count: the field exists
        # for readings people are known to take longer (or shorter) over.
        if reading.minutes is not None:
            count, source = None, "given"
        elif reading_id in words:
            count, source = words[reading_id], "derived"
        elif reading.words is not None:
            count, source = reading.words, "guessed"
        else:
            count, source = None, "default"
        sources.append(source)
        if count is not None:
            counted_words = True
            exact += count / speed
            slow += count / (speed * SLOW_READER)
            fast += count / (speed * FAST_READER)
            estimate = " (estimate)" if source == "guessed" else ""
            parts.append(f"{count:,} words{estimate} at {speed} wpm")
        else:
            minutes = float(reading.minutes) if source == "given" else float(DEFAULT_MINUTES["reading"])
            exact += minutes
            slow += minutes
            fast += minutes
            if source == "given":
                parts.append(f"{format_minutes(minutes)} min given")
            else:
                # A reading not in the packet is never fetched: no word count will come.
                parts.append("default for a reading" + ("" if reading.in_packet else " not in the packet"))
    block.minutes = float(math.ceil(exact - 1e-9))
    block.source = max(sources, key=_SOURCE_ORDER.__getitem__)  # type: ignore[assignment]
    block.how = " + ".join(parts)
    if counted_words:
        block.slow_minutes = float(math.ceil(slow - 1e-9))
        block.fast_minutes = float(math.ceil(fast - 1e-9))


def _warnings(schedule: Schedule) -> list[str]:
    meeting = schedule.meeting_minutes
    warnings: list[str] = []
    if not schedule.blocks:
        warnings.append(f"Nothing is planned for this meeting: add agenda items to fill the {meeting} minutes.")
    elif schedule.over_by > 0:
        cut = " (see below the cut line)" if schedule.extras else ""
        warnings.append(
            f"Runs {format_minutes(schedule.over_by)} {_minutes_word(schedule.over_by)} over the "
            f"{meeting}-minute meeting: drop or shorten something{cut}."
        )
    elif schedule.under_by >= UNDER_TOLERANCE:
        extra = sum(block.minutes for block in schedule.extras)
        spare = (
            f"the extras below the cut line fill about {format_minutes(extra)} more"
            if extra
            else "plan more discussion, or end early"
        )
        warnings.append(
            f"Plans only {format_minutes(schedule.total_minutes)} of {meeting} minutes: {spare}."
        )
    unsure = [b for b in schedule.blocks if b.source in ("guessed", "default")]
    if unsure:
        warnings.append(
            f"{len(unsure)} of {len(schedule.blocks)} blocks have guessed or default minutes "
            "(marked ?): check them before the meeting."
        )
    for block in schedule.blocks + schedule.extras:
        if block.words_warning:
            warnings.append(block.words_warning)
        if isinstance(block.item, Video) and not block.item.url:
            warnings.append(f'The video "{block.title}" has no link yet: choose it before the meeting.')
    return warnings


def clock_after(start: str, minutes: float) -> str:
    """The clock time `minutes` after `start` ("18:00"), to the nearest minute, half up."""
    hours, mins = (int(part) for part in start.split(":"))
    total = hours * 60 + mins + int(math.floor(minutes + 0.5))
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


def round_half(minutes: float) -> float:
    """To the nearest half minute (16:25 -> 16.5, 16:35 -> 16.5, 12:30 -> 12.5)."""
    return math.floor(minutes * 2 + 0.5) / 2


def format_minutes(minutes: float) -> str:
    """Minutes as people write them: 5, 16½."""
    whole = int(minutes)
    rest = minutes - whole
    if abs(rest) < 1e-9:
        return str(whole)
    if abs(rest - 0.5) < 1e-9:
        return f"{whole}½" if whole else "½"
    return f"{minutes:.1f}"


def format_duration(seconds: int) -> str:
    """A running time as a video player shows it: 16:35, 1:02:03."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _minutes_word(minutes: float) -> str:
    return "minute" if minutes == 1 else "minutes"
