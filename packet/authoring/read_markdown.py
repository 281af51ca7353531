"""Markdown guide -> blocks, through markdown-it's token stream.

Headings keep their level, list items their depth and number; a list item's
later paragraphs join its text (they continue the same step); tables become
one item per row (tables.py), since schedules are often tables.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from packet.authoring.blocks import Block, Run
from packet.authoring.contents import linked_in_document
from packet.authoring.read_text import opens_step
from packet.authoring.tables import (
    column_roles,
    is_reading_table,
    reading_lead,
    row_runs,
    wants_lead,
)


def read_markdown(text: str) -> list[Block]:
    parser = MarkdownIt("commonmark").enable("table")
    parser.validateLink = lambda url: True  # nothing is rendered: a file:/// link is kept as a link
    tokens = parser.parse(text)
    blocks: list[Block] = []
    list_stack: list[str] = []  # "ol"/"ul" of each open list
    item_stack: list[Block | None] = []  # open list items; None once a nested list started
    row: list[list[Run]] | None = None
    row_line = ""
    in_header = False
    header: list[list[Run]] | None = None  # the open table's header row, its line, its other rows
    header_line = ""
    body: list[tuple[list[list[Run]], str]] = []
    pending: Block | None = None
    pending_is_new = False  # pending is a block not yet in `blocks` (not an open item)
    for token in tokens:
        where = f"line {token.map[0] + 1}" if token.map else ""
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_stack.append(token.tag)
            if item_stack:
                item_stack[-1] = None
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif kind == "list_item_open":
            ordinal = token.info or None if list_stack and list_stack[-1] == "ol" else None
            block = Block("item", [], depth=len(list_stack) - 1, ordinal=ordinal, where=where)
            blocks.append(block)
            item_stack.append(block)
        elif kind == "list_item_close":
            item_stack.pop()
        elif kind == "heading_open":
            pending, pending_is_new = Block("heading", [], level=int(token.tag[1]), where=where), True
        elif kind == "paragraph_open":
            if item_stack and item_stack[-1] is not None:
                pending, pending_is_new = item_stack[-1], False
                if pending.runs:
                    pending.runs.append(Run("\n"))
            else:
                depth = len(list_stack)
                pending = Block("item", [], depth=depth, where=where) if list_stack else Block("paragraph", [], where=where)
                pending_is_new = True
        elif kind == "table_open":
            header, header_line, body = None, "", []
        elif kind == "thead_open":
            in_header = True
        elif kind == "thead_close":
            in_header = False
        elif kind == "tr_open":
            row, row_line = [], where
        elif kind == "tr_close":
            if in_header:
                header, header_line = row or [], row_line
            else:
                body.append((row or [], row_line))
            row = None
        elif kind == "table_close":
            # The columns are known from the header and the cells under it
            # ("Time" over "18:00" is a schedule's, over "20 min" a reading's).
            roles = column_roles(header, [cells for cells, _ in body]) if header is not None else None
            if is_reading_table(roles) and wants_lead(blocks[-1] if blocks else None):
                blocks.append(reading_lead(header_line))
            for cells, line in body:
                runs = row_runs(cells, roles)
                if runs:
                    blocks.append(Block("item", runs, where=line))
        elif kind == "inline":
            runs = _inline_runs(token.children or [])
            if row is not None:
                row.append(runs)
            elif pending is not None:
                pending.runs.extend(runs)
                if pending_is_new:
                    blocks.extend(_step_lines(pending, token.map[0] if token.map else None))
                pending = None
    return blocks


def _step_lines(block: Block, first_line: int | None) -> list[Block]:
    """A paragraph written as one step a line ("Intro round 10'", "Reading
    30' - ...", "Discussion 25'", as in a plain email), cut before each line
    that opens a step with its minutes; one that is a table of contents,
    each line a link to a place in the guide, cut at every line; any other
    paragraph as it is."""
    if block.kind != "paragraph" or not any(run.text == "\n" for run in block.runs):
        return [block]
    lines: list[list[Run]] = [[]]
    for run in block.runs:
        if run.text == "\n":
            lines.append([])
        else:
            lines[-1].append(run)
    # A table of contents typed one link a line ("[Week 1: Bats](#heading=h.abc)"):
    # a line each, as its entries are.
    contents = all(linked_in_document(Block("paragraph", line)) for line in lines if "".join(r.text for r in line).strip())
    pieces: list[Block] = []
    for n, line in enumerate(lines):
        text = "".join(run.text for run in line).strip()
        if not pieces or text and (contents or opens_step(text)):
            where = f"line {first_line + n + 1}" if first_line is not None else block.where
            pieces.append(Block("paragraph", list(line), where=where))
        else:
            pieces[-1].runs.extend([Run("\n"), *line])
    return pieces


def _inline_runs(children) -> list[Run]:
    runs: list[Run] = []
    bold = 0
    url: str | None = None
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "link_open":
            url = str(child.attrs.get("href") or "") or None
        elif kind == "link_close":
            url = None
        elif kind in ("text", "code_inline"):
            runs.append(Run(child.content, url, bold > 0))
        elif kind in ("softbreak", "hardbreak") or kind == "html_inline" and re.fullmatch(r"<br\s*/?>", child.content.strip(), re.I):
            runs.append(Run("\n"))
        elif kind == "image":
            runs.append(Run(child.content or "", url, bold > 0))
    return runs
