"""`packet check --links`: every link of a curriculum asked once, with a
verdict an organizer can act on, a JSON copy, and an exit status for CI."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

REPO = Path(__file__).resolve().parents[1]

CURRICULUM = """\
title: Link group
readings:
  - id: fine
    title: A page that answers
    url: {base}/ok
  - id: vanished
    title: A page that is gone
    url: {base}/gone
  - id: relocated
    title: A page that moved
    url: {base}/old-place
  - id: headless
    title: A server that refuses HEAD
    url: {base}/no-head
  - id: circular
    title: A redirect loop
    url: {base}/loop-a
weeks:
  - number: 0
    title: Links
    agenda:
      - kind: reading
        readings: [fine, vanished, relocated, headless, circular]
      - kind: video
        title: A talk
        url: {base}/video
      - kind: presentation
        title: Slides
        sources:
          - title: A source nobody serves
            url: {refused}/slides
          - title: A source that answers
            url: {base}/source
"""

ALL_OK = """\
title: Healthy group
readings:
  - id: fine
    title: A page that answers
    url: {base}/ok
weeks:
  - number: 0
    title: Links
    agenda:
      - kind: reading
        readings: [fine]
      - kind: presentation
        title: Slides
        sources:
          - title: A source that answers
            url: {base}/source
"""


def closed_port() -> int:
    """A loopback port nothing listens on (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    httpserver = HTTPServer(host="127.0.0.1", threaded=True)
    httpserver.start()
    yield httpserver
    httpserver.stop()


@pytest.fixture(scope="module")
def site(server):
    httpserver = server
    base = f"http://127.0.0.1:{httpserver.port}"
    httpserver.expect_request("/gone").respond_with_data("<h1>Not Found</h1>", status=404, content_type="text/html")
    for path in ("/ok", "/new-place", "/video", "/source"):
        httpserver.expect_request(path).respond_with_data("<p>here</p>", content_type="text/html")
    httpserver.expect_request("/old-place").respond_with_response(
        Response("", status=301, headers={"Location": f"{base}/new-place"}))
    httpserver.expect_request("/no-head", method="HEAD").respond_with_data("", status=405)
    httpserver.expect_request("/no-head", method="GET").respond_with_data("<p>here</p>", content_type="text/html")
    httpserver.expect_request("/loop-a").respond_with_response(Response("", status=302, headers={"Location": "/loop-b"}))
    httpserver.expect_request("/loop-b").respond_with_response(Response("", status=302, headers={"Location": "/loop-a"}))
    return base


def check_links(template: str, base: str, folder: Path) -> subprocess.CompletedProcess:
    (folder / "curriculum.yaml").write_text(template.format(base=base, refused=f"http://127.0.0.1:{closed_port()}"))
    env = dict(os.environ, PYTHONPATH=str(REPO), COLUMNS="300")
    return subprocess.run(
        [sys.executable, "-m", "packet", "check", "--links", "--json", "links.json"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture(scope="module")
def checked(site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("links")
    done = check_links(CURRICULUM, site, folder)
    return done, json.loads((folder / "links.json").read_text()), site


def table(done: subprocess.CompletedProcess) -> list[list[str]]:
    """The rows of the links table, as lists of cell texts."""
    return [[cell.strip() for cell in line.split("│")] for line in done.stdout.splitlines() if "│" in line
            and line.split("│")[0].strip() in ("ok", "dead", "moved", "unreachable")]


def row(done: subprocess.CompletedProcess, url: str) -> list[str]:
    rows = [cells for cells in table(done) if cells[3] == url]
    assert len(rows) == 1, done.stdout
    return rows[0]


def test_links_needing_attention_make_exit_status_1(checked):
    done, _, _ = checked
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "8 links, 4 need attention; JSON: links.json" in " ".join(done.stdout.split())


def test_each_link_gets_its_verdict_in_the_table(checked):
    done, _, base = checked
    # verdict, status, where, url, note
    assert row(done, f"{base}/ok") == ["ok", "200", "reading fine", f"{base}/ok", ""]
    assert row(done, f"{base}/gone") == ["dead", "404", "reading vanished", f"{base}/gone", "404 Not Found"]
    assert row(done, f"{base}/old-place") == [
        "moved", "200", "reading relocated", f"{base}/old-place", f"moved (301 to {base}/new-place)"]
    assert row(done, f"{base}/no-head") == ["ok", "200", "reading headless", f"{base}/no-head", ""]
    assert row(done, f"{base}/loop-a") == ["unreachable", "", "reading circular", f"{base}/loop-a", "too many redirects"]
    assert row(done, f"{base}/video") == ["ok", "200", "week 0, A talk", f"{base}/video", ""]
    assert row(done, f"{base}/source")[:3] == ["ok", "200", "week 0, Slides: A source that answers"]
    refused = [cells for cells in table(done) if cells[3].endswith("/slides")]
    assert refused[0][:3] == ["unreachable", "", "week 0, Slides: A source nobody serves"]
    assert refused[0][4] == "connection refused"


def test_table_lists_the_links_needing_attention_first(checked):
    verdicts = [cells[0] for cells in table(checked[0])]
    assert len(verdicts) == 8
    assert "ok" not in verdicts[:4] and set(verdicts[4:]) == {"ok"}


def test_json_holds_every_link_with_its_verdict(checked):
    _, data, base = checked
    by_url = {item["url"]: item for item in data}
    verdicts = {url.removeprefix(base): (item["verdict"], item["status"], item["needs_attention"])
                for url, item in by_url.items() if url.startswith(base)}
    assert verdicts == {
        "/ok": ("ok", 200, False),
        "/gone": ("dead", 404, True),
        "/old-place": ("moved", 200, True),
        "/no-head": ("ok", 200, False),
        "/loop-a": ("unreachable", None, True),
        "/video": ("ok", 200, False),
        "/source": ("ok", 200, False),
    }
    moved = by_url[f"{base}/old-place"]
    assert moved["final_url"] == f"{base}/new-place"
    assert moved["redirects"] == [[301, f"{base}/new-place"]]
    refused = [item for item in data if item["url"].endswith("/slides")]
    assert refused[0]["verdict"] == "unreachable" and refused[0]["note"] == "connection refused"
    assert refused[0]["where"] == "week 0, Slides: A source nobody serves"
    assert len(data) == 8


def test_server_refusing_head_is_asked_with_get(checked, server):
    methods = [request.method for request, _ in server.log if request.path == "/no-head"]
    assert methods == ["HEAD", "GET"]


def test_all_links_ok_exits_0(site, tmp_path):
    done = check_links(ALL_OK, site, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads((tmp_path / "links.json").read_text())
    assert [item["verdict"] for item in data] == ["ok", "ok"]
    assert not any(item["needs_attention"] for item in data)
    assert "2 links, 0 need attention" in " ".join(done.stdout.split())
