"""Between fetch and render: each fetched Resource becomes a ReadingMaterial.

For an HTML reading: extract the article, apply the curriculum's section
selection (printing the whole reading, and saying so, when it matches
nothing), and download its images through the fetch stage. For a PDF
reading: apply the page range. A reading that could not be had carries its
reason to the renderer, which prints a placeholder page; one not in the
packet (no url or path) carries only what to read, for its source card.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from packet import __version__
from packet.article import Article
from packet.curriculum import Reading, Sections
from packet.errors import ExtractError, PacketError
from packet.render.material import ReadingMaterial
from packet.render.pdf import Asset
from packet.resource import Resource


def describe_sections(sections: Sections | None, pages: str | None) -> str | None:
    """Words for readers saying which part of a reading is printed."""
    if pages:
        return f"Pages {pages} only."
    if sections is None:
        return None
    parts = []
    if sections.include:
        parts.append(f"{_names(sections.include)} only")
    if sections.skip:
        skipped = f"skipping {_names(sections.skip)}"
        if sections.keep:
            skipped += f" except {_names(sections.keep)}"
        parts.append(skipped)
    if sections.stop_before:
        parts.append(f"stopping before {_names([sections.stop_before])}")
    text = ", ".join(parts)
    return (text[:1].upper() + text[1:] + ".") if text else None


def _names(selectors: list[str]) -> str:
    named = [s if not s[:1].isdigit() else f"section {s}" for s in selectors]
    return " and ".join(named) if len(named) < 3 else ", ".join(named[:-1]) + " and " + named[-1]


@functools.cache
def _extractor_digest() -> str:
    """Hash of the extractor's code: a change to it invalidates remembered articles."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted((Path(__file__).parent / "extract").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def article_cache_key(resource: Resource) -> str:
    digest = hashlib.sha256()
    digest.update(_extractor_digest().encode())
    digest.update(resource.url.encode())
    digest.update(resource.body if resource.is_pdf and resource.body else (resource.text or "").encode())
    return digest.hexdigest()


