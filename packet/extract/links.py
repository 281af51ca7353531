"""Links that pass through a redirector, pointed at their real target.

Google Docs exports (and pages pasted from Google results or Gmail) wrap
every link as `https://www.google.com/url?q=<target>&sa=D&...`; printed as
a link note that is a long tracking address instead of the page meant.
"""

from __future__ import annotations

from packet.docs_export import unwrap_google_redirect


def unwrap_redirect_links(root, base_url: str) -> None:
    """Point links wrapped as google.com/url?q=... at their real target."""
    for a in root.iter("a"):
        href = a.get("href")
        if href:
            a.set("href", unwrap_google_redirect(href))
