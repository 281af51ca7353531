"""A week's blocks -> steps: the interpreter's first cut of a week.

A step is a top-level list item, a sub-heading that names a kind of block
("### Discussion (20 min)"), or a paragraph that opens like one: a bold
lead-in ("**Reading** (30 minutes)"), a kind word ("Read: ...", "Then
watch ..."), minutes, or a clock time ("17:40 — ..."). What follows a step
is its body: the deeper items under an item; everything up to the next
heading under a sub-heading; under a paragraph, its list (unless the list
is itself a list of steps) and the lines after it, until a line opens the
next step as plainly as this one did, or names another kind of block.
Sub-headings for notes and for another way to run the meeting, and a label
such as "Optional, for people who finish early:" over the steps under it,
are kept apart. Also here: the small tests of what a block is (a heading, a
week heading, a question, a prompt) that the interpreter shares.
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
    GENERAL_HEADING_RE,
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
    if len(text) <= 40 and GENERAL_HEADING_RE.match(text) and not re.search(r"[:.!?]", text):
        return 8  # "General tips" on a line of its own
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
    # "Feedback 5' - quick round of what worked": a dash after the minutes.
    # "Discussion — is growth ever justified?": a dash after a kind word.
    dashed = re.match(r"^(.{2,60}?)\s+[-–—]\s+(\S.*)$", text)
    if dashed and (not parts or len(parts[0]) > len(dashed.group(1))):
        left, right = dashed.group(1), dashed.group(2)
        named = len(left.split()) <= 4 and kinds_in(left) and not re.match(r"[~(\[]?\s*\d", right)  # not "- 15 minutes"
        if timing.block_minutes(left)[0] is not None or named:
            return left.strip(), right.strip()
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


# How a question is written without its question mark: "a topic you love",
# "something going well this semester", "favourite classes so far", "which
# class you would drop". An instruction starts with a verb or a person
# ("go round the room", "everyone says their name").
PROMPT_RE = re.compile(
    r"^\s*(?:a|an|one|some|something|someone|somewhere|anything|your|yours|favou?rite|best|worst|most|least|top|"
    r"the (?:best|worst|most|least|last|first|one|biggest|hardest)|if you could|would you rather|"
    r"what|which|who|whom|whose|when|where|why|how|do|does|did|is|are|was|were|can|could|should|would|will|have|has)\b",
    re.I,
)


def is_prompt(text: str) -> bool:
    """A question written as a prompt, or with its question mark."""
    return is_question(text) or bool(PROMPT_RE.match(text))


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


# How strongly a line says "a new step starts here"; a line under a step
# opens another only when it says so at least as strongly as that step did,
# or names another kind of block.
LABELLED, TIMED, MARKED = 1, 2, 3
# "Then watch ...", "Finally, discuss ...": a step that opens with its order.
CONNECTIVE_RE = re.compile(r"^\s*(?:then|next|after that|afterwards|finally|lastly|first|now|and)\b,?\s*", re.I)


def step_signal(block: Block) -> int:
    """0 when the block does not open a step; else how it opens one: a kind
    word labelled by a colon ("Read: ..."), minutes in its head ("Discussion
    (20 min)"), or a mark a writer puts only on steps (a bold lead-in naming
    a kind or minutes, a clock time, a short bold or colon-ended line)."""
    text = block.text
    clock_minutes, after_clock = timing.leading_clock_range(text)
    if clock_minutes is not None or after_clock != text:
        return MARKED
    head, _ = split_head(text)
    kinds = kinds_in(head)
    minutes = timing.block_minutes(head)[0] is not None
    lead = block.bold_lead
    if lead and (kinds_in(lead) or timing.block_minutes(lead)[0] is not None) and (kinds or minutes):
        return MARKED
    if block.kind == "paragraph" and heading_level(block) in (7, 8) and (kinds or minutes):
        return MARKED
    if not kinds:
        return 0
    if minutes:
        return TIMED
    opening = CONNECTIVE_RE.match(head)
    if label_colon(text) is not None or kinds[0][0] == (opening.end() if opening else 0):
        return LABELLED
    return 0


def step_kind(block: Block) -> str | None:
    kinds = kinds_in(split_head(timing.leading_clock_range(block.text)[1])[0])
    return kinds[0][1] if kinds else None


def _names_step(text: str) -> bool:
    return bool(kinds_in(text)) or timing.block_minutes(text)[0] is not None


def _names_part(text: str) -> bool:
    """A heading over a part of the week other than a step: notes,
    materials, another way to run it, the agenda, extras."""
    return bool(
        extra_flag(short_brackets_only(text)) or NOTES_HEADING_RE.match(text) or MATERIALS_HEADING_RE.match(text)
        or ALTERNATIVE_RE.search(text) or AGENDA_HEADING_RE.match(text)
    )


def _list_run(blocks: list[Block], start: int) -> list[Block]:
    """The items of the list that starts at `start`."""
    end = start
    while end < len(blocks) and blocks[end].kind == "item":
        end += 1
    return blocks[start:end]


def _list_is_steps(items: list[Block]) -> bool:
    """Whether a list under a step is a list of steps, not the step's own
    readings, questions or lines: most of its top items open a step."""
    top = min(item.depth for item in items)
    heads = [item for item in items if item.depth == top]
    # "Discussion (45 min): Is compute a good lever?" is a step that asks, not a question.
    steps = sum(1 for item in heads if not is_question(split_head(item.text)[0]) and step_signal(item) >= TIMED)
    return steps >= 2 and steps * 2 >= len(heads)


def split_week(blocks: list[Block], week_level: int) -> WeekParts:
    """Cut a week's blocks (after its heading) into steps and notes.

    A step begins at a top-level list item, a sub-heading naming a kind of
    block or minutes, or a paragraph that opens like a step (`step_signal`).
    What follows a step that began as a paragraph belongs to it (its list of
    links, questions or lines, its further paragraphs) until a line opens the
    next step; under a sub-heading, everything up to the next heading does.
    """
    parts = WeekParts()
    mode = "agenda"
    current: Step | None = None
    attached: tuple[int, str | None] | None = None  # (signal, kind) of a paragraph step that owns what follows
    base_depth: int | None = None
    extra_label: str | None = None
    sink: list[Block] | None = None  # where the children of a note item go
    sink_depth = 0
    owned_list: int | None = None  # index where a list owned by the current step ends
    for index, block in enumerate(blocks):
        level = heading_level(block)
        signal = step_signal(block) if block.kind == "paragraph" else 0
        if level is not None and (level > week_level or week_level >= 7):
            text = block.text.strip().rstrip(":")
            pseudo = level >= 7
            if pseudo and attached is not None and not (_names_step(text) or _names_part(text)):
                current.body.append(block)  # a bold line inside a step ("**Ask:**")
                continue
            if pseudo and mode == "step" and current is not None and not _names_part(text) and timing.block_minutes(text)[0] is None and (
                not kinds_in(text) or step_kind(block) == step_kind(current.lead)
            ):
                current.body.append(block)  # "Questions:" under "### Discussion"
                continue
            base_depth, sink, owned_list, extra_label = None, None, None, None
            if extra_flag(short_brackets_only(text)) and not kinds_in(text):
                mode, current, attached, extra_label = "agenda", None, None, text
                continue
            if NOTES_HEADING_RE.match(text) or MATERIALS_HEADING_RE.match(text) and not kinds_in(text):
                mode, current, attached = "notes", None, None
                parts.notes.append(block)
                continue
            if ALTERNATIVE_RE.search(text):
                mode, current, attached = "alternative", None, None
                parts.alternative_title = text
                continue
            if AGENDA_HEADING_RE.match(text):
                mode, current, attached = "agenda", None, None
                continue
            if _names_step(text):
                current = Step(block, from_heading=True)
                parts.steps.append(current)
                mode, attached = ("agenda", (MARKED, step_kind(block))) if pseudo else ("step", None)
                continue
            mode, current, attached = "agenda", None, None
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
            if owned_list is not None and index < owned_list:
                current.body.append(block)
                continue
            owned_list = None
            if attached is not None and current is not None:
                run = _list_run(blocks, index)
                if not _list_is_steps(run):
                    owned_list = index + len(run)
                    current.body.append(block)
                    continue
                attached = None
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
        # A paragraph.
        base_depth, owned_list = None, None
        if attached is not None and current is not None:
            owner_signal, owner_kind = attached
            kind = step_kind(block) if signal else None
            if signal and (signal >= min(owner_signal, TIMED) or kind != owner_kind):
                current = Step(block, extra_label=extra_label)
                parts.steps.append(current)
                attached = (signal, kind)
            elif re.match(r"^\s*(?:notes?|source|sources)\b", block.text, re.I) and not block.links:
                parts.notes.append(block)
            else:
                current.body.append(block)
            continue
        if signal or block.links and (extra_label or extra_flag(short_brackets_only(split_head(block.text)[0])) or _marked_extra(block)):
            current = Step(block, extra_label=extra_label)
            parts.steps.append(current)
            attached = (signal, step_kind(block))
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


def _marked_extra(block: Block) -> bool:
    """A line whose star the guide's key says makes it an extra ("☆ = optional")."""
    return block.mark is not None and block.mark[0] != "core"


def extra_flag(head: str) -> str | None:
    if EARLY_RE.search(head):
        return "early"
    if OPTIONAL_RE.search(head):
        return "optional"
    if IF_TIME_RE.search(head):
        return "if_time"
    return None
