"""Fetched HTML text -> lxml trees, however broken the markup.

libxml2 (lxml's parser) is fast but not an HTML5 parser: on some damaged
markup (a stray quote inside the <html> tag, an unclosed comment or
attribute) it drops most of the page without an error. When the tree it
builds holds far less text than the markup does, the page is parsed again
with tinyhtml5, which follows the HTML5 parsing algorithm browsers use, and
that tree is taken if it holds more.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

UTF8_PARSER = lxml_html.HTMLParser(encoding="utf-8")
_HIDDEN_START = re.compile(r"<(script|style|noscript|template)\b|<!--", re.I)
_TAG = re.compile(r"<[^>]*>")
# Below this share of the markup's visible words, libxml2 lost part of the page.
_LOST_SHARE = 0.5
_MIN_WORDS_TO_CHECK = 50
# tinyhtml5 is pure Python (about a second a megabyte): a hostile page must
# not make every build wait on it.
_MAX_REPARSE_CHARS = 2_000_000


def _empty_document():
    return lxml_html.document_fromstring("<html><body></body></html>")


def _visible_words(html: str) -> int:
    """Words of the markup outside tags, scripts, styles and comments. One
    pass: an unclosed <script> hides the rest, as in a browser."""
    lowered = html.lower()
    parts, pos = [], 0
    while (start := _HIDDEN_START.search(lowered, pos)) is not None:
        parts.append(html[pos : start.start()])
        close = "-->" if start.group(1) is None else f"</{start.group(1)}"
        end = lowered.find(close, start.end())
        if end < 0:
            pos = len(html)
            break
        pos = lowered.find(">", end) + 1 or len(html)
    parts.append(html[pos:])
    return len(_TAG.sub(" ", " ".join(parts)).split())


def _body_words(doc) -> int:
    body = doc.find("body")
    if body is None:
        return 0
    words = len(body.text_content().split())
    return words - sum(len((el.text or "").split()) for el in body.iter("script", "style"))


def _from_html5(html: str):
    """The page as tinyhtml5 parses it, rebuilt as an lxml.html tree."""
    import tinyhtml5

    source = tinyhtml5.parse(html, namespace_html_elements=False)

    def build(node, parent):
        if not isinstance(node.tag, str):  # comments, processing instructions
            return None
        el = etree.SubElement(parent, node.tag) if parent is not None else lxml_html.Element(node.tag)
        for name, value in node.attrib.items():
            try:
                el.set(name, value)
            except ValueError:  # a name lxml refuses ("xmogo.jpg\"")
                continue
        el.text = node.text
        for child in node:
            built = build(child, el)
            if built is None:
                if child.tail:
                    last = el[-1] if len(el) else None
                    if last is not None:
                        last.tail = (last.tail or "") + child.tail
                    else:
                        el.text = (el.text or "") + child.tail
            else:
                built.tail = child.tail
        return el

    root = build(source, None)
    # Reparse once so every element is an lxml.html element with its methods.
    return lxml_html.document_fromstring(lxml_html.tostring(root, encoding="utf-8"), parser=UTF8_PARSER)


def parse_page(html: str):
    """An lxml document for any HTML, however broken; never None."""
    if not html.strip():
        return _empty_document()
    try:
        # Bytes (not str) so an <?xml encoding?> prologue cannot make lxml refuse the page.
        doc = lxml_html.document_fromstring(html.encode("utf-8", "replace"), parser=UTF8_PARSER)
    except (etree.ParserError, ValueError):
        doc = None
    got = _body_words(doc) if doc is not None else 0
    if len(html) <= _MAX_REPARSE_CHARS and _MIN_WORDS_TO_CHECK <= (visible := _visible_words(html)) and got < _LOST_SHARE * visible:
        try:
            again = _from_html5(html)
        except (etree.ParserError, ValueError, RecursionError):
            again = None
        if again is not None and _body_words(again) > got:
            return again
    return doc if doc is not None else _empty_document()


def fragment(html: str):
    """A <div> holding an HTML fragment, for transforms to work on; never raises."""
    try:
        return lxml_html.fragment_fromstring(html or "", create_parent="div")
    except (etree.ParserError, ValueError, AssertionError):
        # lxml asserts when the markup parses to no <body> at all ("<html x=...>").
        doc = parse_page("<div>" + (html or "") + "</div>")
        div = lxml_html.Element("div")
        body = doc.find("body")
        if body is not None:
            div.text = body.text
            div.extend(list(body))
        return div
