"""The fetch report: one row per reading, for the terminal and for
fetch-report.json (which a CI job or the organizer can read later)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rich.table import Table

from packet.resource import Resource

_STYLES = {
    "ok": "green",
    "cached": "cyan",
    "revalidated": "cyan",
    "skipped": "dim",
    "missing": "yellow",
    "failed": "bold red",
}


def report_rows(resources: list[Resource]) -> list[dict]:
    return [
        {
            "id": r.request.id,
            "url": r.request.url or (str(r.request.path) if r.request.path else ""),
            "final_url": r.url,
            "status": r.status,
            "reason": r.reason,
            "source": r.source,
            "http_status": r.http_status,
            "fetched_at": r.fetched_at.isoformat() if r.fetched_at else None,
            "bytes": len(r.body) if r.body is not None else None,
        }
        for r in resources
    ]


def write_report_json(resources: list[Resource], path: Path) -> None:
    """Write the rows as JSON, atomically: a reader never sees half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps({"readings": report_rows(resources)}, indent=2, ensure_ascii=False) + "\n"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render_table(resources: list[Resource]) -> Table:
    table = Table(title="Readings fetched", show_lines=False)
    table.add_column("Reading")
    table.add_column("Status")
    table.add_column("Source")
    table.add_column("Size", justify="right")
    table.add_column("Reason / link", overflow="fold")
    for row in report_rows(resources):
        size = "" if row["bytes"] is None else _human_size(row["bytes"])
        style = _STYLES.get(row["status"], "")
        table.add_row(
            row["id"],
            f"[{style}]{row['status']}[/]" if style else row["status"],
            row["source"],
            size,
            row["reason"] or row["final_url"] or row["url"],
        )
    return table


def _human_size(size: int) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} MB"
