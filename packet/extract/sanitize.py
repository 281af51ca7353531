"""The first wall of security: an allow-list over article HTML.

Everything the renderer ever sees has passed `sanitize_html`. We use nh3
(Rust ammonia on the html5ever parser) rather than lxml's Cleaner because
ammonia is allow-list by construction (an element or attribute not named
here cannot pass), parses hostile markup the way browsers do, never builds
a Python tree (so deep nesting cannot exhaust the stack) and is fast. Its
attribute filter lets us cap data: images and refuse svg ones.

Elements nested deeper than MAX_DEPTH are unwrapped (their text kept):
WeasyPrint lays boxes out recursively and gives up on the whole document
(RecursionError) at about 200 levels, so one hostile page of ten thousand
nested blocks would otherwise cost every reading of its week the handout.

Dropped with their content: script, style, iframe, object, embed, template,
form controls, svg. Dropped, keeping their text: any other unknown element
(form, font, ...). No event handlers, no style, no javascript: or other
unlisted URL schemes; images only from http(s) or a base64 png/jpeg/gif/webp
data: URI of at most MAX_DATA_URI_BYTES.
"""

from __future__ import annotations

import re

import nh3

MAX_DATA_URI_BYTES = 2 * 1024 * 1024
#: Deeper than any real article (MathML in a list in a table stays under 40),
#: well under the depth at which WeasyPrint's layout recursion fails.
MAX_DEPTH = 64
VOID_TAGS = {"br", "col", "hr", "img", "wbr"}
# nh3 output is serialised by html5ever: every non-void element is closed,
# and "<" and ">" are escaped in text and attribute values, so a tag is
# exactly "<" up to the next ">".
TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")
DATA_IMAGE_RE = re.compile(r"^data:image/(png|jpeg|jpg|gif|webp);base64,[A-Za-z0-9+/=\s]*$", re.I)
# Class tokens worth keeping: LaTeXML's section numbers and our own markers.
KEPT_CLASS_RE = re.compile(r"^(ltx_\w+|math|math-display|footnotes?|footnote-\w+)$")

HTML_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    "var", "wbr", "aside", "article", "header", "footer", "address",
}
MATHML_TAGS = {
    "math", "mrow", "mi", "mo", "mn", "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot",
    "mtable", "mtr", "mtd", "mtext", "mspace", "mover", "munder", "munderover", "semantics",
    "annotation", "mstyle", "mpadded", "mphantom", "menclose", "mfenced", "merror",
    "mmultiscripts", "mprescripts", "none", "ms", "mlabeledtr",
}
DROP_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "textarea",
    "select", "button", "input", "canvas", "audio", "video", "applet", "frame", "frameset",
    "annotation-xml", "head", "title",
}

COMMON_ATTRS = {"id", "lang", "dir", "title", "class"}
MATHML_ATTRS = {
    "math": {"display", "alttext", "xmlns", "mathvariant", "displaystyle"},
    "mi": {"mathvariant"},
    "mn": {"mathvariant"},
    "mtext": {"mathvariant"},
    "ms": {"mathvariant", "lquote", "rquote"},
    "mo": {"mathvariant", "stretchy", "fence", "separator", "lspace", "rspace", "form", "largeop",
           "movablelimits", "accent", "symmetric", "minsize", "maxsize"},
    "mfrac": {"linethickness", "bevelled"},
    "mtable": {"columnalign", "rowalign", "rowspacing", "columnspacing", "columnlines", "rowlines",
               "frame", "displaystyle", "width"},
    "mtr": {"columnalign", "rowalign"},
    "mlabeledtr": {"columnalign", "rowalign"},
    "mtd": {"columnalign", "rowalign", "columnspan", "rowspan"},
    "mstyle": {"displaystyle", "scriptlevel", "mathvariant", "mathsize"},
    "mspace": {"width", "height", "depth"},
    "mpadded": {"width", "height", "depth", "lspace", "voffset"},
    "menclose": {"notation"},
    "mfenced": {"open", "close", "separators"},
    "mover": {"accent"},
    "munder": {"accentunder"},
    "munderover": {"accent", "accentunder"},
    "annotation": {"encoding"},
}
HTML_ATTRS = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
ATTRIBUTES = {"*": COMMON_ATTRS} | {
    tag: HTML_ATTRS.get(tag, set()) | MATHML_ATTRS.get(tag, set())
    for tag in set(HTML_ATTRS) | set(MATHML_ATTRS)
}


def safe_image_src(value: str) -> str | None:
    """An image source we let through: http(s), or a small raster data: URI."""
    value = value.strip()
    lowered = value[:16].lower()
    if lowered.startswith(("http://", "https://")):
        return value
    if lowered.startswith("data:"):
        if len(value) <= MAX_DATA_URI_BYTES and DATA_IMAGE_RE.match(value):
            return value
        return None
    return None


def _filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "src":
        return safe_image_src(value) if tag == "img" else None
    if attr in ("href", "cite"):
        lowered = value.strip().lower()
        if lowered.startswith(("http://", "https://", "mailto:", "#")):
            return value.strip()
        return None
    if attr == "class":
        kept = [t for t in value.split() if KEPT_CLASS_RE.match(t)]
        return " ".join(kept) or None
    return value


def flatten_deep_nesting(html: str, max_depth: int = MAX_DEPTH) -> str:
    """Unwrap elements nested deeper than `max_depth` in sanitised HTML,
    keeping their text and void elements (images, line breaks)."""
    out: list[str] = []
    open_tags: list[tuple[str, bool]] = []
    kept = 0
    position = 0
    for match in TAG_RE.finditer(html):
        out.append(html[position:match.start()])
        position = match.end()
        closing, name = match.group(1), match.group(2).lower()
        if name in VOID_TAGS:
            out.append(match.group(0))
        elif not closing:
            keep = kept < max_depth
            open_tags.append((name, keep))
            kept += keep
            if keep:
                out.append(match.group(0))
        elif open_tags:
            _, keep = open_tags.pop()
            kept -= keep
            if keep:
                out.append(match.group(0))
    out.append(html[position:])
    return "".join(out)


def sanitize_html(html: str) -> str:
    """Article HTML reduced to the allow-listed elements and attributes."""
    clean = nh3.clean(
        html,
        tags=HTML_TAGS | MATHML_TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=_filter,
        url_schemes={"http", "https", "mailto", "data"},
        link_rel=None,
        strip_comments=True,
    )
    return flatten_deep_nesting(clean)
