"""`packet check`'s summary of a loaded curriculum: what it holds and how
the planned minutes of each week compare with the meeting's length."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from packet.curriculum import Curriculum, Video, Week
from packet.resource import NOT_IN_PACKET
from packet.video import is_video_url
from packet.words import counted


def _fit(curriculum: Curriculum, week: Week) -> str:
    """Planned minutes against the meeting, timed as the run-sheet times them
    (given minutes, video timestamps, or defaults before readings are fetched)."""
    from packet.schedule import format_minutes, schedule_week

    schedule = schedule_week(curriculum, week)
    if not schedule.blocks:
        return "nothing planned"
    unsure = sum(block.source in ("guessed", "default") for block in schedule.blocks)
    total = format_minutes(schedule.total_minutes)
    head = f"{total} of {curriculum.meeting_minutes}" if not unsure else f"~{total} of {curriculum.meeting_minutes}"
    if schedule.over_by > 0:
        verdict = f"{format_minutes(schedule.over_by)} over"
    elif schedule.under_by > 0:
        verdict = f"{format_minutes(schedule.under_by)} under"
    else:
        verdict = "fits"
    note = f" ({unsure} of {len(schedule.blocks)} blocks estimated)" if unsure else ""
    return f"{head}: {verdict}{note}"


def render_summary(curriculum: Curriculum, path: Path, console: Console | None = None, warnings: list[str] = ()) -> None:
    """What `packet check` prints of a curriculum that loads; `warnings`
    are packet.load.read_curriculum's lines about what is likely unfinished."""
    console = console or Console(highlight=False, markup=False)
    videos = [item for week in curriculum.weeks for item in week.agenda if isinstance(item, Video)]
    outside = sum(not reading.in_packet for reading in curriculum.readings)
    console.print(
        f"{path}: ok - {curriculum.title}: {counted(len(curriculum.weeks), 'week')}, "
        f"{counted(len(curriculum.readings), 'reading')}{f' ({outside} not in the packet)' if outside else ''}, "
        f"{counted(len(videos), 'video')}, "
        f"{curriculum.meeting_minutes}-minute meetings from {curriculum.start_time}"
    )
    table = Table(show_edge=False, pad_edge=False)
    for column in ("week", "title", "blocks", "readings", "videos", "minutes planned"):
        table.add_column(column)
    for week in curriculum.weeks:
        reading_ids = [rid for item in week.agenda for rid in getattr(item, "readings", [])]
        week_videos = [item for item in week.agenda if isinstance(item, Video)]
        table.add_row(
            str(week.number), week.title, str(len(week.agenda)), str(len(reading_ids)),
            str(len(week_videos)), _fit(curriculum, week),
        )
    console.print(table)
    console.print("readings:")
    for reading in curriculum.readings:
        where = reading.url or reading.path or f"not in the packet: {reading.where or 'read from your own copy'}"
        console.print(f"  {reading.id}: {reading.title} - {where}", soft_wrap=True)
    console.print("videos:")
    for week in curriculum.weeks:
        for item in week.agenda:
            if isinstance(item, Video):
                span = f"{item.start}-{item.end}" if item.end else f"from {item.start}"
                console.print(f"  week {week.number}: {item.title} ({span}) {item.url or '(to be chosen)'}", soft_wrap=True)
    for week in curriculum.weeks:
        for item in week.agenda:
            for link in [*item.links, *getattr(item, "sources", [])]:
                if is_video_url(link.url):
                    note = f" ({link.note})" if link.note else ""
                    console.print(f"  week {week.number}: {link.title}{note} {link.url} (linked)", soft_wrap=True)
    used = {rid for week in curriculum.weeks for item in week.agenda for rid in getattr(item, "readings", [])}
    unused = [r.id for r in curriculum.readings if r.id not in used]
    if unused:
        console.print(f"note: readings not on any agenda: {', '.join(unused)}")
    for warning in warnings:
        console.print(f"warning: {warning}", soft_wrap=True)


#: Addresses named in a folded line of image warnings.
FOLDED_NAMED = 3


