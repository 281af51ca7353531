"""LessWrong, the Alignment Forum and the EA Forum (all ForumMagnum).

Their pages are JavaScript-heavy and sometimes refuse scripts, but their
GraphQL API hands over a post's HTML body. A post is named in many URL
forms: by its 17-character _id (`/posts/<id>/<slug>`, inside a sequence
`/s/<seq>/p/<id>`, a group `/g/<group>/p/<id>`), by slug
(`/posts/slug/<slug>`, the book collections `/rationality|codex|hpmor/<slug>`)
or by the old LessWrong's base-36 id (`/lw/<id>/<slug>`). In the real
schema (ForumMagnum's lib/generated/gqlSchema.gql) `SelectorInput` takes
`_id` and `documentId` only, a slug inside it is refused with HTTP 400; slugs
and old ids go through the `posts` list's `slugPost` and `legacyIdPost`
views instead. Each way is asked in the current form first, then in the
older one a forum still running older code accepts.

The body is wrapped in a small HTML document carrying title, authors
(co-authors too) and date, in the post page's own `PostsPage-postContent`
block, so extraction reads it like the page. Equations MathJax 3 rendered
without their TeX get it back from the post's Markdown, in order.
Alignment Forum posts live in LessWrong's database too, so LessWrong's
endpoint is the second try for them. When the API fails the page itself
is fetched.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from packet.errors import FetchError
from packet.fetch.client import status_reason
from packet.fetch.netguard import origin_of
from packet.fetch.options import FetchOptions
from packet.fetch.sources import Content, Context, page, wrap_html

SOURCE = "forum-api"
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
FIELDS = "_id slug title pageUrl postedAt htmlBody user { displayName } coauthors { displayName } contents { markdown }"
#: Fields every version of the schema has, for a forum that refuses the others.
BASIC_FIELDS = "_id slug title pageUrl postedAt htmlBody user { displayName }"
BY_ID = "query($key: String) { post(input: {selector: {_id: $key}}) { result { %s } } }"
BY_VIEW = (
    "query($key: String) { posts(selector: {%s: {%s: $key}}, limit: 1) { results { %s } } }",
    'query($key: String) { posts(input: {terms: {view: "%s", %s: $key, limit: 1}}) { results { %s } } }',
)

_ID = r"(?P<id>[A-Za-z0-9]{10,24})"
_SLUG = r"(?P<slug>[A-Za-z0-9_-]+)"
_PATHS = (
    ("id", re.compile(rf"^/posts/{_ID}(?:/|$)")),
    ("slug", re.compile(rf"^/posts/slug/{_SLUG}/?$")),
    ("id", re.compile(rf"^/s/[A-Za-z0-9]+/p/{_ID}/?$")),
    ("id", re.compile(rf"^/g/[A-Za-z0-9]+/p/{_ID}/?$")),
    ("legacy", re.compile(r"^/lw/(?P<legacy>[0-9a-z]+)(?:/|$)")),
    ("slug", re.compile(rf"^/(?:rationality|codex|hpmor)/{_SLUG}/?$")),
)
_MATH_TOKEN_RE = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$", re.S)


@dataclass(frozen=True)
class PostKey:
    """How a URL names a post: by "id", "slug" or "legacy" (old base-36 id)."""

    kind: str
    value: str


def post_key(url: str) -> PostKey | None:
    path = urlsplit(url).path
    for kind, pattern in _PATHS:
        match = pattern.match(path)
        if match:
            return PostKey(kind, match.group(kind))
    return None


def forum_of(url: str, options: FetchOptions) -> str | None:
    """Which forum a post URL belongs to: by its host, or (for a forum
    served from another address, as in tests) by its endpoint's origin."""
    if post_key(url) is None:
        return None
    host = (urlsplit(url).hostname or "").lower()
    if host in HOSTS:
        return HOSTS[host]
    for name in DEFAULTS:
        if name in options.endpoints and origin_of(options.endpoints[name]) == origin_of(url):
            return name
    return None


