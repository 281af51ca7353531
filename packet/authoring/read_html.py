"""Semantic HTML -> blocks: the shape of a Word file through mammoth and of a
Google Docs export once `packet.docs_export` has normalised it.

h1-h6 are headings; p.title is the document's title; ul/ol nest into item
depths, an ol's items numbered from its start (lettered when its type says
so); b/strong are bold runs and a[href] links; a table's rows become items
(tables.py).
Nothing is fetched: the HTML is parsed, never rendered.
"""

from __future__ import annotations

import string

from lxml import etree
from lxml import html as lxml_html

from packet.authoring import anchors
from packet.authoring.blocks import Block, Run
from packet.authoring.tables import (
    column_roles,
    is_reading_table,
    reading_lead,
    row_runs,
    wants_lead,
)
from packet.markup import class_list

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SKIP = {"script", "style", "head", "title", "meta", "link", "noscript", "template", "svg", "img"}
_INLINE_BLOCKS = {"p", "div", "blockquote", "section", "article", "main", "body", "header", "footer"}


def read_html(text: str) -> list[Block]:
    """Blocks of an HTML guide; a Google Docs export is normalised first."""
    from packet.docs_export import normalise_docs_export

    if not text.strip():
        return []
    # As bytes with the encoding said, since lxml refuses a str that carries
    # an XML declaration (<?xml ... encoding="utf-8"?>, as XHTML guides do).
    parser = lxml_html.HTMLParser(encoding="utf-8")
    try:
        doc = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except etree.ParserError:  # nothing but comments or whitespace
        return []
    normalise_docs_export(doc)
    return read_html_document(doc)


def read_html_document(doc) -> list[Block]:
    _links_home(doc)
    body = doc.find("body")
    blocks: list[Block] = []
    _walk(body if body is not None else doc, blocks, depth=-1)
    title = " ".join((doc.findtext(".//head/title") or "").split())
    first_heading = next((b for b in blocks if b.kind == "heading"), None)
    if title and first_heading is not None and first_heading.level == 1 and " ".join(first_heading.text.split()) == title:
        first_heading.kind = "title"
    for i, block in enumerate(blocks, 1):
        block.where = f"paragraph {i}"
    return blocks


def _links_home(doc) -> None:
    """A link to the Google Doc's own address at one of its headings or
    bookmarks (a Doc's id is on the export's heading: id="h.xxxx") as the
    in-document link it is: "#h.xxxx"."""
    ids = set(doc.xpath("//@id"))
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if href.startswith("#"):
            continue
        to = anchors.place(href)
        if to and to in ids:
            a.set("href", "#" + to)


def _walk(element, blocks: list[Block], depth: int) -> None:
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _SKIP or not tag:
            continue
        if tag in _HEADINGS:
            blocks.append(Block("heading", _runs(child), level=_HEADINGS[tag]))
        elif tag == "p":
            kind = "title" if "title" in class_list(child) else "paragraph"
            if depth >= 0:
                blocks.append(Block("item", _runs(child), depth=depth + 1))
            else:
                blocks.append(Block(kind, _runs(child)))
        elif tag in ("ul", "ol"):
            _list(child, blocks, depth + 1)
        elif tag == "table":
            roles = None
            rows = list(child.iter("tr"))
            table = [[_runs(cell) for cell in row if cell.tag in ("td", "th")] for row in rows]
            for n, (row, cells) in enumerate(zip(rows, table)):
                # A header is a row of th, or (Docs and Word have no th) a
                # first row whose cells name the columns; the rows under it
                # say what its columns hold ("Time" over "18:00").
                header = row.find("th") is not None and row.find("td") is None
                if header or n == 0 and column_roles(cells, table[1:]) is not None:
                    roles = column_roles(cells, table[n + 1:])
                    if is_reading_table(roles) and wants_lead(blocks[-1] if blocks else None):
                        blocks.append(reading_lead())
                    continue
                runs = row_runs(cells, roles)
                if runs:
                    blocks.append(Block("item", runs, depth=max(depth + 1, 0)))
        elif tag == "hr" or tag == "br":
            continue
        elif tag in _INLINE_BLOCKS or tag in ("li", "dl", "dd", "dt", "figure", "figcaption", "pre", "span", "a", "b", "strong", "em", "i", "u"):
            if _has_block_children(child):
                _walk(child, blocks, depth)
            else:
                runs = _runs(child)
                if "".join(r.text for r in runs).strip():
                    blocks.append(Block("paragraph", runs) if depth < 0 else Block("item", runs, depth=depth + 1))
        else:
            _walk(child, blocks, depth)


