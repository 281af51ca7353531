"""QR codes for links on paper, made with segno (a well-kept pure-Python encoder).

A code is a PNG of one pixel per module, which the stylesheets scale up
with `image-rendering: pixelated`: the PDF marks it not to be smoothed, so
it prints as sharp as vector squares, and WeasyPrint places it in a
fraction of the time it takes to parse and draw the same code as an SVG
path. Browsers show it the same way in the screen handout.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache

import segno


def _code(url: str):
    return segno.make(url, error="m", micro=False)


@lru_cache(maxsize=1024)
def qr_data_uri(url: str) -> str:
    """The QR code of `url` as a data: URI for <img src>, with a quiet zone
    of two modules. Cached: a handout prints the same address on paper and
    on screen."""
    out = io.BytesIO()
    _code(url).save(out, kind="png", scale=1, border=2, dark="#000", light="#fff")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def qr_matrix(url: str) -> list[list[bool]]:
    """The module matrix, for tests that check what a printed code holds."""
    return [[bool(cell) for cell in row] for row in _code(url).matrix]