def condensed_warnings(warnings: list[str]) -> list[str]:
    """Warnings as the console shows them: the images of one reading that
    are missing for one reason (not in the cache, HTTP 404) make one line,
    not one each (report.json keeps every address)."""
    from packet.materials import IMAGE_WARNING_RE, image_warning

    order: list = []
    images: dict[tuple[str, str], list[str]] = {}
    for warning in warnings:
        match = IMAGE_WARNING_RE.match(warning)
        # A refusal (a private address, a local file) is named each time: it
        # says a page tried to reach into this computer or its network.
        if match is None or match["why"].startswith("refused"):
            order.append(warning)
            continue
        key = (match["rid"], match["why"])
        if key not in images:
            images[key] = []
            order.append(key)
        images[key].append(match["url"])
    lines = []
    for item in order:
        if isinstance(item, str):
            lines.append(item)
            continue
        (rid, why), urls = item, images[item]
        if len(urls) == 1:
            lines.append(image_warning(rid, urls[0], why))
        else:
            named = ", ".join(urls[:FOLDED_NAMED])
            more = f" and {len(urls) - FOLDED_NAMED} more" if len(urls) > FOLDED_NAMED else ""
            lines.append(f"{rid}: {len(urls)} images refused or missing ({why}): {named}{more}")
    return lines


def shown_refusals(refused: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The renderer's refusals worth a console line: an image the fetch stage
    did not download was already named in its warnings."""
    from packet.render.pdf import NOT_DOWNLOADED

    return [(url, why) for url, why in refused if why != NOT_DOWNLOADED]


def render_build_summary(result, changes, console: Console) -> None:
    """The table `packet build` ends with: one row per reading, then what was
    written, what was refused, and what changed since packet.lock."""
    if not result.handouts:
        _render_runsheet_summary(result, console)
        return
    table = Table(title="Readings", show_edge=False, pad_edge=False)
    for column in ("reading", "weeks", "status", "words", "min", "pages", "reason"):
        table.add_column(column, overflow="fold")
    for r in result.readings:
        style = "red" if r.status in ("failed", "missing") else None
        table.add_row(
            r.id, ",".join(map(str, r.weeks)), r.status, str(r.words or ""), str(r.minutes or ""),
            str(r.pages or ""), r.reason or "", style=style,
        )
    console.print(table)
    # Videos and readings not in the packet are not fetched, so not locked.
    locked = [r for r in result.readings if r.status not in ("skipped", NOT_IN_PACKET)]
    if changes and all(c.what == "new reading" for c in changes) and len(changes) == len(locked):
        console.print(f"packet.lock written: {counted(len(changes), 'reading')} recorded.")
    elif changes:
        console.print("Changed since packet.lock:")
        for change in changes:
            console.print(f"  {change.id}: {change.what}", markup=False)
    for warning in condensed_warnings(result.warnings):
        console.print(f"warning: {warning}", markup=False)
    refused = shown_refusals(result.refused)
    if refused:
        console.print(f"Refused {len(refused)} resource(s) that fetched pages asked for:")
        for url, why in refused[:15]:
            console.print(f"  {url}: {why}", markup=False)
    wrote = ", ".join(p.name for p in result.written) or "nothing (all up to date)"
    console.print(f"Wrote {wrote}", markup=False)
    if result.skipped:
        console.print(f"Up to date, not rendered again: {len(result.skipped)} file(s)")
    failed = result.failed
    if failed:
        console.print(f"{counted(len(failed), 'reading')} could not be had; their handouts carry a placeholder page.")


def render_links(checks, json_path: Path, console: Console | None = None) -> None:
    """`packet check --links`: a row per link, those needing attention first."""
    console = console or Console(highlight=False, markup=False)
    table = Table(title="Links", show_edge=False, pad_edge=False)
    for column in ("verdict", "status", "where", "url", "note"):
        table.add_column(column, overflow="fold")
    for check in sorted(checks, key=lambda c: (not c.needs_attention,)):
        table.add_row(
            check.verdict, str(check.status or ""), check.where, check.url, check.note,
            style="red" if check.needs_attention else None,
        )
    console.print(table)
    attention = sum(c.needs_attention for c in checks)
    console.print(f"{counted(len(checks), 'link')}, {attention} need{'s' if attention == 1 else ''} attention; JSON: {json_path}")


def _render_runsheet_summary(result, console: Console) -> None:
    guessed = [r.id for r in result.readings if not r.words]
    if guessed:
        console.print(
            f"Reading times for {counted(len(guessed), 'reading')} not in the cache come from the curriculum "
            "or defaults and are marked as guesses: " + ", ".join(guessed), markup=False,
        )
    wrote = ", ".join(p.name for p in result.written) or "nothing (all up to date)"
    console.print(f"Wrote {wrote}", markup=False)
    for warning in condensed_warnings(result.warnings):
        console.print(f"warning: {warning}", markup=False)
