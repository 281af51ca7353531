"""Minutes and clock times as guides write them: "(10 min)", "[20 min]",
"Discussion - 15 minutes", "(1h30)", "half an hour", "Meetings are 2 hours
(120 minutes)", "we meet 6-8 pm", "18h30-20h00", "starting at 18:30"."""

from __future__ import annotations

import re

from packet.clock import CLOCK_RE, clock_minutes, format_clock

_NUM = r"(\d{1,3}(?:\.\d)?)"
# "10 min", "10 mins.", "10 minutes", "10m", and the prime of "10'" that
# people type for minutes.
_MIN = r"(?:(?:min(?:ute)?s?|mins?\.?|m)\b|\s?['’′](?![\w'’]))"
_HOURS = r"(?:h|hrs?|hours?)\b"
# One length of time, its parts named for `_duration`: minutes ("20 min",
# "10-15 minutes", "10'", "a 90-minute"), hours ("1.5h", "2 hours"), both
# ("1h30", "1 hr 45 min", "2 hours and 15 minutes") or words ("half an hour",
# "an hour and a half", "two hours"). Not the minutes of a clock time ("7:30").
_DURATION = (
    r"(?<!\d[.:])\b(?:"
    rf"(?P<hours>\d)\s*(?:hours?|hrs?|h)\.?,?\s*(?:and\s+)?(?P<mins>[0-5]?\d)(?:\s*{_MIN}|(?<=h\d\d)(?![\d'’′]))"
    rf"|(?P<low>\d{{1,3}}(?:\.\d{{1,2}}|\s*½)?)(?:\s*(?:-|–|to)\s*(?P<high>\d{{1,3}}(?:\.\d{{1,2}})?))?[\s-]*(?:(?P<unit_min>{_MIN})|{_HOURS})"
    r"|(?P<words>half an hour|(?:an|one) hour and a half|(?P<count>an?|one|two|three|four)(?P<half>\s+and\s+a\s+half)?[\s-]+hours?\b)"
    r")"
)
_ABOUT = r"(?:~|about|approx\.?|ca\.?|c\.)"
# Minutes of one block: in brackets, set off by a dash, colon or comma, or
# after a verb that says how long ("allow 10 minutes").
BRACKETED_MINUTES_RE = re.compile(rf"[(\[]\s*{_ABOUT}?\s*{_DURATION}\.?\s*[)\]]", re.I)
SET_OFF_MINUTES_RE = re.compile(rf"(?:^|[-–—:|,]\s*|\s)(?:~|about\s)?{_DURATION}\.?\s*(?=$|[-–—:|,.])", re.I)
SAID_MINUTES_RE = re.compile(rf"\b(?:allow|take|spend|about|for|give it)\s+(?:about\s+)?{_DURATION}", re.I)
BLOCK_MINUTES_RES = [BRACKETED_MINUTES_RE, SET_OFF_MINUTES_RE, SAID_MINUTES_RE]
# A block of more than five hours is a clock time misread ("9h30 - Welcome").
MAX_BLOCK_HOURS = 5
_WORD_NUMBERS = {"an": 1, "a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
MEETING_CONTEXT_RE = re.compile(r"\b(?:meet\w*|time|when|schedule|sessions?|class(?:es)?|gatherings?|lasts?|runs?|long|length|duration|hours?\b.*\b(?:each|per|every))\b", re.I)
DURATION_RE = re.compile(_DURATION, re.I)
# Words beside a clock range that make it the meetings' time ("Thursdays 6-8pm").
CLOCK_CONTEXT_RE = re.compile(
    r"\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?|every|weekly|evenings?|mornings?|afternoons?|each)\b",
    re.I,
)
RANGE_RE = re.compile(rf"\b{CLOCK_RE}\s*(?:-|–|—|to|until)\s*{CLOCK_RE}", re.I)
START_RE = re.compile(rf"\b(?:start\w*|begin\w*|from|at|meet\w*|time)\b[^.\d]{{0,25}}?{CLOCK_RE}", re.I)


LEADING_CLOCK_RANGE_RE = re.compile(
    r"^\s*[(\[]?\s*(\d{1,2})[:.](\d{2})\s*(?:am|pm)?\s*(?:-|–|—|to)\s*(\d{1,2})[:.](\d{2})\s*(?:am|pm)?\s*[)\]]?\s*[—–\-:|,]?\s*",
    re.I,
)


# "7:15 – Silent reading": a clock time that only says when a step starts.
LEADING_CLOCK_RE = re.compile(r"^\s*\d{1,2}[:.]\d{2}\s*(?:am|pm)?(?:\s*[—–\-:|]\s*(?=\D)|\s+(?=[A-Za-z]))", re.I)


def leading_clock(text: str) -> tuple[int, str] | None:
    """The clock time a step opens with ("17:40 — Reading", "7:15 – ...",
    "18:10–18:40 ..."), as minutes after midnight, and as written."""
    match = LEADING_CLOCK_RANGE_RE.match(text) or LEADING_CLOCK_RE.match(text)
    if not match:
        return None
    said = re.match(r"\s*[(\[]?\s*(\d{1,2})[:.](\d{2})", text)
    hour, minute = int(said.group(1)), int(said.group(2))
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute, f"{hour}:{minute:02d}"


def leading_clock_range(text: str) -> tuple[int | None, str]:
    """Minutes of a step that opens with its clock times ("18:10-18:40 Read
    ..." or "0:10-0:40"), and the text without them."""
    match = LEADING_CLOCK_RANGE_RE.match(text)
    if not match:
        single = LEADING_CLOCK_RE.match(text)
        return None, text[single.end():] if single else text
    start = int(match.group(1)) * 60 + int(match.group(2))
    end = int(match.group(3)) * 60 + int(match.group(4))
    minutes = (end - start) % (12 * 60)
    if not 0 < minutes <= 300:
        return None, text
    return minutes, text[match.end():]


MINUTES_LINE_RE = re.compile(
    r"^\s*(?:(?:time|timing|duration|length|allow|allot|budget|takes?)\b\s*:?\s*)?(?:about|approx(?:imately|\.)?|roughly|around|ca\.?|~)?\s*"
    rf"{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?\s*{_MIN}\.?\s*$",
    re.I,
)


def minutes_line(sentence: str) -> float | None:
    """The minutes of a sentence that says only how long a step takes
    ("Time: 30 minutes.", "About 10 minutes.")."""
    match = MINUTES_LINE_RE.match(sentence)
    if not match:
        return None
    value = float(match.group(1))
    return (int(value) if value == int(value) else value) if 0 < value <= 600 else None


def _duration(match: re.Match) -> tuple[float, bool]:
    """Minutes of a length of time matched by _DURATION, and whether it was
    written in hours or words (so converted)."""
    if match.group("hours"):
        return int(match.group("hours")) * 60 + int(match.group("mins")), True
    if match.group("words"):
        words = match.group("words").lower()
        if words == "half an hour":
            return 30, True
        if words.endswith("hour and a half"):
            return 90, True
        return _WORD_NUMBERS[match.group("count").lower()] * 60 + (30 if match.group("half") else 0), True
    low = float(match.group("low").replace(" ", "").replace("½", ".5"))
    return (low, False) if match.group("unit_min") else (low * 60, True)


def _plausible(match: re.Match) -> bool:
    value, converted = _duration(match)
    return 0 < value <= (MAX_BLOCK_HOURS * 60 if converted else 600)


def _number(value: float) -> float:
    return int(value) if value == int(value) else value


def block_minutes(text: str) -> tuple[float | None, str | None]:
    """Minutes a guide gives one block, and the words when they were a range
    or hours (a guess to comment)."""
    for pattern in BLOCK_MINUTES_RES:
        match = pattern.search(text)
        if not match:
            continue
        if not _plausible(match):
            continue
        value, converted = _duration(match)
        note = None
        if match.group("high"):
            note = f"minutes: the lower end of {match.group(0).strip(' ()[]:-–—,')!r}"
        elif converted:
            note = f"minutes from {match.group(0).strip(' ()[]:-–—,')!r}"
        return _number(value), note
    return None, None


def strip_block_minutes(text: str) -> str:
    for pattern in (BRACKETED_MINUTES_RE, SET_OFF_MINUTES_RE):
        text = pattern.sub(lambda match: " " if _plausible(match) else match.group(0), text)
    return re.sub(r"\s+", " ", text).strip()


# "18h30", "9h": the French clock, as "18:30" for CLOCK_RE; hours before 7
# are more often lengths ("1h30").
_FRENCH_CLOCK_RE = re.compile(r"(?<![\d:.])([7-9]|1\d|2[0-3])h([0-5]\d)?\b", re.I)


def _with_colons(sentence: str) -> str:
    return _FRENCH_CLOCK_RE.sub(lambda m: f"{m.group(1)}:{m.group(2) or '00'}", sentence)


def meeting_minutes(text: str) -> int | None:
    """How long meetings are, from a sentence that talks about meetings."""
    for sentence in re.split(r"(?<=[.!?;])\s+|\n", text):
        clock = RANGE_RE.search(_with_colons(sentence))
        if clock and (MEETING_CONTEXT_RE.search(sentence) or CLOCK_CONTEXT_RE.search(sentence)):
            start = clock_minutes(clock.group(1), clock.group(2), clock.group(3) or clock.group(6))
            end = clock_minutes(*clock.group(4, 5, 6))
            if start is not None and end is not None:
                minutes = (end - start) % (24 * 60)
                if 15 <= minutes <= 600:
                    return minutes
        if not MEETING_CONTEXT_RE.search(sentence):
            continue
        # A length written in minutes says it most exactly ("2 hours (120 minutes)").
        lengths = sorted((_duration(m) for m in DURATION_RE.finditer(sentence)), key=lambda length: length[1])
        for value, _ in lengths:
            if 15 <= value <= 600:
                return int(value)
    return None


def start_time(text: str) -> str | None:
    """When meetings start, from "6-8 pm", "from 18:00", "starting at 6:30pm"."""
    for sentence in re.split(r"(?<=[.!?;])\s+|\n", text):
        sentence = _with_colons(sentence)
        clock = RANGE_RE.search(sentence)
        if clock and (MEETING_CONTEXT_RE.search(sentence) or CLOCK_CONTEXT_RE.search(sentence)):
            half = clock.group(3) or clock.group(6)
            start = clock_minutes(clock.group(1), clock.group(2), half)
            if start is not None:
                return format_clock(start)
        for match in START_RE.finditer(sentence):
            if match.group(2) or match.group(3):
                start = clock_minutes(*match.group(1, 2, 3))
                if start is not None:
                    return format_clock(start)
    return None
