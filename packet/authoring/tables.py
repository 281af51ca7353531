"""Schedule and reading tables -> one item per row, for the Markdown and
HTML readers.

Guides often give a week as a table ("Time | Activity | Details"). A row
becomes the line a person would have written for the step: "17:40 — Reading
(30 min): details", so the interpreter reads it like any other step. The
columns are known by their header's words; without a header that names
them, a row's cells are joined in order.

A week's readings are often a table too ("Reading | Author | Link", "Title |
Time | URL", "Required? | Reading | Minutes"). Its header names a reading's
column and no step's; a row becomes the line a person would have written
for the reading: "Optional: [Title](link) by Author (2019) (20 min)", and
the table a list under "Readings:" unless a heading of its own is right
above it. Its "Time" is how long a reading takes.

A schedule names its columns with some of the same words ("Time | Topic |
Materials", "Time | Reading | Notes"), so the body decides as well as the
header: a column whose cells are clock times ("18:00", "6:15pm", "18.00") is
when each step starts, never how long a reading takes, and a table with one
is a schedule. Dotted numbers alone ("3.12", "10.15") are a book's sections
as often as times: clock times only under a header such as "Time" or
"Start", or beside a time written otherwise ("18:15"); and a "Section" or
"Part" column beside a reading's link or author is which part it is, not
a step. A bare "Time" column counts as a reading's minutes only after
the title's column ("Reading | Time"), and "Materials" or "Resources" name a
reading's column only beside its author or link.
"""

from __future__ import annotations

import re

from packet.authoring.blocks import BARE_URL_RE, Block, Run
from packet.authoring.vocabulary import match_week
from packet.clock import parse_clock

_ROLES = [
    ("time", re.compile(r"^(?:time|times|when|clock|start(?:s| time)?|at|from)$", re.I)),
    ("end", re.compile(r"^(?:end(?:s| time)?|until|till|to|finish(?:es)?)$", re.I)),
    ("minutes", re.compile(r"^(?:min(?:ute)?s?|mins?\.?|duration|length|how long|time \(min(?:ute)?s?\))$", re.I)),
    ("name", re.compile(r"^(?:activity|activities|what|item|step|block|agenda(?: item)?|segment|part|format|type|section|session)$", re.I)),
]


# A reading table's columns. "title" is the one a reading table must have.
_READING_ROLES = [
    ("title", re.compile(
        r"^(?:(?:core|required|main|optional|further|extension|suggested|recommended)\s+)?"
        r"(?:readings?|titles?|texts?|articles?|papers?|resources?|materials?|books?|chapters?|what to read|reading title)$", re.I)),
    ("author", re.compile(r"^(?:authors?|author\(s\)|by|writers?|speakers?|who)$", re.I)),
    ("link", re.compile(r"^(?:links?|urls?|link ?/ ?url|where|address|online|web ?page|location)$", re.I)),
    ("read_minutes", re.compile(
        r"^(?:(?:reading |est(?:imated|\.)? |approx(?:imate|\.)? )?(?:time|length|duration)(?: \(min(?:ute)?s?\))?"
        r"|min(?:ute)?s?\.?|how long)$", re.I)),
    ("flag", re.compile(
        r"^(?:required|core|optional|compulsory|mandatory|essential|must read|type|status|priority|"
        r"(?:required|core) ?(?:/|or) ?(?:optional|extension|extra))\s*\??$", re.I)),
    ("year", re.compile(r"^(?:year|published|date)$", re.I)),
]
# A step's column that is as often the part of a book a reading is.
_PART_RE = re.compile(r"^(?:sections?|parts?)$", re.I)
# Title words a schedule uses as much as a reading list ("Time | Topic |
# Materials"): a reading's column only beside its author or link.
_WEAK_TITLE_RE = re.compile(r"^(?:\w+\s+)?(?:resources?|materials?)$", re.I)
# A clock time a cell opens with: "18:00", "6:15pm", "18.00", "6 pm",
# "18h30", "18:00–18:15", "(18:00)". Not minutes ("20", "20 min", "1h 10m").
_CLOCK_CELL_RE = re.compile(r"\s*[(\[~]?\s*(\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?m\b\.?)?)(?![\w:.])", re.I)
# What a reading table's flag column says of a reading other than a core one.
_OPTIONAL_VALUE_RE = re.compile(
    r"^(?:no|n|optional|extension|further|extra|bonus|supplementary|additional|recommended|if (?:you have )?time|✗|✘|x)\.?$", re.I
)
_CORE_VALUE_RE = re.compile(r"^(?:yes|y|required|core|essential|main|compulsory|mandatory|must read|✓|✔)\.?$", re.I)


