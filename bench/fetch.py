"""Benchmark of the fetch stage (not a test): how much the concurrency buys.

Starts loopback HTTP servers on several ports (each port is a separate
"host" for the per-host limit) that answer every reading after a fixed
latency, then fetches the same readings three times:

  sequential   concurrency=1, empty cache
  concurrent   concurrency=8, per_host=2, empty cache
  cached       the concurrent run again, over its cache (should send nothing)

    python bench/fetch.py            40 readings, 5 hosts, 200 ms latency
    python bench/fetch.py --smoke    a tiny run that finishes in a second
    python bench/fetch.py --json     figures as JSON
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from packet.fetch import FetchOptions, fetch_resources  # noqa: E402
from packet.resource import FetchRequest  # noqa: E402

PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Reading {n}</title></head><body><article>"
    "<h1>Reading {n}</h1><p>" + "A sentence of a reading that is long enough to be an article. " * 12 + "</p>"
    "</article></body></html>"
)


class Site:
    """Threaded loopback servers answering every GET after `latency` seconds."""

    def __init__(self, hosts: int, latency: float):
        self.requests = 0
        lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes; with Nagle on, delayed
            # ACKs add ~40 ms to each answer and would swamp the figures.
            disable_nagle_algorithm = True

            def do_GET(self):
                with lock:
                    site.requests += 1
                time.sleep(latency)
                body = PAGE.format(n=self.path.rsplit("/", 1)[-1]).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.servers = []
        for _ in range(hosts):
            server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers.append(server)

    def urls(self, readings: int) -> list[str]:
        ports = [server.server_address[1] for server in self.servers]
        return [f"http://127.0.0.1:{ports[i % len(ports)]}/reading/{i}" for i in range(readings)]

    def close(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


def timed_run(urls: list[str], options: FetchOptions, site: Site) -> dict:
    before = site.requests
    start = time.perf_counter()
    resources = fetch_resources([FetchRequest(id=f"r{i}", url=url) for i, url in enumerate(urls)], options)
    seconds = time.perf_counter() - start
    statuses = sorted({r.status for r in resources})
    return {"seconds": round(seconds, 3), "requests": site.requests - before, "statuses": statuses}


def run_bench(readings: int, hosts: int, latency: float) -> dict:
    site = Site(hosts, latency)
    try:
        urls = site.urls(readings)
        with tempfile.TemporaryDirectory() as tmp:
            sequential = timed_run(urls, FetchOptions(cache_dir=Path(tmp) / "seq", concurrency=1), site)
            options = FetchOptions(cache_dir=Path(tmp) / "conc", concurrency=8, per_host=2)
            concurrent = timed_run(urls, options, site)
            cached = timed_run(urls, options, site)
    finally:
        site.close()
    return {
        "readings": readings,
        "hosts": hosts,
        "latency_ms": round(latency * 1000),
        "sequential": sequential,
        "concurrent": concurrent,
        "cached": cached,
        "concurrent_share_of_sequential": round(concurrent["seconds"] / sequential["seconds"], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny run: 6 readings, 2 hosts, 20 ms")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = run_bench(6, 2, 0.02) if args.smoke else run_bench(40, 5, 0.2)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{figures['readings']} readings on {figures['hosts']} hosts, {figures['latency_ms']} ms per answer")
    for name in ("sequential", "concurrent", "cached"):
        run = figures[name]
        print(f"  {name:<11} {run['seconds']:7.2f} s  {run['requests']:3d} requests  {', '.join(run['statuses'])}")
    print(f"  concurrent / sequential = {figures['concurrent_share_of_sequential']:.1%} (goal < 15%)")


if __name__ == "__main__":
    main()
