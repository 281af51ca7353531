"""Links on paper: numbered notes, and addresses that break where they should.

A link that hides its address is useless on paper, so every outward link of
an article gets a number (packet.render.body.number_links), printed as
superscript digits after its words, and its address is printed in a list at
the end of the reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ZERO_WIDTH_SPACE = "\u200b"
# Break opportunities in a printed address: after a slash (not inside
# "//"), before the punctuation that starts a query or fragment.
_BREAK_AFTER_RE = re.compile(r"(?<=[^/:]/)(?=[^/])")
_BREAK_BEFORE_RE = re.compile(r"(?<=\w)(?=[?&#])")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass
class Note:
    number: int
    url: str


def superscript(number: int) -> str:
    """`number` in superscript digits: ¹², as the shipped fonts draw them."""
    return str(number).translate(_SUPERSCRIPT)


def breakable_url(url: str) -> str:
    """`url` with zero-width spaces where a line may break.

    Long addresses otherwise break only by `overflow-wrap`, which makes
    WeasyPrint lay every overflowing line out twice; zero-width spaces are
    ordinary break opportunities and copy out of the PDF as nothing.
    """
    return _BREAK_BEFORE_RE.sub(ZERO_WIDTH_SPACE, _BREAK_AFTER_RE.sub(ZERO_WIDTH_SPACE, url))