def extract_cached(resource: Resource, cache_dir: Path | None) -> Article:
    """extract_article, remembered on disk by the fetched body's hash so a
    rebuild with nothing changed does not extract again."""
    path = None
    if cache_dir is not None:
        path = cache_dir / "articles" / f"{article_cache_key(resource)}.json"
        try:
            return Article(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            pass
    from packet.extract import extract_article  # slow to import: only when not remembered

    article = extract_article(resource.text or "", resource.url)
    if not article.title and resource.meta.get("title"):
        article.title = resource.meta["title"]
    if path is not None:
        from packet.render.pdf import write_atomically

        write_atomically(path, json.dumps(asdict(article)).encode())
    return article


# Extraction of one page takes well under a second; one that runs this long
# is caught in markup made to make it crawl, and is given up.
EXTRACT_BUDGET_S = 60


class ExtractionFailed(ExtractError):
    """Extraction crashed or ran out of time on a page: worth a warning,
    unlike a page that simply holds no article."""


class _OutOfTime(BaseException):
    """Raised by the alarm in the middle of extraction. Not an Exception,
    so that no catch-all on the way (readability turns every Exception
    into Unparseable and carries on) swallows it."""


@contextmanager
def _time_budget(seconds: float):
    """Interrupt the block with _OutOfTime after `seconds` of wall time.
    A POSIX alarm can only be set from the main thread; elsewhere the
    block runs without a budget. An alarm already set is put back."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def ring(signum, frame):
        raise _OutOfTime

    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, ring)
    previous_alarm, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_alarm:
            signal.setitimer(signal.ITIMER_REAL, max(previous_alarm - (time.monotonic() - started), 0.001))


def extract_reading(resource: Resource, cache_dir: Path | None) -> Article:
    """extract_cached within the time budget. However extraction fails it
    raises ExtractionFailed, whose message is the line to show the user:
    one hostile page must never stop a build or a print."""
    try:
        with _time_budget(EXTRACT_BUDGET_S):
            return extract_cached(resource, cache_dir)
    except PacketError:
        raise
    except _OutOfTime:
        raise ExtractionFailed(f"extraction took longer than {EXTRACT_BUDGET_S} s") from None
    except Exception as exc:  # noqa: BLE001 - a crash on one page is that page's failure
        raise ExtractionFailed(f"could not extract the article ({type(exc).__name__}: {exc})") from None


def prepare_material(
    reading: Reading,
    resource: Resource,
    *,
    fetch_options=None,
    article_cache: Path | None = None,
    download_images: bool = True,
) -> tuple[ReadingMaterial, list[str]]:
    """The reading ready to render, and warnings for the build report."""
    warnings: list[str] = []
    url = resource.url or reading.url or (str(reading.path) if reading.path else "")
    material = ReadingMaterial(reading=reading, url=reading.url or url)
    if not reading.in_packet:
        # Read from a copy outside the packet: nothing was fetched, and
        # nothing is missing; its card says which pages or sections to read.
        material.selection = describe_sections(reading.sections, reading.pages)
        return material, warnings
    if not resource.had:
        material.reason = resource.reason or "could not be fetched"
        return material, warnings
    selection = describe_sections(reading.sections, reading.pages)
    if resource.is_pdf:
        body = resource.body or b""
        if reading.pages:
            from packet.render.pdfmerge import select_pdf_pages

            try:
                body = select_pdf_pages(body, reading.pages)
            except (ValueError, PacketError) as exc:
                warnings.append(f"{reading.id}: pages {reading.pages}: {exc}; printing every page")
                selection = f"Pages {reading.pages} could not be selected ({exc}), so every page is printed."
        material.pdf = body
        material.selection = selection
        return material, warnings
    try:
        article = extract_reading(resource, article_cache)
    except PacketError as exc:
        material.reason = str(exc)
        if isinstance(exc, ExtractionFailed):
            warnings.append(f"{reading.id}: {exc}")
        return material, warnings
    if reading.sections and (reading.sections.include or reading.sections.skip or reading.sections.stop_before):
        from packet.extract.sections import select_sections

        chosen = select_sections(
            article.html,
            include=reading.sections.include,
            skip=reading.sections.skip,
            keep=reading.sections.keep,
            stop_before=reading.sections.stop_before,
        )
        if chosen.matched:
            from packet.extract.text import html_article_text

            article.html = chosen.html
            article.text, article.word_count = html_article_text(chosen.html)
            if chosen.missing:
                names = ", ".join(f'"{m}"' for m in chosen.missing)
                warnings.append(f"{reading.id}: no heading matches {names}; the rest of the section selection is applied")
                selection = f"{selection} No heading matches {names}; the rest of the selection is applied."
        else:
            names = ", ".join(f'"{m}"' for m in chosen.missing)
            warnings.append(f"{reading.id}: the section selection matched nothing ({names}); printing the whole reading")
            selection = f"{selection} No section matched that selection, so the whole reading is printed."
    material.article = article
    material.selection = selection
    from packet.render.glyphs import font_warning

    if warning := font_warning(reading.id, "\n".join((reading.title or "", article.title, article.text))):
        warnings.append(warning)
    if download_images and article.images and fetch_options is not None:
        material.assets = download_assets(article.images, resource.url, fetch_options, warnings, reading.id)
    return material, warnings


#: One warning per image the fetch stage could not get; the console folds
#: those of one reading and one reason into a line (summary.condensed_warnings).
IMAGE_WARNING_RE = re.compile(r"^(?P<rid>.+?): image refused or missing: (?P<url>\S+) \((?P<why>.*)\)$", re.S)


def image_warning(rid: str, url: str, why: str) -> str:
    return f"{rid}: image refused or missing: {url} ({why})"


def download_assets(urls: list[str], origin: str, options, warnings: list[str], rid: str) -> dict[str, Asset]:
    from packet.fetch import fetch_assets

    assets: dict[str, Asset] = {}
    for url, result in fetch_assets(urls, origin, options).items():
        path = getattr(result, "path", None)
        if path is not None:
            assets[url] = Asset(path=Path(path), mime_type=result.mime or "application/octet-stream")
        else:
            warnings.append(image_warning(rid, url, getattr(result, "reason", "")))
    return assets
