"""Politeness: never more than per_host requests at once to one site, and
never more than `concurrency` in all."""

import threading
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from packet.fetch import FetchOptions, fetch_resources
from packet.resource import FetchRequest

PAGE = b"<html><body>" + b"<p>" + b"word " * 80 + b"</p></body></html>"


class Gauge:
    """Counts requests in flight, per server and in all, with a lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.now: dict[int, int] = {}
        self.peak: dict[int, int] = {}
        self.total_now = 0
        self.total_peak = 0

    def handler(self, port):
        def handle(request):
            with self.lock:
                self.now[port] = self.now.get(port, 0) + 1
                self.peak[port] = max(self.peak.get(port, 0), self.now[port])
                self.total_now += 1
                self.total_peak = max(self.total_peak, self.total_now)
            time.sleep(0.15)
            with self.lock:
                self.now[port] -= 1
                self.total_now -= 1
            return Response(PAGE, content_type="text/html")

        return handle


@pytest.fixture(scope="module")
def servers():
    started = [HTTPServer(host="127.0.0.1", port=0, threaded=True) for _ in range(3)]
    for server in started:
        server.start()
    yield started
    for server in started:
        server.stop()


@pytest.fixture(autouse=True)
def fresh_handlers(servers):
    yield
    for server in servers:
        server.clear()


def test_per_host_limit_is_respected(servers, tmp_path):
    gauge = Gauge()
    server = servers[0]
    server.expect_request("/page").respond_with_handler(gauge.handler(server.port))
    requests = [FetchRequest(id=f"r{i}", url=server.url_for(f"/page?n={i}")) for i in range(8)]
    resources = fetch_resources(requests, FetchOptions(cache_dir=tmp_path, per_host=2, concurrency=8))
    assert all(r.status == "ok" for r in resources)
    assert gauge.peak[server.port] == 2


def test_global_limit_holds_across_hosts(servers, tmp_path):
    gauge = Gauge()
    requests = []
    for server in servers:
        server.expect_request("/page").respond_with_handler(gauge.handler(server.port))
        requests += [FetchRequest(id=f"{server.port}-{i}", url=server.url_for(f"/page?n={i}")) for i in range(4)]
    resources = fetch_resources(requests, FetchOptions(cache_dir=tmp_path, per_host=2, concurrency=3))
    assert all(r.status == "ok" for r in resources)
    assert gauge.total_peak <= 3
    assert all(peak <= 2 for peak in gauge.peak.values())
