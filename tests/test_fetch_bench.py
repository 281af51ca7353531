"""The fetch and build benchmarks still run (smoke mode; no figure is asserted,
only what each run must have done). Both serve pages of the shared corpus,
so they skip where ../shared is absent."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import REPO


def run_bench(name: str, timeout: float) -> dict:
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / name), "--smoke", "--json"],
        capture_output=True, text=True, timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_fetch_bench_fetches_every_page_and_the_cached_run_sends_nothing(shared_corpus):
    figures = run_bench("fetch.py", 120)
    (round_,) = figures["rounds"]
    for side in ("sequential", "concurrent"):
        assert round_[side]["statuses"] == ["ok"]
        assert round_[side]["requests"] == figures["readings"]
    assert round_["cached"] == {**round_["cached"], "requests": 0, "statuses": ["cached"]}


def test_build_bench_builds_warm_without_requests_and_rerenders_only_the_changed_week(shared_corpus):
    figures = run_bench("build.py", 300)
    assert figures["hosts"] >= 5
    assert figures["readings"]["cset-ai-and-compute"].endswith("(landing page) + PDF of telegraph")
    (run,) = figures["runs"]
    assert run["cold"]["exit"] == 0 and run["cold"]["not_had"] == []
    assert run["cold"]["requests"] >= 3  # a page, the report's landing page and its PDF
    assert run["warm"]["requests"] == 0
    assert run["one_week"]["rerendered"] == ["handouts.pdf", "runsheet.pdf", "week-07-handout.pdf", "week-07-runsheet.pdf"]
    assert run["cold"]["processes"] >= 2 and run["cold"]["rss_mb"] > 50
