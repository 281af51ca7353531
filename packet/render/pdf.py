"""HTML to PDF with WeasyPrint, behind a locked URL fetcher: the last stage.

WeasyPrint never fetches anything on its own. `LockedFetcher` serves only
  - files under packet's own styles/ folder (stylesheets and fonts),
  - images the fetch stage already downloaded into the cache (`assets`),
  - `data:` URIs of allowed image types, under a size cap;
everything else (file: paths, http(s) URLs not downloaded, other schemes)
is refused and recorded in `refused`, so the build can report it. Raster
images are checked for their pixel count before WeasyPrint decodes them.
"""

from __future__ import annotations

import base64
import binascii
import io
import logging
import os
import re
import struct
import tempfile
from importlib import resources
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag
from urllib.request import url2pathname

from packet.errors import ReadError, RenderError

# Inside the package, so a wheel or sdist carries the stylesheets and fonts
# and an installed packet finds them; a regular package is always a folder.
STYLES_DIR = Path(str(resources.files("packet") / "styles")).resolve()
DATA_URI_CAP = 2 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
_SVG_ENTITY_RE = re.compile(rb"<!ENTITY|<!DOCTYPE[^>\[]*\[", re.I)
_IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"}


@dataclass
class Asset:
    """An image the fetch stage downloaded: where it is and what it is."""

    path: Path
    mime_type: str


NOT_DOWNLOADED = "not downloaded by the fetch stage"


@dataclass
class LockedFetcherLog:
    refused: list[tuple[str, str]] = field(default_factory=list)

    def refuse(self, url: str, why: str) -> None:
        shown = url if len(url) < 120 else url[:117] + "..."
        if (shown, why) not in self.refused:
            self.refused.append((shown, why))


def _make_fetcher(assets: dict[str, Asset], log: LockedFetcherLog, extra_roots: tuple[Path, ...]):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = tuple(root.resolve() for root in (STYLES_DIR, *extra_roots))

    class LockedFetcher(URLFetcher):
        def fetch(self, url, headers=None):  # noqa: ARG002 - WeasyPrint's signature
            url = urldefrag(url)[0]
            if url.startswith("data:"):
                return self._data(url)
            if url.startswith("file:"):
                return self._own_file(url)
            asset = assets.get(url)
            if asset is not None:
                body = asset.path.read_bytes()
                self._check_image(url, body, asset.mime_type)
                return URLFetcherResponse(url, body=body, headers={"Content-Type": asset.mime_type})
            log.refuse(url, NOT_DOWNLOADED)
            raise ValueError(f"refused: {url}")

        def _own_file(self, url):
            path = Path(url2pathname(unquote(url.removeprefix("file://")))).resolve()
            if any(path.is_relative_to(root) for root in roots) and path.is_file():
                return URLFetcherResponse(url, body=path.read_bytes(), headers=_guess_type(path))
            log.refuse(url, "local files are never read from fetched content")
            raise ValueError(f"refused: {url}")

        def _data(self, url):
            head, _, payload = url.partition(",")
            mime = head[5:].split(";")[0].strip().lower() or "text/plain"
            if mime not in _IMAGE_TYPES:
                log.refuse(url, f"data: URI of type {mime}")
                raise ValueError("refused data URI")
            if len(payload) > DATA_URI_CAP * 4 // 3 + 4:
                log.refuse(url, "data: URI larger than 2 MB")
                raise ValueError("refused data URI")
            try:
                body = base64.b64decode(payload) if ";base64" in head else unquote(payload).encode()
            except (binascii.Error, ValueError):
                log.refuse(url, "malformed data: URI")
                raise ValueError("refused data URI") from None
            self._check_image(url, body, mime)
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})

        def _check_image(self, url: str, body: bytes, mime: str) -> None:
            if mime == "image/svg+xml" or body[:1024].lstrip().startswith((b"<?xml", b"<svg", b"<!")):
                # WeasyPrint's SVG parser fails on entity references anyway;
                # refusing here says why instead of dropping the image silently.
                if _SVG_ENTITY_RE.search(body[:65536]):
                    log.refuse(url, "SVG with entity declarations (a way to read local files)")
                    raise ValueError("refused SVG")
                return
            from PIL import Image

            try:
                with Image.open(io.BytesIO(body)) as image:
                    width, height = image.size
            except Image.DecompressionBombError:
                width, height = _png_size(body) or (0, 0)
                log.refuse(url, f"image of {width}x{height} pixels is too large to print" if width else
                           "image too large to print")
                raise ValueError("refused huge image") from None
            except Exception:
                return  # unreadable: WeasyPrint reports it
            if width * height > MAX_IMAGE_PIXELS:
                log.refuse(url, f"image of {width}x{height} pixels is too large to print")
                raise ValueError("refused huge image")

    return LockedFetcher()


