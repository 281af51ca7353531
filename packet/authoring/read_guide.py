"""Open a facilitator guide in whatever format it came in, as blocks.

The format comes from the file's extension, or from its first bytes when it
has none: Markdown (.md), plain text (.txt), HTML (.html; a Google Docs
export is normalised by `packet.docs_export` first) or Word (.docx). Every
failure a person can fix is a GuideError with one line naming the file.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from packet.authoring.blocks import Block, tidy
from packet.errors import PacketError

# The one bound on a guide's file, whatever its format: a guide's text is a
# few hundred kilobytes, a .docx with its pictures a few megabytes.
MAX_GUIDE_BYTES = 20 * 1024 * 1024
FORMATS = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx",
}
KNOWN_ELSEWHERE = {
    ".doc": "an old Word .doc: save it as .docx (Word: File > Save As; Google Docs: File > Download > .docx)",
    ".odt": "an OpenDocument file: save it as .docx or export it as HTML",
    ".rtf": "a Rich Text file: save it as .docx or plain text",
    ".pdf": "a PDF: packet import needs the guide's source (.docx, .md, .txt, or a Google Docs HTML export)",
    ".pages": "a Pages file: export it as Word (.docx)",
    ".gdoc": "a Google Drive shortcut: open the document and use File > Download > Web page (.html, zipped) or .docx",
    ".zip": "a zip archive: unzip it and import the .html inside (a Google Docs 'Web page' download)",
}
SUPPORTED = ".md, .txt, .html (a Google Docs export) or .docx"


class GuideError(PacketError):
    """The guide cannot be imported; the message says why, in one line."""

    exit_code = 2


def guide_format(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    if suffix in KNOWN_ELSEWHERE:
        raise GuideError(f"{path}: {KNOWN_ELSEWHERE[suffix]}")
    if suffix:
        raise GuideError(f"{path}: unknown format {suffix} (packet import reads {SUPPORTED})")
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<meta", b"<body")):
        return "html"
    return "markdown"


def decode(data: bytes, path: Path) -> str:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or b"\x00" in data[:4096]:
        raise GuideError(f"{path}: not a text file (packet import reads {SUPPORTED})")
    return str(best)


def read_guide(path: str | Path) -> list[Block]:
    """The blocks of the guide at `path`, or GuideError."""
    path = Path(path)
    try:
        if path.is_dir():
            raise GuideError(f"{path}: is a folder, not a guide")
        # Read no more than the bound, whatever the file claims to be (a
        # device such as /dev/zero has no size and no end).
        with path.open("rb") as file:
            data = file.read(MAX_GUIDE_BYTES + 1)
        if len(data) > MAX_GUIDE_BYTES:
            raise GuideError(f"{path}: too large for a guide (more than {MAX_GUIDE_BYTES // (1024 * 1024)} MB)")
    except FileNotFoundError:
        raise GuideError(f"{path}: no such file") from None
    except PermissionError:
        raise GuideError(f"{path}: cannot be read (permission denied)") from None
    except OSError as exc:
        raise GuideError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise GuideError(f"{path}: the guide is empty")
    kind = guide_format(path, data)
    if kind == "docx":
        from packet.authoring.read_docx import DocxTooLarge, read_docx

        try:
            blocks = read_docx(data)
        except DocxTooLarge as exc:
            raise GuideError(f"{path}: {exc}") from None
        except Exception:  # noqa: BLE001 - any failure inside a damaged .docx means the same to the user
            raise GuideError(f"{path}: not a Word .docx file that can be opened") from None
    else:
        text = decode(data, path)
        if kind == "html":
            from packet.authoring.read_html import read_html

            blocks = read_html(text)
        elif kind == "text":
            from packet.authoring.read_text import read_text

            blocks = read_text(text)
        else:
            from packet.authoring.read_markdown import read_markdown

            blocks = read_markdown(text)
    blocks = tidy(blocks)
    if not blocks:
        raise GuideError(f"{path}: the guide is empty")
    return blocks

