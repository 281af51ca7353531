"""Math in pages: TeX found in pages becomes MathML.

`tex_to_mathml` turns TeX-only math (MathJax's <script type="math/tex">,
pandoc's <span class="math">\\(...\\)</span>) into <math alttext="TeX"> so
everything downstream sees one kind of math; the render stage typesets it
(packet.render.math).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

TEX_DELIMITERS_RE = re.compile(r"^\s*(?:\\\(|\\\[|\$\$?)(.*?)(?:\\\)|\\\]|\$\$?)\s*$", re.S)
MATHML_NS = "http://www.w3.org/1998/Math/MathML"


def tex_to_mathml(tex: str, display: bool) -> etree._Element | None:
    """A <math> element for TeX source (alttext keeps the TeX), or None."""
    from latex2mathml.converter import convert

    try:
        markup = convert(tex, display="block" if display else "inline")
    except Exception:  # latex2mathml raises many kinds on TeX it does not know
        return None
    markup = markup.replace(f' xmlns="{MATHML_NS}"', "")
    math = lxml_html.fragment_fromstring(markup)
    math.set("alttext", tex)
    return math
