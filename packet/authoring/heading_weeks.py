"""Weeks written without a week word: headings that are dates ("## 14 January
— Privacy", "## Jan 21: ...", "## 2027-01-28 – ...", "## Tuesday 4 February")
or numbered in sequence ("## 1. Privacy", "## 2. Surveillance").

Only asked for when nothing else in the guide marks weeks, and only when most
headings at one level (and at least two) have the same shape.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from packet.authoring.blocks import Block

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t"
    r"|septembre|octobre|novembre|d[ée]cembre)\.?"
)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FRENCH_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_WEEKDAY = (
    r"(?:(?P<weekday>(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    r"\.?,?\s+)?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_REST = r"(?=$|[\s\-–—:|,.(])\s*(?:[-–—:|,.]+\s*)?(?P<rest>.*?)\s*$"
DATE_HEADING_RES = [
    re.compile(r"^\s*" + _WEEKDAY + r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + _REST, re.I),
    re.compile(r"^\s*" + _WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + _YEAR + _REST, re.I),
    re.compile(r"^\s*" + _WEEKDAY + _MONTH + r"\s+" + _DAY + _YEAR + _REST, re.I),
]
# "1. Privacy", "2) Surveillance", "3 — Work".
NUMBERED_HEADING_RE = re.compile(r"^\s*(?P<number>\d{1,2})\s*(?:[.):]|\s[-–—])\s*(?P<title>\S.*?)\s*$")
# A year the guide's preface names for its term: "Spring 2027", "January 2027", "2026/27".
_TERM_YEAR_RE = re.compile(
    r"\b(?:spring|summer|fall|autumn|winter|term|semester|session|year|cohort|" + _MONTH.replace("?P<month>", "?:")
    + r")\s*,?\s*(?P<year>(?:19|20)\d\d)\b(?:\s*[/–-]\s*(?P<next>(?:19|20)?\d\d)\b)?",
    re.I,
)

# In the guide's title or a heading before the weeks, any year: "Ethics Circle 2027".
_HEADING_YEAR_RE = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b(?:\s*[/–-]\s*(?P<next>(?:19|20)?\d\d)\b)?")


def date_heading(text: str) -> dict[str, Any] | None:
    """The date a heading opens with, as {year, month, day, weekday, rest}, if any."""
    for pattern in DATE_HEADING_RES:
        match = pattern.match(text)
        if match is None:
            continue
        word = match.group("month").lower().rstrip(".")
        month = int(word) if word.isdigit() else MONTHS.get(word) or MONTHS.get(word[:3])
        day = int(match.group("day"))
        if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
            continue
        year = match.group("year")
        return {
            "year": int(year) if year else None, "month": month, "day": day, "weekday": match.group("weekday"),
            "said": text[: match.start("rest")].strip(" -–—:|,."), "rest": match.group("rest"),
        }
    return None


def _majority(blocks: list[Block], shaped: dict[int, Any]) -> int | None:
    """The heading level where most headings (and at least two) have a shape."""
    levels = Counter(b.level for b in blocks if b.kind == "heading")
    hits = Counter(blocks[i].level for i in shaped)
    for level, count in sorted(hits.items()):
        if count >= 2 and count * 2 > levels[level]:
            return level
    return None


def _term_year(blocks: list[Block]) -> tuple[int, int | None, str] | None:
    """The year (and the next, for "2026/27") the guide's title or preface
    names; none when it names more than one."""
    years = []
    for block in blocks:
        pattern = _HEADING_YEAR_RE if block.kind in ("title", "heading") else _TERM_YEAR_RE
        for match in pattern.finditer(block.text):
            first = int(match.group("year"))
            second = match.group("next")
            later = (first // 100 * 100 + int(second) if len(second) == 2 else int(second)) if second else None
            years.append((first, later if later == first + 1 else None, match.group(0).strip()))
    if len({(a, b) for a, b, _ in years}) == 1:
        return years[0]
    return None


def dated_weeks(blocks: list[Block]) -> list[tuple[int, dict[str, Any]]] | None:
    """Week starts (block index, week fields) for a guide whose week headings
    are dates, numbered from 1 in order."""
    found = {i: d for i, b in enumerate(blocks) if b.kind == "heading" and (d := date_heading(b.text))}
    level = _majority(blocks, found)
    if level is None:
        return None
    starts = [(i, d) for i, d in found.items() if blocks[i].level == level]
    term = _term_year(blocks[: starts[0][0]])
    year: int | None = None
    previous_month = 0
    weeks = []
    for n, (i, d) in enumerate(starts, start=1):
        notes = ["numbered in the order of the dated headings, from 1"] if n == 1 else []
        when = None
        if d["year"]:
            year = d["year"]
        elif year is not None:
            year += d["month"] < previous_month  # December, then January
            when = f"the year {year}, from the headings before it"
        elif term is not None:
            first, second, said = term
            year = second if second and d["month"] < 8 else first
            when = f"the year {year}, from {said!r}"
        previous_month = d["month"]
        fields: dict[str, Any] = {"number": str(n), "title": d["rest"]}
        try:
            date = dt.date(year, d["month"], d["day"]) if year else None
        except ValueError:
            date = None
        if date is None:
            fields["title"], fields["date_in_title"] = blocks[i].text.strip(), True
            notes.append(f"the guide gives no year for {d['said']!r}: kept in the title (add date: YYYY-MM-DD)")
        else:
            fields["date"] = date
            if when:
                notes.append(f"date {date.isoformat()} with {when}")
            weekday = (d["weekday"] or "").lower()
            names = WEEKDAYS if weekday[:3] in WEEKDAYS else _FRENCH_DAYS
            said_day = next((k for k, name in enumerate(names) if weekday.startswith(name[:3])), None)
            if weekday and said_day is not None and said_day != date.weekday():
                notes.append(f"the guide says {d['weekday']}, but {date.isoformat()} is a {date.strftime('%A')}")
            if not fields["title"]:
                fields["title"] = d["said"]
                notes.append("the guide gives this week no title: named after its date")
        fields["notes"] = notes
        weeks.append((i, fields))
    return weeks


def numbered_weeks(blocks: list[Block]) -> list[tuple[int, dict[str, Any]]] | None:
    """Week starts for a guide whose week headings are numbered in sequence
    ("## 1. Privacy", "## 2. Surveillance"), each numbered by its number."""
    found = {i: m for i, b in enumerate(blocks) if b.kind == "heading" and (m := NUMBERED_HEADING_RE.match(b.text))}
    level = _majority(blocks, found)
    if level is None:
        return None
    starts = [(i, m) for i, m in found.items() if blocks[i].level == level]
    numbers = [int(m.group("number")) for _, m in starts]
    if numbers[0] > 1 or any(b != a + 1 for a, b in zip(numbers, numbers[1:])):
        return None
    return [(i, {"number": m.group("number"), "title": m.group("title")}) for i, m in starts]