def matches(url: str, options: FetchOptions) -> bool:
    return forum_of(url, options) is not None


def queries(key: PostKey) -> list[str]:
    """The queries that ask for the post, in the order to try them."""
    if key.kind == "id":
        return [BY_ID % FIELDS, BY_ID % BASIC_FIELDS]
    view, arg = ("slugPost", "slug") if key.kind == "slug" else ("legacyIdPost", "legacyId")
    return [form % (view, arg, fields) for form in BY_VIEW for fields in (FIELDS, BASIC_FIELDS)]


async def fetch(ctx: Context, url: str) -> Content:
    forum = forum_of(url, ctx.options)
    key = post_key(url)
    assert forum is not None and key is not None
    for name in ROUTES[forum]:
        endpoint = ctx.options.endpoint(name, DEFAULTS[name])
        try:
            return await _fetch_post(ctx, endpoint, key, url, name)
        except FetchError:
            continue
    return await page.fetch(ctx, url)


async def _fetch_post(ctx: Context, endpoint: str, key: PostKey, url: str, forum: str) -> Content:
    failure = "forum API gave no post"
    for query in queries(key):
        response = await ctx.get(
            endpoint,
            method="POST",
            json={"query": query, "variables": {"key": key.value}},
            headers={"Accept": "application/json"},
        )
        if response.status == 400:
            # The query's form or fields are unknown to this forum's schema.
            failure = status_reason(response.status)
            continue
        if not response.ok:
            raise FetchError(status_reason(response.status))
        post = _post_of(response.body)
        if post is not None:
            return _content(post, url, forum, response.status)
    raise FetchError(failure)


def _post_of(body: bytes) -> dict | None:
    try:
        data = json.loads(body)["data"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    post = (data.get("post") or {}).get("result") if isinstance(data.get("post"), dict) else None
    if post is None and isinstance(data.get("posts"), dict):
        results = data["posts"].get("results") or []
        post = results[0] if results else None
    if not isinstance(post, dict) or not post.get("htmlBody"):
        return None
    return post


def post_authors(post: dict) -> list[str]:
    """The post's author, then its co-authors, each once."""
    names: list[str] = []
    for person in [post.get("user"), *(post.get("coauthors") or [])]:
        name = (person or {}).get("displayName") if isinstance(person, dict) else None
        if name and name not in names:
            names.append(name)
    return names


def label_equations(body: str, markdown: str | None) -> str:
    """Give MathJax 3 equations rendered without their TeX (no text, no
    aria-label) the TeX of the post's Markdown, equation by equation, when
    the two count the same equations."""
    if not markdown or "<mjx-container" not in body:
        return body
    containers = list(re.finditer(r"<mjx-container\b[^>]*>", body))
    if any("aria-label=" in m.group(0) for m in containers):
        return body
    tokens = [(m.group(1) or m.group(2)).strip() for m in _MATH_TOKEN_RE.finditer(markdown)]
    if len(tokens) != len(containers):
        return body
    out, last = [], 0
    for match, tex in zip(containers, tokens):
        out.append(body[last:match.end() - 1])
        out.append(f' aria-label="{html.escape(tex, quote=True)}">')
        last = match.end()
    out.append(body[last:])
    return "".join(out)


def _content(post: dict, url: str, forum: str, status: int) -> Content:
    page_url = urljoin(url, post.get("pageUrl") or url)
    authors = post_authors(post)
    body = label_equations(post["htmlBody"], (post.get("contents") or {}).get("markdown"))
    text = wrap_html(
        f'<div class="PostsPage-postContent">{body}</div>',
        title=post.get("title"), authors=authors, date=post.get("postedAt"), url=page_url,
    )
    return Content(
        body=text.encode("utf-8"),
        mime="text/html",
        text=text,
        final_url=page_url,
        source=SOURCE,
        declared_type="text/html; charset=utf-8",
        http_status=status,
        meta={"title": post.get("title"), "authors": authors, "date": post.get("postedAt"), "forum": forum},
    )
