"""Progress of long work, for the person waiting on it: counts and elapsed time.

The pipeline reports through a `Progress`: `start(task, total)` when a
counted stage begins ("readings fetched", "weeks rendered"), `advance(task,
item)` as each unit is done, `say(message)` for a single step. How that
shows is the command line's choice (`progress_display`): a live display
with counts and elapsed time on a terminal, plain timestamped lines when
the output is a file or a CI log, nothing with --quiet. The base class is
the silent one, so library callers and tests pass nothing.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Reports nothing."""

    def start(self, task: str, total: int) -> None:
        """A counted stage begins: `total` units of `task` to do."""

    def advance(self, task: str, item: str = "") -> None:
        """One unit of `task` is done (`item` says which)."""

    def say(self, message: str) -> None:
        """A single step begins."""

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        return None


class LineProgress(Progress):
    """One plain line per event, stamped with the seconds since the start:
    readable in a log file, where a live display would be noise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.counts: dict[str, tuple[int, int]] = {}

    def _line(self, text: str) -> None:
        self.stream.write(f"[{time.monotonic() - self.started:6.1f}s] {text}\n")
        self.stream.flush()

    def start(self, task: str, total: int) -> None:
        self.counts[task] = (0, total)

    def advance(self, task: str, item: str = "") -> None:
        done, total = self.counts.get(task, (0, 0))
        done += 1
        self.counts[task] = (done, total)
        self._line(f"{task} {done}/{total}" + (f": {item}" if item else ""))

    def say(self, message: str) -> None:
        self._line(message)


class LiveProgress(Progress):
    """rich's live display: a line per counted stage with a bar, n/N and the
    elapsed time, and one for the step under way."""

    def __init__(self, console) -> None:
        from rich.progress import BarColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        self.display = RichProgress(
            SpinnerColumn(finished_text="[green]✓"),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[count]}"),
            TimeElapsedColumn(),
            console=console,
        )
        self.tasks: dict[str, int] = {}
        self.counts: dict[str, list[int]] = {}
        self.step = None

    def __enter__(self) -> "LiveProgress":
        self.display.start()
        return self

    def __exit__(self, *exc) -> None:
        self._finish_step()
        self.display.stop()

    def _finish_step(self) -> None:
        if self.step is not None:
            self.display.update(self.step, total=1, completed=1)
            self.step = None

    def start(self, task: str, total: int) -> None:
        self._finish_step()
        self.counts[task] = [0, total]
        self.tasks[task] = self.display.add_task(task, total=total, count=f"0/{total}")

    def advance(self, task: str, item: str = "") -> None:
        if task not in self.tasks:
            self.start(task, 0)
        count = self.counts[task]
        count[0] += 1
        self.display.update(self.tasks[task], completed=count[0], count=f"{count[0]}/{count[1]}")

    def say(self, message: str) -> None:
        self._finish_step()
        self.step = self.display.add_task(message, total=None, count="")


def progress_display(quiet: bool, stream: TextIO | None = None) -> Progress:
    """The display for a command's progress: nothing when `quiet`, a live
    display on a terminal, plain lines otherwise (on standard error)."""
    if quiet:
        return Progress()
    stream = stream or sys.stderr
    if stream.isatty():
        from rich.console import Console

        return LiveProgress(Console(file=stream, highlight=False))
    return LineProgress(stream)
