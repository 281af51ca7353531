"""Every way a reading can fail to arrive ends as a status and a reason the
organizer can act on, never as an exception or a garbage page."""

import gzip
import socket
import time
from pathlib import Path

import brotli
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from packet.fetch import FetchOptions, fetch_resources
from packet.fetch.client import retry_after_seconds
from packet.resource import FetchRequest

FIXTURES = Path(__file__).parent / "fixtures" / "fetch"
ARTICLE = (FIXTURES / "article.html").read_bytes()
PDF = (FIXTURES / "minimal.pdf").read_bytes()
MB = 1024 * 1024


@pytest.fixture(scope="module")
def threaded_server():
    """A threaded loopback server, so a dripping answer does not block others."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site(threaded_server):
    threaded_server.clear()
    threaded_server.no_handler_status_code = 404
    yield threaded_server
    threaded_server.clear()


def options(tmp_path, **overrides):
    settings = dict(
        cache_dir=tmp_path / "cache",
        backoff_base=0.01,
        retries=2,
        connect_timeout=1.0,
        read_timeout=2.0,
        total_timeout=3.0,
        retry_after_cap=2.0,
    )
    settings.update(overrides)
    return FetchOptions(**settings)


def fetch_one(url, opts):
    return fetch_resources([FetchRequest(id="r1", url=url)], opts)[0]


@pytest.mark.parametrize("status,reason", [(404, "404 Not Found"), (410, "410 Gone"), (403, "403 Forbidden (blocked by the site)")])
def test_http_errors_fail_with_the_status(site, tmp_path, status, reason):
    site.expect_request("/gone").respond_with_data("no", status=status)
    resource = fetch_one(site.url_for("/gone"), options(tmp_path))
    assert (resource.status, resource.reason) == ("failed", reason)
    assert resource.body is None


def test_server_error_is_retried_and_then_succeeds(site, tmp_path):
    site.expect_oneshot_request("/flaky").respond_with_data("oops", status=500)
    site.expect_request("/flaky").respond_with_data(ARTICLE, content_type="text/html")
    resource = fetch_one(site.url_for("/flaky"), options(tmp_path))
    assert resource.status == "ok"
    assert len(site.log) == 2


def test_persistent_server_error_fails_after_the_retries(site, tmp_path):
    site.expect_request("/down").respond_with_data("oops", status=503)
    resource = fetch_one(site.url_for("/down"), options(tmp_path, retries=2))
    assert (resource.status, resource.reason) == ("failed", "503 Service Unavailable (retried 2 times)")
    assert len(site.log) == 3


def test_too_many_requests_waits_for_retry_after_then_succeeds(site, tmp_path):
    site.expect_oneshot_request("/busy").respond_with_data("slow down", status=429, headers={"Retry-After": "1"})
    site.expect_request("/busy").respond_with_data(ARTICLE, content_type="text/html")
    resource = fetch_one(site.url_for("/busy"), options(tmp_path))
    assert resource.status == "ok"
    assert len(site.log) == 2


def test_endless_429_fails_with_the_status(site, tmp_path):
    site.expect_request("/busy").respond_with_data("no", status=429, headers={"Retry-After": "0"})
    resource = fetch_one(site.url_for("/busy"), options(tmp_path, retries=1))
    assert (resource.status, resource.reason) == ("failed", "429 Too Many Requests (rate-limited by the site; retried 1 time)")


def test_retry_after_reads_seconds_and_dates_and_is_capped():
    from datetime import datetime, timezone

    now = datetime(2025, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds("1", cap=30) == 1
    assert retry_after_seconds("3600", cap=30) == 30
    assert retry_after_seconds("Wed, 01 Jan 2025 12:00:10 GMT", cap=30, now=now) == 10
    assert retry_after_seconds("Wed, 01 Jan 2025 11:00:00 GMT", cap=30, now=now) == 0
    assert retry_after_seconds("soon", cap=30) is None
    assert retry_after_seconds(None, cap=30) is None


def test_server_that_drips_forever_times_out(site, tmp_path):
    def drip(request):
        def body():
            yield b"<html><body><p>"
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                time.sleep(0.1)
                yield b"word "

        return Response(body(), content_type="text/html")

    site.expect_request("/drip").respond_with_handler(drip)
    resource = fetch_one(site.url_for("/drip"), options(tmp_path, read_timeout=2.0, total_timeout=1.0))
    assert (resource.status, resource.reason) == ("failed", "timed out after 1 s")


def test_redirect_loop_fails_with_too_many_redirects(site, tmp_path):
    site.expect_request("/a").respond_with_response(Response("", status=302, headers={"Location": "/b"}))
    site.expect_request("/b").respond_with_response(Response("", status=301, headers={"Location": "/a"}))
    resource = fetch_one(site.url_for("/a"), options(tmp_path, max_redirects=5))
    assert (resource.status, resource.reason) == ("failed", "too many redirects")
    assert len(site.log) == 6


def test_redirects_on_the_same_site_are_followed_and_recorded(site, tmp_path):
    site.expect_request("/old").respond_with_response(Response("", status=301, headers={"Location": "/new"}))
    site.expect_request("/new").respond_with_data(ARTICLE, content_type="text/html")
    resource = fetch_one(site.url_for("/old"), options(tmp_path))
    assert resource.status == "ok"
    assert resource.url == site.url_for("/new")
    assert resource.redirects == [(301, site.url_for("/new"))]


def test_body_declared_larger_than_the_cap_is_refused(site, tmp_path):
    def huge(request):
        chunk = b"x" * MB
        return Response(
            (chunk for _ in range(40)), content_type="text/html", headers={"Content-Length": str(40 * MB)}
        )

    site.expect_request("/huge").respond_with_handler(huge)
    resource = fetch_one(site.url_for("/huge"), options(tmp_path, max_html_bytes=1 * MB))
    assert (resource.status, resource.reason) == ("failed", "larger than 1 MB")


def test_undeclared_body_is_cut_off_at_the_cap_while_streaming(site, tmp_path):
    def endless(request):
        chunk = b"<p>" + b"x" * (256 * 1024)
        return Response((chunk for _ in range(160)), content_type="text/html")

    site.expect_request("/stream").respond_with_handler(endless)
    resource = fetch_one(site.url_for("/stream"), options(tmp_path, max_html_bytes=1 * MB))
    assert (resource.status, resource.reason) == ("failed", "larger than 1 MB")


def test_gzip_bomb_is_refused_at_the_cap(site, tmp_path):
    bomb = gzip.compress(b"<p>" + b"a" * (20 * MB))
    site.expect_request("/bomb").respond_with_data(bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    resource = fetch_one(site.url_for("/bomb"), options(tmp_path, max_html_bytes=1 * MB))
    assert (resource.status, resource.reason) == ("failed", "larger than 1 MB")


def test_pdf_served_as_html_is_kept_as_pdf(site, tmp_path):
    site.expect_request("/paper").respond_with_data(PDF, content_type="text/html")
    resource = fetch_one(site.url_for("/paper"), options(tmp_path))
    assert resource.status == "ok"
    assert resource.is_pdf and resource.body == PDF


def test_html_served_as_octet_stream_is_read_as_html(site, tmp_path):
    site.expect_request("/page").respond_with_data(ARTICLE, content_type="application/octet-stream")
    resource = fetch_one(site.url_for("/page"), options(tmp_path))
    assert resource.status == "ok"
    assert resource.content_type == "text/html"
    assert "Why Reading Groups Work" in resource.text


def test_binary_that_is_neither_page_nor_pdf_fails(site, tmp_path):
    site.expect_request("/blob").respond_with_data(bytes(range(256)) * 8, content_type="application/octet-stream")
    resource = fetch_one(site.url_for("/blob"), options(tmp_path))
    assert (resource.status, resource.reason) == ("failed", "not a web page or PDF (application/octet-stream)")


def test_pdf_link_answering_with_garbage_fails(site, tmp_path):
    site.expect_request("/report.pdf").respond_with_data(b"\x00\x01garbage", content_type="application/pdf")
    resource = fetch_one(site.url_for("/report.pdf"), options(tmp_path))
    assert (resource.status, resource.reason) == ("failed", "not a PDF: the file does not start with %PDF")


def test_latin1_page_without_charset_decodes_accents(site, tmp_path):
    site.expect_request("/latin1").respond_with_data(
        (FIXTURES / "latin1_no_charset.html").read_bytes(), content_type="text/html"
    )
    resource = fetch_one(site.url_for("/latin1"), options(tmp_path))
    assert resource.status == "ok"
    assert "Le café où j'ai lu ce résumé" in resource.text
    assert "Ã©" not in resource.text


def test_brotli_bomb_is_refused_at_the_cap(site, tmp_path):
    bomb = brotli.compress(b"<p>" + b"a" * (64 * MB))
    site.expect_request("/brbomb").respond_with_data(bomb, content_type="text/html", headers={"Content-Encoding": "br"})
    resource = fetch_one(site.url_for("/brbomb"), options(tmp_path, max_html_bytes=1 * MB))
    assert (resource.status, resource.reason) == ("failed", "larger than 1 MB")


def test_nested_gzip_bomb_is_refused_at_the_cap(site, tmp_path):
    bomb = gzip.compress(gzip.compress(b"<p>" + b"a" * (20 * MB)))
    site.expect_request("/gzgz").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip, gzip"}
    )
    resource = fetch_one(site.url_for("/gzgz"), options(tmp_path, max_html_bytes=1 * MB))
    assert (resource.status, resource.reason) == ("failed", "larger than 1 MB")


def test_gzip_and_brotli_bodies_are_decoded(site, tmp_path):
    site.expect_request("/gz").respond_with_data(
        gzip.compress(ARTICLE), content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    site.expect_request("/br").respond_with_data(
        brotli.compress(ARTICLE), content_type="text/html", headers={"Content-Encoding": "br"}
    )
    resources = fetch_resources(
        [FetchRequest(id="gz", url=site.url_for("/gz")), FetchRequest(id="br", url=site.url_for("/br"))],
        options(tmp_path),
    )
    assert [r.status for r in resources] == ["ok", "ok"]
    assert all(r.body == ARTICLE for r in resources)
    assert "gzip" in site.log[0][0].headers["Accept-Encoding"] and "br" in site.log[0][0].headers["Accept-Encoding"]


def test_truncated_gzip_body_fails_instead_of_printing_half(site, tmp_path):
    truncated = gzip.compress(ARTICLE)[:-40]
    site.expect_request("/cut").respond_with_data(truncated, content_type="text/html", headers={"Content-Encoding": "gzip"})
    resource = fetch_one(site.url_for("/cut"), options(tmp_path))
    assert (resource.status, resource.reason) == ("failed", "damaged download: the gzip data ends early (truncated)")


def test_corrupt_gzip_body_fails(site, tmp_path):
    data = bytearray(gzip.compress(ARTICLE))
    data[20:40] = b"\xff" * 20
    site.expect_request("/bad").respond_with_data(bytes(data), content_type="text/html", headers={"Content-Encoding": "gzip"})
    resource = fetch_one(site.url_for("/bad"), options(tmp_path))
    assert (resource.status, resource.reason) == ("failed", "damaged download: the gzip data is corrupt")


def test_javascript_only_shell_fails(site, tmp_path):
    site.expect_request("/app").respond_with_data((FIXTURES / "js_shell.html").read_bytes(), content_type="text/html")
    resource = fetch_one(site.url_for("/app"), options(tmp_path))
    assert (resource.status, resource.reason) == ("failed", "page needs JavaScript: no article text in the HTML")


@pytest.mark.parametrize("target", ["http://10.0.0.1/admin", "http://169.254.169.254/latest/meta-data/"])
def test_redirect_into_a_private_address_is_refused(site, tmp_path, target):
    site.expect_request("/jump").respond_with_response(Response("", status=302, headers={"Location": target}))
    resource = fetch_one(site.url_for("/jump"), options(tmp_path))
    address = target.split("/")[2]
    assert (resource.status, resource.reason) == ("failed", f"refused: private address {address}")
    assert len(site.log) == 1


def test_redirect_to_a_file_url_is_refused(site, tmp_path):
    site.expect_request("/jump").respond_with_response(Response("", status=302, headers={"Location": "file:///etc/passwd"}))
    resource = fetch_one(site.url_for("/jump"), options(tmp_path))
    assert resource.status == "failed"
    assert resource.reason.startswith("refused: only http and https")


def test_closed_port_fails_with_connection_refused(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    resource = fetch_one(f"http://127.0.0.1:{port}/", options(tmp_path))
    assert (resource.status, resource.reason) == ("failed", "connection refused")


def test_user_agent_is_honest(site, tmp_path):
    site.expect_request("/ua").respond_with_data(ARTICLE, content_type="text/html")
    fetch_one(site.url_for("/ua"), options(tmp_path))
    assert site.log[0][0].headers["User-Agent"].startswith("packet/")
