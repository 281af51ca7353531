"""A guide's table of contents, found so that it is neither weeks nor lines
left over.

Word guides often open with a table of contents (Word's TOC field: each
entry a heading's words, a tab and a page number); Markdown and text guides
with a typed "Contents" list ("Session 1: What is a mind? ....... 2"). Its
lines repeat headings the guide has further on, so the import skips them
silently, as a reader would. A run of two or more lines is a table of
contents when every line is a later heading (with or without a page number
and dot leaders, or has leaders and a page number of its own, as a table
Word was not asked to update has), and the run says it is one: a
"Contents" label above it, page numbers on at least half its lines, lines
naming, in order, the weeks further on, or lines that are each wholly a
link to a place in the guide itself (a Google Docs export's contents link
each entry to its heading, "#h.xxxx"; Word's to a "#_Toc..." bookmark).
A line may repeat a later heading that other lines of the same table
repeat too ("Reading (30 min)" under each week): it names the first such
heading after the table, not the table's own next line.
"""

from __future__ import annotations

import re

from packet.authoring.blocks import Block
from packet.authoring.vocabulary import match_week

CONTENTS_LABEL_RE = re.compile(
    r"^\s*(?:(?:table of )?contents|in this (?:guide|document)|outline|overview)\s*:?\s*$", re.I
)
# A page number at the end of an entry, after dot leaders ("..... 4") or a
# space or tab ("Readings\t4"); the leaders are kept apart as a sign alone.
_LEADERS = r"(?:\.\s?){2,}|…+|(?:·\s?){2,}|_{3,}"
PAGE_RE = re.compile(rf"(?:\s*(?P<leaders>{_LEADERS})\s*|\s+)(?:\d{{1,3}}|[ivxlc]{{1,6}})\s*$", re.I)
LEADERS_ONLY_RE = re.compile(rf"\s*(?:{_LEADERS})\s*$")
# A line longer than this is prose, not an entry.
MAX_ENTRY = 140


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _targets(blocks: list[Block]) -> dict[str, list[int]]:
    """Where each heading (or short line that may be one) is, by its words."""
    found: dict[str, list[int]] = {}
    for i, block in enumerate(blocks):
        if block.kind in ("heading", "title") or block.kind == "paragraph" and len(block.text) <= MAX_ENTRY:
            found.setdefault(_key(block.text), []).append(i)
    return found


def linked_in_document(block: Block) -> bool:
    """Whether a line is wholly words that link to places in the guide
    itself ("#h.xxxx", "#heading=h.xxxx", "#_Toc123"), but for a page
    number: a contents entry. (`tidy` made those links plain words and kept
    where they pointed on the run; a reader's blocks still have the link.)"""
    home = [run.place is not None or bool(run.url) and run.url.startswith("#") for run in block.runs]
    if not any(home):
        return False
    outside = "".join(run.text for run, linked in zip(block.runs, home) if not linked)
    return not re.sub(rf"{_LEADERS}|[\s\d.·…_]", "", outside, flags=re.I)


def _entry(block: Block, at: int, targets: dict[str, list[int]]) -> tuple[list[int], bool] | None:
    """(the later blocks this line may name, whether it carries a page
    number), or None when the line is not an entry of a table of contents."""
    text = block.text.strip()
    if block.kind not in ("paragraph", "item") or not text or len(text) > MAX_ENTRY:
        return None
    later = [j for j in targets.get(_key(LEADERS_ONLY_RE.sub("", text)), []) if j > at]
    if later:
        return later, False
    page = PAGE_RE.search(text)
    if page is not None:
        later = [j for j in targets.get(_key(text[: page.start()]), []) if j > at]
        if later:
            return later, True
        if page.group("leaders"):
            return [], True
    if linked_in_document(block):  # an entry whose heading was renamed since
        return [], page is not None
    return None


def without_contents(blocks: list[Block]) -> list[Block]:
    """The blocks without the guide's table of contents, if it has one."""
    targets = _targets(blocks)
    dropped: set[int] = set()
    i = 0
    while i < len(blocks):
        found: list[tuple[int, list[int], bool]] = []
        j = i
        while j < len(blocks) and (entry := _entry(blocks[j], j, targets)) is not None:
            found.append((j, *entry))
            j += 1
        # Each line names the first of its headings after the run; a line
        # whose only namesakes are lines of the run itself names none.
        run = [(k, next((t for t in later if t >= j), -1) if later else None, has_page) for k, later, has_page in found]
        if len(run) >= 2 and all(target != -1 for _, target, _ in run):
            label = i - 1 if i and CONTENTS_LABEL_RE.match(blocks[i - 1].text) else None
            paged = sum(1 for _, _, has_page in run if has_page) * 2 >= len(run)
            weeks = [t for _, t, _ in run if t is not None and match_week(blocks[t].text, strict=blocks[t].kind != "heading")]
            in_order = len(weeks) >= 2 and weeks == sorted(weeks)
            linked = all(linked_in_document(blocks[k]) for k, _, _ in run) and sum(1 for _, t, _ in run if t is not None) * 2 >= len(run)
            if label is not None or paged or in_order or linked:
                dropped.update(k for k, _, _ in run)
                if label is not None:
                    dropped.add(label)
        i = max(j, i + 1)
    return [block for k, block in enumerate(blocks) if k not in dropped] if dropped else blocks
