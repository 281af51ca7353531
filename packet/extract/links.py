"""Links that pass through a redirector, pointed at their real target.

Google Docs exports (and pages pasted from Google results or Gmail) wrap
every link as `https://www.google.com/url?q=<target>&sa=D&...`; printed as
a link note that is a long tracking address instead of the page meant.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

_GOOGLE_HOST_RE = re.compile(r"^(www\.)?google\.[a-z.]{2,6}$", re.I)


def redirect_target(href: str) -> str | None:
    """The address a Google redirect link leads to, or None for any other link."""
    parts = urlsplit(href.strip())
    if parts.path != "/url" or not _GOOGLE_HOST_RE.match(parts.hostname or ""):
        return None
    query = parse_qs(parts.query)
    for key in ("q", "url"):
        for value in query.get(key, []):
            if urlsplit(value).scheme in ("http", "https", "mailto"):
                return value
    return None


def unwrap_redirect_links(root, base_url: str) -> None:
    """Point links wrapped as google.com/url?q=... at their real target."""
    for a in root.iter("a"):
        target = redirect_target(a.get("href") or "")
        if target:
            a.set("href", target)
