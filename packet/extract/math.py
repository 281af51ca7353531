"""Math for paper: TeX found in pages becomes MathML, MathML becomes SVG.

At extract time `tex_to_mathml` turns TeX-only math (MathJax's
<script type="math/tex">, pandoc's <span class="math">\\(...\\)</span>) into
<math alttext="TeX"> so everything downstream sees one kind of math. At print
time the render stage calls `typeset_math`, because WeasyPrint has no
MathML: each <math> becomes an <img> of an SVG typeset by ziamath, sized in
em and lowered to sit on the text baseline. When ziamath cannot lay out the
MathML we typeset the TeX source instead, and only when both fail is the TeX
shown, as code.
"""

from __future__ import annotations

import base64
import copy
import logging
import re

from lxml import etree
from lxml import html as lxml_html

from packet.extract.text import math_text

# ziamath draws at this many px per em; the <img> is scaled back to em.
RENDER_PX = 16.0
TEX_DELIMITERS_RE = re.compile(r"^\s*(?:\\\(|\\\[|\$\$?)(.*?)(?:\\\)|\\\]|\$\$?)\s*$", re.S)
MATHML_NS = "http://www.w3.org/1998/Math/MathML"
# Identifiers (LaTeXML numbers every formula and node) make equal formulas differ.
_IDS_RE = re.compile(r'\s(?:id|xref)="[^"]*"')
# Elements ziamath lays out (plus the wrappers we unwrap); others send us to the TeX.
KNOWN_MATHML = {
    "math", "mrow", "mi", "mo", "mn", "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot",
    "mtable", "mtr", "mtd", "mtext", "mspace", "mover", "munder", "munderover", "semantics",
    "annotation", "annotation-xml", "mstyle", "mpadded", "mphantom", "menclose", "mfenced",
    "merror", "ms", "mmultiscripts", "mprescripts", "none", "mlabeledtr",
}


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


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _mathml_for_ziamath(math) -> str:
    """Serialised MathML ziamath can lay out: <semantics> unwrapped to its
    presentation child, annotations dropped, the MathML namespace set."""
    copy = lxml_html.fragment_fromstring(lxml_html.tostring(math, encoding="unicode", with_tail=False))
    for el in list(copy.iter()):
        if _local(el.tag) in ("annotation", "annotation-xml") and el.getparent() is not None:
            el.getparent().remove(el)
    for el in list(copy.iter()):
        if _local(el.tag) == "semantics" and el.getparent() is not None:
            el.drop_tag()
    for el in copy.iter():
        if isinstance(el.tag, str):
            el.tag = _local(el.tag)
    _flatten_rows(copy)
    copy.attrib.pop("xmlns", None)
    copy.set("xmlns", MATHML_NS)
    return etree.tostring(copy, encoding="unicode")


def _flatten_rows(math) -> None:
    """Splice rows nested in rows into their parent. ziamath lays every
    row out twice (once to learn how far its brackets stretch), so each
    level of nesting doubles the work, and LaTeXML nests a row per
    operator: one equation of a real paper took seconds. Rows that open or
    close with an operator (brackets, a leading minus) keep their own row,
    where brackets stretch and signs take their prefix spacing."""
    for row in reversed(list(math.iter())):
        parent = row.getparent()
        if row.tag != "mrow" or parent is None or (row.text or "").strip():
            continue
        kids = [child for child in row if isinstance(child.tag, str)]
        if len(kids) == 1:
            row.drop_tag()
        elif parent.tag in ("mrow", "math") and kids and "mo" not in (kids[0].tag, kids[-1].tag) and not any(
            kid.tag == "mo" and (kid.get("stretchy") == "true" or kid.get("fence") == "true") for kid in kids
        ):
            row.drop_tag()


def _svg_img(svg: str, display: bool, tex: str):
    """An <img> holding `svg`, sized in em with its baseline on the text's."""
    if "<path" not in svg and "<use" not in svg:
        raise ValueError("ziamath drew nothing")
    view_box = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"', svg)
    img = lxml_html.Element("img")
    img.set("class", "math math-display" if display else "math")
    img.set("alt", tex)
    img.set("src", "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii"))
    if view_box:
        _, y, width, height = (float(v) for v in view_box.groups())
        if height <= 0 or width <= 0:
            raise ValueError("ziamath drew an empty box")
        depth = y + height  # how far the drawing reaches below the baseline (y = 0)
        style = f"height:{height / RENDER_PX:.3f}em;width:{width / RENDER_PX:.3f}em;"
        if display:
            style += "display:block;margin:0.5em auto;"
        else:
            style += f"vertical-align:{-depth / RENDER_PX:.3f}em;"
        img.set("style", style)
    return img


def _typeset_one(math, ziamath):
    display = math.get("display") == "block" or math.get("mode") == "display"
    tex = math_text(math)
    if all(_local(el.tag) in KNOWN_MATHML for el in math.iter() if isinstance(el.tag, str)):
        try:
            return _svg_img(ziamath.Math(_mathml_for_ziamath(math), size=RENDER_PX).svg(), display, tex)
        except Exception:  # ziamath fails on MathML it cannot lay out; the TeX may still typeset
            pass
    if tex:
        try:
            return _svg_img(ziamath.Math.fromlatex(tex, size=RENDER_PX, inline=not display).svg(), display, tex)
        except Exception:  # both layouts failed: show the source rather than nothing
            pass
    code = lxml_html.Element("code")
    code.set("class", "math")
    code.text = tex
    return code


def typeset_math(html: str) -> str:
    """Replace every <math> in article HTML by a typeset SVG image."""
    if "<math" not in html:
        return html
    import ziamath  # slow to import; only printing needs it

    root = lxml_html.fragment_fromstring(html, create_parent="div")
    # ziamath reports unknown MathML elements on the root logger; they are ours to ignore.
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    # A paper repeats its symbols (t, i, the same α) hundreds of times; each
    # distinct formula is laid out once.
    done: dict[str, etree._Element] = {}
    try:
        for math in [el for el in root.iter() if _local(el.tag) == "math"]:
            if math.getparent() is None:
                continue
            key = _IDS_RE.sub("", lxml_html.tostring(math, encoding="unicode", with_tail=False))
            if key not in done:
                done[key] = _typeset_one(math, ziamath)
            replacement = copy.deepcopy(done[key])
            replacement.tail = math.tail
            math.getparent().replace(math, replacement)
    finally:
        logging.disable(previous)
    return (root.text or "") + "".join(lxml_html.tostring(c, encoding="unicode") for c in root)
