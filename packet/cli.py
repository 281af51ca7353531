"""The command line: a thin layer over the pipeline's plain functions.

Commands import their stage lazily so `packet check` and `packet extract`
start fast (WeasyPrint is only imported by commands that render). Every
PacketError is printed as its one-line message and turned into an exit
status; no traceback reaches the user.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from packet import __version__
from packet.errors import PacketError, UsageError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Turn a reading group's curriculum into printed handouts and facilitator run-sheets.",
)

CURRICULUM_ARG = typer.Argument(
    Path("curriculum.yaml"), help="The curriculum file.", show_default=True
)


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"packet {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Turn a reading group's curriculum into printed handouts and facilitator run-sheets."""


@app.command()
def check(
    curriculum: Path = CURRICULUM_ARG,
    links: bool = typer.Option(False, "--links", help="Also check that every link of the curriculum answers (readings, videos, sources)."),
    json_out: Path = typer.Option(Path("build/links.json"), "--json", help="With --links: where to write the results as JSON."),
) -> None:
    """Validate a curriculum and summarise it: weeks, readings, videos, minutes planned.

    With --links, also ask every link whether it still answers, without
    building; exit status 1 when some link needs an organizer's attention.
    """
    from packet.calendar import calendar_notes
    from packet.load import read_curriculum
    from packet.summary import render_summary

    loaded, noted = read_curriculum(curriculum)
    render_summary(loaded, curriculum, warnings=noted)
    for note in calendar_notes(loaded):
        typer.echo(f"note: {note}")
    if links:
        from packet.links import check_links, write_links_json
        from packet.summary import render_links

        with _console().status("checking links"):
            checks = check_links(loaded, _fetch_options(None, False, False))
        write_links_json(checks, json_out)
        render_links(checks, json_out)
        if any(c.needs_attention for c in checks):
            raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of curriculum.yaml, for editors."""
    from packet.schema import schema_text

    sys.stdout.write(schema_text())


def _split_list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _parse_weeks(value: str | None) -> list[int] | None:
    if not value:
        return None
    try:
        return [int(part) for part in _split_list(value)]
    except ValueError:
        raise UsageError(f"--weeks: {value} is not a list of week numbers (e.g. 0,3)") from None


def _parse_dates(values: list[str] | None, flag: str) -> list:
    """Dates from a repeatable option, each value itself comma-separated."""
    import datetime as dt

    dates = []
    for part in (p for value in values or [] for p in _split_list(value)):
        try:
            dates.append(dt.date.fromisoformat(part))
        except ValueError:
            raise UsageError(f"{flag}: {part} is not a date (use yyyy-mm-dd)") from None
    return dates


def _parse_start(value: str | None) -> str | None:
    if value is None:
        return None
    from packet.clock import parse_clock

    clock = parse_clock(value)
    if clock is None:
        raise UsageError(f"--start: {value!r} is not a clock time (write it as 18:30, 6:30pm or 18h30)")
    return clock


def _fetch_options(cache_dir: Path | None, offline: bool, refresh: bool):
    from packet.fetch import FetchOptions

    options = FetchOptions(offline=offline, refresh=refresh)
    if cache_dir is not None:
        # The HTTP cache gets a folder of its own; extracted articles and
        # locked content live beside it under the same --cache-dir.
        options.cache_dir = cache_dir / "http"
    return options


def _console(quiet: bool = False):
    from rich.console import Console

    return Console(stderr=True, quiet=quiet, highlight=False)


CACHE_OPT = typer.Option(None, "--cache-dir", help="Where fetched pages are kept (default: your user cache folder).")
OFFLINE_OPT = typer.Option(False, "--offline", help="Never touch the network; use only what is cached.")
REFRESH_OPT = typer.Option(False, "--refresh", help="Ask every site whether a cached reading changed (If-None-Match / If-Modified-Since).")
OUT_OPT = typer.Option(Path("build"), "--out", "-o", help="Folder for the outputs.")
WEEKS_OPT = typer.Option(None, "--weeks", help="Only these weeks, e.g. 0,3.")
PAPER_OPT = typer.Option(None, "--paper", help="letter or a4 (default: the curriculum's, else letter).")
SIDES_OPT = typer.Option(None, "--sides", help="one or two: printed on one side of each sheet or both (default: the curriculum's, else two).")
LARGE_OPT = typer.Option(None, "--large-print/--regular-print", help="Handouts in large print, 14 pt body text (default: the curriculum's).")
START_OPT = typer.Option(None, "--start", help="Meeting start time (18:30, 6:30pm, 18h30), overriding the curriculum.")
PARTICIPANTS_OPT = typer.Option(None, "--participants", help="Copies to print per week.", min=1)
FIRST_OPT = typer.Option(None, "--first-meeting", help="Date of the first meeting (yyyy-mm-dd); later weeks follow weekly.")
SKIP_OPT = typer.Option(
    None, "--skip", help="Dates without a meeting (yyyy-mm-dd), comma-separated or the option repeated."
)
QUIET_OPT = typer.Option(False, "--quiet", "-q", help="Print nothing but errors (for scripts).")


def _check_paper(paper: str | None) -> str | None:
    if paper is not None and paper not in ("letter", "a4"):
        raise UsageError(f"--paper: {paper} is not a paper size (use letter or a4)")
    return paper


def _check_sides(sides: str | None) -> str | None:
    if sides is not None and sides not in ("one", "two"):
        raise UsageError(f"--sides: {sides} is not one or two")
    return sides


def _first_meeting(value: str | None):
    dates = _parse_dates([value] if value else None, "--first-meeting")
    if len(dates) > 1:
        raise UsageError(f"--first-meeting: one date, not {len(dates)}")
    return dates[0] if dates else None


@app.command()
def fetch(
    curriculum: Path = CURRICULUM_ARG,
    out: Path = OUT_OPT,
    weeks: Optional[str] = WEEKS_OPT,
    cache_dir: Optional[Path] = CACHE_OPT,
    offline: bool = OFFLINE_OPT,
    refresh: bool = REFRESH_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Fetch every reading into the cache and report each one's outcome.

    Exit status 0 when every reading was had, 1 when some failed, 2 for a
    broken curriculum. The same table is written to OUT/fetch-report.json.
    """
    from packet.build import fetch_readings, fetch_requests, selected_weeks
    from packet.fetch.report import render_table, write_report_json
    from packet.load import load_curriculum
    from packet.progress import progress_display

    loaded = load_curriculum(curriculum)
    chosen = selected_weeks(loaded, _parse_weeks(weeks))
    requests = fetch_requests(loaded, curriculum, chosen)
    with progress_display(quiet) as progress:
        resources = fetch_readings(requests, _fetch_options(cache_dir, offline, refresh), progress)
    out.mkdir(parents=True, exist_ok=True)
    write_report_json(resources, out / "fetch-report.json")
    if not quiet:
        _console().print(render_table(resources))
        _console().print(f"report: {out / 'fetch-report.json'}")
    if any(not r.had and r.status != "skipped" for r in resources):
        raise typer.Exit(1)


