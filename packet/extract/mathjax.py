"""Math a site already typeset with MathJax, turned back into math.

A page (or a forum's stored post body) can carry MathJax's output instead
of the TeX: MathJax 2 CommonHTML puts the TeX in an `aria-label` and the
visible glyphs in `aria-hidden` spans (which the hidden-block clean-up
rightly drops, taking the formula with it); MathJax 3 writes custom
`<mjx-container>` elements whose glyphs are drawn by CSS, so they hold no
text at all. Each becomes a <math> element, from the best source it
carries, in order: its own MathML (MathJax's assistive copy), its TeX
(`data-latex`, `aria-label`), or its layout tree (MathJax 3 names every
glyph's code point in a class, `mjx-c1D6FC` for U+1D6FC).
"""

from __future__ import annotations

import re
import unicodedata

from lxml import html as lxml_html

from packet.extract.math import TexConverter
from packet.markup import class_list

_CODEPOINT_RE = re.compile(r"^mjx-c([0-9A-F]{1,6})$", re.I)
#: Layout boxes MathJax 3 draws for itself: never part of the formula.
_DRAWN_ONLY = frozenset({"mjx-surd", "mjx-spacer", "mjx-line", "mjx-nstrut", "mjx-dstrut", "mjx-strut",
                         "mjx-assistive-mml", "mjx-stretchy-v", "mjx-stretchy-h"})
_TOKENS = {"mjx-mi": "mi", "mjx-mo": "mo", "mjx-mn": "mn", "mjx-mtext": "mtext", "mjx-ms": "ms"}
_ROWS = frozenset({"mjx-mrow", "mjx-texatom", "mjx-inferredmrow", "mjx-mstyle", "mjx-mpadded",
                   "mjx-semantics", "mjx-mphantom", "mjx-menclose", "mjx-mfenced", "mjx-merror"})


def _replace(old, new) -> None:
    new.tail = old.tail
    old.getparent().replace(old, new)


def _math_from_tex(tex: str, display: bool, convert: TexConverter):
    tex = tex.strip()
    if tex.startswith(("\\(", "\\[", "$")):
        tex = re.sub(r"^(\\\(|\\\[|\$\$?)|(\\\)|\\\]|\$\$?)$", "", tex).strip()
    return convert(tex, display) if tex else None


def mathjax_to_math(root, base_url: str) -> None:
    """Turn MathJax 2 and 3 output back into <math>, so it typesets like
    any other formula instead of printing as nothing."""
    convert = TexConverter()
    for container in list(root.iter("mjx-container")):
        if container.getparent() is not None:
            _mathjax3(container, convert)
    for el in list(root.iter("span", "div")):
        if el.getparent() is None:
            continue
        classes = class_list(el)
        if "mjx-chtml" in classes:
            _mathjax2(el, convert)
        elif classes and classes[0] in ("MathJax_Preview", "MathJax", "MathJax_Display", "MathJax_SVG",
                                        "MathJax_SVG_Display", "MathJax_CHTML"):
            # MathJax 2's other outputs sit beside the <script type="math/tex">
            # they came from; the script is turned into math by tex_to_math.
            follower = el.getnext()
            if classes[0] == "MathJax_Preview" or (follower is not None and follower.tag == "script"):
                el.drop_tree()


def _outer_wrapper(el):
    """The wrapper that holds nothing but this formula (MathJax-node-page's
    `span.mjpage`, CKEditor's `span.math-tex`), so it is replaced whole."""
    while True:
        parent = el.getparent()
        if parent is None or parent.tag not in ("span", "div") or len(parent) != 1:
            return el
        if (parent.text or "").strip() or (el.tail or "").strip():
            return el
        names = set(class_list(parent))
        if not names & {"mjpage", "mjpage__block", "math-tex", "math", "math-inline", "math-display", "MathJax_Display"}:
            return el
        el = parent


def _mathjax2(chtml, convert: TexConverter) -> None:
    display = "MJXc-display" in class_list(chtml) or any(
        set(class_list(a)) & {"mjpage__block", "MathJax_Display"} for a in chtml.iterancestors()
    )
    label = next((m.get("aria-label") for m in chtml.iter() if m.get("aria-label")), None)
    math = None
    assistive = chtml.find('.//*[@class="MJX_Assistive_MathML"]')
    if assistive is not None:
        math = next((m for m in assistive.iter() if isinstance(m.tag, str) and m.tag.rsplit("}", 1)[-1] == "math"), None)
    if math is None and label:
        math = _math_from_tex(label, display, convert)
    target = _outer_wrapper(chtml)
    if math is None:
        # No TeX anywhere: the glyphs MathJax 2 wrote are at least readable.
        glyphs = lxml_html.Element("span")
        glyphs.set("class", "math")
        glyphs.text = "".join(c.text_content() for c in chtml.iter("span") if "mjx-char" in class_list(c))
        _replace(target, glyphs)
        return
    if display:
        math.set("display", "block")
    _replace(target, math)


