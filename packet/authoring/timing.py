"""Minutes and clock times as guides write them: "(10 min)", "[20 min]",
"Discussion - 15 minutes", "Meetings are 2 hours (120 minutes)", "we meet
6-8 pm", "starting at 18:30"."""

from __future__ import annotations

import re

_NUM = r"(\d{1,3}(?:\.\d)?)"
_MIN = r"(?:min(?:ute)?s?|mins?\.?|m)\b"
_HOURS = r"(?:h|hrs?|hours?)\b"
# Minutes of one block: in brackets, or set off by a dash or colon.
BLOCK_MINUTES_RES = [
    re.compile(rf"[(\[]\s*(?:~|about|approx\.?|ca\.?|c\.)?\s*{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?\s*{_MIN}\.?\s*[)\]]", re.I),
    re.compile(rf"[(\[]\s*(?:~|about)?\s*{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?\s*{_HOURS}\s*[)\]]", re.I),
    re.compile(rf"(?:^|[-–—:|,]\s*|\s)(?:~|about\s)?{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?\s*{_MIN}\.?\s*(?=$|[-–—:|,.])", re.I),
    re.compile(rf"\b(?:allow|take|spend|about|for|give it)\s+(?:about\s+)?{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?\s*{_MIN}", re.I),
]
_WORD_NUMBERS = {"an": 1, "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "one and a half": 1.5, "an hour and a half": 1.5}
MEETING_CONTEXT_RE = re.compile(r"\b(?:meet\w*|time|when|schedule|sessions?|class(?:es)?|gatherings?|lasts?|runs?|long|length|duration|hours?\b.*\b(?:each|per|every))\b", re.I)
DURATION_RE = re.compile(
    rf"\b(?P<n>\d{{1,3}}(?:\.\d+)?|an hour and a half|one and a half|an?|one|two|three|four)[\s-]*(?P<unit>{_HOURS}|{_MIN}|minutes?)",
    re.I,
)
CLOCK_RE = r"(\d{1,2})(?::([0-5]\d))?\s*(a\.?m\.?|p\.?m\.?)?"
RANGE_RE = re.compile(rf"\b{CLOCK_RE}\s*(?:-|–|—|to|until)\s*{CLOCK_RE}", re.I)
START_RE = re.compile(rf"\b(?:start\w*|begin\w*|from|at|meet\w*|time)\b[^.\d]{{0,25}}?{CLOCK_RE}", re.I)


LEADING_CLOCK_RANGE_RE = re.compile(
    r"^\s*[(\[]?\s*(\d{1,2})[:.](\d{2})\s*(?:am|pm)?\s*(?:-|–|—|to)\s*(\d{1,2})[:.](\d{2})\s*(?:am|pm)?\s*[)\]]?\s*[—–\-:|,]?\s*",
    re.I,
)


# "7:15 – Silent reading": a clock time that only says when a step starts.
LEADING_CLOCK_RE = re.compile(r"^\s*\d{1,2}[:.]\d{2}\s*(?:am|pm)?\s*[—–\-:|]\s*(?=\D)", re.I)


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


def meeting_minutes(text: str) -> int | None:
    """How long meetings are, from a sentence that talks about meetings."""
    for sentence in re.split(r"(?<=[.!?;])\s+|\n", text):
        clock = RANGE_RE.search(sentence)
        if clock and MEETING_CONTEXT_RE.search(sentence):
            start = _clock((clock.group(1), clock.group(2), clock.group(3) or clock.group(6)))
            end = _clock(clock.group(4, 5, 6))
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


def _clock(parts: tuple[str | None, str | None, str | None]) -> int | None:
    hour_text, minute_text, half = parts
    hour, minute = int(hour_text), int(minute_text or 0)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower().startswith("p") else 0)
    elif minute_text is None or hour > 23:
        return None
    return hour * 60 + minute


def start_time(text: str) -> str | None:
    """When meetings start, from "6-8 pm", "from 18:00", "starting at 6:30pm"."""
    for sentence in re.split(r"(?<=[.!?;])\s+|\n", text):
        clock = RANGE_RE.search(sentence)
        if clock and MEETING_CONTEXT_RE.search(sentence):
            half = clock.group(3) or clock.group(6)
            start = _clock((clock.group(1), clock.group(2), half))
            if start is not None:
                return f"{start // 60:02d}:{start % 60:02d}"
        for match in START_RE.finditer(sentence):
            if match.group(2) or match.group(3):
                start = _clock(match.group(1, 2, 3))
                if start is not None:
                    return f"{start // 60:02d}:{start % 60:02d}"
    return None
