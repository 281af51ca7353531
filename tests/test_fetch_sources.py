"""Each site's best route, served by a loopback imitation of the site."""

import json
from pathlib import Path

import pytest
from werkzeug import Response

from packet.fetch import FetchOptions, fetch_resources
from packet.resource import FetchRequest

FIXTURES = Path(__file__).parent / "fixtures" / "fetch"
ARTICLE = (FIXTURES / "article.html").read_bytes()
PDF = (FIXTURES / "minimal.pdf").read_bytes()


def options(tmp_path, **overrides):
    settings = dict(
        cache_dir=tmp_path / "cache",
        backoff_base=0.01,
        retries=1,
        connect_timeout=2.0,
        read_timeout=2.0,
        total_timeout=3.0,
    )
    settings.update(overrides)
    return FetchOptions(**settings)


def fetch_one(url, opts, kind="article"):
    return fetch_resources([FetchRequest(id="r1", url=url, kind=kind)], opts)[0]


def fixture(name):
    return (FIXTURES / name).read_bytes()


def html(name):
    return Response(fixture(name), content_type="text/html; charset=utf-8")


# arXiv


def arxiv_options(tmp_path, httpserver):
    return options(
        tmp_path,
        endpoints={
            "arxiv_html": httpserver.url_for("/html"),
            "ar5iv": httpserver.url_for("/ar5iv/html"),
            "arxiv_pdf": httpserver.url_for("/pdf"),
        },
    )


@pytest.mark.parametrize(
    "link",
    [
        "https://arxiv.org/abs/2101.00001",
        "https://arxiv.org/pdf/2101.00001.pdf",
        "https://arxiv.org/html/2101.00001",
        "https://ar5iv.labs.arxiv.org/html/2101.00001",
        "https://ar5iv.org/abs/2101.00001",
    ],
)
def test_any_arxiv_link_is_fetched_as_arxiv_html(httpserver, tmp_path, link):
    httpserver.expect_request("/html/2101.00001").respond_with_response(html("arxiv_html.html"))
    resource = fetch_one(link, arxiv_options(tmp_path, httpserver))
    assert resource.status == "ok"
    assert resource.source == "arxiv-html"
    assert "ltx_title_section" in resource.text


def test_arxiv_without_html_falls_back_to_ar5iv(httpserver, tmp_path):
    httpserver.expect_request("/html/2101.00001").respond_with_response(html("arxiv_no_html.html"))
    httpserver.expect_request("/ar5iv/html/2101.00001").respond_with_response(html("ar5iv.html"))
    resource = fetch_one("https://arxiv.org/abs/2101.00001", arxiv_options(tmp_path, httpserver))
    assert resource.status == "ok"
    assert resource.source == "ar5iv"
    assert "ar5iv rendering" in resource.text


def test_arxiv_with_no_rendering_falls_back_to_the_pdf(httpserver, tmp_path):
    httpserver.expect_request("/html/2101.00001").respond_with_response(html("arxiv_no_html.html"))
    httpserver.expect_request("/ar5iv/html/2101.00001").respond_with_response(html("ar5iv_fatal.html"))
    httpserver.expect_request("/pdf/2101.00001").respond_with_data(PDF, content_type="application/pdf")
    resource = fetch_one("https://arxiv.org/abs/2101.00001", arxiv_options(tmp_path, httpserver))
    assert resource.status == "ok"
    assert resource.source == "arxiv-pdf"
    assert resource.is_pdf and resource.body == PDF


def test_arxiv_paper_missing_everywhere_fails_with_the_pdf_reason(httpserver, tmp_path):
    for path in ("/html/2101.99999", "/ar5iv/html/2101.99999", "/pdf/2101.99999"):
        httpserver.expect_request(path).respond_with_data("gone", status=404)
    resource = fetch_one("https://arxiv.org/abs/2101.99999", arxiv_options(tmp_path, httpserver))
    assert resource.status == "failed"
    assert resource.reason.startswith("404 Not Found")


# Forums


def test_forum_post_comes_from_graphql_with_metadata(httpserver, tmp_path):
    seen = []

    def graphql(request):
        seen.append(request.get_json())
        return Response(fixture("forum_graphql.json"), content_type="application/json")

    httpserver.expect_request("/graphql", method="POST").respond_with_handler(graphql)
    opts = options(tmp_path, endpoints={"lesswrong": httpserver.url_for("/graphql")})
    resource = fetch_one("https://www.lesswrong.com/posts/abcDEF1234567890x/the-reading-group-post", opts)
    assert resource.status == "ok"
    assert resource.source == "forum-api"
    assert seen[0]["variables"] == {"key": "abcDEF1234567890x"}
    assert "post(input: {selector: {_id: $key}})" in seen[0]["query"]
    assert resource.meta == {
        "title": "The Reading Group Post", "authors": ["Forum Author"], "date": "2024-03-05T17:00:00.000Z",
        "forum": "lesswrong",
    }
    assert "<title>The Reading Group Post</title>" in resource.text
    assert '<meta name="author" content="Forum Author">' in resource.text
    assert '<meta property="article:published_time" content="2024-03-05T17:00:00.000Z">' in resource.text
    assert "served by the forum&#x27;s GraphQL API" in resource.text or "served by the forum's GraphQL API" in resource.text


