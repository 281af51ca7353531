"""The cache: a rebuild needs no network, --refresh revalidates, --offline
never connects, and a damaged entry is never printed."""

import hashlib
import json
from pathlib import Path

import pytest
from werkzeug import Response

from packet.fetch import FetchOptions, cache_lookup, fetch_resources, load_cached
from packet.fetch.cache import Cache
from packet.resource import FetchRequest

FIXTURES = Path(__file__).parent / "fixtures" / "fetch"
ARTICLE = (FIXTURES / "article.html").read_bytes()


def options(tmp_path, **overrides):
    settings = dict(cache_dir=tmp_path / "cache", backoff_base=0.01, retries=1, total_timeout=5.0)
    settings.update(overrides)
    return FetchOptions(**settings)


def fetch_one(url, opts):
    return fetch_resources([FetchRequest(id="r1", url=url)], opts)[0]


def test_second_build_makes_zero_requests(httpserver, tmp_path):
    httpserver.expect_request("/essay").respond_with_data(ARTICLE, content_type="text/html; charset=utf-8")
    url = httpserver.url_for("/essay")
    first = fetch_one(url, options(tmp_path))
    requests_after_first = len(httpserver.log)
    second = fetch_one(url, options(tmp_path))
    assert first.status == "ok"
    assert second.status == "cached"
    assert len(httpserver.log) == requests_after_first == 1
    assert second.body == first.body and second.text == first.text
    assert second.fetched_at == first.fetched_at


def test_cached_arxiv_fallback_is_not_repeated(httpserver, tmp_path):
    httpserver.expect_request("/html/2101.00001").respond_with_data("No HTML for '2101.00001'", status=404)
    httpserver.expect_request("/ar5iv/html/2101.00001").respond_with_data("", status=404)
    httpserver.expect_request("/pdf/2101.00001").respond_with_data(
        (FIXTURES / "minimal.pdf").read_bytes(), content_type="application/pdf"
    )
    opts = options(
        tmp_path,
        endpoints={
            "arxiv_html": httpserver.url_for("/html"),
            "ar5iv": httpserver.url_for("/ar5iv/html"),
            "arxiv_pdf": httpserver.url_for("/pdf"),
        },
    )
    assert fetch_one("https://arxiv.org/abs/2101.00001", opts).source == "arxiv-pdf"
    count = len(httpserver.log)
    again = fetch_one("https://arxiv.org/abs/2101.00001", opts)
    assert (again.status, again.source) == ("cached", "arxiv-pdf")
    assert again.is_pdf
    assert len(httpserver.log) == count


def etag_handler(request):
    if request.headers.get("If-None-Match") == '"v1"':
        return Response(status=304, headers={"ETag": '"v1"'})
    return Response(ARTICLE, content_type="text/html", headers={"ETag": '"v1"'})


def test_refresh_revalidates_with_etag_and_reuses_the_body_on_304(httpserver, tmp_path):
    httpserver.expect_request("/essay").respond_with_handler(etag_handler)
    url = httpserver.url_for("/essay")
    first = fetch_one(url, options(tmp_path))
    refreshed = fetch_one(url, options(tmp_path, refresh=True))
    assert refreshed.status == "revalidated"
    assert refreshed.body == first.body
    assert httpserver.log[1][0].headers["If-None-Match"] == '"v1"'
    assert httpserver.log[1][1].status_code == 304


def test_refresh_revalidates_with_last_modified(httpserver, tmp_path):
    stamp = "Tue, 01 Oct 2024 10:00:00 GMT"

    def handler(request):
        if request.headers.get("If-Modified-Since") == stamp:
            return Response(status=304)
        return Response(ARTICLE, content_type="text/html", headers={"Last-Modified": stamp})

    httpserver.expect_request("/essay").respond_with_handler(handler)
    url = httpserver.url_for("/essay")
    fetch_one(url, options(tmp_path))
    assert fetch_one(url, options(tmp_path, refresh=True)).status == "revalidated"


def test_refresh_takes_a_changed_page_and_caches_it(httpserver, tmp_path):
    url = httpserver.url_for("/essay")
    httpserver.expect_oneshot_request("/essay").respond_with_data(ARTICLE, content_type="text/html", headers={"ETag": '"v1"'})
    fetch_one(url, options(tmp_path))
    changed = ARTICLE.replace(b"Why Reading Groups Work", b"Why Reading Groups Still Work")
    httpserver.expect_request("/essay").respond_with_data(changed, content_type="text/html", headers={"ETag": '"v2"'})
    refreshed = fetch_one(url, options(tmp_path, refresh=True))
    assert refreshed.status == "ok"
    assert "Still Work" in refreshed.text
    assert fetch_one(url, options(tmp_path)).body == changed


def test_refresh_that_fails_keeps_the_cached_copy(httpserver, tmp_path):
    url = httpserver.url_for("/essay")
    httpserver.expect_oneshot_request("/essay").respond_with_data(ARTICLE, content_type="text/html")
    fetch_one(url, options(tmp_path))
    httpserver.expect_request("/essay").respond_with_data("gone", status=410)
    resource = fetch_one(url, options(tmp_path, refresh=True))
    assert resource.status == "cached"
    assert resource.reason == "refresh failed (410 Gone); kept the cached copy"
    assert resource.body == ARTICLE


