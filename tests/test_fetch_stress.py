"""The fetch layer against answers real web servers and services send.

Each test serves one shape from a real HTTP server on 127.0.0.1 (no mocked
HTTP) and checks that the reading ends as a status and a reason the
organizer can act on, that one bad reading never takes the others down, and
that nothing unusable is printed as if it were the article. Where a body
copies a real template its origin is named; the rest are hand-written
stand-ins of the shape and say so.
"""

from __future__ import annotations

import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from werkzeug import Response

from packet.fetch import fetch_assets, fetch_resources
from packet.fetch.sources import page as page_source
from packet.resource import FetchRequest

from .test_fetch_faults import options as fault_options

FIXTURES = Path(__file__).parent / "fixtures" / "fetch"
ARTICLE = (FIXTURES / "article.html").read_bytes()
ARTICLE_TITLE = "Why Reading Groups Work"


def options(tmp_path, **overrides):
    """test_fetch_faults' fast options, with shorter waits still."""
    return fault_options(tmp_path, **{"read_timeout": 1.0, "total_timeout": 2.0, "retry_after_cap": 0.2, **overrides})


def fetch_many(urls, opts):
    return fetch_resources([FetchRequest(id=f"r{i}", url=url) for i, url in enumerate(urls)], opts)


def fetch_one(url, opts):
    return fetch_many([url], opts)[0]


def requests_to(server, path):
    return sum(1 for request, _ in server.log if request.path == path)