def _text(cell: list[Run]) -> str:
    return " ".join("".join(run.text for run in cell).split())


def _clock_of(text: str) -> str | None:
    """The clock time a cell opens with, as written ("18:00", "6.15pm",
    "18.00"), or None."""
    match = _CLOCK_CELL_RE.match(text)
    if not match or parse_clock(said := match.group(1)) is None:
        return None
    # "1h30" is as often a length as a time; "18h30" is a time.
    return said if "h" not in said.lower() or int(re.match(r"\d+", said).group(0)) >= 6 else None


# A number with a dot is a section ("3.12", "10.15") as often as a time.
_DOTTED_RE = re.compile(r"\d{1,2}\.\d{2}")


def clock_columns(rows: list[list[list[Run]]] | None, width: int, header: list[list[Run]] | None = None) -> set[int]:
    """The columns whose cells (at least half of those filled in) are clock
    times: when each row's step starts. A column of dotted numbers alone
    ("3.12", "10.15") is a book's sections as often as times: clock times
    only under a header that says so ("Time", "Start") or beside a time no
    section number looks like ("18:15", "6.30pm", "18h45")."""
    found = set()
    for i in range(width):
        cells = [text for row in rows or [] if i < len(row) and (text := _text(row[i]))]
        clocks = [said for text in cells if (said := _clock_of(text)) is not None]
        if not cells or 2 * len(clocks) < len(cells):
            continue
        named = header is not None and i < len(header) and any(
            pattern.match(_text(header[i]).strip(" :*")) for role, pattern in _ROLES if role in ("time", "end")
        )
        if named or not all(_DOTTED_RE.fullmatch(said.strip()) for said in clocks):
            found.add(i)
    return found


def reading_roles(header: list[list[Run]], rows: list[list[list[Run]]] | None = None) -> list[str] | None:
    """The role of each column of a readings table ("title", "author",
    "link", "read_minutes", "flag", "year" or "details"), or None when the
    header names no reading's title beside what else a reading has, or names
    a step's column, or a column of the body `rows` is clock times."""
    roles = []
    names = []
    steps = []
    for cell in header:
        words = _text(cell).strip(" :*")
        names.append(words)
        roles.append(next((role for role, pattern in _READING_ROLES if pattern.match(words)), "details"))
        if roles[-1] == "details" and any(pattern.match(words) for role, pattern in _ROLES if role == "name"):
            steps.append(words)
    # "Reading | Activity": a schedule. "Section | Reading | Link": the part
    # of a book each reading is, beside the reading's link or author.
    if steps and not (all(_PART_RE.match(words) for words in steps) and {"author", "link"} & set(roles)):
        return None
    if roles.count("title") != 1 or clock_columns(rows, len(header), header):
        return None  # "Time | Topic | Materials" over "18:00 | Welcome | Slides": a schedule
    title = roles.index("title")
    said = set(roles)
    if _WEAK_TITLE_RE.match(names[title]) and not {"author", "link"} & said:
        return None
    # A bare "Time" is when a schedule's step starts as often as how long a
    # reading takes: the latter only after the title ("Reading | Time", not
    # "Time | Reading | Notes").
    lengths = [
        i for i, role in enumerate(roles)
        if role == "read_minutes" and (i > title or not _ROLES[0][1].match(names[i]))
    ]
    if not lengths and not {"author", "link", "flag", "year"} & said:
        return None
    return roles


def is_reading_table(roles: list[str] | None) -> bool:
    return bool(roles) and "title" in roles


def wants_lead(previous: Block | None) -> bool:
    """Whether a readings table needs a "Readings:" line above it: not when
    a heading of its own is right above it ("Core readings", "Extension")."""
    if previous is None:
        return True
    text = previous.text.strip()
    if match_week(text, strict=previous.kind != "heading"):
        return True
    if previous.kind in ("heading", "title"):
        return False
    return not (previous.kind == "paragraph" and len(text) <= 60 and (previous.all_bold or text.endswith(":")))


