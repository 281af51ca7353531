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
"""

from __future__ import annotations

import re

# A paragraph that ends mid-sentence: on a letter, digit or comma.
_OPEN_END_RE = re.compile(r"[\w,]\s*$")
_LOWER_START_RE = re.compile(r"^\s*[a-z]")


def _joinable(first, second) -> bool:
    if first.tag != "p" or second.tag != "p" or (first.tail or "").strip():
        return False
    return bool(_OPEN_END_RE.search(first.text_content()) and _LOWER_START_RE.match(second.text_content()))


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
                first[-1].tail = (first[-1].tail or "").rstrip() + joint
            else:
                first.text = (first.text or "").rstrip() + joint
            first.extend(list(second))
            first.tail = second.tail
            second.getparent().remove(second)
            second = first.getnext()
