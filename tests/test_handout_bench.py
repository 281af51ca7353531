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


def test_paper_bench_smoke_times_packet_against_plain_weasyprint_and_each_feature():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not here (a user's fresh clone)")
    for mode, expected in (("--speed", "packet print / plain WeasyPrint, same 2 articles:"),
                           ("--costs", "without hyphenation")):
        done = subprocess.run(
            [sys.executable, str(REPO / "bench" / "paper.py"), "--smoke", mode, "--rounds", "1", "--corpus", str(CORPUS)],
            capture_output=True, text=True, timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert expected in done.stdout


def test_paper_bench_fails_below_its_bar(tmp_path):
    """A heading of the expected output that the PDF lacks fails the run."""
    article = "<html><head><title>T</title></head><body><article><h1>T</h1>" + "<p>Words to read here. </p>" * 40
    for name in ("daringfireball-1", "v8-blog"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "source.html").write_text(article + "</article></body></html>")
        (tmp_path / name / "expected.html").write_text("<div><h2>A heading nobody printed</h2><p>Words.</p></div>")
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "paper.py"), "--smoke", "--corpus", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "BELOW THE BAR: daringfireball-1: 1 headings or captions missing" in done.stdout
    assert "lost in extraction 1: ['A heading nobody printed']" in done.stdout
