"""The extraction bench runs on the shared corpus (skipped when it is absent)."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "readability-test-pages"


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_bench_smoke_scores_well():
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "extraction.py"), "--smoke", "--corpus", str(CORPUS)],
        capture_output=True, text=True, timeout=300, check=True,
    )
    first = result.stdout.splitlines()[0]
    f1 = float(first.split("F1 ")[1].split()[0])
    assert f1 >= 0.9, result.stdout