def _mathjax3(container, convert: TexConverter) -> None:
    display = container.get("display") == "true"
    math = None
    assistive = container.find(".//mjx-assistive-mml")
    if assistive is not None:
        math = next((m for m in assistive.iter() if isinstance(m.tag, str) and m.tag.rsplit("}", 1)[-1] == "math"), None)
    tex = container.get("data-latex") or container.get("aria-label")
    if math is None and tex:
        math = _math_from_tex(tex, display, convert)
    if math is None:
        layout = container.find("mjx-math")
        math = _rebuild(layout) if layout is not None else None
    target = _outer_wrapper(container)
    if math is None:
        target.drop_tree()
        return
    if display:
        math.set("display", "block")
    _replace(target, math)


# MathJax 3's layout tree back to MathML


def _m_children(el) -> list:
    """The formula's own nodes under `el`, looking through layout boxes."""
    found = []
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if not tag or tag in _DRAWN_ONLY or tag == "mjx-c":
            continue
        if tag.startswith("mjx-m") and tag != "mjx-math":
            found.append(child)
        else:
            found.extend(_m_children(child))
    return found


def _glyphs(el) -> str:
    out = []
    for c in el.iter("mjx-c", "mjx-utext"):
        if c.text:
            out.append(c.text)
            continue
        for name in class_list(c):
            match = _CODEPOINT_RE.match(name)
            if match:
                out.append(chr(int(match.group(1), 16)))
                break
    # Mathematical italic and bold letters (U+1D400...) read as their plain letters.
    return unicodedata.normalize("NFKC", "".join(out))


def _row(nodes):
    built = [_node(n) for n in nodes]
    built = [b for b in built if b is not None]
    if len(built) == 1:
        return built[0]
    row = lxml_html.Element("mrow")
    for b in built:
        row.append(b)
    return row


def _first(el, tag):
    """The formula nodes in `el`'s own layout box `tag` (its numerator,
    denominator, ...): the box is looked for through layout boxes only, never
    inside a nested formula node, whose boxes are its own (a fraction in a
    numerator has a denominator too)."""
    pending = list(el)
    while pending:
        child = pending.pop(0)
        if child.tag == tag:
            return _m_children(child)
        if isinstance(child.tag, str) and not child.tag.startswith("mjx-m"):
            pending.extend(child)
    return []


def _node(el):
    tag = el.tag
    if tag in _TOKENS:
        token = lxml_html.Element(_TOKENS[tag])
        token.text = _glyphs(el)
        return token
    if tag == "mjx-mspace":
        return lxml_html.Element("mspace")
    parts = _m_children(el)
    if tag in ("mjx-msup", "mjx-msub", "mjx-msubsup") and parts:
        built = lxml_html.Element(tag[4:])
        base, scripts = parts[0], parts[1:]
        if tag == "mjx-msubsup" and len(scripts) >= 2:
            scripts = [scripts[1], scripts[0]]  # drawn sup first; MathML wants sub first
        for piece in [base, *scripts]:
            built.append(_row([piece]))
        return built
    if tag == "mjx-mfrac":
        built = lxml_html.Element("mfrac")
        built.append(_row(_first(el, "mjx-num")))
        built.append(_row(_first(el, "mjx-den")))
        return built
    if tag == "mjx-msqrt":
        built = lxml_html.Element("msqrt")
        built.append(_row(parts))
        return built
    if tag == "mjx-mroot":
        built = lxml_html.Element("mroot")
        built.append(_row(_first(el, "mjx-box") or parts))
        built.append(_row(_first(el, "mjx-root")))
        return built
    if tag in ("mjx-mover", "mjx-munder", "mjx-munderover"):
        built = lxml_html.Element(tag[4:])
        built.append(_row(_first(el, "mjx-base")))
        if tag != "mjx-mover":
            built.append(_row(_first(el, "mjx-under")))
        if tag != "mjx-munder":
            built.append(_row(_first(el, "mjx-over")))
        return built
    if tag in ("mjx-mtable", "mjx-mtr", "mjx-mtd", "mjx-mlabeledtr"):
        built = lxml_html.Element(tag[4:])
        for part in parts:
            child = _node(part)
            if child is not None:
                built.append(child)
        return built
    if tag in _ROWS or tag.startswith("mjx-m"):
        return _row(parts)
    return None


def _rebuild(layout):
    math = lxml_html.Element("math")
    for part in _m_children(layout):
        node = _node(part)
        if node is not None:
            math.append(node)
    if not len(math) or not "".join(math.itertext()).strip():
        return None
    math.set("alttext", "".join(math.itertext()))
    return math
