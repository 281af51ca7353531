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


# The densest code a phone still reads off paper at the sizes packet prints
# (12 mm on the run-sheet, 18-22 mm on handouts): version 10, 57 modules a
# side, about a third of a millimetre each on the handout. It holds an
# address of some 210 characters at error level M, 270 at level L. A longer
# address gets no code rather than a grey square no camera can read (or,
# past version 40, a crash): the address is printed in full beside it anyway.
MAX_VERSION = 10


def _code(url: str):
    """The code of `url`, at error level M, else L when M would be too
    dense; None when even L would be."""
    for error in ("m", "l"):
        try:
            code = segno.make(url, error=error, micro=False)
        except segno.DataOverflowError:
            return None
        if code.version <= MAX_VERSION:
            return code
    return None


@lru_cache(maxsize=1024)
def qr_data_uri(url: str) -> str | None:
    """The QR code of `url` as a data: URI for <img src>, with a quiet zone
    of two modules; None when the address is too long for a code a phone
    can read at the printed size. Cached: a handout prints the same address
    on paper and on screen."""
    code = _code(url)
    if code is None:
        return None
    out = io.BytesIO()
    code.save(out, kind="png", scale=1, border=2, dark="#000", light="#fff")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def qr_matrix(url: str) -> list[list[bool]] | None:
    """The module matrix, for tests that check what a printed code holds."""
    code = _code(url)
    return None if code is None else [[bool(cell) for cell in row] for row in code.matrix]
