"""Benchmark of the fetch stage (not a test): how much the concurrency buys.

40 real pages of the shared readability corpus are served from 5 loopback
hosts (bench/loopback_web.py), every answer after the same latency, and
fetched with packet's fetch stage in one process:

  sequential   concurrency=1, empty cache
  concurrent   concurrency=8, per_host=2, empty cache
  cached       the concurrent fetch again, over its cache (should send nothing)

Both sides are measured the same way: warm (an untimed fetch first pays for
imports and the first connection), each on a fresh cache and client, in
rounds that alternate which goes first.

    python bench/fetch.py            40 readings, 5 hosts, 200 ms latency, 2 rounds
    python bench/fetch.py --smoke    6 readings, 2 hosts, 20 ms, 1 round
    python bench/fetch.py --json     figures as JSON
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from loopback_web import ARTICLES, CORPUS, LoopbackWeb  # noqa: E402

from packet.fetch import FetchOptions, fetch_resources  # noqa: E402
from packet.resource import FetchRequest  # noqa: E402

CONCURRENT = {"concurrency": 8, "per_host": 2}


def publish(web: LoopbackWeb, readings: int, hosts: int) -> list[str]:
    """`readings` corpus pages, dealt out over `hosts` sites."""
    if readings > len(ARTICLES):
        raise SystemExit(f"at most {len(ARTICLES)} readings")
    return [web.page(f"site-{i % hosts}", f"/posts/{name}", name) for i, name in enumerate(ARTICLES[:readings])]


def timed_fetch(urls: list[str], options: FetchOptions, web: LoopbackWeb) -> dict:
    before = web.requests
    start = time.perf_counter()
    resources = fetch_resources([FetchRequest(id=f"r{i}", url=url) for i, url in enumerate(urls)], options)
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 3), "requests": web.requests - before,
            "statuses": sorted({r.status for r in resources})}


def run_bench(readings: int, hosts: int, latency: float, rounds: int) -> dict:
    with LoopbackWeb(latency) as web, tempfile.TemporaryDirectory() as tmp:
        urls = publish(web, readings, hosts)
        warm_up = web.page("warm-up", "/page", ARTICLES[-1])
        fetch_resources([FetchRequest(id="warm-up", url=warm_up)], FetchOptions(cache_dir=Path(tmp) / "warm-up"))
        results = []
        for number in range(rounds):
            cache = Path(tmp) / f"round-{number}"
            result = {}
            # Alternate which side goes first, so neither always meets a
            # machine the other has just warmed (or loaded).
            order = ("sequential", "concurrent") if number % 2 == 0 else ("concurrent", "sequential")
            for side in order:
                extra = {"concurrency": 1} if side == "sequential" else CONCURRENT
                result[side] = timed_fetch(urls, FetchOptions(cache_dir=cache / side, **extra), web)
            result["cached"] = timed_fetch(urls, FetchOptions(cache_dir=cache / "concurrent", **CONCURRENT), web)
            result["concurrent_share_of_sequential"] = round(
                result["concurrent"]["seconds"] / result["sequential"]["seconds"], 3
            )
            results.append(result)
    return {"readings": readings, "hosts": hosts, "latency_ms": round(latency * 1000), "rounds": results}


def _range(values: list[float], digits: int) -> str:
    low, high = min(values), max(values)
    return f"{low:.{digits}f}" if round(low, digits) == round(high, digits) else f"{low:.{digits}f}-{high:.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny run: 6 readings, 2 hosts, 20 ms, 1 round")
    parser.add_argument("--rounds", type=int, default=None, help="rounds of both sides (default 2)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"the shared corpus is not at {CORPUS}")
    if args.smoke:
        figures = run_bench(6, 2, 0.02, args.rounds or 1)
    else:
        figures = run_bench(40, 5, 0.2, args.rounds or 2)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{figures['readings']} corpus pages on {figures['hosts']} loopback hosts, "
          f"{figures['latency_ms']} ms per answer")
    for number, result in enumerate(figures["rounds"], start=1):
        print(f"round {number}:")
        for side in ("sequential", "concurrent", "cached"):
            run = result[side]
            print(f"  {side:<11} {run['seconds']:7.2f} s  {run['requests']:3d} requests  {', '.join(run['statuses'])}")
        print(f"  concurrent / sequential = {result['concurrent_share_of_sequential']:.1%}")
    rounds = figures["rounds"]
    seq = [r["sequential"]["seconds"] for r in rounds]
    conc = [r["concurrent"]["seconds"] for r in rounds]
    share = [100 * r["concurrent_share_of_sequential"] for r in rounds]
    cached = [r["cached"]["seconds"] for r in rounds]
    print(f"README: sequential {_range(seq, 1)} s, concurrent {_range(conc, 1)} s ({_range(share, 0)}% of "
          f"sequential), second run {_range(cached, 2)} s with {max(r['cached']['requests'] for r in rounds)} requests")


if __name__ == "__main__":
    main()
