"""Google Docs: a document shared with "anyone with the link" is exported
as HTML (the /export?format=html link needs no login). A private document
answers with Google's sign-in page instead, after redirects and with status
200; that is reported as "not shared publicly" rather than printed. A
document published to the web (`/document/d/e/<id>/pub`) has no export
link: its published page is fetched, which carries the same markup.

An export has no <title>: a document without a title paragraph is named
only by the file name in the answer's Content-Disposition, which becomes
the page's <title>.
"""

from __future__ import annotations

import codecs
import html
import re
from urllib.parse import unquote, urlsplit

from packet.errors import FetchError
from packet.fetch.client import Response, status_reason
from packet.fetch.options import FetchOptions
from packet.fetch.sources import Content, Context
from packet.fetch.sources.page import content_from_response

DEFAULT = "https://docs.google.com"
NOT_SHARED = "not shared publicly"
_DOC_PATH = re.compile(r"^/document/(?:u/\d+/)?d/(?P<id>[A-Za-z0-9_-]{20,})")
_PUB_PATH = re.compile(r"^/document/(?:u/\d+/)?d/e/(?P<id>[A-Za-z0-9_-]{20,})(?:/|$)")
_LOGIN_PATH = re.compile(r"/(ServiceLogin|signin|v3/signin|accounts/)", re.IGNORECASE)
_FILENAME_STAR = re.compile(r"filename\*\s*=\s*([\w-]*)'[^']*'([^;]+)", re.IGNORECASE)
_FILENAME = re.compile(r'filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))', re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)
_LOGIN_FORM = re.compile(r"<form[^>]+action=[\"'][^\"']*(accounts\.google\.com|ServiceLogin|signin)", re.IGNORECASE)


def document_id(url: str) -> str | None:
    parts = urlsplit(url)
    if (parts.hostname or "").lower() != "docs.google.com":
        return None
    match = _DOC_PATH.match(parts.path)
    return match.group("id") if match else None


def published_id(url: str) -> str | None:
    parts = urlsplit(url)
    if (parts.hostname or "").lower() != "docs.google.com":
        return None
    match = _PUB_PATH.match(parts.path)
    return match.group("id") if match else None


def matches(url: str, options: FetchOptions) -> bool:
    return published_id(url) is not None or document_id(url) is not None


def export_url(url: str, options: FetchOptions) -> str:
    base = options.endpoint("gdocs", DEFAULT)
    pub = published_id(url)
    if pub is not None:
        return f"{base}/document/d/e/{pub}/pub"
    return f"{base}/document/d/{document_id(url)}/export?format=html"


async def fetch(ctx: Context, url: str) -> Content:
    response = await ctx.get(export_url(url, ctx.options))
    if response.status in (401, 403):
        raise FetchError(NOT_SHARED)
    if not response.ok:
        raise FetchError(status_reason(response.status))
    if is_login_page(response):
        raise FetchError(NOT_SHARED)
    content = content_from_response(response, source="gdocs")
    name = disposition_filename(response.headers.get("content-disposition", ""))
    if name and content.text is not None:
        titled = with_title(content.text, name)
        if titled != content.text:
            content.text, content.body = titled, titled.encode("utf-8")
            content.declared_type = "text/html; charset=utf-8"
    return content


def disposition_filename(header: str) -> str | None:
    """The file name a Content-Disposition header gives (RFC 6266: the
    percent-encoded `filename*` wins over `filename`), without its extension."""
    star = _FILENAME_STAR.search(header)
    if star:
        name = unquote(star.group(2).strip().strip('"'), encoding=_known_charset(star.group(1)), errors="replace")
    else:
        plain = _FILENAME.search(header)
        if not plain:
            return None
        name = plain.group(1) if plain.group(1) is not None else plain.group(2).strip()
        name = re.sub(r"\\(.)", r"\1", name)
    name = re.sub(r"\.(html?|zip)$", "", name.strip(), flags=re.IGNORECASE).strip()
    return name or None


def _known_charset(name: str | None) -> str:
    # The header is the server's to write: a charset Python does not know is read as UTF-8.
    try:
        return codecs.lookup(name or "utf-8").name
    except LookupError:
        return "utf-8"


def with_title(page: str, title: str) -> str:
    """`page` with `title` as its <title>, unless it has one."""
    head_end = _HEAD_END.search(page)
    if re.search(r"<title[\s>]", page[: head_end.start() if head_end else 4096], re.IGNORECASE):
        return page
    tag = f"<title>{html.escape(title)}</title>"
    if head_end is None:
        return tag + page
    if head_end.group(0).lower().startswith("<body"):
        tag = f"<head>{tag}</head>"
    return page[: head_end.start()] + tag + page[head_end.start():]


def is_login_page(response: Response) -> bool:
    """Google's sign-in page, reached by redirect from a private document."""
    final = urlsplit(response.url)
    if (final.hostname or "").lower() == "accounts.google.com" or _LOGIN_PATH.search(final.path):
        return True
    return bool(_LOGIN_FORM.search(response.body[:200_000].decode("utf-8", errors="replace")))
