"""arXiv papers: an HTML rendering when one exists, else the PDF.

Any arXiv link (abs, pdf, html, ar5iv) names a paper id; the paper is asked
for as arXiv's own HTML (LaTeXML, so equations keep their TeX and sections
keep their numbers), then the older ar5iv rendering, then the PDF. A
rendering that is not LaTeXML output (arXiv's "No HTML for ..." page,
ar5iv's "Conversion to HTML had a Fatal error") counts as a miss and the
next route is tried; so does a redirect away from the rendering: ar5iv
answers a paper it lacks with 307 to `https://arxiv.org/abs/<id>`, whose
abstract page must never be printed as the paper.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from packet.errors import FetchError
from packet.fetch.client import redirect_target
from packet.fetch.options import FetchOptions
from packet.fetch.sources import Content, Context
from packet.fetch.sources.page import content_from_response
from packet.fetch.sources.pdf import PDF_MIME, check_pdf

HOSTS = frozenset({"arxiv.org", "www.arxiv.org", "export.arxiv.org", "ar5iv.labs.arxiv.org", "ar5iv.org", "www.ar5iv.org"})
DEFAULTS = {
    "arxiv_html": "https://arxiv.org/html",
    "ar5iv": "https://ar5iv.labs.arxiv.org/html",
    "arxiv_pdf": "https://arxiv.org/pdf",
}
_ID = re.compile(
    r"^/(?:abs|pdf|html|papers)/(?P<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z.-]*/\d{7}(?:v\d+)?)(?:\.pdf)?/?$",
    re.IGNORECASE,
)
MISS_MARKERS = ("No HTML for", "Conversion to HTML had a Fatal error")
#: Every LaTeXML document carries this class on its root element.
LATEXML_MARK = "ltx_document"
REDIRECTS = (301, 302, 303, 307, 308)


def paper_id(url: str) -> str | None:
    """`https://arxiv.org/abs/2101.00001v2` -> `2101.00001v2`."""
    parts = urlsplit(url)
    if (parts.hostname or "").lower() not in HOSTS:
        return None
    match = _ID.match(parts.path)
    return match.group("id") if match else None


def matches(url: str, options: FetchOptions) -> bool:
    return paper_id(url) is not None


async def fetch(ctx: Context, url: str) -> Content:
    pid = paper_id(url)
    assert pid is not None
    misses: list[str] = []
    for name, source in (("arxiv_html", "arxiv-html"), ("ar5iv", "ar5iv")):
        endpoint = f"{ctx.options.endpoint(name, DEFAULTS[name])}/{pid}"
        try:
            content = content_from_response(await _get_rendering(ctx, endpoint), source=source)
        except FetchError as exc:
            misses.append(f"{source}: {exc}")
            continue
        if content.mime != "text/html":
            misses.append(f"{source}: not HTML")
        elif any(marker in (content.text or "") for marker in MISS_MARKERS) or LATEXML_MARK not in (content.text or ""):
            misses.append(f"{source}: no HTML rendering")
        else:
            return content
    endpoint = f"{ctx.options.endpoint('arxiv_pdf', DEFAULTS['arxiv_pdf'])}/{pid}"
    try:
        content = content_from_response(await ctx.get(endpoint), source="arxiv-pdf")
        if content.mime != PDF_MIME:
            check_pdf(content.body)
    except FetchError as exc:
        raise FetchError(f"{exc} (arxiv-pdf; {'; '.join(misses)})") from exc
    return content


async def _get_rendering(ctx: Context, endpoint: str):
    """The rendering's answer, following redirects only while they stay
    within the rendering service (same origin, an /html/ path)."""
    url = endpoint
    for _ in range(ctx.options.max_redirects + 1):
        response = await ctx.get(url, follow_redirects=False)
        location = response.headers.get("location")
        if response.status not in REDIRECTS or not location:
            return response
        target = redirect_target(url, location)
        if urlsplit(target).netloc != urlsplit(endpoint).netloc or "/html/" not in urlsplit(target).path:
            raise FetchError(f"redirected away from the rendering, to {target}")
        url = target
    raise FetchError("too many redirects")
