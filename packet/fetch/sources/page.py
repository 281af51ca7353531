"""The page itself: the fallback for every site, and the whole story for
most. Decides from the bytes whether the answer is a web page or a PDF,
decodes HTML text, and refuses a JavaScript-only shell instead of handing
extraction an empty page.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree

from packet.errors import FetchError
from packet.fetch.charset import decode_html
from packet.fetch.client import Response, status_reason
from packet.fetch.sources import Content, Context
from packet.fetch.sources.pdf import PDF_MIME, check_pdf, looks_like_pdf

HTML_MIMES = frozenset({"text/html", "application/xhtml+xml"})
_HTML_START = re.compile(rb"<(!doctype\s+html|html|head|body|article|main|div|p|h1)[\s>]", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: Fewer visible words than this, plus scripts, means the text is drawn by JavaScript.
MIN_WORDS = 50


async def fetch(ctx: Context, url: str) -> Content:
    return content_from_response(await ctx.get(url), source="page")


def content_from_response(response: Response, source: str) -> Content:
    """Content from a final answer; FetchError when it is not a usable page."""
    if not response.ok:
        raise FetchError(status_reason(response.status))
    body = response.body
    mime = response.mime
    common = dict(
        final_url=response.url,
        declared_type=response.content_type,
        http_status=response.status,
        redirects=response.redirects,
    )
    if looks_like_pdf(body) or (mime == PDF_MIME and not _HTML_START.search(body[:2048])):
        pdf_source = "pdf" if source == "page" else source
        return Content(body=check_pdf(body), mime=PDF_MIME, source=pdf_source, **common).with_validators(response)
    if mime in HTML_MIMES or _HTML_START.search(body[:2048]):
        text = decode_html(body, response.content_type)
        check_not_javascript_shell(text)
        return Content(body=body, mime="text/html", text=text, source=source, **common).with_validators(response)
    if mime == "text/plain":
        text = plain_text_page(decode_html(body, response.content_type), response.url)
        return Content(
            body=text.encode(), mime="text/html", text=text, source=source, **{**common, "declared_type": "text/html; charset=utf-8"}
        ).with_validators(response)
    raise FetchError(f"not a web page or PDF ({mime or 'no content type'})")


def plain_text_page(text: str, url: str) -> str:
    """A plain-text reading as a preformatted HTML page titled by its file name."""
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or url
    return (
        f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(name)}</title></head>"
        f"<body><pre>{html.escape(text)}</pre></body></html>\n"
    )


def check_not_javascript_shell(text: str) -> None:
    """Raise when the page's article is drawn by scripts: almost no visible
    text once scripts, styles and noscript notices are gone."""
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError):
        raise FetchError("empty page: no HTML content") from None
    scripts = root.xpath("//script")
    for node in root.xpath("//script|//style|//noscript|//template"):
        node.drop_tree()
    words = len(root.text_content().split())
    if scripts and words < MIN_WORDS:
        raise FetchError("page needs JavaScript: no article text in the HTML")
