"""The fetch benchmark still runs (smoke mode; figures are not asserted)."""

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parents[1] / "bench" / "fetch.py"


def test_fetch_bench_smoke_runs_and_the_cached_run_sends_nothing():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--smoke", "--json"], capture_output=True, text=True, timeout=120, check=True
    )
    figures = json.loads(done.stdout)
    assert figures["sequential"]["statuses"] == ["ok"]
    assert figures["concurrent"]["statuses"] == ["ok"]
    assert figures["cached"] == {**figures["cached"], "requests": 0, "statuses": ["cached"]}
    assert figures["concurrent"]["requests"] == figures["readings"]
