"""Per-site ways of getting a reading, chosen by its URL.

Each module here knows one site's best route (an API, an export link, a
cleaner rendering) and falls back to the page itself. A source module has
`matches(url, options) -> bool` and `async fetch(ctx, url) -> Content`; it
talks HTTP only through `ctx.get`, raises FetchError with a human reason
when the reading cannot be had, and never touches the cache (the caller in
packet/fetch/readings.py does).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from packet.fetch.client import Client, Response
from packet.fetch.options import FetchOptions


class NotModified(Exception):
    """The upstream answered 304 to a revalidation: the cached body stands."""


@dataclass
class Content:
    """What a source produced for a reading, before it becomes a Resource."""

    body: bytes
    #: "text/html" or "application/pdf".
    mime: str
    final_url: str
    source: str
    #: The Content-Type header as served, kept so the body decodes the same
    #: way when it is read back from the cache.
    declared_type: str = ""
    text: str | None = None
    http_status: int | None = None
    redirects: list[tuple[int, str]] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    #: URL the validators belong to; empty when the answer cannot be revalidated.
    upstream: str = ""
    etag: str | None = None
    last_modified: str | None = None

    def with_validators(self, response: Response) -> Content:
        self.upstream = response.requested
        self.etag = response.headers.get("etag")
        self.last_modified = response.headers.get("last-modified")
        return self


@dataclass
class Context:
    """What a source may use: the options and the shared client. During a
    refresh, `validators` maps the URL last used for this reading to its
    conditional headers; a 304 for it raises NotModified."""

    options: FetchOptions
    client: Client
    validators: dict[str, dict[str, str]] = field(default_factory=dict)

    async def get(self, url: str, **kwargs) -> Response:
        conditional = {} if kwargs.get("method", "GET") != "GET" else self.validators.get(url, {})
        headers = {**(kwargs.pop("headers", None) or {}), **conditional}
        response = await self.client.fetch(url, headers=headers or None, **kwargs)
        if response.status == 304 and conditional:
            raise NotModified(url)
        return response


def wrap_html(
    body_html: str,
    *,
    title: str | None,
    authors: list[str],
    date: str | None,
    url: str,
    subtitle: str | None = None,
) -> str:
    """A minimal HTML document around an API's article body, carrying the
    metadata as the tags extraction reads (title, author, published time)."""
    esc = html.escape
    head = ['<meta charset="utf-8">']
    if title:
        head.append(f"<title>{esc(title)}</title>")
    head += [f'<meta name="author" content="{esc(name)}">' for name in authors]
    if date:
        head.append(f'<meta property="article:published_time" content="{esc(date)}">')
    if subtitle:
        head.append(f'<meta name="description" content="{esc(subtitle)}">')
    head.append(f'<link rel="canonical" href="{esc(url)}">')
    return (
        "<!DOCTYPE html>\n<html><head>"
        + "".join(head)
        + "</head><body><article>"
        + body_html
        + "</article></body></html>\n"
    )