def _has_block_children(element) -> bool:
    return any(
        isinstance(c.tag, str) and (c.tag in _HEADINGS or c.tag in ("p", "ul", "ol", "table", "div", "section", "blockquote"))
        for c in element
    )


def _ordinal(number: int, list_type: str) -> str:
    if list_type in ("a", "A", "lower-alpha", "lower-latin", "upper-alpha", "upper-latin") and 1 <= number <= 26:
        return string.ascii_lowercase[number - 1]
    if list_type in ("i", "I", "lower-roman", "upper-roman"):
        romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
        if 1 <= number <= len(romans):
            return romans[number - 1]
    return str(number)


def _list(element, blocks: list[Block], depth: int) -> None:
    ordered = element.tag == "ol"
    try:
        number = int(element.get("start") or 1)
    except ValueError:
        number = 1
    list_type = element.get("type") or ""
    style = (element.get("style") or "").replace(" ", "")
    if "list-style-type:" in style:
        list_type = style.split("list-style-type:", 1)[1].split(";", 1)[0]
    for li in element:
        if not isinstance(li.tag, str):
            continue
        if li.tag in ("ul", "ol"):  # a nested list written straight inside the list
            _list(li, blocks, depth + 1)
            continue
        if li.tag != "li":
            continue
        ordinal = _ordinal(number, list_type) if ordered else None
        number += 1
        runs: list[Run] = []
        nested = []
        for part in _li_parts(li):
            if isinstance(part, list):
                if runs and part:
                    runs.append(Run("\n"))
                runs.extend(part)
            else:
                nested.append(part)
        blocks.append(Block("item", runs, depth=depth, ordinal=ordinal))
        for sub in nested:
            if sub.tag in ("ul", "ol"):
                _list(sub, blocks, depth + 1)
            else:
                _walk(sub, blocks, depth)


def _li_parts(li):
    """The inline runs of a list item (its own text and paragraphs) and its
    nested lists, in order."""
    inline: list[Run] = []
    if li.text:
        inline.append(Run(li.text))
    for child in li:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("ul", "ol", "table"):
            if inline:
                yield inline
                inline = []
            yield child
        elif tag in ("p", "div"):
            if inline:
                yield inline
                inline = []
            if _has_block_children(child):
                yield child
            else:
                yield _runs(child)
        elif tag and tag not in _SKIP:
            inline.extend(_runs(child))
        if child.tail:
            inline.append(Run(child.tail))
    if inline:
        yield inline


def _runs(element, url: str | None = None, bold: bool = False) -> list[Run]:
    runs: list[Run] = []
    tag = element.tag if isinstance(element.tag, str) else ""
    href = element.get("href", "").strip() if tag == "a" else ""
    # A link to a place in the guide itself ("#h.xxxx") is kept for tidy,
    # which makes it plain words and keeps where it pointed (anchors.py).
    if href and not href.lower().startswith("javascript:") and href != "#":
        url = href
    if tag in ("b", "strong") or _styled_bold(element):
        bold = True
    if element.text and tag not in _SKIP:
        runs.append(Run(element.text, url, bold))
    for child in element:
        ctag = child.tag if isinstance(child.tag, str) else ""
        if ctag == "br":
            runs.append(Run("\n"))
        elif ctag and ctag not in _SKIP:
            runs.extend(_runs(child, url, bold))
        if child.tail:
            runs.append(Run(child.tail, url, bold))
    return runs


def _styled_bold(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "font-weight:700" in style or "font-weight:bold" in style or "font-weight:800" in style or "font-weight:900" in style
