"""Fetched page -> Article: find the article in a page and clean it for paper.

Steps, in order: parse; read metadata from the untouched page; run the page
transforms (hidden blocks, boilerplate, lazy images, icons, links); let
readability-lxml choose the article block; run the article transforms
(figures, footnotes, heading levels); drop the repeated title; sanitise.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html
from readability import Document
from readability.readability import Unparseable

from packet.article import Article
from packet.errors import ExtractError
from packet.extract.metadata import extract_metadata
from packet.extract.sanitize import sanitize_html
from packet.extract.text import html_text
from packet.extract.transforms import ARTICLE_TRANSFORMS, PAGE_TRANSFORMS, apply

JS_SHELL_RE = re.compile(
    r"(enable|turn on|requires?|need)\s+(your\s+)?javascript|javascript\s+(is\s+)?(disabled|required|needed)",
    re.I,
)
MIN_WORDS = 5


def parse_page(html: str):
    """An lxml document for any HTML, however broken; never None."""
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    if not html.strip():
        return lxml_html.document_fromstring("<html><body></body></html>")
    try:
        return lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return lxml_html.document_fromstring("<html><body></body></html>")


def choose_article_html(page_html: str, url: str) -> str:
    """The article block of a cleaned page, as readability-lxml picks it."""
    try:
        return Document(page_html, url=url).summary(html_partial=True)
    except Unparseable:
        return ""


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def drop_title_heading(root, title: str) -> None:
    """Drop the article's own title heading: the source card prints it."""
    wanted = _norm(title)
    if not wanted:
        return
    for count, heading in enumerate(root.iter("h1", "h2", "h3")):
        got = _norm(heading.text_content())
        if got and (got == wanted or (len(got) > 15 and wanted.startswith(got))):
            heading.drop_tree()
            return
        if count >= 2:
            return


def fragment(html: str):
    """A <div> holding an HTML fragment, for transforms to work on."""
    return lxml_html.fragment_fromstring(html or "", create_parent="div")


def image_urls(root) -> list[str]:
    seen: dict[str, None] = {}
    for img in root.iter("img"):
        src = img.get("src") or ""
        if src.startswith(("http://", "https://")):
            seen.setdefault(src, None)
    return list(seen)


def extract_article(html: str, url: str) -> Article:
    """The article in a fetched page, cleaned, sanitised and described.

    Raises ExtractError when the HTML holds no article text (for example a
    JavaScript application shell).
    """
    doc = parse_page(html)
    meta = extract_metadata(doc, url)
    apply(PAGE_TRANSFORMS, doc, url)
    chosen = choose_article_html(lxml_html.tostring(doc, encoding="unicode"), url)
    root = fragment(chosen)
    apply(ARTICLE_TRANSFORMS, root, url)
    drop_title_heading(root, meta.title)
    body = sanitize_html(lxml_html.tostring(root, encoding="unicode"))
    text = html_text(body)
    words = len(text.split())
    if words < MIN_WORDS and "<img" not in body or JS_SHELL_RE.search(text) and words < 60:
        page_text = html_text(html)
        if JS_SHELL_RE.search(page_text) or doc.find(".//script") is not None:
            raise ExtractError("page needs JavaScript: no article text in the HTML")
        raise ExtractError("no article text found in the page")
    return Article(
        url=url,
        title=meta.title,
        authors=meta.authors,
        date=meta.date,
        site=meta.site,
        lang=meta.lang,
        html=body,
        text=text,
        word_count=words,
        images=image_urls(fragment(body)),
    )
