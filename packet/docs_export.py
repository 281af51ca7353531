"""Google Docs HTML exports, turned into plain semantic HTML.

A Docs export (`/export?format=html`, a published `/pub` page, or a saved
copy) says almost nothing with its tags: the title is a `p.title`, bold and
italic exist only as rules of a `<style>` block (`.c3{font-weight:700}`), a
nested list is a run of flat `<ol>`/`<ul>` siblings whose depth is the digit
of a `lst-kix_<id>-<depth>` class and whose numbering continues through
`start=`, and every link points at `https://www.google.com/url?q=<target>`.

`normalise_docs_export` rewrites such a document in place into the HTML
everything downstream understands (an `<h1>` title, `<strong>`/`<em>`/`<u>`,
nested lists, real link targets, no comments or presentation attributes).
Both the extract stage (a Docs reading) and `packet import` (a facilitator
guide kept in Docs) read exports through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from packet.markup import class_list, retag_nested

_CLASS_SELECTOR_RE = re.compile(r"^\s*\.(c\d+)\s*$")
_LIST_CLASS_RE = re.compile(r"^lst-kix_(?P<id>[\w]+)-(?P<level>\d+)$")
_MARKER_RE = re.compile(r"\.lst-kix_(?P<id>\w+)-(?P<level>\d+)\s*>\s*li:before\s*$")
_COUNTER_STYLE_RE = re.compile(r"counter\([^,)]+,\s*([\w-]+)\)")
_OL_TYPES = {"lower-latin": "a", "lower-alpha": "a", "upper-latin": "A", "upper-alpha": "A",
             "lower-roman": "i", "upper-roman": "I", "decimal": "1"}
_SIZE_RE = re.compile(r"(width|height)\s*:\s*([\d.]+)px")
_GOOGLE_HOSTS = re.compile(r"^(www\.)?google\.[a-z.]+$")
_EMPTY_TEXT = re.compile(r"^[\s\u00a0\u200b]*$")
INLINE_EFFECTS = ("strong", "em", "u", "s", "sup", "sub")


@dataclass
class DocsStyles:
    """What the export's `<style>` block says about its classes."""

    #: class name -> inline effects ("strong", "em", "u", "s", "sup", "sub").
    effects: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: (list id, level) -> HTML `type` of an ordered list ("a", "i", ...).
    ol_types: dict[tuple[str, int], str] = field(default_factory=dict)


def unwrap_google_redirect(href: str) -> str:
    """The real target of a `https://www.google.com/url?q=<target>&sa=D...`
    link (how Docs, Gmail and search results wrap every outgoing link);
    any other address unchanged."""
    if "google." not in href or "/url" not in href:
        return href
    parts = urlsplit(href)
    if not _GOOGLE_HOSTS.match(parts.hostname or "") or parts.path != "/url":
        return href
    query = parse_qs(parts.query)
    target = (query.get("q") or query.get("url") or [""])[0]
    return target if target.startswith(("http://", "https://", "mailto:")) else href


def docs_container(doc):
    """The element holding a Docs document's content, or None when `doc` is
    not a Docs export: the body of an export (`body.doc-content`, or older
    exports' class-styled paragraphs) or `#contents` of a published page."""
    body = doc.find("body")
    if body is None:
        return None
    if "doc-content" in class_list(body):
        return body
    contents = body.find(".//div[@id='contents']")
    for candidate in (contents, body):
        if candidate is not None and _looks_like_docs(doc, candidate):
            return candidate
    return None


def _looks_like_docs(doc, container) -> bool:
    # Exports older than the doc-content class: generated class names
    # (c0, c1, ...) defined in a style block, on the paragraphs themselves.
    styles = " ".join(style.text or "" for style in doc.iter("style"))
    if not re.search(r"\.c\d+\{", styles) or not re.search(r"\.title\{|lst-kix_", styles):
        return False
    paragraphs = [p for p in container if p.tag == "p"]
    styled = [p for p in paragraphs if re.match(r"c\d+\b", p.get("class") or "")]
    return len(paragraphs) >= 1 and len(styled) >= len(paragraphs) / 2


def is_docs_export(doc) -> bool:
    return docs_container(doc) is not None


def read_styles(doc) -> DocsStyles:
    """Inline effects of each generated class and the numbering style of
    each list level, from the export's style block."""
    styles = DocsStyles()
    for style in doc.iter("style"):
        for selectors, body in _rules(style.text or ""):
            declarations = _declarations(body)
            for selector in selectors.split(","):
                named = _CLASS_SELECTOR_RE.match(selector)
                if named:
                    effects = _effects(declarations)
                    if effects:
                        styles.effects[named.group(1)] = effects
                    continue
                marker = _MARKER_RE.search(selector.strip())
                counter = _COUNTER_STYLE_RE.search(declarations.get("content", ""))
                if marker and counter and counter.group(1) in _OL_TYPES:
                    key = (marker.group("id"), int(marker.group("level")))
                    styles.ol_types[key] = _OL_TYPES[counter.group(1)]
    return styles


