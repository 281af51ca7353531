"""QR codes for links on paper, made with segno (a well-kept pure-Python encoder
that writes compact SVG with no raster step)."""

from __future__ import annotations

import base64

import segno


def qr_svg(url: str) -> str:
    """An inline-able SVG QR code for `url` (error correction M, quiet zone 2)."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True)


def qr_data_uri(url: str) -> str:
    """The same QR code as a data: URI, for <img src> (passes the locked fetcher)."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=4, border=2, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def qr_matrix(url: str) -> list[list[bool]]:
    """The module matrix, for tests that check what a printed code holds."""
    return [[bool(cell) for cell in row] for row in segno.make(url, error="m", micro=False).matrix]