def test_alignment_forum_post_is_asked_of_lesswrong_when_af_fails(httpserver, tmp_path):
    httpserver.expect_request("/af/graphql", method="POST").respond_with_data("", status=503)
    httpserver.expect_request("/lw/graphql", method="POST").respond_with_data(
        fixture("forum_graphql.json"), content_type="application/json"
    )
    opts = options(
        tmp_path,
        endpoints={"alignmentforum": httpserver.url_for("/af/graphql"), "lesswrong": httpserver.url_for("/lw/graphql")},
    )
    resource = fetch_one("https://www.alignmentforum.org/posts/abcDEF1234567890x/x", opts)
    assert resource.status == "ok"
    assert (resource.source, resource.meta["forum"]) == ("forum-api", "lesswrong")


def test_forum_falls_back_to_the_page_when_the_api_fails(httpserver, tmp_path):
    httpserver.expect_request("/graphql", method="POST").respond_with_json({"errors": [{"message": "boom"}]})
    httpserver.expect_request("/posts/abcDEF1234567890x/slug").respond_with_response(html("article.html"))
    opts = options(tmp_path, endpoints={"eaforum": httpserver.url_for("/graphql")})
    resource = fetch_one(httpserver.url_for("/posts/abcDEF1234567890x/slug"), opts)
    assert resource.status == "ok"
    assert resource.source == "page"
    assert "Why Reading Groups Work" in resource.text


# Substack


def test_substack_post_comes_from_the_api(httpserver, tmp_path):
    httpserver.expect_request("/api/v1/posts/on-reading-slowly").respond_with_data(
        fixture("substack_post.json"), content_type="application/json"
    )
    resource = fetch_one(httpserver.url_for("/p/on-reading-slowly"), options(tmp_path))
    assert resource.status == "ok"
    assert resource.source == "substack-api"
    assert resource.meta["authors"] == ["Sub Stacker"]
    assert resource.meta["title"] == "On Reading Slowly"
    assert "The whole post, free to read" in resource.text


def test_substack_domain_uses_the_configured_api_template(httpserver, tmp_path):
    httpserver.expect_request("/example/api/v1/posts/on-reading-slowly").respond_with_data(
        fixture("substack_post.json"), content_type="application/json"
    )
    template = httpserver.url_for("/example/api/v1/posts/{slug}")
    opts = options(tmp_path, endpoints={"substack": template})
    resource = fetch_one("https://example.substack.com/p/on-reading-slowly", opts)
    assert resource.status == "ok"
    assert resource.url == "https://example.substack.com/p/on-reading-slowly"


def test_paywalled_substack_post_is_refused_not_half_printed(httpserver, tmp_path):
    httpserver.expect_request("/api/v1/posts/the-paid-part").respond_with_data(
        fixture("substack_paywalled.json"), content_type="application/json"
    )
    httpserver.expect_request("/p/the-paid-part").respond_with_response(html("article.html"))
    resource = fetch_one(httpserver.url_for("/p/the-paid-part"), options(tmp_path))
    assert resource.status == "failed"
    assert resource.reason == "paywalled: only a preview is public"
    assert resource.text is None


def test_p_slug_site_without_substack_api_gets_its_page(httpserver, tmp_path):
    httpserver.expect_request("/api/v1/posts/some-post").respond_with_data("nope", status=404)
    httpserver.expect_request("/p/some-post").respond_with_response(html("article.html"))
    resource = fetch_one(httpserver.url_for("/p/some-post"), options(tmp_path))
    assert resource.status == "ok"
    assert resource.source == "page"


# Google Docs

DOC_ID = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"


def test_shared_google_doc_is_exported_as_html(httpserver, tmp_path):
    httpserver.expect_request(f"/document/d/{DOC_ID}/export", query_string="format=html").respond_with_response(
        html("gdocs_export.html")
    )
    opts = options(tmp_path, endpoints={"gdocs": httpserver.url_for("/")})
    resource = fetch_one(f"https://docs.google.com/document/d/{DOC_ID}/edit?usp=sharing", opts)
    assert resource.status == "ok"
    assert resource.source == "gdocs"
    assert "Questions to bring" in resource.text


def test_private_google_doc_is_reported_not_shared(httpserver, tmp_path):
    httpserver.expect_request(f"/document/d/{DOC_ID}/export").respond_with_response(
        Response("", status=302, headers={"Location": "/v3/signin/identifier?continue=docs"})
    )
    httpserver.expect_request("/v3/signin/identifier").respond_with_response(html("gdocs_login.html"))
    opts = options(tmp_path, endpoints={"gdocs": httpserver.url_for("/")})
    resource = fetch_one(f"https://docs.google.com/document/d/{DOC_ID}/edit", opts)
    assert resource.status == "failed"
    assert resource.reason == "not shared publicly"


