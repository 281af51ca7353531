"""Benchmark: building the shipped curriculum against a loopback copy of its readings.

    python bench/build.py            # full: every week, 150 ms latency per response
    python bench/build.py --smoke    # two small weeks, for the test suite

Reports the cold build, a warm no-op rebuild, a rebuild after changing one
week's entry, and the peak memory of a build (largest process). Each build
is `packet build` in a fresh process, as an organizer runs it.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.standin_site import serve_shipped  # noqa: E402


def _build(curriculum: Path, out: Path, cache: Path, weeks: str | None) -> tuple[float, int, str]:
    command = [sys.executable, "-m", "packet", "build", str(curriculum), "--out", str(out),
               "--cache-dir", str(cache), "--quiet"]
    if weeks:
        command += ["--weeks", weeks]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"build failed ({result.returncode}): {result.stderr[-2000:]}")
    return elapsed, result.returncode, result.stderr


def run(smoke: bool, latency: float) -> dict[str, float]:
    weeks = "6,7" if smoke else None
    text = (REPO / "curriculum.yaml").read_text()
    site, rewritten = serve_shipped(text, latency=latency)
    with site, tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        curriculum = tmp / "curriculum.yaml"
        curriculum.write_text(rewritten)
        out, cache = tmp / "build", tmp / "cache"
        cold, code, _ = _build(curriculum, out, cache, weeks)
        requests_cold = len(site.log)
        warm, _, _ = _build(curriculum, out, cache, weeks)
        requests_warm = len(site.log) - requests_cold
        changed_week = "7" if smoke else "5"
        edited = re.sub(
            rf"(- number: {changed_week}\n    title: )(.*)", r"\1\2 (revised)", rewritten, count=1
        )
        curriculum.write_text(edited)
        before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
        one_week, _, _ = _build(curriculum, out, cache, weeks)
        rerendered = sorted(p.name for p in out.glob("*.pdf") if before.get(p.name) != p.stat().st_mtime_ns)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures = {
        "cold_s": cold, "warm_s": warm, "one_week_s": one_week, "peak_mb": peak_mb,
        "requests_cold": requests_cold, "requests_warm": requests_warm,
    }
    print(f"cold build:            {cold:6.2f} s  ({requests_cold} requests, exit {code})")
    print(f"warm no-op rebuild:    {warm:6.2f} s  ({requests_warm} requests, {100 * warm / cold:.1f}% of cold)")
    print(f"one week changed:      {one_week:6.2f} s  (re-rendered: {', '.join(rerendered)})")
    print(f"peak memory (largest process): {peak_mb:.0f} MB")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="two small weeks, no latency: a quick check")
    parser.add_argument("--latency", type=float, default=None, help="seconds added to every response (default 0.15)")
    args = parser.parse_args()
    latency = args.latency if args.latency is not None else (0.0 if args.smoke else 0.15)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    run(args.smoke, latency)


if __name__ == "__main__":
    main()
