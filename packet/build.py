"""`packet build`: the whole pipeline, from curriculum.yaml to PDFs on disk.

curriculum -> fetch every reading -> extract and select -> render each week's
handout and run-sheet (weeks in parallel processes) -> combined files and
report.json. A week whose inputs have not changed since the last build
(same curriculum entry, same fetched content, same styles and options) is
not rendered again, and the semester files are assembled from the weekly
ones, never rendered again. Every output is written to a temporary file and
renamed into place, so an interrupted build leaves the previous good files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from packet import __version__
from packet.curriculum import Curriculum, ReadingItem, Week
from packet.errors import ReadError
from packet.render.material import ReadingMaterial
from packet.render.pdf import write_atomically
from packet.resource import NOT_IN_PACKET, FetchRequest, Resource
from packet.progress import Progress
from packet.render.options import RenderOptions

PACKAGE = Path(__file__).resolve().parent
STATE_FILE = ".packet-build.json"
# report.json's status for a reading with neither url nor path is
# NOT_IN_PACKET (packet.resource): nothing fetched, nothing failed; its card
# in the handout says where to find it.


@dataclass
class BuildOptions:
    """Everything `packet build` and `packet runsheet` can be told, made once
    by the command line. A choice left at None is the curriculum's."""

    out_dir: Path = Path("build")
    weeks: list[int] | None = None
    paper: str | None = None
    sides: str | None = None
    large_print: bool | None = None
    css: list[Path] = field(default_factory=list)
    start: str | None = None
    participants: int | None = None
    first_meeting: dt.date | None = None
    skip: list[dt.date] = field(default_factory=list)
    handouts: bool = True
    runsheets: bool = True
    jobs: int = 2
    frozen: bool = False
    fetch: object | None = None  # packet.fetch.FetchOptions; None: the defaults

    def render_options(self, curriculum: Curriculum, stylesheets: list[Path], math_cache: Path | None) -> RenderOptions:
        """How this build prints: these options over the curriculum's."""
        return RenderOptions(
            paper=self.paper or curriculum.paper,
            sides=self.sides or curriculum.sides,
            large_print=curriculum.large_print if self.large_print is None else self.large_print,
            stylesheets=tuple(stylesheets),
            math_cache=math_cache,
        )


@dataclass
class ReadingReport:
    id: str
    title: str
    weeks: list[int]
    url: str
    status: str
    reason: str | None = None
    final_url: str | None = None
    source: str | None = None
    words: int | None = None
    minutes: int | None = None
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildResult:
    curriculum: Curriculum
    readings: list[ReadingReport]
    written: list[Path]
    skipped: list[Path]
    refused: list[tuple[str, str]]
    warnings: list[str]
    resources: list[Resource] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    fetch_options: object | None = None
    handouts: bool = True

    @property
    def failed(self) -> list[ReadingReport]:
        return [r for r in self.readings if r.status in ("failed", "missing")]


def selected_weeks(curriculum: Curriculum, numbers: list[int] | None) -> list[Week]:
    if not numbers:
        return list(curriculum.weeks)
    known = {w.number for w in curriculum.weeks}
    from packet.errors import UsageError

    missing = [n for n in numbers if n not in known]
    if missing:
        raise UsageError(f"--weeks: no week {', '.join(map(str, missing))} in the curriculum (weeks are {', '.join(map(str, sorted(known)))})")
    return [w for w in curriculum.weeks if w.number in numbers]


def week_reading_ids(week: Week) -> list[str]:
    """Reading ids of a week in handout order: main agenda first, then extras."""
    main, extra = [], []
    for item in week.agenda:
        if isinstance(item, ReadingItem):
            (extra if item.is_extra else main).extend(item.readings)
    ordered: list[str] = []
    for rid in main + extra:
        if rid not in ordered:
            ordered.append(rid)
    return ordered


def fetch_requests(curriculum: Curriculum, curriculum_path: Path, weeks: list[Week]) -> list[FetchRequest]:
    base = curriculum_path.resolve().parent
    requests, seen = [], set()
    for week in weeks:
        for rid in week_reading_ids(week):
            if rid in seen:
                continue
            seen.add(rid)
            reading = curriculum.reading(rid)
            path = (base / reading.path) if reading.path else None
            requests.append(FetchRequest(id=rid, url=reading.url, path=path, kind=reading.kind))
    return requests


