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


#: Every complete PDF ends with this marker (after its last cross-reference
#: table); pypdf looks for it anywhere in the file, from the end.
EOF_MARKER = b"%%EOF"
#: A marker itself cut short, which pypdf still reads (with a warning).
_CUT_MARKERS = (b"%%EO", b"%%E")


def check_pdf(body: bytes) -> bytes:
    """Return `body` if it is a PDF, else raise FetchError.

    A PDF cut short (a server that stopped mid-file, a download proxy's
    limit) has no %%EOF: reported here as a damaged download, rather than
    counted as fetched and turned into a "not a readable PDF" placeholder
    at printing, with the fetch report saying "ok"."""
    if not looks_like_pdf(body):
        raise FetchError("not a PDF: the file does not start with %PDF")
    if EOF_MARKER not in body and not body.rstrip().endswith(_CUT_MARKERS):
        raise FetchError("damaged download: the PDF ends early (no %%EOF marker; truncated)")
    return body
