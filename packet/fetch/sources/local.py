"""Readings kept as local files (the organizer's own notes, a scanned PDF).

HTML is decoded like a fetched page, Markdown is rendered to HTML (title
from its first heading), PDFs are kept as bytes. Only regular files are
read, and only up to the size cap: a path like /dev/urandom or a FIFO would
otherwise hang the build.
"""

from __future__ import annotations

import html
import stat
from pathlib import Path

from markdown_it import MarkdownIt

from packet.errors import FetchError
from packet.fetch.charset import decode_html
from packet.fetch.client import size_reason
from packet.fetch.options import FetchOptions
from packet.fetch.sources import Content
from packet.fetch.sources.pdf import PDF_MIME, check_pdf

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def read_local(path: Path, options: FetchOptions) -> Content:
    """Content of a local reading; FetchError with the reason when unusable."""
    suffix = path.suffix.lower()
    if suffix not in HTML_SUFFIXES + MARKDOWN_SUFFIXES + (".pdf",):
        raise FetchError(f"unsupported file type {suffix or '(none)'}: use .html, .md or .pdf")
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FetchError(f"file not found: {path}") from None
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise FetchError(f"not a regular file: {path}")
    cap = options.max_pdf_bytes if suffix == ".pdf" else options.max_html_bytes
    if info.st_size > cap:
        raise FetchError(size_reason(cap))
    try:
        with path.open("rb") as handle:
            body = handle.read(cap + 1)
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {exc.strerror}") from None
    if len(body) > cap:
        raise FetchError(size_reason(cap))

    common = dict(final_url=path.as_uri(), source="local")
    if suffix == ".pdf":
        return Content(body=check_pdf(body), mime=PDF_MIME, declared_type=PDF_MIME, **common)
    if suffix in HTML_SUFFIXES:
        return Content(body=body, mime="text/html", text=decode_html(body, None), **common)
    text = markdown_page(decode_html(body, None), path)
    return Content(
        body=text.encode("utf-8"), mime="text/html", text=text, declared_type="text/html; charset=utf-8", **common
    )


def markdown_page(markdown: str, path: Path) -> str:
    """Markdown rendered into an HTML page titled by its first heading."""
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    tokens = md.parse(markdown)
    title = path.stem
    for opening, inline in zip(tokens, tokens[1:]):
        if opening.type == "heading_open":
            title = inline.content
            break
    return (
        f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title></head>"
        f"<body><article>{md.renderer.render(tokens, md.options, {})}</article></body></html>\n"
    )

