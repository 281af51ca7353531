"""Reports behind a landing page: a reading marked `kind: report` (or `pdf`)
whose link answers with an HTML page about the report rather than the report.

Think tanks (CSET, RAND...) link a publication page that offers the PDF.
The PDF is found the way a person would: the page's `citation_pdf_url`
meta tag (Google Scholar's convention), else the most prominent link to a
.pdf on the page. It is fetched like an image a page points at (the
address guard applies: the page cannot send packet into a private network).
When no PDF is found the landing page itself is printed, as before.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from packet.errors import FetchError
from packet.fetch.sources import Content, Context
from packet.fetch.sources.pdf import PDF_MIME, looks_like_pdf

_REPORT_WORDS = re.compile(r"download|full report|read the report|\bpdf\b|report", re.IGNORECASE)


def find_pdf_link(text: str, base_url: str) -> str | None:
    """The landing page's link to its PDF, absolute, or None."""
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None
    for meta in root.xpath('//meta[@name="citation_pdf_url"][@content]'):
        return urljoin(base_url, meta.get("content").strip())
    best, best_score = None, 0
    for link in root.xpath("//a[@href]"):
        href = link.get("href").strip()
        if not urlsplit(href).path.lower().endswith(".pdf"):
            continue
        words = " ".join(link.text_content().split())
        score = 1 + 2 * bool(_REPORT_WORDS.search(words)) + bool(_REPORT_WORDS.search(href))
        if link.xpath("ancestor::nav|ancestor::footer|ancestor::aside"):
            score -= 2
        if score > best_score:
            best, best_score = urljoin(base_url, href), score
    return best


async def follow_to_pdf(ctx: Context, landing: Content) -> Content:
    """The report's PDF if the landing page offers one, else the landing page."""
    if landing.mime != "text/html" or not landing.text:
        return landing
    target = find_pdf_link(landing.text, landing.final_url)
    if target is None:
        return landing
    try:
        response = await ctx.client.fetch(target, trusted=False, allowed_origin=_origin(landing.final_url))
    except FetchError:
        return landing
    if not response.ok or not looks_like_pdf(response.body):
        return landing
    return Content(
        body=response.body, mime=PDF_MIME, final_url=response.url, source="report-pdf",
        declared_type=response.content_type, http_status=response.status,
        redirects=landing.redirects + response.redirects, meta={"landing_page": landing.final_url},
    )


def _origin(url: str) -> str:
    from packet.fetch.netguard import origin_of

    return origin_of(url)