def test_offline_with_empty_cache_reports_missing_without_connecting(httpserver, tmp_path, monkeypatch):
    def no_client(*args, **kwargs):
        raise AssertionError("offline mode must not create an HTTP client")

    monkeypatch.setattr("packet.fetch.readings.Client", no_client)
    httpserver.expect_request("/essay").respond_with_data(ARTICLE, content_type="text/html")
    resource = fetch_one(httpserver.url_for("/essay"), options(tmp_path, offline=True))
    assert (resource.status, resource.reason) == ("missing", "not in the cache (offline)")
    assert len(httpserver.log) == 0


def test_offline_uses_the_cache(httpserver, tmp_path):
    httpserver.expect_request("/essay").respond_with_data(ARTICLE, content_type="text/html")
    url = httpserver.url_for("/essay")
    fetch_one(url, options(tmp_path))
    resource = fetch_one(url, options(tmp_path, offline=True, refresh=True))
    assert resource.status == "cached"
    assert len(httpserver.log) == 1


def damage(tmp_path, url, how):
    body_path = Cache(tmp_path / "cache").body_path(url, "reading")
    data = body_path.read_bytes()
    if how == "truncate":
        body_path.write_bytes(data[: len(data) // 2])
    elif how == "flip":
        body_path.write_bytes(data[:-5] + b"XXXXX")
    else:
        body_path.with_suffix(".json").write_text("{not json")


@pytest.mark.parametrize("how", ["truncate", "flip", "sidecar"])
def test_damaged_cache_entry_is_refetched(httpserver, tmp_path, how):
    httpserver.expect_request("/essay").respond_with_data(ARTICLE, content_type="text/html")
    url = httpserver.url_for("/essay")
    fetch_one(url, options(tmp_path))
    damage(tmp_path, url, how)
    resource = fetch_one(url, options(tmp_path))
    assert resource.status == "ok"
    assert resource.body == ARTICLE
    assert len(httpserver.log) == 2


def test_damaged_cache_entry_offline_is_missing(httpserver, tmp_path):
    httpserver.expect_request("/essay").respond_with_data(ARTICLE, content_type="text/html")
    url = httpserver.url_for("/essay")
    fetch_one(url, options(tmp_path))
    damage(tmp_path, url, "truncate")
    resource = fetch_one(url, options(tmp_path, offline=True))
    assert (resource.status, resource.reason) == ("missing", "not in the cache (offline)")
    assert load_cached(url, options(tmp_path)) is None


def test_failures_are_remembered_until_refresh(httpserver, tmp_path):
    url = httpserver.url_for("/later")
    httpserver.expect_oneshot_request("/later").respond_with_data("no", status=404)
    assert fetch_one(url, options(tmp_path)).status == "failed"
    httpserver.expect_request("/later").respond_with_data(ARTICLE, content_type="text/html")
    again = fetch_one(url, options(tmp_path))
    assert (again.status, again.reason, again.http_status) == ("failed", "404 Not Found", 404)
    assert len(httpserver.log) == 1, "a rebuild does not ask a site that failed again"
    assert fetch_one(url, options(tmp_path, refresh=True)).status == "ok"
    assert fetch_one(url, options(tmp_path)).status == "cached"


def test_cache_entry_records_what_a_lock_file_needs(httpserver, tmp_path):
    httpserver.expect_request("/essay").respond_with_data(ARTICLE, content_type="text/html", headers={"ETag": '"v1"'})
    url = httpserver.url_for("/essay")
    fetch_one(url, options(tmp_path))
    entry = cache_lookup(url, options(tmp_path))
    assert entry.sha256 == hashlib.sha256(ARTICLE).hexdigest()
    assert entry.size == len(ARTICLE)
    assert entry.etag == '"v1"'
    assert entry.final_url == url
    assert entry.content_type == "text/html"
    sidecar = json.loads(Cache(tmp_path / "cache").body_path(url, "reading").with_suffix(".json").read_text())
    assert sidecar["sha256"] == entry.sha256
    resource = load_cached(url, options(tmp_path))
    assert resource.status == "cached"
    assert "Why Reading Groups Work" in resource.text


def test_latin1_page_reads_back_from_cache_correctly(httpserver, tmp_path):
    httpserver.expect_request("/latin1").respond_with_data(
        (FIXTURES / "latin1_no_charset.html").read_bytes(), content_type="text/html"
    )
    url = httpserver.url_for("/latin1")
    fetch_one(url, options(tmp_path))
    assert "Le café" in fetch_one(url, options(tmp_path)).text


def test_forum_post_is_cached_as_wrapped_html(httpserver, tmp_path):
    httpserver.expect_request("/graphql", method="POST").respond_with_data(
        (FIXTURES / "forum_graphql.json").read_bytes(), content_type="application/json"
    )
    opts = options(tmp_path, endpoints={"lesswrong": httpserver.url_for("/graphql")})
    url = "https://www.lesswrong.com/posts/abcDEF1234567890x/the-reading-group-post"
    fetch_one(url, opts)
    cached = fetch_one(url, opts)
    assert cached.status == "cached"
    assert cached.meta["authors"] == ["Forum Author"]
    assert len(httpserver.log) == 1
