"""Fetched HTML text -> lxml trees, however broken the markup.

libxml2 (lxml's parser) is fast but not an HTML5 parser: on some damaged
markup (a stray quote inside the <html> tag, an unclosed comment or
attribute, elements nested past its limit of 255) it drops most of the
page without an error. When the tree it builds holds far less text than
the markup does, the page is parsed again with tinyhtml5, which follows
the HTML5 parsing algorithm browsers use, and that tree is taken if it
holds more.

tinyhtml5 is pure Python, and any HTML5 parser's work grows with the
square of the nesting depth (every start tag looks down the stack of open
elements): 30,000 nested <div>s took it 46 s, and the C parsers Lexbor and
html5ever still take 37-42 s over 100,000. So the page is parsed again
only when that work, counted beforehand, is bounded.

Class and id values are the other input every later step reads with
patterns; a class token tens of kilobytes long made one byline pattern
backtrack for a minute. No site names a class or an element that long,
so the parsed tree keeps class tokens and ids of sane length only.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree
from lxml import html as lxml_html

UTF8_PARSER = lxml_html.HTMLParser(encoding="utf-8")
_HIDDEN_START = re.compile(r"<(script|style|noscript|template)\b|<!--", re.I)
_HIDDEN_END = {name: re.compile(rf"</{name}", re.I) for name in ("script", "style", "noscript", "template")}
# `[^<>]`, not `[^>]`: after a "<" that never closes, the scan stops at the
# next "<" instead of reading to the end of the page again.
_TAG = re.compile(r"<[^<>]*>")
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][^\s/<>]*)")
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
# An open element of the same name is closed by these start tags (<p>a<p>b).
_SIBLINGS = frozenset("p li dt dd option tr td th".split())
# Below this share of the markup's visible words, libxml2 lost part of the page.
_LOST_SHARE = 0.5
_MIN_WORDS_TO_CHECK = 50
# The re-parse's limits, each about a second of tinyhtml5: its markup, and
# the open elements its start tags look through (the sum of their depths;
# 4,000 start tags under 1,000 open elements took 0.4 s). Nesting a few
# thousand deep, well past the 255 at which libxml2 gives up, still passes.
_MAX_REPARSE_CHARS = 2_000_000
_MAX_REPARSE_WORK = 10_000_000
# Hashed CSS-module names run to about 60 characters and utility-class lists
# (Tailwind) to a few hundred; slugs of long headings make ids of 100 or so.
_MAX_CLASS_TOKEN_CHARS = 100
_MAX_CLASS_CHARS = 2_000
_MAX_ID_CHARS = 200


def _empty_document():
    return lxml_html.document_fromstring("<html><body></body></html>")


def _visible_words(html: str) -> int:
    """Words of the markup outside tags, scripts, styles and comments. One
    pass: an unclosed <script> hides the rest, as in a browser."""
    parts, pos = [], 0
    while (start := _HIDDEN_START.search(html, pos)) is not None:
        parts.append(html[pos : start.start()])
        if start.group(1) is None:
            end = html.find("-->", start.end())
        else:
            found = _HIDDEN_END[start.group(1).lower()].search(html, start.end())
            end = found.start() if found else -1
        if end < 0:
            pos = len(html)
            break
        pos = html.find(">", end) + 1 or len(html)
    parts.append(html[pos:])
    return len(_TAG.sub(" ", " ".join(parts)).split())


def reparse_work(html: str, limit: int = _MAX_REPARSE_WORK) -> int:
    """The open elements the markup's start tags look through, counted as a
    browser nests (an end tag closes the nearest open element of its name
    and is ignored when none is open); counting stops past `limit`."""
    stack: list[str] = []
    open_names: Counter = Counter()
    work = 0
    for match in _TAG_NAME.finditer(html):
        name = match.group(2).lower()
        if match.group(1):
            if open_names[name]:
                while (top := stack.pop()) != name:
                    open_names[top] -= 1
                open_names[name] -= 1
            continue
        work += len(stack) + 1
        if work > limit:
            break
        if name in _VOID or (name in _SIBLINGS and stack and stack[-1] == name):
            continue
        stack.append(name)
        open_names[name] += 1
    return work


def _small_enough_to_reparse(html: str) -> bool:
    return len(html) <= _MAX_REPARSE_CHARS and reparse_work(html) <= _MAX_REPARSE_WORK


def _body_words(doc) -> int:
    body = doc.find("body")
    if body is None:
        return 0
    words = len(body.text_content().split())
    return words - sum(len((el.text or "").split()) for el in body.iter("script", "style"))


def _local(name: str) -> str:
    # tinyhtml5 puts SVG and MathML in their namespaces; libxml2's HTML trees have plain names.
    return name.rsplit("}", 1)[-1]


def _from_html5(html: str):
    """The page as tinyhtml5 parses it, built as one lxml.html tree (without
    recursion: the tree may be deep)."""
    import tinyhtml5

    source = tinyhtml5.parse(html, namespace_html_elements=False)
    root = lxml_html.document_fromstring("<html></html>", parser=UTF8_PARSER)
    pending = [(source, root)]
    while pending:
        node, el = pending.pop()
        for name, value in node.attrib.items():
            try:
                el.set(_local(name), value)
            except ValueError:  # a name lxml refuses ("xmogo.jpg\"")
                continue
        el.text = node.text
        for child in node:
            if not isinstance(child.tag, str):  # comments, processing instructions
                if child.tail:
                    last = el[-1] if len(el) else None
                    if last is not None:
                        last.tail = (last.tail or "") + child.tail
                    else:
                        el.text = (el.text or "") + child.tail
                continue
            try:
                built = etree.SubElement(el, _local(child.tag))
            except ValueError:  # a tag name lxml refuses: its content still counts
                built = etree.SubElement(el, "span")
            built.tail = child.tail
            pending.append((child, built))
    return root


def bound_names(doc) -> None:
    """Drop class tokens and ids too long to be names, and cut class lists
    past a few thousand characters, so that no pattern run over them later
    has much to backtrack over."""
    for el in doc.xpath(f"//*[string-length(@class) > {_MAX_CLASS_TOKEN_CHARS}]"):
        kept, size = [], 0
        for token in el.get("class").split():
            if len(token) > _MAX_CLASS_TOKEN_CHARS:
                continue
            size += len(token) + 1
            if size > _MAX_CLASS_CHARS:
                break
            kept.append(token)
        el.set("class", " ".join(kept))
    for el in doc.xpath(f"//*[string-length(@id) > {_MAX_ID_CHARS}]"):
        del el.attrib["id"]


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
    if (
        _MIN_WORDS_TO_CHECK <= (visible := _visible_words(html))
        and got < _LOST_SHARE * visible
        and _small_enough_to_reparse(html)
    ):
        try:
            again = _from_html5(html)
        except ValueError:  # text lxml refuses (control characters)
            again = None
        if again is not None and _body_words(again) > got:
            doc = again
    if doc is None:
        return _empty_document()
    bound_names(doc)
    return doc


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
