"""Print part of a reading: "section 2 only", "skip section 5", PDF pages 3-6.

Works on the cleaned article HTML (after extraction, before rendering). A
section is a heading plus everything up to the next heading of the same or
a higher level, whether the page nests it in <section> elements (arXiv
LaTeXML) or writes headings flat (blogs).

A selector names a heading by number ("2", "3.1", "Part I", "Part 1",
"Section 2"; roman and arabic numerals are equal) or by the start of its
text, case-insensitively ("Introduction").

When `skip` drops a section but `keep` saves a subsection of it, the
dropped section's heading is kept (the kept subsection needs its context
on paper) but its introductory text and other subsections are not.

A selection in which any selector matches no heading changes nothing:
printing a wrong part of a reading silently is worse than printing it all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import html as lxml_html

HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
PREFIX_WORDS = r"(?:part|section|sec\.?|chapter|ch\.?|§)"
NUMBER = r"(?:\d+(?:\.\d+)*|[ivxlcdm]+)"
SELECTOR_NUMBER_RE = re.compile(rf"^\s*(?:{PREFIX_WORDS}\s*)?({NUMBER})\.?\s*$", re.I)
HEADING_PREFIXED_RE = re.compile(rf"^\s*{PREFIX_WORDS}\s*({NUMBER})\b", re.I)
HEADING_ARABIC_RE = re.compile(r"^\s*(\d+(?:\.\d+)*)(?:[.:)]|\s|$)")
HEADING_ROMAN_RE = re.compile(r"^\s*([ivxlcdm]+)[.:)](?:\s|$)", re.I)


@dataclass
class SectionSelection:
    """Result of a selection: the HTML to print and what happened."""

    html: str
    matched: bool
    messages: list[str] = field(default_factory=list)
    #: Selectors no heading matched, left out of a selection that was still
    #: applied with the rest ("2" found, "9" not: section 2 is printed).
    missing: list[str] = field(default_factory=list)


def roman_to_int(text: str) -> int | None:
    """The value of a roman numeral, or None when `text` is not one."""
    values = [ROMAN.get(c) for c in text.lower()]
    if not values or None in values:
        return None
    total = 0
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total


def _number(text: str) -> tuple[int, ...] | None:
    if re.fullmatch(r"\d+(?:\.\d+)*", text):
        return tuple(int(p) for p in text.split("."))
    value = roman_to_int(text)
    return (value,) if value else None


def selector_number(selector: str) -> tuple[int, ...] | None:
    """(3, 1) for "3.1", (1,) for "Part I" or "Part 1"; None for a text selector."""
    match = SELECTOR_NUMBER_RE.match(selector)
    return _number(match.group(1)) if match else None


def heading_number(heading) -> tuple[int, ...] | None:
    """The number a heading carries: LaTeXML's ltx_tag span, "Part II: ...",
    "3.1 Results", "IV. Method"."""
    for span in heading.iter("span"):
        if "ltx_tag" in (span.get("class") or ""):
            text = span.text_content().strip()
            match = HEADING_PREFIXED_RE.match(text) or re.match(rf"^\s*({NUMBER})\.?\s*$", text, re.I)
            if match:
                return _number(match.group(1))
    text = heading.text_content()
    for pattern in (HEADING_PREFIXED_RE, HEADING_ARABIC_RE, HEADING_ROMAN_RE):
        match = pattern.match(text)
        if match:
            return _number(match.group(1))
    return None


def _heading_text(heading) -> str:
    return " ".join(heading.text_content().split()).casefold()


def find_heading(headings: list, selector: str):
    """The heading a selector names; the highest-level one when several do."""
    wanted = selector_number(selector)
    if wanted is not None:
        found = [h for h in headings if heading_number(h) == wanted]
    else:
        prefix = " ".join(selector.split()).casefold()
        found = [
            h
            for h in headings
            if _heading_text(h).startswith(prefix)
            or re.sub(rf"^{PREFIX_WORDS}?\s*{NUMBER}[.:)]?\s+", "", _heading_text(h)).startswith(prefix)
        ]
    if not found:
        return None
    return min(found, key=lambda h: int(h.tag[1]))


def _section_start(heading, root):
    """The element a section starts at: its heading, or the <section> wrapper
    (LaTeXML) whose first child the heading is."""
    start = heading
    parent = start.getparent()
    while (
        parent is not None
        and parent is not root
        and parent[0] is start
        and not (parent.text or "").strip()
    ):
        start = parent
        parent = start.getparent()
    return start


def _section_ranges(root, nodes: list, headings: list) -> dict:
    """Document-order index range [start, end) of each heading's section."""
    position = {id(n): i for i, n in enumerate(nodes)}
    starts = [position[id(_section_start(h, root))] for h in headings]
    ranges = {}
    for i, h in enumerate(headings):
        level = int(h.tag[1])
        end = len(nodes)
        for j in range(i + 1, len(headings)):
            if int(headings[j].tag[1]) <= level:
                end = starts[j]
                break
        ranges[id(h)] = (starts[i], end)
    return ranges


