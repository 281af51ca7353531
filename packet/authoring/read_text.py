"""Plain-text guide -> blocks, from the shapes people type.

A line underlined with === or --- is a heading, and so is a short line in
capitals or one that opens a week ("Week 3 - Inner alignment"); a line that
starts with a list marker is an item, its depth from its indentation; an
indented or unbroken line continues the block above it, unless it opens a
step with its minutes ("Discussion 25'"); a blank line ends a paragraph.
"""

from __future__ import annotations

import re

from packet.authoring.blocks import MARKER_RE, Block, Run, opens_step, strip_marker
from packet.authoring.vocabulary import match_week

UNDERLINE_RE = re.compile(r"^\s*(=+|-+)\s*$")
HASH_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _is_caps_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return 3 <= len(letters) and len(line) <= 80 and all(c.isupper() for c in letters)


def read_text(text: str) -> list[Block]:
    lines = text.splitlines()
    blocks: list[Block] = []
    current: Block | None = None
    indents: list[int] = []  # indentation of each open list level
    blank_before = True
    for i, line in enumerate(lines):
        where = f"line {i + 1}"
        stripped = line.strip()
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if not stripped:
            if current is not None and current.kind != "item":
                current = None
            blank_before = True
            continue
        if UNDERLINE_RE.match(line) and current is None:
            blank_before = True
            continue  # the underline of a heading already taken
        if UNDERLINE_RE.match(following) and len(stripped) <= 100 and not MARKER_RE.match(line):
            level = 1 if following.strip().startswith("=") else 2
            blocks.append(Block("heading", [Run(stripped)], level=level, where=where))
            current, indents, blank_before = None, [], False
            continue
        hashed = HASH_HEADING_RE.match(stripped)
        if hashed and _indent(line) == 0:
            blocks.append(Block("heading", [Run(hashed.group(2))], level=len(hashed.group(1)), where=where))
            current, indents, blank_before = None, [], False
            continue
        # A week line opens its week even straight after the last line of the
        # week before; a line in capitals is a heading only after a blank line.
        week_line = match_week(stripped, strict=True) and len(stripped) <= 100 and not stripped.endswith(".")
        if _indent(line) == 0 and (week_line or blank_before and _is_caps_heading(stripped)) and not MARKER_RE.match(line):
            blocks.append(Block("heading", [Run(stripped)], level=2, where=where))
            current, indents, blank_before = None, [], False
            continue
        marker = MARKER_RE.match(line)
        indent = _indent(line)
        if marker:
            while indents and indent < indents[-1]:
                indents.pop()
            if not indents or indent > indents[-1]:
                indents.append(indent)
            ordinal, _, runs = strip_marker([Run(line)])
            current = Block("item", runs, depth=len(indents) - 1, ordinal=ordinal, where=where)
            blocks.append(current)
        elif current is not None and (not blank_before or (current.kind == "item" and indent > indents[0])) and not (
            # A step's line back at the list's own indentation ends the list.
            (indent == 0 or current.kind == "item" and indent <= indents[0]) and opens_step(stripped)
        ):
            current.runs.append(Run("\n" + stripped))
        else:
            if indent == 0:
                indents = []
            current = Block("paragraph", [Run(stripped)], where=where)
            blocks.append(current)
        blank_before = False
    return blocks
