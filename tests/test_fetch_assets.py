"""Images for the renderer: cached files, and a guard that keeps a public
page from reaching into the machine's network."""

import pytest
from werkzeug import Response

from packet.errors import FetchError
from packet.fetch import FetchOptions, fetch_assets
from packet.fetch.netguard import check_url, is_metadata_address, is_private_address, origin_of

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def options(tmp_path, **overrides):
    settings = dict(cache_dir=tmp_path / "cache", backoff_base=0.01, retries=0, connect_timeout=1.0, total_timeout=3.0)
    settings.update(overrides)
    return FetchOptions(**settings)


def test_image_on_the_readings_own_site_is_cached_and_served_from_a_file(httpserver, tmp_path):
    httpserver.expect_request("/fig1.png").respond_with_data(PNG, content_type="image/png")
    url = httpserver.url_for("/fig1.png")
    results = fetch_assets([url], httpserver.url_for("/essay"), options(tmp_path))
    result = results[url]
    assert result.ok and result.mime == "image/png"
    assert result.path.read_bytes() == PNG
    again = fetch_assets([url], httpserver.url_for("/essay"), options(tmp_path))
    assert again[url].path == result.path
    assert len(httpserver.log) == 1


def test_loopback_image_is_refused_for_a_public_reading(httpserver, tmp_path):
    httpserver.expect_request("/secret.png").respond_with_data(PNG, content_type="image/png")
    url = httpserver.url_for("/secret.png").replace("localhost", "127.0.0.1")
    results = fetch_assets([url], "https://example.org/post", options(tmp_path))
    assert results[url].reason == "refused: private address 127.0.0.1"
    assert len(httpserver.log) == 0


def test_cached_private_image_is_not_handed_to_another_reading(httpserver, tmp_path):
    httpserver.expect_request("/fig.png").respond_with_data(PNG, content_type="image/png")
    url = httpserver.url_for("/fig.png").replace("localhost", "127.0.0.1")
    assert fetch_assets([url], url, options(tmp_path))[url].ok
    other = fetch_assets([url], "https://example.org/post", options(tmp_path, offline=True))
    assert not other[url].ok


@pytest.mark.parametrize("target", ["http://10.0.0.1/x.png", "http://169.254.169.254/latest/meta-data/"])
def test_image_redirect_into_private_network_is_refused(httpserver, tmp_path, target):
    httpserver.expect_request("/img").respond_with_response(Response("", status=302, headers={"Location": target}))
    url = httpserver.url_for("/img")
    result = fetch_assets([url], httpserver.url_for("/essay"), options(tmp_path))[url]
    assert result.reason == f"refused: private address {target.split('/')[2]}"
    assert len(httpserver.log) == 1


@pytest.mark.parametrize("url", ["file:///etc/passwd", "data:image/png;base64,AAAA", "ftp://example.org/a.png"])
def test_non_http_image_urls_are_refused(tmp_path, url):
    result = fetch_assets([url], "https://example.org/", options(tmp_path))[url]
    assert not result.ok and result.reason.startswith("refused: only http and https")


def test_image_over_the_cap_is_refused(httpserver, tmp_path):
    httpserver.expect_request("/big.png").respond_with_data(PNG + b"\x00" * 4096, content_type="image/png")
    url = httpserver.url_for("/big.png")
    result = fetch_assets([url], url, options(tmp_path, max_image_bytes=1024))[url]
    assert result.reason == "larger than 1 KB"


def test_html_where_an_image_should_be_is_refused(httpserver, tmp_path):
    httpserver.expect_request("/fake.png").respond_with_data("<html>login</html>", content_type="text/html")
    url = httpserver.url_for("/fake.png")
    assert fetch_assets([url], url, options(tmp_path))[url].reason == "not an image (text/html)"


def test_missing_image_reports_status(httpserver, tmp_path):
    httpserver.expect_request("/nope.png").respond_with_data("", status=404)
    url = httpserver.url_for("/nope.png")
    assert fetch_assets([url], url, options(tmp_path))[url].reason == "404 Not Found"


def test_offline_image_not_in_cache(tmp_path):
    url = "https://example.org/a.png"
    assert fetch_assets([url], url, options(tmp_path, offline=True))[url].reason == "not in the cache (offline)"


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1",
     "0.0.0.0", "::1", "fd12::1", "fe80::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "ff02::1"],
)
def test_private_addresses_are_recognised(address):
    assert is_private_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address):
    assert not is_private_address(address)


@pytest.mark.parametrize("address,metadata", [
    ("169.254.169.254", True), ("fe80::1%eth0", True), ("::ffff:169.254.169.254", True), ("fd00:ec2::254", True),
    ("64:ff9b::a9fe:a9fe", True), ("64:ff9b:1::a9fe:a9fe", True), ("2002:a9fe:a9fe::", True),
    ("100.100.100.200", True), ("100.64.0.1", False),
    ("127.0.0.1", False), ("10.0.0.1", False), ("fd12::1", False), ("93.184.216.34", False),
])
def test_metadata_addresses_are_told_from_other_private_ones(address, metadata):
    assert is_metadata_address(address) is metadata


def test_check_url_refuses_private_and_allows_same_origin():
    with pytest.raises(FetchError, match=r"^refused: private address 169\.254\.169\.254$"):
        check_url("http://169.254.169.254/latest/", None)
    with pytest.raises(FetchError, match="private address"):
        check_url("http://[::ffff:a00:1]/", "https://example.org:443")
    check_url("http://127.0.0.1:8000/fig.png", "http://127.0.0.1:8000")
    with pytest.raises(FetchError, match="private address 127.0.0.1"):
        check_url("http://127.0.0.1:8001/fig.png", "http://127.0.0.1:8000")


def test_origin_spells_out_the_port():
    assert origin_of("HTTP://Example.org/a") == "http://example.org:80"
    assert origin_of("https://example.org:443/b") == origin_of("https://example.org/c")


def test_host_that_resolves_public_then_connects_private_is_refused(httpserver, tmp_path, monkeypatch):
    """DNS rebinding: the guard's lookup says public, the connection lands on
    loopback. The address actually connected to is checked before the body
    is read. (Only the guard's DNS answer is faked; HTTP is real.)"""
    import packet.fetch.netguard as netguard

    monkeypatch.setattr(netguard, "resolve", lambda host, port: ["93.184.216.34"])
    httpserver.expect_request("/rebound.png").respond_with_data(PNG, content_type="image/png")
    url = httpserver.url_for("/rebound.png").replace("127.0.0.1", "localhost")
    results = fetch_assets([url], "https://example.org/post", options(tmp_path))
    assert results[url].reason in ("refused: private address 127.0.0.1", "refused: private address ::1")