def _png_size(body: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG header, read without decoding anything."""
    if body[:8] == b"\x89PNG\r\n\x1a\n" and body[12:16] == b"IHDR":
        return struct.unpack(">II", body[16:24])
    return None


def _guess_type(path: Path) -> dict[str, str]:
    types = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff2": "font/woff2",
             ".svg": "image/svg+xml", ".png": "image/png"}
    return {"Content-Type": types.get(path.suffix.lower(), "application/octet-stream")}


@dataclass
class _Styles:
    """Parsed stylesheets with the font configuration their @font-face rules
    filled, and what their fetcher refused while parsing."""

    font_config: object
    css: list
    refused: list[tuple[str, str]]


# Parsing handout.css and loading its ten font files took about a fifth of
# a one-page handout's rendering time, the same work for every document, so
# it is done once per process. Keyed by the process id too: a forked build
# worker must not share the parent's Fontconfig state, and an inherited entry
# is kept referenced, since dropping it would delete the parent's font files.
_STYLES: dict[tuple, _Styles] = {}
_STYLES_KEPT = 4


def _styles(stylesheets: list[Path], extra_roots: tuple[Path, ...]) -> _Styles:
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    files = []
    for path in stylesheets:
        try:
            stat = path.stat()
        except OSError as exc:
            raise ReadError.from_os_error(exc, path) from None
        files.append((str(path.resolve()), stat.st_mtime_ns, stat.st_size))
    key = (os.getpid(), tuple(files), extra_roots)
    styles = _STYLES.get(key)
    if styles is None:
        log = LockedFetcherLog()
        fetcher = _make_fetcher({}, log, extra_roots)
        fonts = FontConfiguration()
        try:
            css = [weasyprint.CSS(filename=str(path), url_fetcher=fetcher, font_config=fonts) for path in stylesheets]
        except OSError as exc:
            raise ReadError.from_os_error(exc) from None
        mine = [k for k in _STYLES if k[0] == key[0]]
        for old in mine[: max(0, len(mine) - _STYLES_KEPT + 1)]:
            del _STYLES[old]  # a document still being written keeps its own reference
        styles = _STYLES[key] = _Styles(fonts, css, log.refused)
    return styles


def _fast_subsetting() -> bool:
    """Whether WeasyPrint can subset fonts with HarfBuzz (libharfbuzz-subset0).

    With it, subsetting takes milliseconds and the PDF carries only the
    glyphs it prints. Without it WeasyPrint subsets with fontTools, which
    took longer than all the layout; the shipped fonts are pre-trimmed
    (styles/fonts/README.md) so they are embedded whole instead, which still
    costs about 0.1 s a document to read and compress them.
    """
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return harfbuzz_subset is not None and bool(harfbuzz.hb_version_atleast(4, 1, 0))


@dataclass
class RenderedPdf:
    """A rendered document: its bytes, page count, and what the fetcher refused."""

    pdf: bytes
    pages: int
    refused: list[tuple[str, str]]
    anchors: dict[str, int]


def render_pdf(
    html: str,
    *,
    stylesheets: list[Path],
    assets: dict[str, Asset] | None = None,
    extra_roots: tuple[Path, ...] = (),
    title: str | None = None,
    author: str | None = None,
    base_url: str | None = None,
) -> RenderedPdf:
    """Lay out `html` with packet's stylesheets; return PDF bytes.

    `anchors` maps every element id that starts with "reading-" or "week-"
    to its 1-based page number, so run-sheets can cite handout pages.
    """
    import weasyprint

    from packet.render.linestart import install

    install()
    log = LockedFetcherLog()
    fetcher = _make_fetcher(assets or {}, log, extra_roots)
    quiet = logging.getLogger("weasyprint")
    previous = quiet.level
    quiet.setLevel(logging.CRITICAL)  # refusals are reported by the build, not logged
    try:
        styles = _styles(stylesheets, extra_roots)
        for url, why in styles.refused:
            log.refuse(url, why)
        document = weasyprint.HTML(
            string=html, base_url=base_url or STYLES_DIR.as_uri() + "/", url_fetcher=fetcher
        ).render(stylesheets=styles.css, font_config=styles.font_config, presentational_hints=True)
        if title:
            document.metadata.title = title
        if author:
            document.metadata.authors = [author]
        anchors: dict[str, int] = {}
        for number, page in enumerate(document.pages, start=1):
            for anchor in page.anchors:
                if anchor.startswith(("reading-", "week-")) and anchor not in anchors:
                    anchors[anchor] = number
        pdf = document.write_pdf(full_fonts=not _fast_subsetting())
    except RecursionError:
        raise RenderError("the page is nested too deeply to lay out") from None
    finally:
        quiet.setLevel(previous)
    return RenderedPdf(pdf=pdf, pages=len(document.pages), refused=log.refused, anchors=anchors)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise IsADirectoryError(21, "it is a folder, not a file", str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private; outputs get the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