def _rules(css: str):
    """(selectors, declarations) of each rule of a flat stylesheet. Split,
    not matched by a regex: a fetched page's style block is hostile, and a
    brace-free megabyte must cost one pass, not one per character."""
    for chunk in css.split("}"):
        selectors, brace, body = chunk.rpartition("{")
        if brace and len(selectors) < 2000:
            yield selectors.rsplit("{", 1)[-1].strip(), body


def _declarations(body: str) -> dict[str, str]:
    out = {}
    for part in body.split(";"):
        name, _, value = part.partition(":")
        if value:
            out[name.strip().lower()] = value.strip().lower()
    return out


def _effects(decl: dict[str, str]) -> tuple[str, ...]:
    found = []
    weight = decl.get("font-weight", "")
    if weight == "bold" or (weight.isdigit() and int(weight) >= 600):
        found.append("strong")
    if decl.get("font-style") == "italic":
        found.append("em")
    decoration = decl.get("text-decoration", "") + " " + decl.get("text-decoration-line", "")
    if "underline" in decoration:
        found.append("u")
    if "line-through" in decoration:
        found.append("s")
    align = decl.get("vertical-align", "")
    if align in ("super", "sub"):
        found.append(align if align == "sub" else "sup")
    return tuple(found)


def _text(el) -> str:
    return "".join(el.itertext())


def _unwrap(el) -> None:
    """Replace `el` by its children and text (lxml.html's drop_tag, for any tree)."""
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    text, tail = el.text or "", el.tail or ""
    children = list(el)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    if children:
        last = children[-1]
        last.tail = (last.tail or "") + tail
    elif index == 0:
        parent.text = (parent.text or "") + tail
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + tail
    parent.remove(el)


def drop_comments(container, styles: DocsStyles) -> None:
    """Drop reviewers' comments: the `[a]` marks in the text and the comment
    threads the export appends after the document."""
    for a in list(container.iter("a")):
        href, ident = a.get("href") or "", a.get("id") or ""
        if href.startswith("#cmnt") and ident.startswith("cmnt_ref"):
            mark = a.getparent() if a.getparent() is not None and a.getparent().tag == "sup" else a
            _remove_keeping_tail(mark)
        elif ident.startswith("cmnt") and href.startswith("#cmnt_ref"):
            thread = a
            while thread.getparent() is not None and thread.getparent() is not container:
                thread = thread.getparent()
            if thread.getparent() is container:
                _remove_keeping_tail(thread)


