"""The web address a page says it lives at, for readings read from a file.

An organiser who saves a page (a paywalled article, one behind a log-in)
and gives packet the file still wants the source card to say where the
reading is online, with a QR code that leads there, not a path on their
laptop. A saved page usually says it, in order of preference:

- `<link rel="canonical" href>`, the address the site itself gives the page;
- `<meta property="og:url">`, the address it gives for sharing;
- the comment a browser writes when it saves a page: Chromium's "Webpage"
  saves start `<!-- saved from url=(0058)https://… -->` (four digits: the
  address's length); SingleFile writes "Page saved with SingleFile" and a
  `url:` line in a comment at the top.

Only an absolute http(s) address of a public host counts: a page's own
markup is not trusted to put `javascript:`, `file:` or an intranet address
on paper.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from packet.fetch.netguard import is_private_address

MAX_ADDRESS = 2000
# The comments are at the very top of a saved page; looking further would
# only give a page's text a chance to pose as one.
HEAD_CHARS = 4096
_SAVED_FROM_RE = re.compile(r"<!--\s*saved from url=\(\d{1,5}\)\s*(\S+?)\s*-->", re.I)
_SINGLEFILE_RE = re.compile(r"<!--\s*Page saved with SingleFile\b.{0,200}?\burl:\s*(\S+)", re.I | re.S)


def public_web_address(value: str | None) -> str | None:
    """`value` if it is an absolute http(s) address of a public host, else None."""
    url = (value or "").strip()
    if not url or len(url) > MAX_ADDRESS or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host or parts.username or parts.password:
        return None
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        # The fetch stage's own test of an address nobody outside may reach.
        return None if is_private_address(host) else url
    if "." not in host or host.endswith((".localhost", ".local", ".internal", ".lan", ".home.arpa")):
        return None
    return url


def page_address(doc, html: str) -> str | None:
    """The public web address a (saved) page declares for itself, or None."""
    for link in doc.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            if found := public_web_address(link.get("href")):
                return found
    for meta in doc.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").strip().lower() == "og:url":
            if found := public_web_address(meta.get("content")):
                return found
    head = html[:HEAD_CHARS]
    for pattern in (_SAVED_FROM_RE, _SINGLEFILE_RE):
        match = pattern.search(head)
        if match and (found := public_web_address(match.group(1))):
            return found
    return None
