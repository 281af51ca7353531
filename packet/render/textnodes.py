"""Editing the text of an element across the text nodes it is made of.

lxml keeps an element's words in its .text and in each child's .tail; a
step that changes words by their place in `text_content()` (a no-break
space, a page footer in preformatted text, the space a link ends in) has to
find them there without moving any element (an anchor a link points at
stays where it is).
"""

from __future__ import annotations


def reading_slots(el) -> list:
    """Where `el`'s text lives, as (node, "text" or "tail") pairs in the
    order `el.text_content()` reads them (a comment's own text is not read,
    its tail is; `el`'s own tail is not part of it)."""
    slots = []

    def walk(node, top):
        if isinstance(node.tag, str):
            slots.append((node, "text"))
            for child in node:
                walk(child, False)
        if not top:
            slots.append((node, "tail"))

    walk(el, True)
    return slots


def edit_text(el, edits) -> None:
    """Replace spans of `el.text_content()` across the text nodes it is
    made of: `edits` are (start, end, replacement) in that text's offsets,
    not overlapping. Elements stay where they are (an anchor inside a
    removed span still lands), only their text changes; a replacement goes
    where its span starts."""
    edits = sorted(edits)
    placed = [False] * len(edits)
    offset = 0
    for node, attr in reading_slots(el):
        text = getattr(node, attr) or ""
        start, end = offset, offset + len(text)
        offset = end
        out, at = [], start
        for n, (first, last, replacement) in enumerate(edits):
            cut_from, cut_to = max(first, start), min(last, end)
            place = not placed[n] and start <= first <= end
            if cut_from > cut_to or (cut_from == cut_to and not place):
                continue
            out.append(text[at - start:cut_from - start])
            if place:
                out.append(replacement)
                placed[n] = True
            at = max(at, cut_to)
        out.append(text[at - start:])
        edited = "".join(out)
        if edited != text:
            setattr(node, attr, edited or None)


def append_text(el, text: str) -> None:
    """Add `text` at the end of what `el` holds."""
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


# Elements that print something though they hold no text.
REPLACED = frozenset(
    {"img", "svg", "video", "audio", "canvas", "iframe", "object", "embed", "input", "math", "br", "hr"}
)


def take_trailing_space(el) -> str:
    """Remove the whitespace `el`'s content ends in, however deep in its
    children it sits, and return it."""
    taken = []

    def strip(slot_owner, attr) -> bool:
        text = getattr(slot_owner, attr) or ""
        kept = text.rstrip()
        if kept != text:
            taken.append(text[len(kept):])
            setattr(slot_owner, attr, kept or None)
        return bool(kept)

    for node, attr in reversed(reading_slots(el)):
        if attr == "text" and node.tag in REPLACED:
            break
        if strip(node, attr):
            break
    return "".join(reversed(taken))
