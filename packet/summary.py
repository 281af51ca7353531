"""`packet check`'s summary of a loaded curriculum: what it holds and how
the planned minutes of each week compare with the meeting's length."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from packet.curriculum import Curriculum, Video, Week


def planned_minutes(week: Week) -> tuple[float, int]:
    """Minutes given in the curriculum for the main plan (extras excluded),
    and how many main blocks have no minutes given."""
    total = 0.0
    untimed = 0
    for item in week.agenda:
        if item.is_extra:
            continue
        if item.minutes is None:
            untimed += 1
        else:
            total += item.minutes
    return total, untimed


def _fit(curriculum: Curriculum, week: Week) -> str:
    total, untimed = planned_minutes(week)
    if total == 0:
        return "no minutes given"
    note = f" (+{untimed} untimed)" if untimed else ""
    diff = total - curriculum.meeting_minutes
    verdict = f"{diff:g} over" if diff > 0 else ("fits" if diff == 0 or untimed else f"{-diff:g} under")
    return f"{total:g} of {curriculum.meeting_minutes}{note}: {verdict}"


def _is_video_link(url: str) -> bool:
    return any(host in url for host in ("youtube.com/", "youtu.be/", "vimeo.com/"))


def render_summary(curriculum: Curriculum, path: Path, console: Console | None = None) -> None:
    console = console or Console(highlight=False, markup=False)
    videos = [item for week in curriculum.weeks for item in week.agenda if isinstance(item, Video)]
    console.print(
        f"{path}: ok - {curriculum.title}: {len(curriculum.weeks)} weeks, "
        f"{len(curriculum.readings)} readings, {len(videos)} videos, "
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
        where = reading.url or reading.path
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
                if _is_video_link(link.url):
                    note = f" ({link.note})" if link.note else ""
                    console.print(f"  week {week.number}: {link.title}{note} {link.url} (linked)", soft_wrap=True)
    used = {rid for week in curriculum.weeks for item in week.agenda for rid in getattr(item, "readings", [])}
    unused = [r.id for r in curriculum.readings if r.id not in used]
    if unused:
        console.print(f"note: readings not on any agenda: {', '.join(unused)}")
