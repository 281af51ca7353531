"""Math in pages: TeX found in pages becomes MathML.

`TexConverter` turns TeX-only math (MathJax's <script type="math/tex">,
pandoc's <span class="math">\\(...\\)</span>) into <math alttext="TeX"> so
everything downstream sees one kind of math; the render stage typesets it
(packet.render.math).

latex2mathml takes about 15 µs a character of TeX, so a page of hostile
"formulas" could keep it busy for minutes: a formula past MAX_TEX_CHARS,
and every formula once a page has spent its budget, stays TeX and is
printed as code.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

TEX_DELIMITERS_RE = re.compile(r"^\s*(?:\\\(|\\\[|\$\$?)(.*?)(?:\\\)|\\\]|\$\$?)\s*$", re.S)
MATHML_NS = "http://www.w3.org/1998/Math/MathML"
# Longer than any equation a person writes (a page-long align is ~2,000).
MAX_TEX_CHARS = 5_000
# A page's budget, a few seconds of latex2mathml: more formulas than the
# most math-heavy blog posts carry (~1,500), and their TeX many times over.
MAX_PAGE_FORMULAS = 5_000
MAX_PAGE_TEX_CHARS = 250_000


def tex_to_mathml(tex: str, display: bool) -> etree._Element | None:
    """A <math> element for TeX source (alttext keeps the TeX), or None
    when latex2mathml cannot read it or it is too long to be a formula."""
    if len(tex) > MAX_TEX_CHARS:
        return None
    from latex2mathml.converter import convert

    try:
        markup = convert(tex, display="block" if display else "inline")
    except Exception:  # latex2mathml raises many kinds on TeX it does not know
        return None
    markup = markup.replace(f' xmlns="{MATHML_NS}"', "")
    math = lxml_html.fragment_fromstring(markup)
    math.set("alttext", tex)
    return math


class TexConverter:
    """tex_to_mathml for the formulas of one page, within the page's budget."""

    def __init__(self) -> None:
        self.formulas_left = MAX_PAGE_FORMULAS
        self.chars_left = MAX_PAGE_TEX_CHARS

    def __call__(self, tex: str, display: bool) -> etree._Element | None:
        if self.formulas_left <= 0 or len(tex) > self.chars_left:
            return None
        self.formulas_left -= 1
        self.chars_left -= len(tex)
        return tex_to_mathml(tex, display)


def tex_as_code(tex: str) -> etree._Element:
    """TeX that is not converted, shown as its source (as the render stage
    shows a formula it cannot typeset)."""
    code = lxml_html.Element("code")
    code.set("class", "math")
    code.text = tex
    return code
