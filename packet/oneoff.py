"""`packet extract` and `packet print`: the pipeline for sources given on the
command line instead of a curriculum. Same fetcher, cache, extractor and
renderer as `packet build`; each source becomes a reading in order."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from packet.curriculum import Reading
from packet.errors import PacketError, UsageError
from packet.progress import Progress
from packet.resource import FetchRequest, Resource
from packet.summary import condensed_warnings, shown_refusals


def _fetch(requests: list[FetchRequest], fetch_options, progress: Progress | None = None) -> list[Resource]:
    from packet.build import fetch_readings

    return fetch_readings(requests, fetch_options, progress)


def extract_sources(requests: list[FetchRequest], fmt: str, fetch_options) -> tuple[str, int]:
    """The articles of `requests` as html, text or jsonl; and how many failed.

    A source that fails gives an error record (jsonl) or a line saying why;
    the others still come out, in input order.
    """
    from packet.extract.preview import article_record, error_record, plain_text, standalone_html
    from packet.materials import extract_reading

    done: list[tuple[str, object]] = []
    routes: dict[int, str] = {}
    failed = 0
    for resource in _fetch(requests, fetch_options):
        source = resource.request.id
        routes[len(done)] = resource.source
        if not resource.had:
            done.append((source, resource.reason or resource.status))
            failed += 1
            continue
        if resource.is_pdf:
            done.append((source, "a PDF: packet prints PDFs as they are, there is no article to extract"))
            failed += 1
            continue
        try:
            article = extract_reading(resource, None)
        except PacketError as exc:
            done.append((source, str(exc)))
            failed += 1
            continue
        done.append((source, article))
    if fmt == "jsonl":
        lines = [
            json.dumps(
                article_record(s, a, routes[i]) if not isinstance(a, str) else error_record(s, a, routes[i]),
                ensure_ascii=False,
            )
            for i, (s, a) in enumerate(done)
        ]
        return "".join(line + "\n" for line in lines), failed
    if fmt == "text":
        parts = [plain_text(a) if not isinstance(a, str) else f"[{s}: {a}]" for s, a in done]
        return "\n\n".join(parts) + "\n", failed
    articles = [(s, a) for s, a in done if not isinstance(a, str)]
    html = standalone_html(articles)
    errors = [f"<p class='error'>{_escape(s)}: {_escape(a)}</p>" for s, a in done if isinstance(a, str)]
    if errors:
        html = html.replace("<body>", "<body>" + "".join(errors), 1)
    return html, failed


def _escape(text: str) -> str:
    import html

    return html.escape(str(text))


@dataclass
class PrintResult:
    pages: int
    failed: int
    lines: list[str] = field(default_factory=list)


def print_sources(
    requests: list[FetchRequest],
    output: Path,
    render,
    *,
    title: str | None = None,
    fetch_options=None,
    progress: Progress | None = None,
) -> PrintResult:
    """One PDF with each source as a reading: source card, article, notes,
    printed as `render` (a RenderOptions) says. Articles are remembered next
    to the fetch cache, as `packet build` remembers them, so printing the
    same sources again does not extract them again."""
    from packet.build import EXTRACTED
    from packet.materials import prepare_material
    from packet.render.handout import render_print
    from packet.render.pdf import write_atomically

    progress = progress or Progress()
    for sheet in render.stylesheets:
        if not Path(sheet).is_file():
            raise UsageError(f"--css: stylesheet not found: {sheet}")
    resources = _fetch(requests, fetch_options, progress)
    article_cache = Path(fetch_options.cache_dir).parent / "extracted" if fetch_options is not None else None
    materials, lines, failed = [], [], 0
    progress.start(EXTRACTED, len(resources))
    for number, resource in enumerate(resources, start=1):
        request = resource.request
        # A file with no title of its own is called by its name, not its path.
        fallback_title = request.path.name if request.path else request.id
        reading = Reading.model_construct(
            id=f"source-{number}", title=fallback_title, authors=[], year=None, site=None,
            url=request.url, path=str(request.path) if request.path else None,
            kind=request.kind, sections=None, pages=None, words=None, minutes=None,
            note=None, organizer_note=None,
        )
        material, warnings = prepare_material(
            reading, resource, fetch_options=fetch_options, article_cache=article_cache
        )
        progress.advance(EXTRACTED, request.id)
        if material.article is not None:
            article = material.article
            material.reading = reading.model_copy(update={
                "title": article.title or fallback_title, "authors": article.authors,
                "site": article.site, "year": _year(article.date),
            })
        elif resource.meta.get("title"):
            material.reading = reading.model_copy(update={"title": resource.meta["title"]})
        if not material.had:
            failed += 1
            lines.append(f"{request.id}: {material.reason}")
        # Said of the source as it was given, not of its place in the run.
        lines += [f"{request.id}: {w[len(reading.id) + 2:]}" if w.startswith(f"{reading.id}: ") else w for w in warnings]
        materials.append(material)
    if failed == len(materials):
        # Never replace a good file with a packet of placeholders only.
        raise PacketError(f"nothing to print: no source could be had ({'; '.join(lines[:3])})")
    progress.say("printing")
    handout = render_print(materials, render, title=title)
    write_atomically(output, handout.pdf)
    lines.append(f"wrote {output} ({handout.pages} pages)")
    for url, why in shown_refusals(handout.refused)[:20]:
        lines.append(f"refused {url}: {why}")
    return PrintResult(pages=handout.pages, failed=failed, lines=condensed_warnings(lines))


def _year(date: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None
