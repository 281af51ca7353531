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
from packet.fetch.client import Response, redirect_target, refusal_reason
from packet.fetch.netguard import origin_of
from packet.fetch.sources import Content, Context
from packet.fetch.sources.pdf import PDF_MIME, check_pdf, looks_like_pdf

HTML_MIMES = frozenset({"text/html", "application/xhtml+xml"})
_HTML_START = re.compile(rb"<(!doctype\s+html|html|head|body|article|main|div|p|h1)[\s>]", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: Fewer visible words than this, plus scripts, means the text is drawn by JavaScript.
MIN_WORDS = 50
#: A refresh sooner than this many seconds is a redirect page ("Redirecting...",
#: static sites' moved posts); a later one reloads a live page and is no redirect.
MAX_REFRESH_DELAY = 10
#: How a redirect by refresh (meta tag or Refresh header) is recorded among
#: the HTTP redirects: no status code, so the lock file says "now at".
REFRESH_HOP = 0
#: First labels of the hosts that serve sites' cookie-consent walls.
_CONSENT_HOST_LABELS = frozenset({"consent", "guce"})
#: How far into a page a refresh tag is looked for (it belongs in the head).
_REFRESH_SCAN = 65536
_REFRESH_TAG = re.compile(rb"http-equiv\s*=\s*[\"']?refresh", re.IGNORECASE)
_REFRESH_VALUE = re.compile(r"^\s*(\d+(?:\.\d*)?)\s*[;,]?\s*(?:url\s*=\s*)?(?P<url>.*)$", re.IGNORECASE | re.S)


async def fetch(ctx: Context, url: str) -> Content:
    return content_from_response(await get_following_refresh(ctx, url), source="page")


async def get_following_refresh(ctx: Context, url: str) -> Response:
    """The answer for `url`, with redirect pages followed.

    Static sites mark a moved post with a page that only refreshes to the
    new address (Jekyll's jekyll-redirect-from, Hugo's aliases); printed, it
    would be an empty article titled "Redirecting...". Such a page, short
    and refreshing at once, is followed like an HTTP redirect: the address
    guard applies, since the page (not the organizer) names the target.
    """
    response = await ctx.get(url)
    hops = list(response.redirects)
    for _ in range(ctx.options.max_redirects):
        location = refresh_location(response)
        if location is None:
            break
        target = redirect_target(response.url, location)
        following = await ctx.get(target, trusted=False, allowed_origin=origin_of(response.url))
        hops += [(REFRESH_HOP, target), *following.redirects]
        response = following
    else:
        if refresh_location(response) is not None:
            raise FetchError("too many redirects")
    response.redirects = hops
    response.requested = url
    return response


def refresh_location(response: Response) -> str | None:
    """Where a redirect page sends the reader: the target of a prompt refresh
    (Refresh header or <meta http-equiv="refresh">) on a page with almost no
    text; None for every other answer. A refresh inside <noscript> is a
    script-drawn page's fallback for browsers without JavaScript (often an
    "enable JavaScript" notice), not a redirect: that page stays a
    JavaScript shell."""
    if not response.ok or looks_like_pdf(response.body):
        return None
    value = response.headers.get("refresh")
    if value is None and not _REFRESH_TAG.search(response.body[:_REFRESH_SCAN]):
        return None
    root = _parse(response.body)
    if root is None:
        return None
    if value is None:
        metas = [
            meta for meta in root.xpath("//meta[@http-equiv][@content]")
            if meta.get("http-equiv").strip().lower() == "refresh" and not meta.xpath("ancestor::noscript")
        ]
        if not metas:
            return None
        value = metas[0].get("content")
    parsed = _REFRESH_VALUE.match(value)
    if parsed is None or float(parsed.group(1)) > MAX_REFRESH_DELAY:
        return None
    location = parsed.group("url").strip().strip("'\"").strip()
    if not location or _visible_words(root) >= MIN_WORDS:
        return None
    return location


def _parse(body: bytes):
    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", decode_html(body, ""), count=1))
    except (etree.ParserError, ValueError):
        return None


def _visible_words(root) -> int:
    for node in root.xpath("//script|//style|//noscript|//template|//title"):
        node.drop_tree()
    return len(root.text_content().split())


def content_from_response(response: Response, source: str) -> Content:
    """Content from a final answer; FetchError when it is not a usable page."""
    if not response.ok:
        raise FetchError(refusal_reason(response))
    check_not_consent_wall(response.url)
    body = response.body
    if not body.strip():
        raise FetchError(f"empty answer: the site sent no content (HTTP {response.status})")
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


def check_not_consent_wall(url: str) -> None:
    """Raise when a redirect ended on a consent service's page: Yahoo's and
    AOL's sites send European visitors to consent.yahoo.com (or guce.*),
    Google's to consent.google.com, before any article; that page, printed,
    would be a cookie notice in the article's place."""
    host = (urlsplit(url).hostname or "").lower()
    if host.split(".", 1)[0] in _CONSENT_HOST_LABELS and "." in host:
        raise FetchError(f"stopped at a cookie-consent page ({host}) instead of the article")


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
