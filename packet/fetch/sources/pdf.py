"""PDF readings: kept as the bytes served, for the render stage to merge.

A PDF is recognised by its bytes (%PDF), not by what the server calls it:
reports are often served as text/html or application/octet-stream, and a
"PDF" link sometimes answers with an HTML landing page instead.
"""

from __future__ import annotations

from packet.errors import FetchError

PDF_MIME = "application/pdf"


def looks_like_pdf(body: bytes) -> bool:
    # The PDF specification lets readers find the header within the first
    # 1024 bytes; some generators put junk or whitespace before it.
    return b"%PDF-" in body[:1024]


def check_pdf(body: bytes) -> bytes:
    """Return `body` if it is a PDF, else raise FetchError."""
    if not looks_like_pdf(body):
        raise FetchError("not a PDF: the file does not start with %PDF")
    return body
