"""Which way a text reads: right to left for Hebrew, Arabic and their kin."""

from __future__ import annotations

import re

# Letters of the scripts written right to left: Hebrew, Arabic (with its
# supplements and presentation forms), Syriac, Thaana, N'Ko.
_RTL_LETTER_RE = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LETTER_RE = re.compile(r"[^\W\d_]")
# Enough of the text to tell its direction, not the whole book.
_DIRECTION_SAMPLE = 4000


def text_direction(text: str) -> str:
    """"rtl" when most letters of `text` are of a right-to-left script, else
    "ltr": a page's own dir attribute is often missing or on an element the
    extractor does not keep, but its letters say how it reads."""
    sample = text[:_DIRECTION_SAMPLE]
    letters = len(_LETTER_RE.findall(sample))
    return "rtl" if letters and len(_RTL_LETTER_RE.findall(sample)) * 2 > letters else "ltr"