# PDFs, videos, plain pages


def test_pdf_link_is_kept_as_pdf_bytes(httpserver, tmp_path):
    httpserver.expect_request("/report.pdf").respond_with_data(PDF, content_type="application/pdf")
    resource = fetch_one(httpserver.url_for("/report.pdf"), options(tmp_path))
    assert resource.status == "ok"
    assert resource.source == "pdf"
    assert resource.content_type == "application/pdf"
    assert resource.body.startswith(b"%PDF")
    assert resource.text is None


def test_plain_page_is_decoded_html(httpserver, tmp_path):
    httpserver.expect_request("/essay").respond_with_response(html("article.html"))
    resource = fetch_one(httpserver.url_for("/essay"), options(tmp_path))
    assert resource.status == "ok"
    assert resource.source == "page"
    assert resource.content_type == "text/html"
    assert "<h1>Why Reading Groups Work</h1>" in resource.text
    assert resource.http_status == 200


@pytest.mark.parametrize(
    "url,kind",
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "article"),
        ("https://youtu.be/dQw4w9WgXcQ", "article"),
        ("https://vimeo.com/123456", "article"),
        ("URL_OF_SERVER", "video"),
    ],
)
def test_videos_are_skipped_and_never_fetched(httpserver, tmp_path, url, kind):
    httpserver.expect_request("/talk").respond_with_response(html("article.html"))
    url = httpserver.url_for("/talk") if url == "URL_OF_SERVER" else url
    resource = fetch_one(url, options(tmp_path), kind=kind)
    assert resource.status == "skipped"
    assert len(httpserver.log) == 0


def test_results_come_back_in_input_order_with_on_done_for_each(httpserver, tmp_path):
    for name in ("a", "b", "c"):
        httpserver.expect_request(f"/{name}").respond_with_response(html("article.html"))
    requests = [FetchRequest(id=name, url=httpserver.url_for(f"/{name}")) for name in ("c", "a", "b")]
    requests.append(FetchRequest(id="v", url="https://youtu.be/x"))
    done = []
    resources = fetch_resources(requests, options(tmp_path), on_done=done.append)
    assert [r.request.id for r in resources] == ["c", "a", "b", "v"]
    assert sorted(r.request.id for r in done) == ["a", "b", "c", "v"]


def test_same_url_twice_is_fetched_once(httpserver, tmp_path):
    httpserver.expect_request("/once").respond_with_response(html("article.html"))
    url = httpserver.url_for("/once")
    resources = fetch_resources([FetchRequest(id="a", url=url), FetchRequest(id="b", url=url)], options(tmp_path))
    assert [r.status for r in resources] == ["ok", "ok"]
    assert [r.request.id for r in resources] == ["a", "b"]
    assert len(httpserver.log) == 1


def test_graphql_request_is_json(httpserver, tmp_path):
    def graphql(request):
        assert request.headers["Content-Type"].startswith("application/json")
        json.loads(request.data)
        return Response(fixture("forum_graphql.json"), content_type="application/json")

    httpserver.expect_request("/graphql", method="POST").respond_with_handler(graphql)
    opts = options(tmp_path, endpoints={"eaforum": httpserver.url_for("/graphql")})
    assert fetch_one("https://forum.effectivealtruism.org/posts/abcDEF1234567890x/x", opts).status == "ok"


LANDING = """<html><head><title>AI and Compute | A think tank</title></head><body>
<nav><a href="/files/brochure.pdf">Our brochure</a></nav>
<main><h1>AI and Compute</h1><p>How much longer can computing power drive progress?</p>
<p><a href="/files/ai-and-compute.pdf">Download the full report</a></p></main></body></html>"""


def test_report_landing_page_leads_to_its_pdf(httpserver, tmp_path):
    httpserver.expect_request("/publication/ai-and-compute/").respond_with_data(LANDING, content_type="text/html")
    httpserver.expect_request("/files/ai-and-compute.pdf").respond_with_data(PDF, content_type="application/pdf")
    url = httpserver.url_for("/publication/ai-and-compute/")
    [resource] = fetch_resources([FetchRequest(id="cset", url=url, kind="report")], options(tmp_path))
    assert (resource.status, resource.content_type, resource.source) == ("ok", "application/pdf", "report-pdf")
    assert resource.url.endswith("/files/ai-and-compute.pdf")
    assert resource.meta["landing_page"] == url


def test_article_landing_page_is_printed_as_it_is(httpserver, tmp_path):
    httpserver.expect_request("/publication/x/").respond_with_data(LANDING, content_type="text/html")
    url = httpserver.url_for("/publication/x/")
    [resource] = fetch_resources([FetchRequest(id="x", url=url)], options(tmp_path))
    assert resource.content_type == "text/html"
    assert not any("ai-and-compute.pdf" in path for _, path in [(e[0].method, e[0].path) for e in httpserver.log])
