"""Clock times as people write them: "18:30", "6pm", "6:30 p.m.", "18h30".

One reading of a time for the whole program: `packet new --start` and the
build's `--start` take a time through `parse_clock`, and the guide importer
finds times inside sentences with `CLOCK_RE` and `clock_minutes`.
"""

from __future__ import annotations

import re

# A time inside a sentence: hour, minutes, am/pm. A bare hour ("at 6") says
# nothing without am/pm; `clock_minutes` refuses it.
CLOCK_RE = r"(\d{1,2})(?:[:.]([0-5]\d))?\s*(a\.?m\.?|p\.?m\.?)?"
_WHOLE_RE = re.compile(rf"^\s*{CLOCK_RE}\s*$", re.I)
_FRENCH_RE = re.compile(r"^\s*(\d{1,2})\s*h\s*([0-5]\d)?\s*$", re.I)  # "18h30", "18h"


def clock_minutes(hour_text: str, minute_text: str | None, half: str | None) -> int | None:
    """Minutes after midnight of an hour, minutes and am/pm as matched by
    CLOCK_RE; None when they do not make a time."""
    hour, minute = int(hour_text), int(minute_text or 0)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower().startswith("p") else 0)
    elif minute_text is None or hour > 23:
        return None
    return hour * 60 + minute


def format_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_clock(text: str) -> str | None:
    """A time written on its own, as "hh:mm"; None when it is not one."""
    match = _WHOLE_RE.match(text)
    if match:
        minutes = clock_minutes(*match.group(1, 2, 3))
    elif french := _FRENCH_RE.match(text):
        minutes = clock_minutes(french.group(1), french.group(2) or "00", None)
    else:
        return None
    return format_clock(minutes) if minutes is not None else None