class _RawSite:
    """A loopback server that writes prepared bytes as the whole answer, for
    headers a framework would refuse to send (raw UTF-8 in Location)."""

    def __init__(self, answers: dict[str, bytes]):
        answers_ = answers
        self.log: list[str] = []
        log = self.log

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                log.append(self.path)
                self.wfile.write(answers_.get(self.path, b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def raw_answer(status_line: str, headers: dict[str, str] | None = None, body: bytes = b"") -> bytes:
    """One whole HTTP/1.1 answer as bytes; header values may carry raw UTF-8."""
    lines = [f"HTTP/1.1 {status_line}".encode()]
    for name, value in {**(headers or {}), "Content-Length": str(len(body))}.items():
        lines.append(name.encode() + b": " + value.encode("utf-8"))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


@pytest.fixture
def raw_site():
    sites = []

    def start(answers: dict[str, bytes]) -> _RawSite:
        sites.append(_RawSite(answers))
        return sites[-1]

    yield start
    for site in sites:
        site.close()


# Redirects whose Location is no usable address (werkzeug rewrites such a
# Location before sending it, so the raw server answers these)


@pytest.mark.parametrize(
    "location,reason",
    [
        # A port past 65535: urllib raised ValueError out of the guard, and
        # the traceback took every other reading of the build with it.
        ("http://example.com:99999/", "not a valid address: http://example.com:99999/"),
        # httpx parsed the Location to prepare its own next request and
        # raised InvalidURL, again a traceback for the whole fetch.
        ("javascript:alert(1)", "refused: only http and https links are fetched (javascript scheme)"),
        # An unclosed IPv6 bracket read as a dropped connection: retried, and
        # reported as "connection closed before the whole answer arrived".
        ("http://[::1/", "redirected to an address that is not valid: http://[::1/"),
    ],
)
def test_redirect_to_an_unusable_address_fails_that_reading_alone(raw_site, tmp_path, location, reason):
    site = raw_site({
        "/jump": raw_answer("302 Found", {"Location": location}),
        "/fine": raw_answer("200 OK", {"Content-Type": "text/html"}, ARTICLE),
    })
    jumped, fine = fetch_many([f"{site.url}/jump", f"{site.url}/fine"], options(tmp_path))
    assert (jumped.status, jumped.reason) == ("failed", reason)
    assert fine.status == "ok"
    assert site.log.count("/jump") == 1


@pytest.mark.parametrize("url", ["http://[::1", "http://127.0.0.1:99999/post"])
def test_reading_url_that_is_no_address_fails_alone(httpserver, tmp_path, url):
    # Both pass the curriculum's check; urllib's ValueError ("Invalid IPv6
    # URL") escaped `packet fetch`, `build` and `extract` as a traceback.
    httpserver.expect_request("/fine").respond_with_data(ARTICLE, content_type="text/html")
    bad, fine = fetch_many([url, httpserver.url_for("/fine")], options(tmp_path))
    assert (bad.status, bad.reason) == ("failed", f"not a valid address: {url}")
    assert fine.status == "ok"


@pytest.mark.parametrize("url", [
    "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/x", "http://[fd00:ec2::254]/latest/",
    # The same address as a resolver also reads it: integer, hex, a
    # trailing dot, NAT64 and 6to4 wrappings; and Alibaba Cloud's.
    "http://2852039166/latest/", "http://0xa9fea9fe/latest/", "http://169.254.169.254./latest/",
    "http://[64:ff9b::a9fe:a9fe]/latest/", "http://[2002:a9fe:a9fe::]/latest/", "http://100.100.100.200/latest/",
])
def test_a_reading_named_on_a_metadata_address_is_refused_before_connecting(httpserver, tmp_path, url):
    # Organizer-named readings are trusted, loopback included (tests, course
    # sites on a laptop); a cloud machine's metadata service is no reading,
    # and a copied curriculum must not make the build read its credentials.
    httpserver.expect_request("/fine").respond_with_data(ARTICLE, content_type="text/html")
    bad, fine = fetch_many([url, httpserver.url_for("/fine")], options(tmp_path))
    assert bad.status == "failed" and bad.reason.startswith("refused: metadata address ")
    assert "metadata service" in bad.reason
    assert fine.status == "ok"


def test_a_resolver_that_never_answers_fails_the_reading_within_the_connect_timeout(tmp_path, monkeypatch, httpserver):
    # The address guard resolves names itself before each request; a DNS
    # server that hangs fails that reading in the connect timeout with a
    # reason, and the others go on. Only the guard's DNS answer is faked.
    import socket
    import time

    import packet.fetch.netguard as netguard

    real = socket.getaddrinfo

    def hang(host, *a, **k):
        if host == "slow.example.internal":
            time.sleep(2)
        return real(host, *a, **k)

    monkeypatch.setattr(netguard.socket, "getaddrinfo", hang)
    httpserver.expect_request("/fine").respond_with_data(ARTICLE, content_type="text/html")
    slow, fine = fetch_many(["http://slow.example.internal/a", httpserver.url_for("/fine")],
                            options(tmp_path, connect_timeout=0.5))
    assert slow.status == "failed" and slow.reason == "could not resolve host slow.example.internal: no answer in 0.5 s"
    assert fine.status == "ok"


def test_a_reading_whose_host_name_resolves_to_a_metadata_address_is_refused_before_any_request(tmp_path, monkeypatch):
    # A name in the curriculum (an internal alias, a DNS answer an attacker
    # controls) that points at the metadata service. Only the guard's DNS
    # answer is faked; no server is needed, since no request may be sent.
    import socket

    import packet.fetch.netguard as netguard

    real = socket.getaddrinfo
    fake = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", 0))]
    monkeypatch.setattr(netguard.socket, "getaddrinfo",
                        lambda host, *a, **k: fake if host == "creds.example.internal" else real(host, *a, **k))
    (bad,) = fetch_many(["http://creds.example.internal/latest/meta-data/"], options(tmp_path))
    assert bad.status == "failed" and bad.reason.startswith("refused: metadata address 169.254.169.254")


def test_image_url_that_is_no_address_is_refused_not_raised(tmp_path):
    urls = ["http://[::1/x.png", "http://example.com:99999/y.png"]
    results = fetch_assets(urls, "http://127.0.0.1:1/post", options(tmp_path))
    assert [results[url].reason for url in urls] == [f"not a valid address: {url}" for url in urls]


def test_location_in_raw_utf8_is_read_as_utf8(raw_site, tmp_path):
    # Servers send a non-ASCII redirect target as raw UTF-8 bytes, which
    # browsers follow as UTF-8 (httpx decodes header values the same way).
    site = raw_site({
        "/old": raw_answer("301 Moved Permanently", {"Location": "/café"}),
        "/caf%C3%A9": raw_answer("200 OK", {"Content-Type": "text/html"}, ARTICLE),
    })
    resource = fetch_one(f"{site.url}/old", options(tmp_path))
    assert resource.status == "ok"
    assert resource.url == f"{site.url}/caf%C3%A9"


# Content-Encoding


def test_raw_deflate_without_zlib_header_is_decoded(httpserver, tmp_path):
    # Content-Encoding: deflate sent as raw deflate (no zlib wrapper), as old
    # IIS and some frameworks do; browsers and httpx read it, packet called
    # it "damaged download: the deflate data is corrupt".
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    body = raw.compress(ARTICLE) + raw.flush()
    httpserver.expect_request("/raw").respond_with_data(body, content_type="text/html", headers={"Content-Encoding": "deflate"})
    httpserver.expect_request("/zlib").respond_with_data(
        zlib.compress(ARTICLE), content_type="text/html", headers={"Content-Encoding": "deflate"}
    )
    raw_deflate, zlib_deflate = fetch_many([httpserver.url_for("/raw"), httpserver.url_for("/zlib")], options(tmp_path))
    assert (raw_deflate.status, zlib_deflate.status) == ("ok", "ok")
    assert raw_deflate.body == zlib_deflate.body == ARTICLE


def test_raw_deflate_bomb_is_still_refused_at_the_cap(httpserver, tmp_path):
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    bomb = raw.compress(b"<p>" + b"a" * (20 * 1024 * 1024)) + raw.flush()
    httpserver.expect_request("/bomb").respond_with_data(bomb, content_type="text/html", headers={"Content-Encoding": "deflate"})
    resource = fetch_one(httpserver.url_for("/bomb"), options(tmp_path, max_html_bytes=1024 * 1024))
    assert (resource.status, resource.reason) == ("failed", "larger than 1 MB")


# PDFs cut short


def test_pdf_cut_short_is_a_damaged_download(httpserver, tmp_path):
    # The report said "ok" and the handout then printed "not a readable PDF:
    # Stream has ended unexpectedly" (pypdf's "EOF marker not found").
    pdf = (FIXTURES / "minimal.pdf").read_bytes()
    httpserver.expect_request("/report.pdf").respond_with_data(pdf[: len(pdf) // 2], content_type="application/pdf")
    httpserver.expect_request("/whole.pdf").respond_with_data(pdf, content_type="application/pdf")
    cut, whole = fetch_many([httpserver.url_for("/report.pdf"), httpserver.url_for("/whole.pdf")], options(tmp_path))
    assert (cut.status, cut.reason) == ("failed", "damaged download: the PDF ends early (no %%EOF marker; truncated)")
    assert whole.status == "ok" and whole.body == pdf


# Redirect pages: a refresh instead of an HTTP redirect

# jekyll-redirect-from's lib/jekyll-redirect-from/redirect.html (GitHub Pages
# blogs whose posts moved), scripts shortened.
JEKYLL_REDIRECT = """<!DOCTYPE html>
<html lang="en-US">
  <meta charset="utf-8">
  <title>Redirecting&hellip;</title>
  <link rel="canonical" href="{to}">
  <script>location="{to}"</script>
  <meta id="refresh-meta" http-equiv="refresh" content="0; url={to}">
  <meta name="robots" content="noindex">
  <h1>Redirecting&hellip;</h1>
  <a id="redirect-link" href="{to}">Click here if you are not redirected.</a>
</html>
"""
# Hugo's embedded alias template (tpl/tplimpl/embedded/templates/alias.html).
HUGO_ALIAS = """<!doctype html>
<html lang="en-us">
  <head>
    <title>{to}</title>
    <link rel="canonical" href="{to}">
    <meta charset="utf-8" />
    <meta http-equiv="refresh" content="0; url={to}">
  </head>
</html>
"""


@pytest.mark.parametrize("template", [JEKYLL_REDIRECT, HUGO_ALIAS], ids=["jekyll", "hugo"])
def test_redirect_page_is_followed_to_the_article(httpserver, tmp_path, template):
    # Jekyll's page failed as "page needs JavaScript"; Hugo's was "ok" and
    # printed an empty article titled with the new address.
    target = httpserver.url_for("/2024/new-home/")
    httpserver.expect_request("/old-post").respond_with_data(template.format(to=target), content_type="text/html")
    httpserver.expect_request("/2024/new-home/").respond_with_data(ARTICLE, content_type="text/html")
    resource = fetch_one(httpserver.url_for("/old-post"), options(tmp_path))
    assert resource.status == "ok"
    assert ARTICLE_TITLE in resource.text
    assert resource.url == target
    assert resource.redirects == [(page_source.REFRESH_HOP, target)]


def test_refresh_header_is_followed_too(httpserver, tmp_path):
    # Stand-in: the Refresh header some servers send instead of a 3xx.
    httpserver.expect_request("/moved").respond_with_data(
        "<p>Moved.</p>", content_type="text/html", headers={"Refresh": "0; url=/new"}
    )
    httpserver.expect_request("/new").respond_with_data(ARTICLE, content_type="text/html")
    resource = fetch_one(httpserver.url_for("/moved"), options(tmp_path))
    assert resource.status == "ok" and ARTICLE_TITLE in resource.text


def test_redirect_page_into_a_private_address_is_refused(httpserver, tmp_path):
    metadata = "http://169.254.169.254/latest/meta-data/"
    httpserver.expect_request("/old-post").respond_with_data(HUGO_ALIAS.format(to=metadata), content_type="text/html")
    resource = fetch_one(httpserver.url_for("/old-post"), options(tmp_path))
    assert (resource.status, resource.reason) == ("failed", "refused: private address 169.254.169.254")


def test_redirect_page_loop_ends(httpserver, tmp_path):
    httpserver.expect_request("/a").respond_with_data(HUGO_ALIAS.format(to="/a"), content_type="text/html")
    resource = fetch_one(httpserver.url_for("/a"), options(tmp_path, max_redirects=3))
    assert (resource.status, resource.reason) == ("failed", "too many redirects")
    assert requests_to(httpserver, "/a") == 4


def test_refresh_inside_noscript_is_a_javascript_apps_fallback_not_a_redirect(httpserver, tmp_path):
    # Stand-in: a script-drawn app sending browsers without JavaScript to a
    # notice page; following it would print the notice as the article.
    shell = (
        '<!DOCTYPE html><html><head><noscript><meta http-equiv="refresh" content="0; url=/enable-js"></noscript>'
        '<title>App</title></head><body><div id="root"></div><script src="/app.js"></script></body></html>'
    )
    httpserver.expect_request("/app").respond_with_data(shell, content_type="text/html")
    resource = fetch_one(httpserver.url_for("/app"), options(tmp_path))
    assert (resource.status, resource.reason) == ("failed", "page needs JavaScript: no article text in the HTML")
    assert requests_to(httpserver, "/enable-js") == 0


def test_article_that_reloads_itself_is_not_a_redirect_page(httpserver, tmp_path):
    # News front pages reload themselves every few minutes; the article stays.
    page = ARTICLE.replace(b"<head>", b'<head><meta http-equiv="refresh" content="300; url=/elsewhere">', 1)
    assert page != ARTICLE
    httpserver.expect_request("/live").respond_with_data(page, content_type="text/html")
    resource = fetch_one(httpserver.url_for("/live"), options(tmp_path))
    assert resource.status == "ok" and resource.redirects == []


# Bot checks, blocks and rate limits: the reason says which

# Stand-in, shortened from the shape of Cloudflare's managed challenge
# ("Just a moment...", the cf-mitigated: challenge header Cloudflare documents).
CHALLENGE = b"""<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta name="robots" content="noindex,nofollow"><meta http-equiv="refresh" content="390"></head>
<body class="no-js"><noscript><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></noscript>
<script>(function(){window._cf_chl_opt={cType: 'managed'};}());</script></body></html>"""


@pytest.mark.parametrize("status", [403, 503])
def test_cloudflare_challenge_says_so_and_is_not_retried(httpserver, tmp_path, status):
    httpserver.expect_request("/post").respond_with_data(
        CHALLENGE, status=status, content_type="text/html", headers={"cf-mitigated": "challenge", "Server": "cloudflare"}
    )
    resource = fetch_one(httpserver.url_for("/post"), options(tmp_path))
    assert resource.status == "failed"
    assert resource.reason.endswith("(blocked by the site's bot check, a Cloudflare challenge)")
    assert resource.http_status == status
    assert requests_to(httpserver, "/post") == 1


def test_plain_403_says_the_site_blocks(httpserver, tmp_path):
    httpserver.expect_request("/post").respond_with_data("Forbidden", status=403)
    resource = fetch_one(httpserver.url_for("/post"), options(tmp_path))
    assert (resource.reason, resource.http_status) == ("403 Forbidden (blocked by the site)", 403)


def test_rate_limit_says_how_often_it_was_retried(httpserver, tmp_path):
    httpserver.expect_request("/busy").respond_with_data("slow down", status=429, headers={"Retry-After": "0"})
    resource = fetch_one(httpserver.url_for("/busy"), options(tmp_path, retries=2))
    assert resource.reason == "429 Too Many Requests (rate-limited by the site; retried 2 times)"
    assert resource.http_status == 429
    assert requests_to(httpserver, "/busy") == 3


def test_retry_after_past_the_cap_gives_up_at_once(httpserver, tmp_path):
    # A site asking for an hour's pause: waiting the cap thrice (90 s with the
    # defaults) and asking again only delayed the build by a known answer.
    httpserver.expect_request("/busy").respond_with_data("slow down", status=429, headers={"Retry-After": "3600"})
    resource = fetch_one(httpserver.url_for("/busy"), options(tmp_path, retries=3, retry_after_cap=0.5))
    assert resource.reason == "429 Too Many Requests (rate-limited by the site; it asks to wait 1 h)"
    assert requests_to(httpserver, "/busy") == 1


# Empty answers


@pytest.mark.parametrize("content_type", [None, "text/html", "application/pdf"])
def test_empty_200_says_it_was_empty(httpserver, tmp_path, content_type):
    httpserver.expect_request("/empty").respond_with_response(Response(b"", status=200, content_type=content_type))
    resource = fetch_one(httpserver.url_for("/empty"), options(tmp_path))
    assert (resource.status, resource.reason) == ("failed", "empty answer: the site sent no content (HTTP 200)")


# Cookie-consent walls reached by redirect


@pytest.mark.parametrize(
    "final_url",
    [
        "https://consent.yahoo.com/v2/collectConsent?sessionId=3_cc-session_0123",
        "https://guce.yahoo.com/consent?brandType=nonEu&gcrumb=abc",
        "https://consent.google.com/ml?continue=https://blog.google/technology/ai/&gl=FR&hl=fr",
    ],
)
def test_consent_wall_is_not_printed_as_the_article(final_url):
    # The consent hosts cannot be served from loopback (their names must
    # resolve), so this asks the decision directly of the answer a redirect
    # chain ends with; the page is a hand-written stand-in.
    from httpx import Headers

    from packet.errors import FetchError
    from packet.fetch.client import Response as Answer

    consent = b"<html><body><h1>We value your privacy</h1><button>Accept all</button></body></html>"
    answer = Answer(url=final_url, status=200, headers=Headers({"content-type": "text/html"}), body=consent)
    with pytest.raises(FetchError) as caught:
        page_source.content_from_response(answer, source="page")
    host = final_url.split("/")[2]
    assert str(caught.value) == f"stopped at a cookie-consent page ({host}) instead of the article"


# Substack: a paid post must never print as whole

# Stand-in of a Substack paid post page: the public preview, then the
# paywall block (the class and heading Substack scrapers key on).
PAID_PAGE = b"""<!DOCTYPE html><html><head><title>The Paid Part</title></head><body><article>
<h1 class="post-title">The Paid Part</h1><div class="available-content"><div class="body markup">
<p>""" + b"The first paragraphs are public and long enough to read like an article. " * 20 + b"""</p>
</div></div><div data-testid="paywall" class="paywall"><h2 class="paywall-title">This post is for paid subscribers</h2>
<a class="button primary" href="/subscribe">Subscribe</a></div></article></body></html>"""


def test_paid_post_page_is_refused_when_the_api_is_rate_limited(httpserver, tmp_path):
    # Substack's API answers 429 readily; the page fallback printed the
    # preview of a paid post as the whole post.
    httpserver.expect_request("/api/v1/posts/the-paid-part").respond_with_data("", status=429, headers={"Retry-After": "0"})
    httpserver.expect_request("/p/the-paid-part").respond_with_data(PAID_PAGE, content_type="text/html")
    resource = fetch_one(httpserver.url_for("/p/the-paid-part"), options(tmp_path, retries=1))
    assert (resource.status, resource.reason) == ("failed", "paywalled: only a preview is public")
    assert resource.text is None


def test_free_post_without_a_body_gets_its_page(httpserver, tmp_path):
    # Stand-in: an API answer for a free post with body_html null (a podcast
    # post); "paywalled" would be a wrong reason, the page is the reading.
    httpserver.expect_request("/api/v1/posts/episode").respond_with_json(
        {"title": "Episode", "audience": "everyone", "body_html": None}
    )
    httpserver.expect_request("/p/episode").respond_with_data(ARTICLE, content_type="text/html")
    resource = fetch_one(httpserver.url_for("/p/episode"), options(tmp_path))
    assert (resource.status, resource.source) == ("ok", "page")


# One unforeseen fault stays with its reading


def test_unexpected_error_in_a_source_fails_only_that_reading(httpserver, tmp_path, monkeypatch):
    real = page_source.content_from_response

    def broken(response, source):
        if response.url.endswith("/bad"):
            raise RuntimeError("boom")
        return real(response, source)

    monkeypatch.setattr(page_source, "content_from_response", broken)
    httpserver.expect_request("/bad").respond_with_data(ARTICLE, content_type="text/html")
    httpserver.expect_request("/good").respond_with_data(ARTICLE, content_type="text/html")
    bad, good = fetch_many([httpserver.url_for("/bad"), httpserver.url_for("/good")], options(tmp_path))
    assert bad.status == "failed"
    assert "internal error" in bad.reason and "RuntimeError: boom" in bad.reason
    assert good.status == "ok"
