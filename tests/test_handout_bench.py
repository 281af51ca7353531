"""The paper bench runs end to end on two corpus pages (skipped without shared/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "readability-test-pages"


def test_paper_bench_smoke_prints_pages_and_sizes():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not here (a user's fresh clone)")
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "paper.py"), "--smoke", "--corpus", str(CORPUS)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line.split() for line in done.stdout.splitlines() if line.startswith(("daringfireball-1", "v8-blog"))]
    assert len(rows) == 2
    for row in rows:
        assert int(row[1]) >= 1  # pages
        assert float(row[3]) >= 10.5  # body text size in pt
    assert "total pages:" in done.stdout
