"""Hostile pages cannot reach the machine.

Every page here is served by the reading's own origin on 127.0.0.1 (which a
reading may use) and tries to make packet read a local file, embed one as
an attachment, talk to another service on this machine (a second server on
another port holding a secret), reach the cloud metadata service or a
private network, or exhaust memory. The rule under test: a resource on a
loopback or private address is refused unless the reading came from that
same origin (scheme, host and port), and file: is never followed from
fetched content. Builds run through the real pipeline (`packet print` as a
subprocess, `packet build` in process) and each one is checked for the
secret in the PDF's text, its attachments and its raw bytes, for requests
reaching the secret server, for connections to anything but loopback, and
for the refusal being reported.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import resource
import secrets
import shutil
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytest_httpserver import HTTPServer
from werkzeug import Response

from packet.build import BuildOptions, build
from packet.fetch import FetchOptions
from packet.render.pdf import render_pdf, STYLES_DIR

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
REPO = Path(__file__).resolve().parents[1]
GB = 1024 * 1024 * 1024

#: Runs the packet CLI with an audit hook that records every outgoing
#: connection, so a test can prove no traffic left loopback, and refuses
#: any connection that would.
CLI_WITH_CONNECT_LOG = """
import os, sys
log = open(os.environ["PACKET_TEST_CONNECT_LOG"], "a")
def hook(event, args):
    if event == "socket.connect" and isinstance(args[1], tuple):
        log.write(f"{args[1][0]} {args[1][1]}\\n")
        log.flush()
        if args[1][0] not in ("127.0.0.1",):
            raise ConnectionRefusedError("test: connection outside loopback")
