"""Minutes and clock times as guides write them: "(10 min)", "[20 min]",
"Discussion - 15 minutes", "Meetings are 2 hours (120 minutes)", "we meet
6-8 pm", "starting at 18:30"."""

from __future__ import annotations

import re

from packet.clock import CLOCK_RE, clock_minutes, format_clock

_NUM = r"(\d{1,3}(?:\.\d)?)"
# "10 min", "10 mins.", "10 minutes", "10m", and the prime of "10'" that
# people type for minutes.
_MIN = r"(?:(?:min(?:ute)?s?|mins?\.?|m)\b|\s?['’′](?![\w'’]))"
_HOURS = r"(?:h|hrs?|hours?)\b"
# Minutes of one block: in brackets, or set off by a dash or colon.
BLOCK_MINUTES_RES = [
    re.compile(rf"[(\[]\s*(?:~|about|approx\.?|ca\.?|c\.)?\s*{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?\s*{_MIN}\.?\s*[)\]]", re.I),
    re.compile(rf"[(\[]\s*(?:~|about)?\s*{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?\s*{_HOURS}\s*[)\]]", re.I),
    re.compile(rf"(?:^|[-–—:|,]\s*|\s)(?:~|about\s)?{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?\s*{_MIN}\.?\s*(?=$|[-–—:|,.])", re.I),
    re.compile(rf"\b(?:allow|take|spend|about|for|give it)\s+(?:about\s+)?{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?\s*{_MIN}", re.I),
]
_WORD_NUMBERS = {"an": 1, "a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
MEETING_CONTEXT_RE = re.compile(r"\b(?:meet\w*|time|when|schedule|sessions?|class(?:es)?|gatherings?|lasts?|runs?|long|length|duration|hours?\b.*\b(?:each|per|every))\b", re.I)
DURATION_RE = re.compile(
    rf"\b(?P<n>\d{{1,3}}(?:\.\d+)?|an?|one|two|three|four)[\s-]*(?P<unit>{_HOURS}|{_MIN}|minutes?)",
    re.I,
)
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


def block_minutes(text: str) -> tuple[float | None, str | None]:
    """Minutes a guide gives one block, and the words when they were a range
    or hours (a guess to comment)."""
    for i, pattern in enumerate(BLOCK_MINUTES_RES):
        match = pattern.search(text)
        if not match:
            continue
        low = float(match.group(1))
        high = match.group(2)
        value = low * 60 if i == 1 else low
        if not 0 < value <= 600:
            continue
        note = None
        if high:
            note = f"minutes: the lower end of {match.group(0).strip(' ()[]:-–—,')!r}"
        elif i == 1:
            note = f"minutes from {match.group(0).strip(' ()[]')!r}"
        return (int(value) if value == int(value) else value), note
    return None, None


def strip_block_minutes(text: str) -> str:
    for pattern in BLOCK_MINUTES_RES[:3]:
        text = pattern.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


_HALVES = [
    (re.compile(r"\b(?:an|one) hour and a half\b", re.I), "1.5 hours"),
    (re.compile(r"\b(one|two|three) and a half hours?\b", re.I), lambda m: f"{_WORD_NUMBERS[m.group(1).lower()] + 0.5} hours"),
    (re.compile(r"\b(\d)\s*½\s*", re.I), lambda m: f"{m.group(1)}.5 "),
    (re.compile(r"\bhalf an hour\b", re.I), "30 minutes"),
]


def _spelled_out(sentence: str) -> str:
    """"an hour and a half" as "1.5 hours", so one pattern reads both."""
    for pattern, replacement in _HALVES:
        sentence = pattern.sub(replacement, sentence)
    return sentence


def meeting_minutes(text: str) -> int | None:
    """How long meetings are, from a sentence that talks about meetings."""
    for sentence in re.split(r"(?<=[.!?;])\s+|\n", text):
        sentence = _spelled_out(sentence)
        clock = RANGE_RE.search(sentence)
        if clock and (MEETING_CONTEXT_RE.search(sentence) or CLOCK_CONTEXT_RE.search(sentence)):
            start = clock_minutes(clock.group(1), clock.group(2), clock.group(3) or clock.group(6))
            end = clock_minutes(*clock.group(4, 5, 6))
            if start is not None and end is not None:
                minutes = (end - start) % (24 * 60)
                if 15 <= minutes <= 600:
                    return minutes
        if not MEETING_CONTEXT_RE.search(sentence):
            continue
        durations = [(m.group("n"), m.group("unit")) for m in DURATION_RE.finditer(sentence)]
        minutes_given = [n for n, unit in durations if unit.lower().startswith("m") and n.replace(".", "").isdigit()]
        if minutes_given and 15 <= float(minutes_given[0]) <= 600:
            return int(float(minutes_given[0]))
        for n, unit in durations:
            value = float(n) if n.replace(".", "").isdigit() else _WORD_NUMBERS.get(n.lower())
            if value and unit.lower().startswith("h") and 0.25 <= value <= 10:
                return int(value * 60)
    return None


def start_time(text: str) -> str | None:
    """When meetings start, from "6-8 pm", "from 18:00", "starting at 6:30pm"."""
    for sentence in re.split(r"(?<=[.!?;])\s+|\n", text):
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
