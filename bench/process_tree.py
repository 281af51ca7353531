"""Peak memory of a process and all its descendants, for the benches.

A build is one process plus worker processes (and theirs); the largest of
them alone says little. A thread samples /proc every `interval` seconds,
walks the tree from the root through /proc/<pid>/task/<tid>/children, and
sums two figures over the living processes:

  RSS  resident memory, each process counted whole (pages shared between a
       parent and its forked workers counted in each: an upper bound)
  PSS  proportional set size, shared pages split between their sharers
       (what the tree adds to the machine's memory use)

The peaks of the sums are what a bench reports. Linux only.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


def descendants(root: int) -> list[int]:
    """`root` and every process below it, as long as each is still alive."""
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                children = Path(f"/proc/{pid}/task/{tid}/children").read_text().split()
            except OSError:
                continue
            queue.extend(int(child) for child in children)
    return found


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


@dataclass
class TreeMemory:
    """Peaks, in bytes, and how many processes the tree had at most."""

    rss: int = 0
    pss: int = 0
    processes: int = 0


class PeakMemory:
    """Samples the tree under `pid` until stop(); use as a context manager."""

    def __init__(self, pid: int, interval: float = 0.02):
        self.pid = pid
        self.interval = interval
        self.peak = TreeMemory()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        pids = descendants(self.pid)
        self.peak.rss = max(self.peak.rss, sum(_rss(pid) for pid in pids))
        self.peak.pss = max(self.peak.pss, sum(_pss(pid) for pid in pids))
        self.peak.processes = max(self.peak.processes, len(pids))

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
