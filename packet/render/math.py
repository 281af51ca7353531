"""Math for paper: every <math> in an article becomes a typeset SVG image.

WeasyPrint has no MathML, so at print time each <math> becomes an <img> of
an SVG typeset by ziamath, sized in em and lowered to sit on the text
baseline. When ziamath cannot lay out the MathML the TeX source (alttext or
a TeX annotation) is typeset instead, and only when both fail is the TeX
shown, as code. Typesetting is slow (a paper's formulas take seconds), so
each formula can be remembered on disk.

ziamath lays every row out twice (once to learn how far its brackets
stretch), so its work doubles with each row nested in a row: 10 deep took
a second, 12 deep six, and a hostile page can nest 30. A formula whose
rows nest deeper than MAX_ROW_DEPTH is shown as code; real formulas, even
after LaTeXML's row per operator is flattened, nest about 5.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import logging
import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
# ziamath draws at this many px per em; the <img> is scaled back to em.
RENDER_PX = 16.0
# Elements ziamath lays out (plus the wrappers we unwrap); others send us to the TeX.
KNOWN_MATHML = {
    "math", "mrow", "mi", "mo", "mn", "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot",
    "mtable", "mtr", "mtd", "mtext", "mspace", "mover", "munder", "munderover", "semantics",
    "annotation", "annotation-xml", "mstyle", "mpadded", "mphantom", "menclose", "mfenced",
    "merror", "ms", "mmultiscripts", "mprescripts", "none", "mlabeledtr",
}
MAX_ROW_DEPTH = 10
# TeX longer than any equation (the extract stage keeps longer TeX as code).
MAX_TEX_CHARS = 5_000
# Elements that lay their children out as a row when they have several.
_INFERRED_ROWS = {"math", "msqrt", "mstyle", "mtd", "mpadded", "mphantom", "menclose", "merror"}
# Identifiers (LaTeXML numbers every formula and node) make equal formulas differ.
_IDS_RE = re.compile(r'\s(?:id|xref)="[^"]*"')
_VIEW_BOX_RE = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def row_depth(math) -> int:
    """How many rows nest in `math` at most (counted without recursion:
    hostile markup nests deep)."""
    deepest = 0
    pending = [(math, 0)]
    while pending:
        el, depth = pending.pop()
        children = [child for child in el if isinstance(child.tag, str)]
        name = _local(el.tag)
        if name == "mrow" or (name in _INFERRED_ROWS and len(children) > 1):
            depth += 1
        deepest = max(deepest, depth)
        pending.extend((child, depth) for child in children)
    return deepest


def _mathml_for_ziamath(math):
    """MathML ziamath can lay out: <semantics> unwrapped to its
    presentation child, annotations dropped, the MathML namespace set."""
    math = copy.deepcopy(math)
    math.tail = None
    for el in list(math.iter()):
        if _local(el.tag) in ("annotation", "annotation-xml") and el.getparent() is not None:
            el.getparent().remove(el)
    for el in list(math.iter()):
        if _local(el.tag) == "semantics" and el.getparent() is not None:
            el.drop_tag()
    for el in math.iter():
        if isinstance(el.tag, str):
            el.tag = _local(el.tag)
    _trim_tokens(math)
    _flatten_rows(math)
    math.attrib.pop("xmlns", None)
    math.set("xmlns", MATHML_NS)
    return math


# Token elements, whose text MathML trims and collapses (space, tab, line
# feed, carriage return; not the no-break space a writer put in on purpose).
TOKENS = ("mi", "mn", "mo", "mtext", "ms")
_MATHML_SPACE_RE = re.compile(r"[ \t\n\r]+")


def _trim_tokens(math) -> None:
    """Trim and collapse the whitespace in token elements, as MathML says a
    renderer must. ziamath draws every space it is given: a page's
    pretty-printed <mtext> ("\\n    Hermitian\\n   ") spread a formula
    across the line, or made it too wide and shrunk it to unreadable."""
    for el in math.iter(*TOKENS):
        kids = [child for child in el if isinstance(child.tag, str)]
        el.text = _MATHML_SPACE_RE.sub(" ", el.text or "")
        for child in kids:
            child.tail = _MATHML_SPACE_RE.sub(" ", child.tail or "")
        el.text = el.text.lstrip(" ")
        if kids:
            kids[-1].tail = kids[-1].tail.rstrip(" ")
        else:
            el.text = el.text.rstrip(" ")


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
    view_box = _VIEW_BOX_RE.search(svg)
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


def _typeset_one(math, ziamath, tex2mml, math_text):
    """The element that stands for one <math> on paper: an SVG <img>, or the TeX as <code>."""
    display = math.get("display") == "block" or math.get("mode") == "display"
    tex = math_text(math)
    if all(_local(el.tag) in KNOWN_MATHML for el in math.iter() if isinstance(el.tag, str)):
        laid_out = _mathml_for_ziamath(math)
        if row_depth(laid_out) <= MAX_ROW_DEPTH:
            try:
                return _svg_img(ziamath.Math(etree.tostring(laid_out, encoding="unicode"), size=RENDER_PX).svg(), display, tex)
            except Exception:  # ziamath fails on MathML it cannot lay out; the TeX may still typeset
                pass
    if tex and len(tex) <= MAX_TEX_CHARS:
        try:
            # What ziamath.Math.fromlatex does, with the depth looked at first.
            mathml = tex2mml(tex, inline=not display)
            if row_depth(etree.fromstring(mathml)) <= MAX_ROW_DEPTH:
                return _svg_img(ziamath.Math(mathml, size=RENDER_PX).svg(), display, tex)
        except Exception:  # both layouts failed: show the source rather than nothing
            pass
    code = lxml_html.Element("code")
    code.set("class", "math")
    code.text = tex
    return code


class _Typesetter:
    """ziamath and the extractor's math_text, imported on the first formula
    that is not remembered: both are slow to import."""

    def __init__(self) -> None:
        self.loaded = None

    def __call__(self, math):
        if self.loaded is None:
            import ziamath
            from ziamath.tex import tex2mml

            from packet.extract.text import math_text

            self.loaded = (ziamath, tex2mml, math_text)
        # ziamath reports unknown MathML elements on the root logger; they are ours to ignore.
        previous = logging.root.manager.disable
        logging.disable(logging.WARNING)
        try:
            return _typeset_one(math, *self.loaded)
        finally:
            logging.disable(previous)


def _source(math) -> str:
    return _IDS_RE.sub("", etree.tostring(math, encoding="unicode", with_tail=False))


# Raised whenever packet prepares MathML for ziamath differently, so that
# formulas typeset the old way are not read back from the cache.
PREPARATION = 2


def _cache_key(source: str) -> str:
    from importlib.metadata import version

    return hashlib.sha256(f"{version('ziamath')} {PREPARATION} {RENDER_PX} {source}".encode()).hexdigest()


def _remembered(math, source: str, cache: Path | None, typeset: _Typesetter):
    """The typeset element for `math`, from `cache` when it was typeset before."""
    if cache is None:
        return typeset(math)
    path = cache / f"{_cache_key(source)}.html"
    try:
        return lxml_html.fragment_fromstring(path.read_text(encoding="utf-8"))
    except (OSError, etree.ParserError, ValueError):
        pass
    element = typeset(math)
    from packet.render.pdf import write_atomically

    write_atomically(path, lxml_html.tostring(element, encoding="unicode", with_tail=False).encode("utf-8"))
    return element


def typeset_math(root, cache: Path | None = None) -> None:
    """Replace every <math> under `root` by its typeset image.

    With `cache`, a folder, each formula typeset is remembered there (by its
    MathML and the ziamath version), so printing the same reading again
    does not typeset it again."""
    maths = [el for el in root.iter() if _local(el.tag) == "math"]
    typeset = _Typesetter()
    # A paper repeats its symbols (t, i, the same α) hundreds of times; each
    # distinct formula is laid out (or read from the cache) once.
    done: dict[str, etree._Element] = {}
    for math in maths:
        if math.getparent() is None:
            continue
        source = _source(math)
        if source not in done:
            done[source] = _remembered(math, source, cache, typeset)
        replacement = copy.deepcopy(done[source])
        replacement.tail = math.tail
        math.getparent().replace(math, replacement)
