"""A sentence that a page's markup split into two paragraphs, made whole.

Older pages write paragraphs as bare text inside a div that also holds
blocks (LWN's byline div, then "The LibreOffice project was <a>announced</a>
with great fanfare ..."). readability-lxml makes the div's text and each
child's tail paragraphs of their own, so the sentence prints as two
paragraphs: "The LibreOffice project was" / "announced with great fanfare".
Gathering the loose text before readability reads the page would be the
cure at the source, but it changes which block readability picks and what
its sibling rules keep (measured: lines lost on other pages); the split
shows plainly afterwards instead: a paragraph that stops without any
closing punctuation, followed straight by one that begins in lower case.

Not joined: a label set in bold or code ("<strong>Step 1</strong>" then
"npm install ..."), a line of one or two words, and runs of short lines (a poem set one line per
paragraph), whose breaks are the writer's.
"""

from __future__ import annotations

import re

# A paragraph that ends mid-sentence: on a letter, digit or comma.
_OPEN_END_RE = re.compile(r"[\w,]\s*$")
# Fewer words than this make a line, not a paragraph.
SHORT_LINE_WORDS = 12
# A label set apart in bold or code. Not span, em or a: many pages wrap
# every paragraph in one (Google Docs and Blogger pastes).
LABEL_TAGS = frozenset({"strong", "b", "code", "kbd"})
# Fewer words than this are a label or a heading-like line ("Step 1"), not
# the first half of a sentence ("The LibreOffice project was").
MIN_FIRST_HALF_WORDS = 3


def _starts_lower(text: str) -> bool:
    first = next((c for c in text if not c.isspace()), "")
    return first.isalpha() and first.islower()


def _is_label(p) -> bool:
    # All of its text inside one inline element: "<strong>Step 1</strong>".
    return (not (p.text or "").strip() and len(p) == 1 and p[0].tag in LABEL_TAGS
            and not (p[0].tail or "").strip())


def _short(p) -> bool:
    return p is not None and p.tag == "p" and len(p.text_content().split()) < SHORT_LINE_WORDS


def _open(p) -> bool:
    return bool(_OPEN_END_RE.search(p.text_content()))


def _in_verse(first, second) -> bool:
    # Three short lines in a row, each left open, are verse or a list of lines.
    if not (_short(first) and _short(second)):
        return False
    before, after = first.getprevious(), second.getnext()
    return (_short(before) and _open(before)) or (_short(after) and _open(second))


def _joinable(first, second) -> bool:
    if first.tag != "p" or second.tag != "p" or (first.tail or "").strip():
        return False
    if not (_open(first) and _starts_lower(second.text_content())):
        return False
    if len(first.text_content().split()) < MIN_FIRST_HALF_WORDS:
        return False
    return not (_is_label(first) or _in_verse(first, second))


def join_split_sentences(root, base_url: str) -> None:
    """Join each paragraph that ends mid-sentence to the next when that one
    goes on in lower case (see the module docstring)."""
    for first in list(root.iter("p")):
        if first.getparent() is None:
            continue
        second = first.getnext()
        while second is not None and _joinable(first, second):
            joint = " " + (second.text or "").lstrip()
            if len(first):
                first[-1].tail = (first[-1].tail or "").rstrip()
            else:
                first.text = (first.text or "").rstrip()
            if second.get("id"):
                # Links to the second paragraph land where it began.
                first.append(first.makeelement("span", {"id": second.get("id")}))
            if len(first):
                first[-1].tail = (first[-1].tail or "") + joint
            else:
                first.text += joint
            first.extend(list(second))
            first.tail = second.tail
            second.getparent().remove(second)
            second = first.getnext()
