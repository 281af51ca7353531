"""Readings kept as local files (the organizer's own notes, a scanned PDF).

HTML is decoded like a fetched page, Markdown is rendered to HTML (title
from its first heading), PDFs are kept as bytes. Only regular files are
read, and only up to the size cap: a path like /dev/urandom or a FIFO would
otherwise hang the build.

Pictures beside the file (a page saved with its "_files" folder, a figure
next to the organizer's Markdown notes) travel inside the page as data:
images, since the article's pictures are otherwise only fetched over the
web. Only files in the reading's own folder or below, that are pictures by
their bytes, are read: the page's markup chooses the paths.
"""

from __future__ import annotations

import base64
import html
import re
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

from packet.errors import FetchError
from packet.fetch.charset import decode_html
from packet.fetch.client import size_reason
from packet.fetch.assets import sniff_image
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
        return Content(body=body, mime="text/html", text=with_pictures_inside(decode_html(body, None), path), **common)
    text = with_pictures_inside(markdown_page(decode_html(body, None), path), path)
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



#: Picture types a data: image may carry through the sanitiser (not SVG,
#: which can hold scripts and links).
INLINE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")
#: The largest picture file carried inside the page: its data: address
#: ("data:image/jpeg;base64," and 4/3 of the bytes) must stay under the
#: sanitiser's 2 MB cap.
MAX_INLINE_BYTES = 1536 * 1024 - 64
#: All the pictures one page carries, counted each time it shows one.
MAX_INLINE_TOTAL = 40 * 1024 * 1024
# "[^<>]" so that a run of "<img " with no ">" is not rescanned from each one.
_IMG_TAG_RE = re.compile(r"<img\b[^<>]*>", re.I)
_SRC_RE = re.compile(r"""(\ssrc\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
_SRCSET_RE = re.compile(r"""\s(?:data-)?srcset\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+)""", re.I)


def with_pictures_inside(page: str, path: Path) -> str:
    """`page` with each <img> whose src is a picture file in `path`'s folder
    (or below) carried as a data: image, its srcset dropped so the file
    wins; other images as they were."""
    folder = path.resolve().parent
    uris: dict[str, str | None] = {}
    budget = [MAX_INLINE_TOTAL]

    def inline(tag: str) -> str:
        found = _SRC_RE.search(tag.group(0))
        if not found:
            return tag.group(0)
        src = found.group(2) or found.group(3) or found.group(4) or ""
        if src not in uris:
            uris[src] = _picture_uri(src, folder)
        uri = uris[src]
        # Each use counts: one photo shown fifty times is fifty copies.
        if uri is None or len(uri) > budget[0]:
            return tag.group(0)
        budget[0] -= len(uri)
        replaced = tag.group(0)[: found.start()] + f'{found.group(1)}"{uri}"' + tag.group(0)[found.end():]
        return _SRCSET_RE.sub("", replaced)

    return _IMG_TAG_RE.sub(inline, page)


def _picture_uri(src: str, folder: Path) -> str | None:
    """A data: address for the picture file `src` names relative to
    `folder`, or None when it is not one there (an http address, a path
    leaving the folder, a missing or oversized file, not a picture)."""
    src = html.unescape(src).strip()
    parts = urlsplit(src)
    if not src or parts.scheme or parts.netloc or src.startswith("/"):
        return None
    try:
        target = (folder / unquote(parts.path)).resolve()
        if not target.is_relative_to(folder) or not target.is_file() or target.stat().st_size > MAX_INLINE_BYTES:
            return None
        with target.open("rb") as handle:
            body = handle.read(MAX_INLINE_BYTES + 1)
    except (OSError, ValueError):
        return None
    mime = sniff_image(body, "")
    if mime not in INLINE_TYPES or len(body) > MAX_INLINE_BYTES:
        return None
    return f"data:{mime};base64,{base64.b64encode(body).decode('ascii')}"
