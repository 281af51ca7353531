"""Turn the bytes of a fetched (or local) HTML page into text.

Used by the fetch stage before a Resource is handed to extraction, so that
"café" prints as café and not as cafÃ©. The order follows what browsers do
(the WHATWG encoding sniffing algorithm), because pages are written and
tested against browsers, with one exception: a byte order mark, which
cannot lie; then bytes that are valid UTF-8 are read as UTF-8 whatever the
page declares; then the Content-Type charset, then a <meta> declaration in
the first 4 KB, then a guess (charset-normalizer, preferring windows-1252 as
browsers do), then UTF-8 with replacement characters so decoding never fails.

The exception: pages are converted to UTF-8 by tools (CMSs, proxies,
archivers) that leave the old `<meta charset>` in place, and a browser then
shows `â€™` for `’`. The reverse, a page in a single-byte code page whose
non-ASCII bytes all happen to form valid UTF-8 sequences, almost never
occurs in real text, so valid UTF-8 is the stronger evidence.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browsers decode these labels as windows-1252, a superset that gives the
# 0x80-0x9F bytes (curly quotes, dashes) their intended characters.
_WINDOWS_1252_ALIASES = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii", "cp819"}

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def decode_html(body: bytes, content_type_header: str | None) -> str:
    """Decode an HTML page; never raises and never returns mojibake for a
    page whose encoding is declared or guessable."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")

    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Two encodings make valid UTF-8 that is not: UTF-16 without a byte
        # order mark (full of NULs) and 7-bit ISO-2022-JP (ESC sequences).
        if "\x00" not in text and "\x1b" not in text:
            return text

    if content_type_header:
        match = _HEADER_CHARSET.search(content_type_header)
        encoding = _codec(match.group(1)) if match else None
        if encoding:
            return body.decode(encoding, errors="replace")

    match = _META_CHARSET.search(body[:4096])
    if match:
        encoding = _codec(match.group(1).decode("ascii", errors="replace"))
        # A <meta> readable as ASCII cannot be declaring UTF-16; browsers use UTF-8.
        if encoding and encoding.startswith("utf-16"):
            encoding = "utf-8"
        if encoding:
            return body.decode(encoding, errors="replace")

    guesses = charset_normalizer.from_bytes(body)
    # charset-normalizer ranks Baltic and Central European code pages above
    # windows-1252 on short French or German text; browsers fall back to
    # windows-1252, so prefer it whenever it reads the bytes cleanly.
    if any("cp1252" in guess.could_be_from_charset for guess in guesses):
        return body.decode("cp1252", errors="replace")
    best = guesses.best()
    if best is not None:
        return body.decode(_codec(best.encoding) or best.encoding, errors="replace")
    return body.decode("utf-8", errors="replace")


def _codec(label: str) -> str | None:
    """The Python codec name for a charset label, or None if unknown."""
    label = label.strip().lower()
    if label in _WINDOWS_1252_ALIASES:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None