def _remove_keeping_tail(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    previous = el.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def drop_headers_and_footers(container, styles: DocsStyles) -> None:
    """Drop the page header and footer: the export puts them in bare
    top-level `<div>`s before and after the document (the document's own
    text is never in a top-level div; footnotes are, and stay)."""
    blocks = [el for el in container if isinstance(el.tag, str) and el.tag != "style"]
    for edge in (blocks[:1], blocks[-1:]):
        for el in edge:
            if el.tag == "div" and not el.get("id") and not el.xpath(".//a[starts-with(@id, 'ftnt')]"):
                _remove_keeping_tail(el)


def take_title(container, styles: DocsStyles) -> str:
    """The document's title (the `p.title` paragraph style) becomes its
    `<h1>`; a subtitle becomes an italic paragraph. Returns the title."""
    title = ""
    for p in list(container.iter("p")):
        names = class_list(p)
        if "title" in names and not title:
            title = " ".join(_text(p).split())
            p.tag = "h1"
        elif "subtitle" in names:
            p.attrib.pop("class", None)
            em = etree.SubElement(p, "em")
            em.text, p.text = p.text, None
            for child in list(p):
                if child is not em:
                    em.append(child)
    return title


def apply_class_styles(container, styles: DocsStyles) -> None:
    """Turn class-styled runs into `<strong>`, `<em>`, `<u>`, `<s>`, `<sup>`,
    `<sub>`; plain runs lose their `<span>`. Headings are bold already, and
    a link's underline is the link's own, so neither is repeated."""
    for span in list(container.iter("span")):
        effects: list[str] = []
        for name in class_list(span):
            effects += [e for e in styles.effects.get(name, ()) if e not in effects]
        inside = {a.tag for a in span.iterancestors()}
        if inside & {"h1", "h2", "h3", "h4", "h5", "h6"}:
            effects = [e for e in effects if e != "strong"]
        if "a" in inside or span.find(".//a") is not None:
            effects = [e for e in effects if e != "u"]
        effects = [e for e in effects if e not in inside]
        if not effects or (_EMPTY_TEXT.match(_text(span)) and not len(span)):
            _unwrap(span)
            continue
        span.attrib.clear()
        retag_nested(span, effects)


def unwrap_links(container, styles: DocsStyles) -> None:
    """Links point at their real targets, not at Google's redirector."""
    for a in container.iter("a"):
        href = a.get("href")
        if href:
            a.set("href", unwrap_google_redirect(href))


def nest_lists(container, styles: DocsStyles) -> None:
    """Rebuild nested lists from the flat runs of `lst-kix_<id>-<depth>`
    lists: a deeper list goes inside the last item before it; a list that
    continues an open one at the same depth joins it. Lettered and roman
    levels keep their `type`; a list that resumes after a paragraph keeps
    its `start`."""
    open_lists: list[tuple[int, str, object]] = []  # (depth, list id, element), shallow first
    for el in list(container):
        info = _list_info(el)
        if info is None:
            if isinstance(el.tag, str) and el.tag != "style":
                open_lists = []
            continue
        list_id, depth = info
        kind = styles.ol_types.get((list_id, depth))
        if el.tag == "ol" and kind and kind != "1":
            el.set("type", kind)
        while open_lists and open_lists[-1][0] > depth:
            open_lists.pop()
        if open_lists and open_lists[-1][0] == depth:
            _, open_id, open_el = open_lists[-1]
            if open_id == list_id and open_el.tag == el.tag:
                for item in list(el):
                    open_el.append(item)
                _remove_keeping_tail(el)
                continue
            open_lists.pop()
        if open_lists:
            items = open_lists[-1][2].findall("li")
            if items:
                el.attrib.pop("start", None)
                items[-1].append(el)
        elif el.get("start") == "1":
            el.attrib.pop("start")
        open_lists.append((depth, list_id, el))


def _list_info(el) -> tuple[str, int] | None:
    if el.tag not in ("ul", "ol"):
        return None
    for name in class_list(el):
        match = _LIST_CLASS_RE.match(name)
        if match:
            return match.group("id"), int(match.group("level"))
    return None


def keep_image_sizes(container, styles: DocsStyles) -> None:
    """Images keep the size the author gave them (the export says it only
    in inline styles, which are about to go) and lose their cropping span."""
    for img in container.iter("img"):
        sizes = dict(_SIZE_RE.findall(img.get("style") or ""))
        for name in ("width", "height"):
            if name in sizes and not img.get(name):
                img.set(name, str(round(float(sizes[name]))))
        holder = img.getparent()
        if holder is not None and holder.tag == "span" and len(holder) == 1:
            _unwrap(holder)


def plain_spaces(container, styles: DocsStyles) -> None:
    """Docs writes the space at the edge of every styled run as `&nbsp;`;
    as text those are ordinary spaces, free to break a line."""
    for el in container.iter():
        if el.text and "\u00a0" in el.text:
            el.text = el.text.replace("\u00a0", " ")
        if el.tail and "\u00a0" in el.tail:
            el.tail = el.tail.replace("\u00a0", " ")


def drop_presentation(container, styles: DocsStyles) -> None:
    """Drop what only served Docs' own look: style blocks, class and style
    attributes, hidden page-break rules and empty spacer paragraphs."""
    for el in list(container.iter("style", "hr")):
        if el.tag == "style" or "display:none" in (el.get("style") or "").replace(" ", ""):
            _remove_keeping_tail(el)
    for el in container.iter():
        if isinstance(el.tag, str):
            el.attrib.pop("class", None)
            el.attrib.pop("style", None)
    for p in list(container.iter("p")):
        if not len(p) and _EMPTY_TEXT.match(p.text or ""):
            _remove_keeping_tail(p)
    for a in list(container.iter("a")):
        if not a.get("href") and not a.get("id") and not _text(a).strip():
            _remove_keeping_tail(a)


#: The steps after the title is taken, in order: the class styles are read
#: off the spans before the class attributes go.
STEPS = [
    apply_class_styles,
    unwrap_links,
    nest_lists,
    keep_image_sizes,
    plain_spaces,
    drop_presentation,
]


def normalise_docs_export(doc) -> str | None:
    """Rewrite a Docs export (an lxml HTML document) in place into plain
    semantic HTML; return its title ("" when it has none), or None when
    `doc` is not a Docs export (nothing is changed then).

    A published page's banner, title bar and footer are dropped: the body
    then holds only the document."""
    container = docs_container(doc)
    if container is None:
        return None
    styles = read_styles(doc)
    drop_comments(container, styles)
    drop_headers_and_footers(container, styles)
    title = take_title(container, styles)
    for step in STEPS:
        step(container, styles)
    body = doc.find("body")
    if container is not body:
        pub_title = body.find(".//div[@id='title']")
        if not title and pub_title is not None:
            title = " ".join(_text(pub_title).split())
        for child in list(body):
            body.remove(child)
        body.text = None
        for child in list(container):
            body.append(child)
        body.text = container.text
    body.attrib.pop("class", None)
    body.attrib.pop("style", None)
    for style in list(doc.iter("style")):
        style.getparent().remove(style)
    if not title:
        title = _head_title(doc)
    _set_title(doc, title)
    return title


def _head_title(doc) -> str:
    found = doc.find(".//head/title")
    text = " ".join((found.text or "").split()) if found is not None else ""
    return re.sub(r"\s+-\s+Google (Docs|Drive)$", "", text)


def _set_title(doc, title: str) -> None:
    if not title:
        return
    head = doc.find("head")
    if head is None:
        head = etree.Element("head")
        doc.insert(0, head)
    found = head.find("title")
    if found is None:
        found = etree.SubElement(head, "title")
    found.text = title
