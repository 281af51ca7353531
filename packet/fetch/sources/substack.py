"""Substack posts, on substack.com or a custom domain.

Substack's (undocumented) API answers GET <site>/api/v1/posts/<slug> with
the post's HTML, title, date and authors, free of the subscribe pop-ups.
Any URL of the form /p/<slug> is tried against it, since custom domains
(astralcodexten.com and many more) serve the same API; a site that does not
answer it gets its page fetched instead. Share links name the post too:
`open.substack.com/pub/<pub>/p/<slug>` is <pub>.substack.com's post, and
`substack.com/home/post/p-<id>` (or `substack.com/@<user>/p-<id>`) is asked
of `substack.com/api/v1/posts/by-id/<id>`, which answers `{"post": {...}}`. A paid post is refused outright:
its public body is a preview cut off without a marker, and printing it would
pass half a post off as the whole.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

from packet.errors import FetchError
from packet.fetch.client import status_reason
from packet.fetch.options import FetchOptions
from packet.fetch.sources import Content, Context, page, wrap_html

#: Custom domains known to be Substack; the "substack" endpoint template
#: (for tests, a loopback address) applies to these and to *.substack.com.
KNOWN_HOSTS = frozenset({"astralcodexten.com", "www.astralcodexten.com"})
DEFAULT_TEMPLATE = "{origin}/api/v1/posts/{slug}"
BY_ID_DEFAULT = "https://substack.com/api/v1/posts/by-id"
SOURCE = "substack-api"
PAYWALLED = "paywalled: only a preview is public"
_POST_PATH = re.compile(r"^/p/(?P<slug>[^/]+)/?$")
_SHARE_PATH = re.compile(r"^/pub/(?P<pub>[A-Za-z0-9-]+)/p/(?P<slug>[^/]+)/?$")
_ID_PATH = re.compile(r"^/(?:home/post|@[^/]+)/p-(?P<id>\d+)/?$")


def matches(url: str, options: FetchOptions) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host == "open.substack.com":
        return _SHARE_PATH.match(parts.path) is not None
    if host in ("substack.com", "www.substack.com"):
        return _ID_PATH.match(parts.path) is not None
    return _POST_PATH.match(parts.path) is not None


def api_url(url: str, options: FetchOptions) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in ("substack.com", "www.substack.com"):
        post_id = _ID_PATH.match(parts.path).group("id")
        return f"{options.endpoint('substack_by_id', BY_ID_DEFAULT)}/{post_id}"
    share = _SHARE_PATH.match(parts.path) if host == "open.substack.com" else None
    if share:
        host, slug = f"{share.group('pub').lower()}.substack.com", share.group("slug")
        origin = f"https://{host}"
    else:
        slug = _POST_PATH.match(parts.path).group("slug")
        origin = f"{parts.scheme}://{parts.netloc}"
    template = DEFAULT_TEMPLATE
    if host.endswith(".substack.com") or host in KNOWN_HOSTS:
        template = options.endpoints.get("substack", DEFAULT_TEMPLATE)
    return template.format(origin=origin, host=host, slug=slug)


#: What a Substack post page shows where a paid post's public preview ends
#: (the paywall block and its heading, as scrapers of Substack key on them).
#: Not a bare "paywall" class: any site's /p/<slug> page comes here when the
#: API does not answer, and news sites mark free stories with such classes.
_PAYWALL_PAGE = re.compile(
    r"""data-testid=["']paywall["']|This post is for pai(?:d|ying) subscribers""",
    re.IGNORECASE,
)


async def fetch(ctx: Context, url: str) -> Content:
    try:
        return await _fetch_post(ctx, url)
    except _NotSubstack:
        content = await page.fetch(ctx, url)
    # The API may refuse for a while (Substack rate-limits it hard); the page
    # of a paid post then holds the preview and the paywall, which must be
    # refused here as the API's answer would have been.
    if content.text is not None and _PAYWALL_PAGE.search(content.text):
        raise FetchError(PAYWALLED)
    return content


class _NotSubstack(Exception):
    """The API did not answer like Substack's: fetch the page instead."""


async def _fetch_post(ctx: Context, url: str) -> Content:
    endpoint = api_url(url, ctx.options)
    # An API on the reading's own site is as trusted as the reading; a
    # configured template is trusted like every endpoint.
    try:
        response = await ctx.get(endpoint, headers={"Accept": "application/json"})
    except FetchError as exc:
        raise _NotSubstack(str(exc)) from exc
    if not response.ok:
        raise _NotSubstack(status_reason(response.status))
    try:
        post = json.loads(response.body)
    except ValueError as exc:
        raise _NotSubstack("not JSON") from exc
    if isinstance(post, dict) and isinstance(post.get("post"), dict):
        post = post["post"]
    if not isinstance(post, dict) or not ({"body_html", "audience"} & post.keys()):
        raise _NotSubstack("not a Substack post")
    audience = post.get("audience")
    if audience == "everyone" and not post.get("body_html"):
        # A free post without a body (a podcast or video post, or an API
        # answer cut short): the page says more, and is checked for a paywall.
        raise _NotSubstack("free post without a body")
    if (audience is not None and audience != "everyone") or not post.get("body_html"):
        raise FetchError(PAYWALLED)
    page_url = urljoin(url, post.get("canonical_url") or url)
    if urlsplit(page_url).scheme not in ("http", "https"):
        page_url = url
    authors = [b["name"] for b in post.get("publishedBylines") or [] if isinstance(b, dict) and b.get("name")]
    text = wrap_html(
        f'<div class="available-content"><div class="body markup">{post["body_html"]}</div></div>',
        title=post.get("title"),
        authors=authors,
        date=post.get("post_date"),
        url=page_url,
        subtitle=post.get("subtitle"),
    )
    return Content(
        body=text.encode("utf-8"),
        mime="text/html",
        text=text,
        final_url=page_url,
        source=SOURCE,
        declared_type="text/html; charset=utf-8",
        http_status=response.status,
        meta={
            "title": post.get("title"),
            "subtitle": post.get("subtitle"),
            "authors": authors,
            "date": post.get("post_date"),
        },
    ).with_validators(response)
