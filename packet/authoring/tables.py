"""Schedule tables -> one item per row, for the Markdown and HTML readers.

Guides often give a week as a table ("Time | Activity | Details"). A row
becomes the line a person would have written for the step: "17:40 — Reading
(30 min): details", so the interpreter reads it like any other step. The
columns are known by their header's words; without a header that names
them, a row's cells are joined in order.
"""

from __future__ import annotations

import re

from packet.authoring.blocks import Run

_ROLES = [
    ("time", re.compile(r"^(?:time|times|when|clock|start(?:s| time)?|at|from)$", re.I)),
    ("end", re.compile(r"^(?:end(?:s| time)?|until|till|to|finish(?:es)?)$", re.I)),
    ("minutes", re.compile(r"^(?:min(?:ute)?s?|mins?\.?|duration|length|how long|time \(min(?:ute)?s?\))$", re.I)),
    ("name", re.compile(r"^(?:activity|activities|what|item|step|block|agenda(?: item)?|segment|part|format|type|section|session)$", re.I)),
]


def _text(cell: list[Run]) -> str:
    return " ".join("".join(run.text for run in cell).split())


def column_roles(header: list[list[Run]]) -> list[str] | None:
    """The role of each column ("time", "end", "minutes", "name" or
    "details") from a header row, or None when the row does not name a
    step's column."""
    roles = []
    for cell in header:
        words = _text(cell).strip(" :*")
        roles.append(next((role for role, pattern in _ROLES if pattern.match(words)), "details"))
    if "name" not in roles and not ("time" in roles or "minutes" in roles):
        return None
    if "name" not in roles:  # "Time | What we do"
        roles[next(i for i, role in enumerate(roles) if role == "details")] = "name"
    return roles


def row_runs(cells: list[list[Run]], roles: list[str] | None) -> list[Run]:
    """One row as the runs of the line a person would have written."""
    filled = [(roles[i] if roles and i < len(roles) else "details", cell) for i, cell in enumerate(cells) if _text(cell)]
    if roles is None:
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