def typeset_cache(fetch_options) -> Path:
    """Where typeset math is remembered: beside the fetch cache, as extracted articles are."""
    return Path(fetch_options.cache_dir).parent / "typeset"


FETCHED = "readings fetched"
EXTRACTED = "readings extracted"
RENDERED = "weeks rendered"


def fetch_readings(requests: list[FetchRequest], options, progress: Progress | None = None) -> list[Resource]:
    from packet.fetch import fetch_resources

    progress = progress or Progress()
    progress.start(FETCHED, len(requests))

    def done(resource: Resource) -> None:
        progress.advance(FETCHED, f"{resource.request.id} ({resource.status})")

    return fetch_resources(requests, options, on_done=done)


def _digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            h.update(part)
        else:
            h.update(json.dumps(part, sort_keys=True, default=str).encode())
        h.update(b"\0")
    return h.hexdigest()


def _tree_digest(*folders: Path) -> str:
    """Hash of the files that shape the output (styles, templates, renderer code)."""
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".css", ".j2", ".py", ".html"):
                h.update(str(path.relative_to(folder)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def _material_digest(material: ReadingMaterial) -> str:
    article = material.article
    return _digest(
        material.reading.model_dump(mode="json"),
        material.url, material.reason, material.selection,
        article.html if article else None,
        hashlib.sha256(material.pdf).hexdigest() if material.pdf else None,
        sorted((url, str(asset.path)) for url, asset in material.assets.items()),
    )


@dataclass
class WeekJob:
    """One week's rendering work, sent to a worker process."""

    curriculum: Curriculum
    week: Week
    materials: dict[str, ReadingMaterial]
    render: RenderOptions
    date: dt.date | None
    start: str | None
    participants: int | None
    out_dir: Path
    handout: bool
    runsheet: bool
    reading_pages: dict[str, int] | None = None
    handout_pages: int | None = None


@dataclass
class WeekOutcome:
    number: int
    written: list[Path]
    reading_pages: dict[str, int]
    handout_pages: int | None
    refused: list[tuple[str, str]]


def _week_name(number: int, what: str) -> str:
    return f"week-{number:02d}-{what}"


def render_week(job: WeekJob) -> WeekOutcome:
    """Render one week's handout (PDF and HTML) and run-sheet; runs in a worker."""
    written: list[Path] = []
    refused: list[tuple[str, str]] = []
    reading_pages = job.reading_pages or {}
    handout_pages = job.handout_pages
    if job.handout:
        from packet.render.handout import render_week_handout

        handout = render_week_handout(job.curriculum, job.week, job.materials, job.render, date=job.date)
        pdf_path = job.out_dir / f"{_week_name(job.week.number, 'handout')}.pdf"
        html_path = pdf_path.with_suffix(".html")
        write_atomically(pdf_path, handout.pdf)
        write_atomically(html_path, handout.html.encode("utf-8"))
        written += [pdf_path, html_path]
        reading_pages, handout_pages = handout.reading_pages, handout.pages
        refused += handout.refused
    if job.runsheet:
        from packet.render.runsheet import render_week_runsheet
        from packet.schedule import schedule_week

        words = {rid: m.article.word_count for rid, m in job.materials.items() if m.article}
        schedule = schedule_week(job.curriculum, job.week, start=job.start, reading_words=words)
        sheet = render_week_runsheet(
            job.curriculum, job.week, schedule, job.render, date=job.date, reading_pages=reading_pages,
            handout_pages=handout_pages, participants=job.participants,
        )
        path = job.out_dir / f"{_week_name(job.week.number, 'runsheet')}.pdf"
        write_atomically(path, sheet.pdf)
        written.append(path)
    return WeekOutcome(job.week.number, written, reading_pages, handout_pages, refused)


def _load_state(out_dir: Path) -> dict:
    try:
        return json.loads((out_dir / STATE_FILE).read_text())
    except (OSError, ValueError):
        return {}


def build(curriculum_path: Path, options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    """Run the pipeline; outputs land in options.out_dir."""
    from packet.calendar import meeting_dates
    from packet.load import read_curriculum
    from packet.materials import prepare_material

    progress = progress or Progress()
    curriculum, load_warnings = read_curriculum(curriculum_path)
    weeks = selected_weeks(curriculum, options.weeks)
    css = list(options.css)
    if curriculum.stylesheet:
        css.insert(0, (curriculum_path.resolve().parent / curriculum.stylesheet))
    from packet.errors import UsageError

    # Read before any fetching, so a sheet that is missing or unreadable
    # stops the build at once rather than after a minute of downloads.
    for sheet in css if options.handouts else []:
        if not Path(sheet).is_file():
            raise UsageError(f"stylesheet not found: {sheet}")
        try:
            Path(sheet).read_bytes()
        except OSError as exc:
            raise ReadError.from_os_error(exc, sheet) from None

    fetch_options = options.fetch
    if fetch_options is None:
        from packet.fetch import FetchOptions

        fetch_options = FetchOptions()
    render = options.render_options(curriculum, css, typeset_cache(fetch_options))
    requests = fetch_requests(curriculum, curriculum_path, weeks)
    if options.frozen:
        from packet.fetch.readings import is_not_in_packet, not_in_packet
        from packet.lock import frozen_resources

        # A reading not in the packet has no locked content to print: it
        # is skipped here as a fetch would skip it.
        locked = iter(frozen_resources(
            curriculum_path, [r for r in requests if not is_not_in_packet(r)], fetch_options
        ))
        resources = [not_in_packet(r) if is_not_in_packet(r) else next(locked) for r in requests]
    elif options.handouts:
        resources = fetch_readings(requests, fetch_options, progress)
    else:
        # Run-sheets alone never wait on the network: what is cached gives
        # word counts, the rest is timed from the curriculum or guessed.
        from dataclasses import replace

        resources = fetch_readings(requests, replace(fetch_options, offline=True), progress)
    by_id = {r.request.id: r for r in resources}

    article_cache = Path(fetch_options.cache_dir).parent / "extracted"
    materials: dict[str, ReadingMaterial] = {}
    warnings: list[str] = []
    progress.start(EXTRACTED, len(requests))
    for request in requests:
        material, notes = prepare_material(
            curriculum.reading(request.id), by_id[request.id], fetch_options=fetch_options,
            article_cache=article_cache, download_images=options.handouts,
        )
        materials[request.id] = material
        warnings += notes
        progress.advance(EXTRACTED, request.id)
    from packet.render.glyphs import font_warning, symbol_warning

    # An empty url: or path: (a placeholder, more likely than a reading
    # meant to be read from people's own copies).
    warnings += load_warnings

    # The group's own words (titles, questions, prompts) print too: on a
    # computer without a font for their script, or for an emoji in a week's
    # title, they would be blank space.
    if warning := font_warning(curriculum_path.name, curriculum.model_dump_json()):
        warnings.append(warning)
    for week in curriculum.weeks:
        # The week's own words and its readings' titles and bylines, which
        # print on its cards and run-sheet.
        named = [curriculum.reading(rid) for item in week.agenda if isinstance(item, ReadingItem) for rid in item.readings]
        said = "\n".join([week.model_dump_json(), *(r.model_dump_json() for r in named)])
        if warning := symbol_warning(f"{curriculum_path.name}, week {week.number}", said):
            warnings.append(warning)

    dates = meeting_dates(
        [w.number for w in curriculum.weeks],
        options.first_meeting or curriculum.first_meeting,
        options.skip or curriculum.skip_dates,
        {w.number: w.date for w in curriculum.weeks if w.date},
    )
    out_dir = options.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    for orphan in out_dir.glob(".*.tmp"):
        orphan.unlink(missing_ok=True)  # left by a build that was killed mid-write
    state = _load_state(out_dir)
    look = _tree_digest(PACKAGE / "styles", PACKAGE / "templates", PACKAGE / "render")
    settings = {
        k: v for k, v in curriculum.model_dump(mode="json").items() if k not in ("weeks", "readings")
    }
    try:
        css_digest = _digest(*(Path(p).read_bytes() for p in css))
    except OSError as exc:
        raise ReadError.from_os_error(exc) from None
    jobs, keys = [], {}
    skipped: list[Path] = []
    sheet_keys = {
        week.number: _sheet_key(look, settings, css_digest, render, options, dates.get(week.number), week)
        for week in curriculum.weeks
    }
    for week in weeks:
        week_materials = {rid: materials[rid] for rid in week_reading_ids(week)}
        key = _digest(
            sheet_keys[week.number], [_material_digest(m) for m in week_materials.values()],
            options.handouts, options.runsheets,
        )
        keys[week.number] = key
        previous = state.get("weeks", {}).get(str(week.number), {})
        outputs = previous.get("outputs", [])
        if previous.get("key") == key and outputs and all((out_dir / o).exists() for o in outputs):
            skipped += [out_dir / o for o in outputs]
            continue
        jobs.append(WeekJob(
            curriculum=curriculum, week=week, materials=week_materials, render=render,
            date=dates.get(week.number), start=options.start, participants=options.participants,
            out_dir=out_dir, handout=options.handouts, runsheet=options.runsheets,
            reading_pages=previous.get("reading_pages") if not options.handouts else None,
            handout_pages=previous.get("handout_pages") if not options.handouts else None,
        ))

    outcomes = _render_weeks(jobs, options.jobs, progress)
    written = [p for o in outcomes for p in o.written]
    refused = [r for o in outcomes for r in o.refused]
    weeks_state = state.setdefault("weeks", {})
    for outcome in outcomes:
        weeks_state[str(outcome.number)] = {
            "key": keys[outcome.number],
            "printing": _printing(render),
            "sheet_key": sheet_keys[outcome.number],
            "outputs": [p.name for p in outcome.written],
            "reading_pages": outcome.reading_pages,
            "handout_pages": outcome.handout_pages,
        }
    if outcomes or not _combined_exist(out_dir, options):
        written += _write_combined(
            curriculum, weeks, materials, dates, state, options, render, progress, sheet_keys, warnings
        )
    write_atomically(out_dir / STATE_FILE, json.dumps(state, indent=1).encode())

    reports = _reading_reports(curriculum, weeks, requests, by_id, materials, state, warnings)
    # packet.lock tells a changed reading by every word printed, captions
    # included (Article.text, the running text, leaves them out).
    from packet.extract.text import printed_text

    texts = {rid: printed_text(m.article.html) for rid, m in materials.items() if m.article is not None}
    result = BuildResult(
        curriculum, reports, written, skipped, refused, warnings, resources, texts, fetch_options, options.handouts
    )
    write_report(out_dir / "report.json", result)
    from packet.fetch.report import write_report_json

    write_report_json(resources, out_dir / "fetch-report.json")
    return result


def _sheet_key(look, settings, css_digest, render, options, date, week) -> str:
    """A week's inputs apart from its readings' texts: what its run-sheet
    and handout were laid out for."""
    return _digest(
        __version__, look, settings, css_digest, _printing(render), options.start, options.participants,
        str(date), week.model_dump(mode="json"),
    )


def _printing(render: RenderOptions) -> list:
    """What a week's files were printed for: paper, sides, large print."""
    return [render.paper, render.sides, render.large_print]


def _render_weeks(jobs: list[WeekJob], workers: int, progress: Progress) -> list[WeekOutcome]:
    if not jobs:
        return []
    progress.start(RENDERED, len(jobs))
    if len(jobs) == 1 or workers <= 1:
        outcomes = []
        for job in jobs:
            outcomes.append(render_week(job))
            progress.advance(RENDERED, f"week {job.week.number}")
        return outcomes
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("spawn" if os.name != "posix" else "fork")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        futures = {pool.submit(render_week, job): job for job in jobs}
        for future in as_completed(futures):
            progress.advance(RENDERED, f"week {futures[future].week.number}")
        return [future.result() for future in futures]


def _combined_exist(out_dir: Path, options: BuildOptions) -> bool:
    names = (["handouts.pdf"] if options.handouts else []) + (["runsheet.pdf"] if options.runsheets else [])
    return all((out_dir / n).exists() for n in names)


def _write_combined(
    curriculum, weeks, materials, dates, state, options, render, progress, sheet_keys, warnings
) -> list[Path]:
    """handouts.pdf and runsheet.pdf, put together from the weekly files.

    Weeks printed earlier for other paper, sides or print size are left out
    of handouts.pdf, not mixed in. The semester run-sheet takes the weekly
    run-sheets as they are: this build's weeks, and the others' from an
    earlier build when that week, its start time, dates and the look have
    not changed since; only weeks with no such sheet are rendered for it."""
    out_dir = options.out_dir
    written = []
    weeks_state = state.get("weeks", {})
    printing = _printing(render)
    if options.handouts:
        from packet.render.pdfmerge import combine_pdfs

        progress.say("combining handouts")
        parts = []
        other_printing = []
        for week in curriculum.weeks:
            path = out_dir / f"{_week_name(week.number, 'handout')}.pdf"
            if path.exists() and weeks_state.get(str(week.number), {}).get("printing") == printing:
                parts.append((f"Week {week.number}: {week.title}", path.read_bytes()))
            elif path.exists():
                other_printing.append(str(week.number))
        if other_printing:
            warnings.append(
                f"handouts.pdf leaves out week{'s' if len(other_printing) > 1 else ''} {', '.join(other_printing)}: "
                "printed earlier for other paper, sides or print size; build "
                f"{'them' if len(other_printing) > 1 else 'it'} again with these options to put "
                f"{'them' if len(other_printing) > 1 else 'it'} in"
            )
        if parts:
            write_atomically(out_dir / "handouts.pdf", combine_pdfs(parts, two_sided=render.two_sided))
            written.append(out_dir / "handouts.pdf")
    if options.runsheets and (options.handouts or len(weeks) == len(curriculum.weeks)):
        # `packet runsheet --weeks 3` stays fast: the semester sheet (every
        # week) is left to full runs.
        from packet.render.runsheet import render_semester_runsheet
        from packet.schedule import schedule_week

        progress.say("assembling the semester run-sheet")
        words = {rid: m.article.word_count for rid, m in materials.items() if m.article}
        schedules = [schedule_week(curriculum, w, start=options.start, reading_words=words) for w in curriculum.weeks]
        # A week printed for other paper or sides has other page counts: the
        # printing plan does not count its old ones as this build's.
        handout_pages = {
            int(n): s.get("handout_pages") for n, s in weeks_state.items()
            if s.get("handout_pages") and (not options.handouts or s.get("printing") == printing)
        }
        reading_pages = {int(n): s.get("reading_pages") or {} for n, s in weeks_state.items()}
        week_pdfs = {}
        selected = {week.number for week in weeks}
        for week in curriculum.weeks:
            path = out_dir / f"{_week_name(week.number, 'runsheet')}.pdf"
            earlier = weeks_state.get(str(week.number), {})
            current = week.number in selected or earlier.get("sheet_key") == sheet_keys[week.number]
            if current and path.exists():
                week_pdfs[week.number] = path.read_bytes()
        sheet = render_semester_runsheet(
            curriculum, schedules, render, week_pdfs=week_pdfs, dates=dates,
            handout_pages=handout_pages or None, participants=options.participants,
            reading_pages=reading_pages,
        )
        write_atomically(out_dir / "runsheet.pdf", sheet.pdf)
        written.append(out_dir / "runsheet.pdf")
    return written


def _reading_reports(curriculum, weeks, requests, by_id, materials, state, warnings) -> list[ReadingReport]:
    reports = []
    for request in requests:
        reading = curriculum.reading(request.id)
        resource = by_id[request.id]
        material = materials[request.id]
        in_weeks = [w.number for w in weeks if request.id in week_reading_ids(w)]
        pages = None
        for number in in_weeks:
            week_state = state.get("weeks", {}).get(str(number), {})
            pages = _reading_page_count(request.id, week_state) or pages
        words = material.words
        status, reason = resource.status, resource.reason
        if resource.had and not material.had:
            status, reason = "failed", material.reason
        if not reading.in_packet:
            # Neither fetched nor failed: read from a copy outside the packet.
            status, reason = NOT_IN_PACKET, reading.where or "read from a copy outside the packet"
        reports.append(ReadingReport(
            id=request.id, title=reading.title, weeks=in_weeks, url=reading.url or str(request.path or ""),
            status=status, reason=reason,
            final_url=resource.url or None, source=resource.source or None, words=words,
            minutes=_reading_minutes(reading, words, curriculum.reading_speed),
            pages=pages, warnings=[w for w in warnings if w.startswith(request.id + ":")],
        ))
    return reports


def _reading_minutes(reading, words: int | None, speed: int) -> int | None:
    """Minutes to read on paper: the curriculum's own figure, else the word count."""
    if reading.minutes is not None:
        return round(reading.minutes)
    return -(-words // speed) if words else None


def _reading_page_count(rid: str, week_state: dict) -> int | None:
    pages = week_state.get("reading_pages") or {}
    if rid not in pages:
        return None
    start = pages[rid]
    later = sorted(p for p in pages.values() if p > start)
    end = later[0] if later else (week_state.get("handout_pages") or start) + 1
    return max(1, end - start)


def write_report(path: Path, result: BuildResult) -> None:
    from dataclasses import asdict

    data = {
        "packet": __version__,
        "curriculum": result.curriculum.title,
        "readings": [asdict(r) for r in result.readings],
        "refused": [{"url": u, "why": w} for u, w in result.refused],
        "warnings": result.warnings,
        "written": [p.name for p in result.written],
    }
    write_atomically(path, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))