def _label(heading) -> str:
    return " ".join(heading.text_content().split())


def _prune(root, nodes: list, kept: list[bool]) -> None:
    """Remove every element none of whose span lies at a kept position."""
    position = {id(n): i for i, n in enumerate(nodes)}
    last = {}
    for el in reversed(nodes):
        children = list(el)
        last[id(el)] = last[id(children[-1])] if children else position[id(el)]
    # prefix[i] = number of kept positions before i, so a span check is O(1).
    prefix = [0]
    for flag in kept:
        prefix.append(prefix[-1] + flag)
    for el in nodes[1:]:
        if el.getparent() is None:
            continue
        start, end = position[id(el)], last[id(el)]
        if prefix[end + 1] - prefix[start] == 0:
            el.getparent().remove(el)


def select_sections(
    html: str,
    *,
    include: list[str] = (),
    skip: list[str] = (),
    keep: list[str] = (),
    stop_before: str | None = None,
) -> SectionSelection:
    """Keep or drop sections of article HTML by heading number or text."""
    if not (include or skip or stop_before):
        return SectionSelection(html=html, matched=True)
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    nodes = list(root.iter())
    headings = [n for n in nodes if isinstance(n.tag, str) and n.tag in HEADING_TAGS]
    ranges = _section_ranges(root, nodes, headings)

    found, missing = {}, []
    for selector in [*include, *skip, *keep, *([stop_before] if stop_before else [])]:
        heading = find_heading(headings, selector)
        if heading is None:
            missing.append(selector)
        else:
            found[selector] = heading
    names = ", ".join(f'"{m}"' for m in missing)
    if not found or (include and not any(s in found for s in include)):
        # Nothing to go by (or no section to print): the whole reading,
        # never an empty one.
        return SectionSelection(
            html=html,
            matched=False,
            messages=[f"no heading matches {names}; the whole reading is printed"],
            missing=missing,
        )
    # One selector that matches nothing (a typo, a section renumbered in a
    # new version) leaves the rest of the selection standing.
    include = [s for s in include if s in found]
    # A subsection to keep that is not found may sit inside a skipped
    # section: skipping would drop what the organizer asked to print.
    skip = [s for s in skip if s in found] if all(s in found for s in keep) else []
    keep = [s for s in keep if s in found]
    stop_before = stop_before if stop_before in found else None
    messages = [f"no heading matches {names}"] if missing else []
    kept_ranges = [ranges[id(found[s])] for s in include] or [(0, len(nodes))]
    dropped_ranges = [ranges[id(found[s])] for s in skip]
    saved_ranges = [ranges[id(found[s])] for s in keep]
    for s in include:
        messages.append(f"printed only: {_label(found[s])}")
    for s in skip:
        messages.append(f"skipped: {_label(found[s])}")
    for s in keep:
        messages.append(f"kept: {_label(found[s])}")
    # Headings of skipped sections that contain a kept subsection stay as context.
    context = set()
    for h in headings:
        start, end = ranges[id(h)]
        if any(start < saved[0] < end for saved in saved_ranges):
            first = nodes.index(h)
            context.update(range(start, first + sum(1 for _ in h.iter())))
    if stop_before:
        messages.append(f"stopped before: {_label(found[stop_before])}")

    def keep_index(i: int) -> bool:
        if stop_before and i >= ranges[id(found[stop_before])][0]:
            return False
        if not any(a <= i < b for a, b in kept_ranges):
            return False
        if any(a <= i < b for a, b in saved_ranges):
            return True
        if i in context:
            return True
        return not any(a <= i < b for a, b in dropped_ranges)

    _prune(root, nodes, [keep_index(i) for i in range(len(nodes))])
    body = "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
    return SectionSelection(html=(root.text or "") + body, matched=True, messages=messages, missing=missing)


def parse_pages(spec: str, page_count: int) -> list[int]:
    """0-based page indexes from a 1-based spec like "3-6" or "1,3,5-7"."""
    pages: list[int] = []
    if not spec or not spec.strip():
        raise ValueError("empty page selection: write pages like 3-6 or 1,3,5-7")
    for part in spec.split(","):
        part = part.strip()
        match = re.fullmatch(r"(\d+)\s*(?:[-–]\s*(\d+))?", part)
        if not match:
            raise ValueError(f'bad page range "{part}" in "{spec}": write pages like 3-6 or 1,3,5-7')
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise ValueError(f'bad page range "{part}" in "{spec}": pages count from 1, low to high')
        if last > page_count:
            raise ValueError(f'page {last} in "{spec}" is past the end: the PDF has {page_count} pages')
        pages.extend(p - 1 for p in range(first, last + 1) if p - 1 not in pages)
    return pages
