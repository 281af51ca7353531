"""QR codes for links on paper, made with segno (a well-kept pure-Python encoder
that writes compact SVG with no raster step)."""

from __future__ import annotations

import base64
import io
from functools import lru_cache

import segno


def _code(url: str):
    return segno.make(url, error="m", micro=False)


@lru_cache(maxsize=1024)
def qr_data_uri(url: str) -> str:
    """The QR code of `url` as a data: URI for <img src>: a standalone SVG
    (with its namespace, which browsers need and WeasyPrint forgives), so it
    passes the locked fetcher and shows in the screen handout too. Cached:
    a handout prints the same address on paper and on screen."""
    out = io.BytesIO()
    _code(url).save(out, kind="svg", xmldecl=False, svgns=True, nl=False, scale=4, border=2, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def qr_matrix(url: str) -> list[list[bool]]:
    """The module matrix, for tests that check what a printed code holds."""
    return [[bool(cell) for cell in row] for row in _code(url).matrix]