sys.addaudithook(hook)
sys.argv[0] = "packet"
from packet.cli import main
main()
"""

PAGES = [
    "file-images", "css-file", "attachments", "other-port", "private-addresses", "redirects",
    "base-file", "base-metadata", "svg-inline", "svg-image", "huge-image", "data-uri", "nested",
]


def huge_png(width: int = 30000, height: int = 30000) -> bytes:
    """A valid one-colour PNG of width x height pixels, a few hundred KB on
    disk: decoding it would take gigabytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = (b"\x00" + b"\xff" * ((width + 7) // 8)) * 1000
    compressor = zlib.compressobj(1)
    idat = b"".join(compressor.compress(rows) for _ in range(height // 1000)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def article(title: str, body: str) -> str:
    """A page of ordinary article text followed by `body`."""
    text = (FIXTURES / "article-text.html").read_text()
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><main><article><h1>{title}</h1>{text}{body}</article></main></body></html>")


@dataclass
class HostileWeb:
    token: str
    secret_file: Path
    site: HTTPServer
    secret: HTTPServer
    urls: dict[str, str] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.site.port}"

    @property
    def secret_origin(self) -> str:
        return f"http://127.0.0.1:{self.secret.port}"


def _fill(text: str, web: HostileWeb) -> str:
    return (text.replace("{SECRET_FILE_RELATIVE}", str(web.secret_file).lstrip("/"))
            .replace("{SECRET_FILE}", str(web.secret_file))
            .replace("{SECRET_ORIGIN}", web.secret_origin)
            .replace("{SECRET_PORT}", str(web.secret.port)))


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    token = f"SECRET-{secrets.token_hex(12)}"
    secret_file = tmp_path_factory.mktemp("home") / "secret.txt"
    secret_file.write_text(f"{token}\n")
    site, secret = HTTPServer(host="127.0.0.1", threaded=True), HTTPServer(host="127.0.0.1", threaded=True)
    site.start()
    secret.start()
    web = HostileWeb(token, secret_file, site, secret)
    secret.expect_request(re.compile(".*")).respond_with_data(token, content_type="text/plain")

    for path in sorted(FIXTURES.glob("*.html")):
        site.expect_request(f"/pages/{path.name}").respond_with_data(
            _fill(path.read_text(), web), content_type="text/html; charset=utf-8")
    site.expect_request("/pages/data-uri.html").respond_with_data(article(
        "A 20 MB data: image",
        '<figure><img src="data:image/png;base64,' + base64.b64encode(b"\0" * 15_000_000).decode()
        + '"><figcaption>Twenty megabytes inline.</figcaption></figure>'), content_type="text/html")
    site.expect_request("/pages/nested.html").respond_with_data(article(
        "Ten thousand nested blocks", "".join(f"<div><p>Level {n} of the nesting, still part of what the author wrote.</p>" for n in range(10000))
        + "</div>" * 10000), content_type="text/html")
    site.expect_request("/xxe.svg").respond_with_data(
        _fill((FIXTURES / "xxe.svg").read_text(), web), content_type="image/svg+xml")
    site.expect_request("/image-href.svg").respond_with_data(
        _fill((FIXTURES / "image-href.svg").read_text(), web), content_type="image/svg+xml")
    site.expect_request("/huge.png").respond_with_data(huge_png(), content_type="image/png")
    site.expect_request("/own-attachment.txt").respond_with_data("harmless", content_type="text/plain")
    for name, target in {
        "/redirect/metadata.png": "http://169.254.169.254/latest/meta-data/",
        "/redirect/secret.png": f"{web.secret_origin}/secret.png",
        "/redirect/private.png": "http://10.0.0.1/x.png",
        "/redirect/file.png": f"file://{secret_file}",
        "/moved/secret": f"{web.secret_origin}/secret.html",
        "/moved/metadata": "http://169.254.169.254/latest/meta-data/",
    }.items():
        site.expect_request(name).respond_with_response(Response("", status=302, headers={"Location": target}))
    web.urls = {name: f"{web.origin}/pages/{name}.html" for name in PAGES}
    yield web
    site.stop()
    secret.stop()


def run_cli(args: list[str], cwd: Path, timeout: float = 240) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run `packet ARGS` recording its connections; (result, ["host port", ...])."""
    connect_log = cwd / "connections.log"
    connect_log.write_text("")
    env = dict(os.environ, PACKET_TEST_CONNECT_LOG=str(connect_log), PYTHONPATH=str(REPO), COLUMNS="400")
    done = subprocess.run(
        [sys.executable, "-c", CLI_WITH_CONNECT_LOG, *args], cwd=cwd, env=env,
        capture_output=True, text=True, timeout=timeout,
    )
    return done, connect_log.read_text().splitlines()


def pdf_text(path: Path) -> str:
    """The PDF's text; poppler's pdftotext when installed (thirty times
    faster than pypdf on handouts with whole fonts embedded)."""
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(page.extract_text() or "" for page in PdfReader(path).pages)


def assert_no_secret(pdf_path: Path, token: str) -> None:
    """Not in the raw bytes, the extracted text or any embedded file."""
    raw = pdf_path.read_bytes()
    assert token.encode() not in raw
    assert token not in pdf_text(pdf_path)
    assert PdfReader(io.BytesIO(raw)).attachments == {}


def one_line(text: str) -> str:
    return " ".join(text.split())


# ---------- `packet print` of every hostile page, as a user would run it ----------


@pytest.fixture(scope="module")
def printed(web, tmp_path_factory):
    folder = tmp_path_factory.mktemp("print")
    sources = [*web.urls.values(), f"{web.origin}/moved/secret", f"{web.origin}/moved/metadata", "/dev/urandom"]
    done, connections = run_cli(["print", *sources, "-o", "hostile.pdf", "--cache-dir", "cache"], folder)
    # The largest child this test process has waited for: an upper bound
    # on the print's own peak.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return done, connections, folder / "hostile.pdf", peak


def test_print_of_every_hostile_page_completes_without_a_traceback(printed):
    done, _, pdf, _ = printed
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert len(PdfReader(pdf).pages) >= len(PAGES)


def test_printed_pdf_holds_no_secret_in_text_bytes_or_attachments(printed, web):
    _, _, pdf, _ = printed
    assert_no_secret(pdf, web.token)


def test_print_never_asks_the_secret_server_or_leaves_loopback(printed, web):
    _, connections, _, _ = printed
    assert web.secret.log == []
    assert connections, "the connection log recorded nothing"
    assert set(connections) == {f"127.0.0.1 {web.site.port}"}


def test_print_keeps_every_hostile_pages_own_text(printed):
    done, _, pdf, _ = printed
    text = one_line(pdf_text(pdf))
    assert text.count("None of it should work.") == len(PAGES)
    assert "Level 200 of the nesting" in text


#: Images the fetch stage refuses, and the address the refusal names.
FETCH_REFUSALS = {
    "other-port": [("{SECRET_ORIGIN}/secret.png", "127.0.0.1"),
                   ("http://localhost:{SECRET_PORT}/secret.png", "127.0.0.1"),
                   ("http://2130706433:{SECRET_PORT}/secret.png", "127.0.0.1"),
                   ("http://[::1]:{SECRET_PORT}/secret.png", "::1"),
                   ("http://0.0.0.0:{SECRET_PORT}/secret.png", "0.0.0.0")],
    "private-addresses": [("http://169.254.169.254/latest/meta-data/iam/security-credentials/role.png", "169.254.169.254"),
                          ("http://10.0.0.1/router.png", "10.0.0.1"),
                          ("http://192.168.1.1/admin.png", "192.168.1.1"),
                          ("http://[fd00::1]/ula.png", "fd00::1"),
                          ("http://100.64.0.1/cgnat.png", "100.64.0.1")],
    "redirects": [("{ORIGIN}/redirect/metadata.png", "169.254.169.254"),
                  ("{ORIGIN}/redirect/secret.png", "127.0.0.1"),
                  ("{ORIGIN}/redirect/private.png", "10.0.0.1")],
    "base-metadata": [("http://169.254.169.254/latest/meta-data/iam.png", "169.254.169.254")],
}


def _expand(url: str, web: HostileWeb) -> str:
    return _fill(url, web).replace("{ORIGIN}", web.origin)


@pytest.mark.parametrize("page", sorted(FETCH_REFUSALS))
def test_print_reports_each_refused_image_with_the_address(printed, web, page):
    done, *_ = printed
    output = one_line(done.stderr)
    for url, address in FETCH_REFUSALS[page]:
        assert f"{_expand(url, web)} (refused: private address {address})" in output


def test_print_reports_readings_redirected_into_the_machine(printed, web):
    output = one_line(printed[0].stderr)
    assert f"{web.origin}/moved/secret: refused: private address 127.0.0.1" in output
    assert f"{web.origin}/moved/metadata: refused: private address 169.254.169.254" in output


def test_print_peak_memory_stays_under_a_gigabyte(printed):
    *_, peak = printed
    print(f"peak RSS of `packet print` over every hostile page: {peak / 2**20:.0f} MB")
    assert peak < GB


# ---------- `packet build` of a curriculum made of hostile readings ----------


def hostile_curriculum(web: HostileWeb, folder: Path) -> Path:
    (folder / "random.html").symlink_to("/dev/urandom")
    readings = {**web.urls, "moved-secret": f"{web.origin}/moved/secret"}
    lines = ["title: Hostile reading group", "readings:"]
    for rid, url in readings.items():
        lines += [f"  - id: {rid}", f"    title: {rid}", f"    url: {url}"]
    lines += ["  - id: random", "    title: Random bytes", "    path: random.html"]
    lines += ["weeks:", "  - number: 1", "    title: Hostile pages", "    agenda:",
              "      - kind: reading", f"        readings: [{', '.join([*readings, 'random'])}]"]
    path = folder / "curriculum.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def built(web, tmp_path_factory):
    folder = tmp_path_factory.mktemp("build")
    curriculum = hostile_curriculum(web, folder)
    options = BuildOptions(
        out_dir=folder / "out", jobs=1, runsheets=False,
        fetch=FetchOptions(cache_dir=folder / "cache" / "http", retries=0, connect_timeout=2, total_timeout=20),
    )
    with recording_connections() as connections:
        result = build(curriculum, options)
    report = json.loads((folder / "out" / "report.json").read_text())
    return result, report, folder / "out" / "week-01-handout.pdf", connections


def test_build_completes_with_a_handout_and_reports_the_unusable_readings(built, web):
    result, report, handout, _ = built
    assert len(PdfReader(handout).pages) > len(PAGES)
    status = {r["id"]: (r["status"], r["reason"]) for r in report["readings"]}
    assert status["moved-secret"] == ("failed", "refused: private address 127.0.0.1")
    assert status["random"] == ("failed", f"not a regular file: {Path(handout).parents[1] / 'random.html'}")
    assert all(status[page][0] != "failed" for page in PAGES)


def test_build_leaks_no_secret_and_never_leaves_loopback(built, web):
    _, _, handout, connections = built
    assert_no_secret(handout, web.token)
    assert_no_secret(handout.with_name("handouts.pdf"), web.token)
    assert web.secret.log == []
    assert connections and set(connections) == {("127.0.0.1", web.site.port)}


def test_build_report_names_every_refused_image(built, web):
    result, report, _, _ = built
    refused = {item["url"]: item["why"] for item in report["refused"]}
    assert refused == {url: why for url, why in result.refused}
    assert refused[f"{web.origin}/xxe.svg"] == "SVG with entity declarations (a way to read local files)"
    assert refused[f"{web.origin}/huge.png"] == "image of 30000x30000 pixels is too large to print"
    assert refused[f"file://{web.secret_file}"] == "local files are never read from fetched content"
    assert refused[f"{web.secret_origin}/secret.png"] == "not downloaded by the fetch stage"
    warnings = one_line(" ".join(report["warnings"]))
    for page, expected in FETCH_REFUSALS.items():
        for url, address in expected:
            assert f"{page}: image refused or missing: {_expand(url, web)} (refused: private address {address})" in warnings


def test_build_screen_html_holds_no_secret(built, web):
    _, _, handout, _ = built
    assert web.token not in handout.with_suffix(".html").read_text()


def test_build_screen_html_points_no_image_at_a_refused_address(built, web):
    _, _, handout, _ = built
    sources = re.findall(r'<img[^>]*\ssrc="([^"]*)"', handout.with_suffix(".html").read_text())
    assert sources and all(src.startswith(("data:", web.origin + "/")) for src in sources), sources


# ---------- the renderer's own wall, for HTML that got past the sanitiser ----------


@pytest.mark.parametrize("page", ["file-images", "css-file", "attachments", "base-file", "svg-inline", "other-port"])
def test_renderer_refuses_local_files_and_services_in_unsanitised_html(web, page):
    html = _fill((FIXTURES / f"{page}.html").read_text(), web)
    rendered = render_pdf(html, stylesheets=[], base_url=web.urls[page])
    assert web.token.encode() not in rendered.pdf
    assert PdfReader(io.BytesIO(rendered.pdf)).attachments == {}
    refused = dict(rendered.refused)
    secret_uri = f"file://{web.secret_file}"
    if page == "other-port":
        assert refused[f"{web.secret_origin}/secret.png"] == "not downloaded by the fetch stage"
    else:
        assert refused[secret_uri] == "local files are never read from fetched content"
    assert web.secret.log == []


def test_sanitiser_flattens_nesting_the_renderer_could_not_lay_out():
    from packet.extract.sanitize import MAX_DEPTH, sanitize_html
    from lxml import html as lxml_html

    deep = sanitize_html("<div><p>level</p>" * 5000 + "<img src='https://a.org/i.png'>" + "</div>" * 5000)
    root = lxml_html.fragment_fromstring(deep, create_parent="div")
    # iterancestors counts the wrapping <div> too.
    assert max(len(list(el.iterancestors())) for el in root.iter()) == MAX_DEPTH + 1
    assert root.text_content().count("level") == 5000 and len(root.findall(".//img")) == 1


def test_print_of_dev_urandom_says_why_without_reading_it(printed):
    done, *_ = printed
    assert "/dev/urandom: unsupported file type (none): use .html, .md or .pdf" in one_line(done.stderr)


# ---------- recording connections in this process ----------

_recording: list[list[tuple[str, int]]] = []


def _audit(event: str, args: tuple) -> None:
    if _recording and event == "socket.connect" and isinstance(args[1], tuple):
        _recording[-1].append(tuple(args[1][:2]))
        if args[1][0] != "127.0.0.1":
            raise ConnectionRefusedError("test: connection outside loopback")


sys.addaudithook(_audit)


class recording_connections:
    """Within the block, every socket connection is recorded, and any to an
    address other than 127.0.0.1 is refused before it is made."""

    def __enter__(self) -> list[tuple[str, int]]:
        _recording.append([])
        return _recording[-1]

    def __exit__(self, *exc) -> None:
        _recording.pop()
