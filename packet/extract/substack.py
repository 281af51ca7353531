"""Substack posts read by their markup, from the post page or the API's `body_html`.

The post sits in `div.available-content > div.body.markup`; inside it,
subscribe boxes, "share" buttons and image-expansion buttons interrupt
the text. Through the general path a real post page lost everything after
its in-body subscribe box, footnotes included. Here the body is taken
whole and the widgets dropped by SUBSTACK_STEPS; footnotes stay, their
marks superscripts and their numbers leading their text.
"""

from __future__ import annotations

from lxml import html as lxml_html

from packet.extract.formats import Dedicated
from packet.extract.metadata import Metadata
from packet.markup import class_list

WIDGET_CLASSES = frozenset({
    "subscription-widget-wrap", "subscription-widget-wrap-editor", "subscription-widget", "subscribe-widget",
    "captioned-button-wrap", "button-wrapper", "image-link-expand", "share-dialog", "post-ufi",
    "paywall", "paywall-jump", "restack-image", "view-image",
})


def find_body(doc):
    """The post body (`div.body.markup`) of a Substack page, or None."""
    for el in doc.iter("div"):
        if {"body", "markup"} <= set(class_list(el)):
            return el
    return None


def drop_widgets(root) -> None:
    """Drop subscribe boxes, share and expand buttons inside the post."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if el.tag in ("button", "form", "script", "style", "svg") or set(class_list(el)) & WIDGET_CLASSES:
            el.drop_tree()


def footnote_links(root) -> None:
    """Substack links footnote marks and notes by full page address; on
    paper they are anchors in the same text."""
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    for a in root.iter("a"):
        href = a.get("href") or ""
        if "#" in href and href.rsplit("#", 1)[1] in ids:
            a.set("href", "#" + href.rsplit("#", 1)[1])


def footnote_marks(root) -> None:
    """Substack draws a footnote mark as a small link (`a.footnote-anchor`)
    and a note as its number above its text; on paper the mark is a
    superscript and the note's number leads its first paragraph."""
    for a in list(root.iter("a")):
        if "footnote-anchor" in class_list(a) and a.getparent() is not None and a.getparent().tag != "sup":
            sup = lxml_html.Element("sup")
            sup.set("class", "footnote-ref")
            sup.tail, a.tail = a.tail, None
            a.getparent().replace(a, sup)
            sup.append(a)
    for note in list(root.iter("div")):
        if "footnote" not in class_list(note):
            continue
        number = next((a for a in note if a.tag == "a" and "footnote-number" in class_list(a)), None)
        first = next((p for p in note.iter("p")), None)
        if number is None or first is None:
            continue
        number.tail = None
        number.text = (number.text or "").strip() + "."
        first.insert(0, number)
        number.tail = " " + (first.text or "")
        first.text = None


SUBSTACK_STEPS = [drop_widgets, footnote_links, footnote_marks]


def substack_article(doc, url: str, meta: Metadata) -> Dedicated | None:
    """The post of a Substack page or API answer and its metadata, or None."""
    root = find_body(doc)
    if root is None:
        return None
    for step in SUBSTACK_STEPS:
        step(root)
    return Dedicated("substack", root, meta)
