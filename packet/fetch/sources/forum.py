"""LessWrong, the Alignment Forum and the EA Forum (all ForumMagnum).

Their pages are JavaScript-heavy and sometimes refuse scripts, but their
GraphQL API hands over a post's HTML body by the post's _id (the 17
characters after /posts/ in every post URL). The body is wrapped in a small
HTML document carrying title, author and date for extraction. Alignment
Forum posts live in LessWrong's database too, so LessWrong's endpoint is the
second try for them. When the API fails the page itself is fetched.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

from packet.errors import FetchError
from packet.fetch.client import status_reason
from packet.fetch.netguard import origin_of
from packet.fetch.options import FetchOptions
from packet.fetch.sources import Content, Context, page, wrap_html

HOSTS = {
    "www.lesswrong.com": "lesswrong",
    "lesswrong.com": "lesswrong",
    "www.alignmentforum.org": "alignmentforum",
    "alignmentforum.org": "alignmentforum",
    "forum.effectivealtruism.org": "eaforum",
}
DEFAULTS = {
    "lesswrong": "https://www.lesswrong.com/graphql",
    "alignmentforum": "https://www.alignmentforum.org/graphql",
    "eaforum": "https://forum.effectivealtruism.org/graphql",
}
#: Endpoints to ask, in order, for a post on each forum.
ROUTES = {
    "lesswrong": ("lesswrong",),
    "alignmentforum": ("alignmentforum", "lesswrong"),
    "eaforum": ("eaforum",),
}
QUERY = (
    "query($id: String) { post(input: {selector: {_id: $id}}) "
    "{ result { _id slug title pageUrl postedAt htmlBody user { displayName } } } }"
)
_POST_PATH = re.compile(r"^/posts/(?P<id>[A-Za-z0-9]{10,24})(?:/|$)")


def forum_of(url: str, options: FetchOptions) -> str | None:
    """Which forum a post URL belongs to: by its host, or (for a forum
    served from another address, as in tests) by its endpoint's origin."""
    parts = urlsplit(url)
    if not _POST_PATH.match(parts.path):
        return None
    host = (parts.hostname or "").lower()
    if host in HOSTS:
        return HOSTS[host]
    for name in DEFAULTS:
        if name in options.endpoints and origin_of(options.endpoints[name]) == origin_of(url):
            return name
    return None


def matches(url: str, options: FetchOptions) -> bool:
    return forum_of(url, options) is not None


async def fetch(ctx: Context, url: str) -> Content:
    forum = forum_of(url, ctx.options)
    match = _POST_PATH.match(urlsplit(url).path)
    assert forum is not None and match is not None
    for name in ROUTES[forum]:
        endpoint = ctx.options.endpoint(name, DEFAULTS[name])
        try:
            return await _fetch_post(ctx, endpoint, match.group("id"), url, name)
        except FetchError:
            continue
    return await page.fetch(ctx, url)


async def _fetch_post(ctx: Context, endpoint: str, post_id: str, url: str, forum: str) -> Content:
    response = await ctx.get(
        endpoint,
        method="POST",
        json={"query": QUERY, "variables": {"id": post_id}},
        headers={"Accept": "application/json"},
    )
    if not response.ok:
        raise FetchError(status_reason(response.status))
    try:
        post = json.loads(response.body)["data"]["post"]["result"]
    except (ValueError, KeyError, TypeError) as exc:
        raise FetchError("forum API gave no post") from exc
    if not isinstance(post, dict) or not post.get("htmlBody"):
        raise FetchError("forum API gave no post body")
    page_url = urljoin(url, post.get("pageUrl") or url)
    author = (post.get("user") or {}).get("displayName")
    authors = [author] if author else []
    text = wrap_html(post["htmlBody"], title=post.get("title"), authors=authors, date=post.get("postedAt"), url=page_url)
    return Content(
        body=text.encode("utf-8"),
        mime="text/html",
        text=text,
        final_url=page_url,
        source=forum,
        declared_type="text/html; charset=utf-8",
        http_status=response.status,
        meta={"title": post.get("title"), "authors": authors, "date": post.get("postedAt")},
    )