def _requests_for_sources(sources: list[str]):
    from packet.resource import FetchRequest

    requests = []
    for source in sources:
        if source.startswith(("http://", "https://")):
            requests.append(FetchRequest(id=source, url=source))
        else:
            path = Path(source).expanduser()
            kind = "pdf" if path.suffix.lower() == ".pdf" else "article"
            requests.append(FetchRequest(id=source, path=path.resolve(), kind=kind))
    return requests


@app.command()
def extract(
    sources: list[str] = typer.Argument(..., help="URLs or local HTML files."),
    format: str = typer.Option("html", "--format", "-f", help="html (a page to open in a browser), text, or jsonl."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    cache_dir: Optional[Path] = CACHE_OPT,
    offline: bool = OFFLINE_OPT,
    refresh: bool = REFRESH_OPT,
) -> None:
    """Preview what packet keeps of a page: the article without the site around it."""
    if format not in ("html", "text", "jsonl"):
        raise UsageError(f"--format: {format} is not one of html, text, jsonl")
    from packet.oneoff import extract_sources

    text, failed = extract_sources(_requests_for_sources(sources), format, _fetch_options(cache_dir, offline, refresh))
    if output is None:
        sys.stdout.write(text)
    else:
        from packet.render.pdf import write_atomically

        write_atomically(output, text.encode("utf-8"))
    if failed:
        raise typer.Exit(1)


@app.command(name="print")
def print_(
    sources: list[str] = typer.Argument(..., help="URLs or local HTML/PDF files, printed in this order."),
    output: Path = typer.Option(Path("packet.pdf"), "--output", "-o", help="The PDF to write."),
    paper: Optional[str] = PAPER_OPT,
    sides: Optional[str] = SIDES_OPT,
    large_print: Optional[bool] = LARGE_OPT,
    css: Optional[list[Path]] = typer.Option(None, "--css", help="An extra stylesheet, applied last."),
    title: Optional[str] = typer.Option(None, "--title", help="Title of the document."),
    cache_dir: Optional[Path] = CACHE_OPT,
    offline: bool = OFFLINE_OPT,
    refresh: bool = REFRESH_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Print web pages or files as one PDF, each with a source card - no curriculum needed."""
    from packet.build import typeset_cache
    from packet.oneoff import print_sources
    from packet.progress import progress_display
    from packet.render.options import RenderOptions

    fetch_options = _fetch_options(cache_dir, offline, refresh)
    render = RenderOptions(
        paper=_check_paper(paper) or "letter", sides=_check_sides(sides) or "two",
        large_print=bool(large_print), stylesheets=tuple(css or ()), math_cache=typeset_cache(fetch_options),
    )
    with progress_display(quiet) as progress:
        result = print_sources(
            _requests_for_sources(sources), output, render, title=title, fetch_options=fetch_options, progress=progress,
        )
    console = _console(quiet)
    for line in result.lines:
        console.print(line, markup=False)
    if result.failed:
        raise typer.Exit(1)


@app.command()
def build(
    curriculum: Path = CURRICULUM_ARG,
    out: Path = OUT_OPT,
    weeks: Optional[str] = WEEKS_OPT,
    paper: Optional[str] = PAPER_OPT,
    sides: Optional[str] = SIDES_OPT,
    large_print: Optional[bool] = LARGE_OPT,
    css: Optional[list[Path]] = typer.Option(None, "--css", help="An extra stylesheet for handouts, applied last."),
    start: Optional[str] = START_OPT,
    participants: Optional[int] = PARTICIPANTS_OPT,
    first_meeting: Optional[str] = FIRST_OPT,
    skip: Optional[list[str]] = SKIP_OPT,
    cache_dir: Optional[Path] = CACHE_OPT,
    offline: bool = OFFLINE_OPT,
    refresh: bool = REFRESH_OPT,
    frozen: bool = typer.Option(False, "--frozen", help="Use exactly the content recorded in packet.lock; fail if it is not cached."),
    jobs: int = typer.Option(2, "--jobs", "-j", help="Weeks rendered at once (processes).", min=1),
    quiet: bool = QUIET_OPT,
) -> None:
    """Build every week's handout (PDF and HTML) and run-sheet, plus combined files and report.json.

    Exit status 0 when every reading was had, 1 when some failed (the build
    still completes, with a placeholder page for each), 2 for a broken curriculum.
    """
    from packet.build import BuildOptions

    options = BuildOptions(
        out_dir=out, weeks=_parse_weeks(weeks), paper=_check_paper(paper), sides=_check_sides(sides),
        large_print=large_print, css=list(css or []), start=_parse_start(start), participants=participants,
        first_meeting=_first_meeting(first_meeting), skip=_parse_dates(skip, "--skip"),
        frozen=frozen, jobs=jobs, fetch=_fetch_options(cache_dir, offline, refresh),
    )
    if _run_build(curriculum, options, quiet, lock=True).failed:
        raise typer.Exit(1)


@app.command()
def runsheet(
    curriculum: Path = CURRICULUM_ARG,
    out: Path = OUT_OPT,
    weeks: Optional[str] = WEEKS_OPT,
    paper: Optional[str] = PAPER_OPT,
    sides: Optional[str] = SIDES_OPT,
    start: Optional[str] = START_OPT,
    participants: Optional[int] = PARTICIPANTS_OPT,
    first_meeting: Optional[str] = FIRST_OPT,
    skip: Optional[list[str]] = SKIP_OPT,
    cache_dir: Optional[Path] = CACHE_OPT,
    offline: bool = typer.Option(False, "--offline", help="Accepted as for build; run-sheets never touch the network anyway."),
    quiet: bool = QUIET_OPT,
) -> None:
    """Build only the facilitator run-sheets (fast; never waits on the network).

    Reading times come from cached readings when there are any, else from the
    curriculum or defaults, marked as guesses on the sheet.
    """
    from packet.build import BuildOptions

    options = BuildOptions(
        out_dir=out, weeks=_parse_weeks(weeks), paper=_check_paper(paper), sides=_check_sides(sides),
        start=_parse_start(start), participants=participants, first_meeting=_first_meeting(first_meeting),
        skip=_parse_dates(skip, "--skip"), handouts=False, fetch=_fetch_options(cache_dir, True, False),
    )
    _run_build(curriculum, options, quiet, lock=False)


def _run_build(curriculum: Path, options, quiet: bool, lock: bool):
    from packet.build import build as run
    from packet.progress import progress_display
    from packet.summary import render_build_summary

    changes = []
    with progress_display(quiet) as progress:
        result = run(curriculum, options, progress)
        if lock and not options.frozen:
            from packet.lock import update_lock

            progress.say("updating packet.lock")
            changes = update_lock(curriculum, result)
    render_build_summary(result, changes, _console(quiet))
    return result


@app.command()
def new(
    curriculum: Path = CURRICULUM_ARG,
    title: str = typer.Option("Our reading group", "--title", help="The group's name, printed on every handout."),
    weeks: int = typer.Option(8, "--weeks", help="How many meetings.", min=1, max=52),
    minutes: int = typer.Option(120, "--minutes", help="Length of a meeting in minutes.", min=15, max=600),
    start: str = typer.Option("18:00", "--start", help="When meetings start: 18:30, 6:30pm, 18h30."),
    force: bool = typer.Option(False, "--force", help="Replace the file if it exists."),
) -> None:
    """Write a starting curriculum for a new group, commented so you can fill it in."""
    from packet.authoring.starter import StarterOptions, write_starter
    from packet.words import counted

    clock = _parse_start(start)
    write_starter(StarterOptions(curriculum, title, weeks, minutes, clock, force))
    typer.echo(f"wrote {curriculum}: {counted(weeks, 'week')} of {minutes} minutes from {clock}. "
               f"Fill it in, then run `packet check {curriculum}`.")


@app.command(name="import")
def import_(
    guide: Path = typer.Argument(..., help="The facilitator guide: .md, .txt, .html (a Google Docs export) or .docx."),
    output: Path = typer.Option(Path("curriculum.yaml"), "--output", "-o", help="The curriculum to write."),
    force: bool = typer.Option(False, "--force", help="Replace the output if it exists."),
) -> None:
    """Turn a facilitator guide into a curriculum, marking every guess for you to check."""
    from packet.authoring.importer import ImportOptions, import_guide

    result = import_guide(ImportOptions(guide, output, force))
    typer.echo(f"wrote {result.output} from {guide}: {result.summary()}. Check it, then run `packet build {result.output}`.")


def main() -> None:
    """Entry point of the `packet` console script."""
    try:
        code = app(standalone_mode=False)
    except PacketError as exc:
        _err(str(exc))
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _err("Aborted.")
        sys.exit(130)
    except KeyboardInterrupt:
        _err("Interrupted; outputs already written are complete, the rest were left as they were.")
        sys.exit(130)
    except OSError as exc:
        # An output or cache path that cannot be written: say which, no traceback.
        where = exc.filename or "a file"
        why = "it is a file, not a folder" if isinstance(exc, (FileExistsError, NotADirectoryError)) else (exc.strerror or str(exc))
        _err(f"cannot write {where}: {why}")
        sys.exit(2)
    except Exception as exc:
        if _is_click_error(exc):  # wrong option, missing argument, bad value
            exc.show()
            sys.exit(2 if exc.exit_code == 2 else exc.exit_code)
        raise
    sys.exit(code if isinstance(code, int) else 0)


def _is_click_error(exc: Exception) -> bool:
    """A usage error from the command-line parser: typer 0.29+ ships its own
    copy of click (and click itself may not be installed), older typer uses
    click; accept either base class."""
    bases = []
    for module in ("typer._click.exceptions", "click.exceptions"):
        try:
            bases.append(__import__(module, fromlist=["ClickException"]).ClickException)
        except ImportError:
            continue
    return isinstance(exc, tuple(bases))