def reading_lead(where: str = "") -> Block:
    return Block("paragraph", [Run("Readings:")], where=where)


def column_roles(header: list[list[Run]], rows: list[list[list[Run]]] | None = None) -> list[str] | None:
    """The role of each column ("time", "end", "minutes", "name" or
    "details", or a readings table's roles) from a header row and the body
    `rows` under it, or None when the row does not name a step's or a
    reading's column."""
    reading = reading_roles(header, rows)
    if reading is not None:
        return reading
    roles = []
    for cell in header:
        words = _text(cell).strip(" :*")
        roles.append(next((role for role, pattern in _ROLES if pattern.match(words)), "details"))
    if "name" not in roles and not ("time" in roles or "minutes" in roles):
        return None
    if "name" not in roles:  # "Time | What we do"
        if "details" not in roles:
            return None
        roles[next(i for i, role in enumerate(roles) if role == "details")] = "name"
    return roles


def row_runs(cells: list[list[Run]], roles: list[str] | None) -> list[Run]:
    """One row as the runs of the line a person would have written."""
    filled = [(roles[i] if roles and i < len(roles) else "details", cell) for i, cell in enumerate(cells) if _text(cell)]
    if is_reading_table(roles) and any(role == "title" for role, _ in filled):
        return _reading_row(filled)
    if roles is None or is_reading_table(roles):
        runs: list[Run] = []
        for _, cell in filled:
            if runs:
                runs.append(Run(" — "))
            runs.extend(cell)
        return runs
    time = [cell for role, cell in filled if role == "time"]
    ends = [cell for role, cell in filled if role == "end"]
    minutes = [_text(cell) for role, cell in filled if role == "minutes"]
    names = [cell for role, cell in filled if role == "name"]
    # An end time without its start is kept as a detail.
    details = ends[len(time):] + [cell for role, cell in filled if role == "details"]
    runs = []
    for i, cell in enumerate(time):
        until = [Run("–"), *ends[i]] if i < len(ends) else []  # "17:30–18:00 — Recap"
        runs.extend([*cell, *until, Run(" — ")])
    for i, cell in enumerate(names):
        runs.extend([Run(" — ")] if i else [])
        runs.extend(cell)
    for value in minutes:
        runs.append(Run(f" ({value} min)" if re.fullmatch(r"\d{1,3}(?:\s*(?:-|–)\s*\d{1,3})?", value) else f" ({value})"))
    for i, cell in enumerate(details):
        if names or minutes or i:
            runs.append(Run(": " if i == 0 else ". "))
        runs.extend(cell)
    return runs


def _url_of(cell: list[Run]) -> str | None:
    linked = next((run.url for run in cell if run.url), None)
    if linked:
        return linked
    bare = BARE_URL_RE.search(_text(cell))
    return bare.group(0) if bare else None


def _reading_row(filled: list[tuple[str, list[Run]]]) -> list[Run]:
    """A readings table's row as the line a person would have written."""
    cells: dict[str, list[list[Run]]] = {}
    for role, cell in filled:
        cells.setdefault(role, []).append(cell)
    runs: list[Run] = []
    details = [_text(cell) for cell in cells.get("details", [])]
    for flag in (_text(cell) for cell in cells.get("flag", [])):
        if _OPTIONAL_VALUE_RE.match(flag):
            runs.append(Run("Optional: "))
        elif not _CORE_VALUE_RE.match(flag):
            details.insert(0, flag)
    title = cells["title"][0]
    links = [url for cell in cells.get("link", []) if (url := _url_of(cell))]
    if links and not any(run.url for run in title):
        runs.append(Run(_text(title), links[0]))
    else:
        runs.extend(title)
    for cell in cells.get("author", []):
        runs.append(Run(f" by {_text(cell)}"))
    for cell in cells.get("year", []):
        runs.append(Run(f" ({_text(cell)})"))
    for cell in cells.get("read_minutes", []):
        value = _text(cell)
        runs.append(Run(f" ({value} min)" if re.fullmatch(r"\d{1,3}", value) else f" ({value.strip('()')})"))
    if details:
        runs.append(Run(". " + ". ".join(d.rstrip(".") for d in details) + "."))
    return runs
