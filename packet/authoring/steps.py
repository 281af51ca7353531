"""A week's blocks -> steps: the interpreter's first cut of a week.

A step is a top-level list item, a sub-heading that names a kind of block
("### Discussion (20 min)"), or a paragraph that opens with one ("Read:
...", "**Icebreaker**"); the deeper items and paragraphs after it are its
body. Sub-headings for notes and for another way to run the meeting, and a
label such as "Optional, for people who finish early:" over the steps under
it, are kept apart. Also here: the small tests of what a block is (a
heading, a week heading, a question) that the interpreter shares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from packet.authoring import timing
from packet.authoring.blocks import Block
from packet.authoring.mentions import sentences
from packet.authoring.vocabulary import (
    AGENDA_HEADING_RE,
    ALTERNATIVE_RE,
    EARLY_RE,
    IF_TIME_RE,
    KIND_RES,
    MATERIALS_HEADING_RE,
    NOTES_HEADING_RE,
    OPTIONAL_RE,
    match_week,
)

PSEUDO_HEADING_MAX = 80


def heading_level(block: Block) -> int | None:
    """The level of a heading, or of a paragraph written as one (short and
    bold, or short and ending in a colon); None for other blocks."""
    if block.kind in ("heading", "title"):
        return block.level or 1
    if block.kind != "paragraph" or len(block.text) > PSEUDO_HEADING_MAX or block.links:
        return None
    text = block.text.strip()
    if block.all_bold and not text.endswith("."):
        return 7
    if text.endswith(":") and len(text) <= 60:
        return 8
    return None


def week_match(block: Block):
    if block.kind == "heading":
        return match_week(block.text, strict=False)
    if block.kind == "paragraph" and len(block.text) <= 120:
        return match_week(block.text, strict=True)
    return None


def split_head(text: str) -> tuple[str, str]:
    """(head, rest): the words that name a step (up to a colon near the start,
    else the first sentence) and what follows."""
    colon = label_colon(text)
    parts = sentences(text)
    if colon is not None and (not parts or len(parts[0]) >= colon):
        return text[:colon].strip(), text[colon + 1:].strip()
    if not parts:
        return text.strip(), ""
    head = parts[0]
    rest = text[text.find(head) + len(head):].strip()
    return head.strip(), rest


def label_colon(text: str) -> int | None:
    """A colon that ends a label ("Read [20 min]:"), not one in a URL, a time
    or a quoted title."""
    depth_quote = False
    for i, char in enumerate(text[:70]):
        if char in "\"“”":
            depth_quote = not depth_quote
        elif char == ":" and not depth_quote:
            before, after = text[max(0, i - 6):i], text[i + 1:i + 3]
            if re.search(r"https?$", before) or (before[-1:].isdigit() and after[:1].isdigit()):
                continue
            return i
    return None


def kinds_in(text: str) -> list[tuple[int, str]]:
    found = []
    for kind, pattern in KIND_RES.items():
        match = pattern.search(text)
        if match:
            found.append((match.start(), kind))
    return sorted(found)


def is_question(text: str) -> bool:
    return text.rstrip(" )\"”").endswith("?")


@dataclass
class Step:
    lead: Block
    body: list[Block] = field(default_factory=list)
    from_heading: bool = False
    extra_label: str | None = None  # a heading such as "Optional, for people who finish early:"


@dataclass
class WeekParts:
    steps: list[Step] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)
    loose: list[Block] = field(default_factory=list)
    alternative: list[Block] = field(default_factory=list)
    alternative_title: str | None = None
    unplaced: list[Block] = field(default_factory=list)


def is_step_paragraph(block: Block) -> bool:
    head, _ = split_head(block.text)
    kinds = kinds_in(head)
    if not kinds:
        return False
    labelled = label_colon(block.text) is not None or bool(block.bold_lead) or timing.block_minutes(head)[0] is not None
    first_word = kinds[0][0] == 0
    return labelled or first_word


def split_week(blocks: list[Block], week_level: int) -> WeekParts:
    """Cut a week's blocks (after its heading) into steps and notes."""
    parts = WeekParts()
    mode = "agenda"
    current: Step | None = None
    base_depth: int | None = None
    extra_label: str | None = None
    sink: list[Block] | None = None  # where the children of a note item go
    sink_depth = 0
    for block in blocks:
        level = heading_level(block)
        if level is not None and (level > week_level or week_level >= 7):
            text = block.text.strip().rstrip(":")
            base_depth, sink, extra_label = None, None, None
            if extra_flag(short_brackets_only(text)) and not kinds_in(text):
                mode, current, extra_label = "agenda", None, text
            elif NOTES_HEADING_RE.match(text) or MATERIALS_HEADING_RE.match(text) and not kinds_in(text):
                mode, current = "notes", None
                parts.notes.append(block)
            elif ALTERNATIVE_RE.search(text):
                mode, current = "alternative", None
                parts.alternative_title = text
            elif AGENDA_HEADING_RE.match(text):
                mode, current = "agenda", None
            elif kinds_in(text) or timing.block_minutes(text)[0] is not None:
                current = Step(block, from_heading=True)
                parts.steps.append(current)
                mode = "step"
            else:
                mode, current = "agenda", None
                parts.unplaced.append(block)
            continue
        if mode == "notes":
            parts.notes.append(block)
            continue
        if mode == "alternative":
            parts.alternative.append(block)
            continue
        if sink is not None:
            if block.kind == "item" and block.depth > sink_depth:
                sink.append(block)
                continue
            sink = None
        if mode == "step" and current is not None:
            current.body.append(block)
            continue
        if block.kind == "item":
            if base_depth is None or block.depth <= base_depth:
                base_depth = block.depth
                head, _ = split_head(block.text)
                if NOTES_HEADING_RE.match(head) and not block.links or re.match(r"^\s*notes?\b", head, re.I):
                    parts.notes.append(block)
                    sink, sink_depth = parts.notes, block.depth
                    current = None
                    continue
                if ALTERNATIVE_RE.search(head) and not kinds_in(head):
                    parts.alternative_title = parts.alternative_title or head
                    parts.alternative.append(block)
                    sink, sink_depth = parts.alternative, block.depth
                    current = None
                    continue
                current = Step(block, extra_label=extra_label)
                parts.steps.append(current)
            elif current is not None:
                current.body.append(block)
            else:
                parts.loose.append(block)
            continue
        # A paragraph between steps.
        base_depth = None
        if is_step_paragraph(block):
            current = Step(block, extra_label=extra_label)
            parts.steps.append(current)
        elif ALTERNATIVE_RE.search(block.text):
            parts.alternative.append(block)
            current = None
        elif current is not None and (is_question(block.text) or block.ordinal):
            current.body.append(block)
        elif re.match(r"^\s*(?:notes?|source|sources)\b", block.text, re.I):
            parts.notes.append(block)
        else:
            parts.loose.append(block)
            current = None
    return parts


def short_brackets_only(head: str) -> str:
    """A head without its long asides: "(optional)" counts, "(from last
    week's list; extra time for ...)" does not."""
    return re.sub(r"\([^)]*\)", lambda m: m.group(0) if len(m.group(0).split()) <= 4 else " ", head)


def extra_flag(head: str) -> str | None:
    if EARLY_RE.search(head):
        return "early"
    if OPTIONAL_RE.search(head):
        return "optional"
    if IF_TIME_RE.search(head):
        return "if_time"
    return None
