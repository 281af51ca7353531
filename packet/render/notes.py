"""Links on paper: turn the article's links into numbered notes.

A link that hides its address is useless on paper, so every outward link
gets a superscript number and its URL is printed in a "Links" list at the
end of the reading. Links to places inside the article (footnotes) stay
working internal links; their ids are prefixed with the reading's id so
two readings in one handout cannot collide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

NOTED_SCHEMES = ("http://", "https://", "ftp://", "mailto:")


@dataclass
class Note:
    number: int
    url: str
    anchor: str


@dataclass
class NotedHtml:
    html: str
    notes: list[Note]


def _bare(url: str) -> str:
    url = re.sub(r"^(https?://|ftp://|mailto:)", "", url.strip(), flags=re.I)
    return re.sub(r"^www\.", "", url).rstrip("/").casefold()


def _says_its_address(a, href: str) -> bool:
    text = " ".join(a.text_content().split())
    return bool(text) and (_bare(text) == _bare(href) or text.casefold() == href.casefold())


def _only_images(a) -> bool:
    return not a.text_content().strip() and a.find(".//img") is not None


def _unwrap(el) -> None:
    el.drop_tag()


def number_links(html: str, scope: str) -> NotedHtml:
    """`html` with ids scoped to `scope` and outward links numbered.

    A link whose text already is its address, and a link around an image
    only, gets no number. The same address linked twice keeps one number.
    """
    root = lxml_html.fragment_fromstring(html or "", create_parent="div")
    ids = set()
    for el in root.iter():
        if isinstance(el.tag, str) and el.get("id"):
            ids.add(el.get("id"))
            el.set("id", f"{scope}-{el.get('id')}")
    notes: dict[str, Note] = {}
    for a in list(root.iter("a")):
        href = (a.get("href") or "").strip()
        if href.startswith("#"):
            if href[1:] in ids:
                a.set("href", f"#{scope}-{href[1:]}")
            else:
                _unwrap(a)
            continue
        if not href.lower().startswith(NOTED_SCHEMES) or _only_images(a) or not a.text_content().strip():
            _unwrap(a)
            continue
        if _says_its_address(a, href):
            a.set("class", "url")
            continue
        note = notes.get(href)
        if note is None:
            note = notes[href] = Note(len(notes) + 1, href, f"{scope}-link-{len(notes) + 1}")
        a.set("class", "noted")
        ref = lxml_html.fromstring(
            f'<sup class="link-ref"><a href="#{note.anchor}">{note.number}</a></sup>'
        )
        ref.tail, a.tail = a.tail, None
        a.addnext(ref)
    inner = (root.text or "") + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in root
    )
    return NotedHtml(inner, list(notes.values()))
