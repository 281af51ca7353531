"""Each source on responses the services really sent (tests/fixtures/real/INDEX.md
gives where each came from), served over loopback as the service serves them."""

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from werkzeug import Response

from packet.extract import extract_article
from packet.fetch import FetchOptions, fetch_resources
from packet.resource import FetchRequest

REAL = Path(__file__).parent / "fixtures" / "real"
PDF = (Path(__file__).parent / "fixtures" / "fetch" / "minimal.pdf").read_bytes()
POST_ID = "uMQ3cqWDPHhjtiesc"



def typeset_math(html: str) -> str:
    """Article HTML through the render stage's math step, as printing runs it."""
    from packet.render.body import apply, parse_body, typeset_math as typeset_step
    from packet.render.options import RenderOptions

    return apply([typeset_step], parse_body(html, "r-test", RenderOptions().measure())).html()

def real(name: str) -> str:
    path = REAL / name
    if path.suffix == ".gz":
        return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    return path.read_text(encoding="utf-8")


def options(tmp_path, **endpoints):
    return FetchOptions(cache_dir=tmp_path / "cache", backoff_base=0.01, retries=0, endpoints=endpoints)


def fetch_one(url, opts):
    return fetch_resources([FetchRequest(id="r1", url=url)], opts)[0]


def html_response(text):
    return Response(text.encode("utf-8"), content_type="text/html; charset=utf-8")


# arXiv


ARXIV_PAGE = "arxiv/2504.11765v1.html.gz"  # the whole page, as arXiv served it
ARXIV_HEADINGS = [
    "Abstract", "I Introduction", "II Background and Motivation", "II-A KV Cache Utilization in LLM Inference",
    "II-B RAG Prompt Composition", "II-C Locality of Documents Retrieved by Queries in RAG",
    "II-D Shared KV Cache for Multi-instance LLM Inference", "III Design and Implementation",
    "III-A Disk-based KV Cache Structure and Operation", "III-B Multi-Instance Structure of RAG-DCache",
    "IV Evaluation", "IV-A RAG-Dcache Results and Analysis", "IV-B Shared RAG-DCache Results and Analysis",
    "V Conclusion", "References",
]


def _tree(html):
    from lxml import html as lxml_html

    return lxml_html.fragment_fromstring(html, create_parent="div")


def _words(el) -> str:
    return " ".join("".join(el.itertext()).split())


def packet_print(tmp_path, *files) -> Path:
    """`packet print FILES -o tmp_path/printed.pdf`, as a user runs it; the PDF."""
    pdf = tmp_path / "printed.pdf"
    done = subprocess.run([sys.executable, "-m", "packet", "print", "-q", *map(str, files), "-o", str(pdf), "--cache-dir", str(tmp_path / "c")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return pdf


@pytest.fixture(scope="module")
def arxiv_paper():
    return extract_article(real(ARXIV_PAGE), "https://arxiv.org/html/2504.11765v1")


def test_saved_arxiv_html_paper_prints_its_whole_body(arxiv_paper):
    article = arxiv_paper
    assert article.format == "latexml"
    assert article.title == "Shared Disk KV Cache Management for Efficient Multi-Instance Inference in RAG-Powered LLMs"
    assert article.authors == ["Hyungwoo Lee", "Kihyun Kim", "Jinwoo Kim", "Jungmin So", "Myung-Hoon Cha",
                               "Hong-Yeon Kim", "James J. Kim", "Youngjae Kim"]
    root = _tree(article.html)
    assert [_words(h) for h in root.iter("h2", "h3")] == ARXIV_HEADINGS
    # From the abstract's first sentence to the last reference.
    assert article.text.startswith("Abstract\nRecent large language models (LLMs) face increasing inference latency")
    assert article.text.rstrip().endswith("“Opt: Open pre-trained transformer language models,” arXiv preprint arXiv:2205.01068, 2022.")
    for sentence in ("Shared RAG-DCache is the system designed to meet these needs.",
                     "ensuring maximal performance gains."):
        assert sentence in article.text
    assert "ltx_TOC" not in article.html and "x-llamapun" not in article.html and "Mascot Sammy" not in article.html


def test_saved_arxiv_html_keeps_captions_tables_references_and_math(arxiv_paper):
    root = _tree(arxiv_paper.html)
    captions = [_words(c) for c in root.iter("figcaption")]
    assert [c for c in captions if c.startswith("Figure")] == [
        "Figure 1: CDF of query related documents.",
        "Figure 2: Inference Latency Based on Requests Per Second in a Multi-Instance LLM(with RAG) Service Environment.",
        "Figure 4: Design and Operation of RAG-DCache.", "Figure 5: Shared RAG-DCache Architecture.",
        "Figure 6: Shared RAG-DCache operation sequence.",
        "Figure 9: Accuracy based on the number of retrieved documents (top-k) when using RAG-DCache.",
        "Figure 10: Experimental System Configuration.",
    ]
    assert [c.split(":")[0] for c in captions if c.startswith("TABLE")] == ["TABLE I", "TABLE II", "TABLE III", "TABLE IV", "TABLE V"]
    assert len(root.findall(".//table")) == 5 and "SAMSUNG 970 EVO NVMe SSD 500GB" in arxiv_paper.text
    references = root.xpath('//p[contains(@class, "ltx_bibitem")]')
    assert [_words(r).split()[0] for r in references] == [f"[{n}]" for n in range(1, 24)]
    # The three formulas are math; the itemize bullets (\bullet formulas) are the lists' own markers.
    assert [m.get("alttext") for m in root.iter("math")] == [
        "O(L\\textperiodcentered N^{2}\\textperiodcentered D)", "O(L\\textperiodcentered N^{2}\\textperiodcentered D)", ">"]
    assert len(root.xpath("//ul/li")) == 11 and not root.xpath('//li/span[contains(@class, "ltx_tag_item")]')
    assert "https://arxiv.org/html/2504.11765v1/extracted/6365438/figs/fig1.png" in arxiv_paper.images
    assert 'href="#bib.bib20"' in arxiv_paper.html and 'href="#S4.T1"' in arxiv_paper.html


def test_a_paper_keeps_its_italic_and_bold(arxiv_paper):
    # LaTeXML draws \emph and \textbf by class (ltx_font_italic, ltx_font_bold).
    root = _tree(arxiv_paper.html)
    bold = [_words(e) for e in root.iter("strong")]
    assert bold[:4] == ["Index Terms:", "KV Cache Manager", "KV Cache Generator", "Prompt Generator (RAG Processor)"]
    assert "RAG-DCache" in [_words(e) for e in root.iter("em")] and len(list(root.iter("em"))) >= 30


def test_a_paper_prints_its_citation_marks_upright(tmp_path):
    import pdfplumber

    page = tmp_path / "paper.html"
    page.write_text(real(ARXIV_PAGE), encoding="utf-8")
    pdf = packet_print(tmp_path, page)
    with pdfplumber.open(pdf) as doc:
        brackets = {c["fontname"].split("+")[-1] for c in doc.pages[0].chars if c["text"] in "[]" and c["size"] > 10}
    assert brackets == {"Packet-Serif"}  # not Packet-Serif-Italic, as <cite> is by default


def test_saved_arxiv_html_keeps_the_numbered_steps_drawn_as_pictures(arxiv_paper):
    # The paper's step numbers are circled digits drawn as SVG, which never prints.
    text = arxiv_paper.text
    assert "(1) Offline Cache Preparation:" in text
    assert "For each document ID obtained in step (2), (3), the RAG Processor" in text


def test_arxiv_math_is_typeset_from_its_mathml(arxiv_paper):
    # O(L·N²·D) from its MathML is about five em wide; from its TeX, where
    # \textperiodcentered is unknown, it printed the macro names, four times as wide.
    first = _tree(typeset_math(arxiv_paper.html)).xpath('//img[contains(@class, "math")]')[0]
    width = float(first.get("style").split("width:")[1].split("em")[0])
    assert width < 8


def test_saved_arxiv_html_file_is_reported_as_local_latexml(tmp_path):
    saved = tmp_path / "paper.html"
    saved.write_text(real(ARXIV_PAGE), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "packet", "extract", "--format", "jsonl", "--cache-dir", str(tmp_path / "c"), str(saved)],
        capture_output=True, text=True, timeout=120,
    )
    record = json.loads(done.stdout.splitlines()[0])
    assert (record["route"], record["format"]) == ("local", "latexml")
    assert record["authors"][0] == "Hyungwoo Lee"


EQUATIONS = "arxiv/2512.03324v1-section3-excerpt.html"


def test_arxiv_equations_are_math_with_their_numbers():
    article = extract_article(real(EQUATIONS), "https://arxiv.org/html/2512.03324v1")
    root = _tree(article.html)
    lines = root.xpath('//div[contains(@class, "ltx_eqn_line")]')
    assert len(lines) == 3
    assert [line.find("math").get("display") for line in lines] == ["block"] * 3
    assert [_words(tag) for tag in root.xpath('//span[contains(@class, "ltx_tag_equation")]')] == ["(1)", "(2)"]
    assert len(root.xpath("//math")) == real(EQUATIONS).count("<math ")  # no formula lost
    assert "\\mathbf{o}_{t}^{\\prime}=\\sum_{i=1}^{t}" in lines[1].find("math").get("alttext")


def test_equation_numbers_print_on_the_equation_line_at_the_right_margin(tmp_path):
    import pdfplumber

    page = tmp_path / "paper.html"
    page.write_text(real(EQUATIONS), encoding="utf-8")
    pdf = packet_print(tmp_path, page)
    with pdfplumber.open(pdf) as doc:
        for number in ("(1)", "(2)"):
            page = next(p for p in doc.pages if any(w["text"] == number for w in p.extract_words()))
            words = page.extract_words()
            tag = next(w for w in words if w["text"] == number)
            middle = (tag["top"] + tag["bottom"]) / 2
            # The equation is drawn as glyph outlines (curves) on no line of text.
            text_bands = [(w["top"], w["bottom"]) for w in words if w is not tag]
            equation = [c for c in page.curves
                        if abs((c["top"] + c["bottom"]) / 2 - middle) < 40
                        and not any(c["top"] < bottom and c["bottom"] > top for top, bottom in text_bands)]
            assert equation, number
            # Level with the equation, not on a line under it; at the text's right edge.
            assert min(c["top"] for c in equation) < middle < max(c["bottom"] for c in equation), number
            assert tag["x1"] > max(w["x1"] for w in words) - 2


def arxiv_options(tmp_path, httpserver):
    return options(
        tmp_path,
        arxiv_html=httpserver.url_for("/html"), ar5iv=httpserver.url_for("/ar5iv/html"), arxiv_pdf=httpserver.url_for("/pdf"),
    )


def test_ar5iv_redirect_to_the_abstract_page_is_a_miss_and_the_pdf_is_printed(httpserver, tmp_path):
    httpserver.expect_request("/html/2512.99999").respond_with_data("No HTML for '2512.99999'", status=404)
    # dginev/ar5iv get_html: a plausible id it lacks is answered 307 to arxiv.org/abs/<id>.
    httpserver.expect_request("/ar5iv/html/2512.99999").respond_with_response(
        Response(status=307, headers={"Location": "https://arxiv.org/abs/2512.99999"})
    )
    httpserver.expect_request("/pdf/2512.99999").respond_with_data(PDF, content_type="application/pdf")
    resource = fetch_one("https://arxiv.org/abs/2512.99999", arxiv_options(tmp_path, httpserver))
    assert (resource.status, resource.source) == ("ok", "arxiv-pdf")


def ar5iv_page(latexml_page: str, paper: str) -> str:
    """A LaTeXML page as ar5iv serves it: `branded_ar5iv_html` in dginev/ar5iv
    (src/dirty_templates.rs) points every relative image and SVG object at
    ./<id>/assets/, puts its navigation bar before LaTeXML's footer and adds
    its stylesheets and a MathJax loader. No real ar5iv answer could be found
    (see INDEX.md); this is ar5iv's assembly applied to a real LaTeXML page."""
    import re

    page = re.sub(r"<base [^>]*>", "", latexml_page)
    page = re.sub(r' (src|data)="(?!data:|http)([^"]+)', lambda m: f' {m.group(1)}="./{paper}/assets/{m.group(2)}', page)
    bar = (f'<div class="ar5iv-footer"><a href="/html/{paper}" class="ar5iv-nav-button ar5iv-nav-button-prev">◄</a>'
           '<a class="ar5iv-home-button" href="/"><img height="64" src="/assets/ar5iv.png"></a>'
           f'<a href="/log/{paper}" class="ar5iv-text-button ar5iv-severity-ok">Conversion<br>report</a>'
           f'<a class="ar5iv-text-button" href="/source/{paper}.zip">Download&nbsp;TeX<br>source</a>'
           f'<a href="https://arxiv.org/abs/{paper}" class="ar5iv-text-button arxiv-ui-theme">View&nbsp;original<br>on&nbsp;arXiv</a>'
           f'<a href="/html/{paper}" class="ar5iv-nav-button ar5iv-nav-button-next">►</a></div>')
    page = page.replace('<footer class="ltx_page_footer">', bar + '<footer class="ltx_page_footer">')
    page = page.replace("</head>", '<link media="all" rel="stylesheet" href="/assets/ar5iv.css"></head>')
    return page.replace("</body>", '<script>var canMathML = typeof(MathMLElement) == "function";</script></body>')


def test_ar5iv_page_prints_its_bibliography_and_images_from_ar5iv(httpserver, tmp_path):
    httpserver.expect_request("/html/2504.11765").respond_with_data("No HTML for '2504.11765'", status=404)
    httpserver.expect_request("/ar5iv/html/2504.11765").respond_with_response(
        html_response(ar5iv_page(real(ARXIV_PAGE), "2504.11765")))
    resource = fetch_one("https://arxiv.org/abs/2504.11765", arxiv_options(tmp_path, httpserver))
    assert resource.source == "ar5iv"
    article = extract_article(resource.text, "https://ar5iv.labs.arxiv.org/html/2504.11765")
    assert article.format == "latexml" and article.authors[0] == "Hyungwoo Lee"
    root = _tree(article.html)
    assert len(root.xpath('//p[contains(@class, "ltx_bibitem")]')) == 23
    assert article.text.rstrip().endswith("arXiv preprint arXiv:2205.01068, 2022.")
    assert "https://ar5iv.labs.arxiv.org/html/2504.11765/assets/extracted/6365438/figs/fig1.png" in article.images
    for chrome in ("Conversion", "View original", "Download", "◄"):
        assert chrome not in article.text


def test_latexml_svg_graphics_become_images():
    page = ar5iv_page(
        '<html><head></head><body><article class="ltx_document"><figure class="ltx_figure">'
        '<object class="ltx_graphics" data="x1.svg" type="image/svg+xml" width="300" height="200">figure</object>'
        '<figcaption class="ltx_caption">Figure 1: A diagram.</figcaption></figure>'
        '<p class="ltx_p">' + "Words of the paper. " * 20 + "</p></article></body></html>", "2101.00001")
    article = extract_article(page, "https://ar5iv.labs.arxiv.org/html/2101.00001")
    assert article.images == ["https://ar5iv.labs.arxiv.org/html/2101.00001/assets/x1.svg"]


def test_ar5iv_page_that_is_not_latexml_is_a_miss(httpserver, tmp_path):
    httpserver.expect_request("/html/2101.00001").respond_with_data("gone", status=404)
    httpserver.expect_request("/ar5iv/html/2101.00001").respond_with_response(
        html_response("<html><body><h1>arXiv abstract page</h1><p>" + "words " * 80 + "</p></body></html>")
    )
    httpserver.expect_request("/pdf/2101.00001").respond_with_data(PDF, content_type="application/pdf")
    assert fetch_one("https://arxiv.org/abs/2101.00001", arxiv_options(tmp_path, httpserver)).source == "arxiv-pdf"


def test_arxiv_html_rendering_is_served_whole(httpserver, tmp_path):
    httpserver.expect_request("/html/2504.11765").respond_with_response(html_response(real(ARXIV_PAGE)))
    resource = fetch_one("https://arxiv.org/abs/2504.11765", arxiv_options(tmp_path, httpserver))
    assert resource.source == "arxiv-html"
    assert extract_article(resource.text, resource.url).format == "latexml"


# Forums: the real answer, served the way ForumMagnum's schema answers


def forum_server(httpserver, seen):
    answer = json.loads(real("forum/lesswrong-agi-ruin.graphql.json"))
    post = answer["data"]["post"]["result"]
    refused = real("forum/slug-in-selector.400.json")

    def graphql(request):
        body = request.get_json()
        seen.append(body)
        query = body["query"]
        if "selector: {slug:" in query or "_id: $key" not in query and "slugPost" not in query and "legacyIdPost" not in query:
            return Response(refused, status=400, content_type="application/json")
        if "slugPost" in query or "legacyIdPost" in query:
            return Response(json.dumps({"data": {"posts": {"results": [post]}}}), content_type="application/json")
        return Response(json.dumps(answer), content_type="application/json")

    httpserver.expect_request("/graphql", method="POST").respond_with_handler(graphql)
    return options(httpserver.tmp_path, lesswrong=httpserver.url_for("/graphql"))


@pytest.fixture
def lesswrong(httpserver, tmp_path):
    httpserver.tmp_path = tmp_path
    seen: list = []
    return forum_server(httpserver, seen), seen


@pytest.mark.parametrize(
    "path",
    [
        f"/posts/{POST_ID}/agi-ruin-a-list-of-lethalities",
        f"/s/n945eovrA3oDueqtq/p/{POST_ID}",
        f"/g/aRZpeHeTFWwwQSXBp/p/{POST_ID}",
    ],
)
def test_forum_post_by_id_in_every_url_form(lesswrong, path):
    opts, seen = lesswrong
    resource = fetch_one("https://www.lesswrong.com" + path, opts)
    assert (resource.status, resource.source) == ("ok", "forum-api")
    assert seen[0]["variables"] == {"key": POST_ID}
    article = extract_article(resource.text, resource.url)
    assert article.format == "forum"
    assert article.authors == ["Eliezer Yudkowsky"]
    assert article.title == "AGI Ruin: A List of Lethalities"
    # From the post's first sentence to its last.
    assert article.text.startswith("Preamble:")
    assert "I have several times failed to write up a well-organized list" in article.text
    assert article.word_count > 8000


@pytest.mark.parametrize(
    "path,view",
    [
        ("/posts/slug/agi-ruin-a-list-of-lethalities", "slugPost"),
        ("/rationality/agi-ruin-a-list-of-lethalities", "slugPost"),
        ("/lw/1a2b/agi_ruin", "legacyIdPost"),
    ],
)
def test_forum_slug_and_old_urls_use_the_views_the_schema_offers(lesswrong, path, view):
    opts, seen = lesswrong
    resource = fetch_one("https://www.lesswrong.com" + path, opts)
    assert (resource.status, resource.source) == ("ok", "forum-api")
    assert all("selector: {slug:" not in s["query"] for s in seen)
    assert view in seen[0]["query"]


def test_forum_asks_for_coauthors_and_markdown_then_falls_back_to_basic_fields(httpserver, tmp_path):
    seen = []

    def graphql(request):
        seen.append(request.get_json()["query"])
        if "coauthors" in seen[-1]:
            return Response(real("forum/slug-in-selector.400.json"), status=400, content_type="application/json")
        return Response(real("forum/lesswrong-agi-ruin.graphql.json"), content_type="application/json")

    httpserver.expect_request("/graphql", method="POST").respond_with_handler(graphql)
    resource = fetch_one(f"https://www.lesswrong.com/posts/{POST_ID}/x", options(tmp_path, lesswrong=httpserver.url_for("/graphql")))
    assert resource.source == "forum-api"
    assert "coauthors { displayName }" in seen[0] and "contents { markdown }" in seen[0]
    assert "coauthors" not in seen[1]


def test_forum_coauthors_are_authors_too():
    from packet.fetch.sources.forum import post_authors

    post = json.loads(real("forum/lesswrong-agi-ruin.graphql.json"))["data"]["post"]["result"]
    post["coauthors"] = [{"displayName": "Nate Soares"}, {"displayName": "Eliezer Yudkowsky"}]
    assert post_authors(post) == ["Eliezer Yudkowsky", "Nate Soares"]


# MathJax already rendered by a site


def test_mathjax3_browser_page_prints_its_math():
    article = extract_article(real("mathjax/mathjax3-browser-page.html.gz"), "https://example.org/mathjax")
    assert article.html.count("<math") == 13
    assert "mjx-" not in article.html


def test_mathjax3_server_output_without_text_is_rebuilt_from_its_glyph_classes():
    body = real("mathjax/mathjax3-server-chtml.html")
    article = extract_article(f"<html><body><article>{body}<p>{'Context words. ' * 20}</p></article></body></html>", "https://e.org/")
    assert "<math" in article.html
    assert "α" in article.text and "γ" in article.text


def test_mathjax3_forum_equations_get_their_tex_from_the_markdown():
    from packet.fetch.sources.forum import label_equations

    body = real("mathjax/mathjax3-server-chtml.html")
    labelled = label_equations(body, "Inline math $\\alpha$.\n\nBlock math:\n\n$$\\gamma$$\n")
    article = extract_article(f"<html><body><article>{labelled}<p>{'Context words. ' * 20}</p></article></body></html>", "https://e.org/")
    assert "\\alpha" in article.text and "\\gamma" in article.text


def test_real_lesswrong_mathjax2_captions_keep_their_math():
    body = real("mathjax/lesswrong-mathjax2-figures.html")
    page = f"<html><body><div class='PostsPage-postContent'>{body}</div></body></html>"
    article = extract_article(page, "https://www.alignmentforum.org/posts/x/how-rl-agents-behave")
    root = _tree(article.html)
    assert [m.get("alttext") for m in root.iter("math")] == ["D", "d", "\\Pi", "\\pi'", "t=1"]
    captions = [_words(c) for c in root.iter("figcaption")]
    assert captions[0].endswith("Right: intervention on the CID to set the value of D to d.")
    assert "with fixed π′ in t=1, for the empirical value objective" in captions[2]
    assert "mjx-" not in article.html and len(article.images) == 3


def test_mathjax2_forum_math_is_kept_from_its_aria_label():
    # Hand-written stand-in in mathjax-node-page's shape (see INDEX.md).
    body = real("mathjax/mathjax2-commonhtml-standin.html")
    article = extract_article(f"<html><body><div class='PostsPage-postContent'>{body}</div></body></html>", "https://www.lesswrong.com/posts/x")
    assert "E=mc^2" in article.text and "Energy is  in" not in article.text
    assert article.html.count("<math") == 2


# Google Docs


DOC_ID = "1bZI3NwaasFZGexGQG9YC07UAovpY9b_mfdI2_KgT8-0"


def docs_fetch(httpserver, tmp_path, name, url=None):
    httpserver.expect_request(f"/document/d/{DOC_ID}/export", query_string="format=html").respond_with_response(
        html_response(real(f"gdocs/{name}.export.html"))
    )
    resource = fetch_one(url or f"https://docs.google.com/document/d/{DOC_ID}/edit", options(tmp_path, gdocs=httpserver.url_for("")))
    assert resource.source == "gdocs"
    return extract_article(resource.text, resource.url)


def test_docs_title_comes_from_p_title_and_stays_out_of_the_body(httpserver, tmp_path):
    article = docs_fetch(httpserver, tmp_path, "titles-and-empty-headings")
    assert (article.format, article.title) == ("gdocs", "Document title!")
    assert "Document title!" not in article.text


def test_docs_export_without_title_paragraph_is_titled_by_its_file_name(httpserver, tmp_path):
    # Google sends the document's name only as the download's file name.
    httpserver.expect_request(f"/document/d/{DOC_ID}/export", query_string="format=html").respond_with_response(
        Response(real("gdocs/headings-and-paragraphs.export.html").encode("utf-8"), content_type="text/html; charset=utf-8",
                 headers={"Content-Disposition": "attachment; filename=\"Week 1 notes.html\"; "
                                                  "filename*=UTF-8''Week%201%20notes%20%E2%80%94%20draft.html"}))
    resource = fetch_one(f"https://docs.google.com/document/d/{DOC_ID}/edit", options(tmp_path, gdocs=httpserver.url_for("")))
    article = extract_article(resource.text, resource.url)
    assert article.title == "Week 1 notes — draft"
    assert [_words(h) for h in _tree(article.html).iter("h2", "h3", "h4")] == ["Heading 1", "Heading 2", "Heading 3"]


def test_docs_file_name_in_an_unknown_charset_is_read_as_utf8(httpserver, tmp_path):
    # A hand-written header: `filename*` names a charset Python does not know.
    httpserver.expect_request(f"/document/d/{DOC_ID}/export", query_string="format=html").respond_with_response(
        Response(real("gdocs/headings-and-paragraphs.export.html").encode("utf-8"), content_type="text/html; charset=utf-8",
                 headers={"Content-Disposition": "attachment; filename*=bogus''Week%201%20notes.html"}))
    resource = fetch_one(f"https://docs.google.com/document/d/{DOC_ID}/edit", options(tmp_path, gdocs=httpserver.url_for("")))
    assert extract_article(resource.text, resource.url).title == "Week 1 notes"


def test_docs_export_without_any_title_keeps_its_first_heading(httpserver, tmp_path):
    article = docs_fetch(httpserver, tmp_path, "headings-and-paragraphs")
    assert article.title == "Heading 1"  # the best name there is, and it stays in the text
    assert article.text.startswith("This is a test of headings and paragraphs.\nHeading 1\nSome text.")


def test_docs_bold_italic_underline_come_from_class_styles(httpserver, tmp_path):
    html = docs_fetch(httpserver, tmp_path, "inline-formatting").html
    assert "<strong>" in html and "<em>" in html and "<u>" in html


def test_docs_nested_lists_keep_levels_and_start_numbers(httpserver, tmp_path):
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(docs_fetch(httpserver, tmp_path, "lists").html, create_parent="div")
    assert root.xpath("//ul/li/ul/li/ul/li") and root.xpath("//ol/li/ol/li/ol/li")
    # The export restarts the numbered list after a nested bulleted one at start="4".
    item = root.xpath('//ol/li[contains(., "This item has line breaks")]')[0]
    listing = item.getparent()
    position = int(listing.get("start", "1")) + [li for li in listing if li.tag == "li"].index(item)
    assert position == 4


def test_docs_links_are_unwrapped(httpserver, tmp_path):
    html = docs_fetch(httpserver, tmp_path, "linebreaks-at-the-end-of-links").html
    assert "google.com/url" not in html


@pytest.mark.parametrize("name", ["headings-and-paragraphs", "tables"])
def test_docs_exports_print_their_text(httpserver, tmp_path, name):
    article = docs_fetch(httpserver, tmp_path, name)
    assert article.format == "gdocs" and article.word_count > 10


def test_published_doc_is_fetched_from_its_pub_page(httpserver, tmp_path):
    pub = "2PACX-1vT0123456789abcdefghijklmnopqrstuvwxyz"
    httpserver.expect_request(f"/document/d/e/{pub}/pub").respond_with_response(html_response(real("gdocs/lists.export.html")))
    resource = fetch_one(f"https://docs.google.com/document/d/e/{pub}/pub", options(tmp_path, gdocs=httpserver.url_for("")))
    assert (resource.status, resource.source) == ("ok", "gdocs")


def test_google_redirect_links_are_unwrapped_on_any_page():
    page = ("<html><body><article><p>" + "Words of the article. " * 20
            + '<a href="https://www.google.com/url?q=https://example.org/target&amp;sa=D&amp;ust=1">a link</a></p></article></body></html>')
    html = extract_article(page, "https://blog.example/post").html
    assert 'href="https://example.org/target"' in html


# Substack share links (API answer: hand-written stand-in, see INDEX.md)


@pytest.mark.parametrize(
    "url,api",
    [
        ("https://open.substack.com/pub/astralcodexten/p/the-reading-group-post", "/api/v1/posts/the-reading-group-post"),
        ("https://substack.com/home/post/p-123456789", "/by-id/123456789"),
        ("https://substack.com/@scottalexander/p-123456789", "/by-id/123456789"),
    ],
)
def test_substack_share_links_reach_the_api(httpserver, tmp_path, url, api):
    post = json.loads((Path(__file__).parent / "fixtures" / "fetch" / "substack_post.json").read_text())
    answer = {"post": post} if "by-id" in api else post
    httpserver.expect_request(api).respond_with_json(answer)
    opts = options(tmp_path, substack=httpserver.url_for("/api/v1/posts/{slug}"), substack_by_id=httpserver.url_for("/by-id"))
    resource = fetch_one(url, opts)
    assert (resource.status, resource.source) == ("ok", "substack-api")
    assert extract_article(resource.text, resource.url).format == "substack"


# Real pages through the page route, each printed from its first to its last sentence


@pytest.mark.parametrize(
    "name,first,last",
    [
        ("pages/medium.html.gz", "We pushed out the first version", "We’re all in this together."),
        ("pages/wordpress.html.gz", "Stack Overflow published its analysis of 2017 hiring trends",
         "These are both highly portable skills that are in demand on the web."),
        # The last of its four sources; the tag link after them is furniture.
        ("pages/ghost.html.gz", "Vor langer, langer Ze", "japan-relaunches-its-hpv-vaccination-drive"),
    ],
)
def test_real_pages_print_first_to_last_sentence(httpserver, tmp_path, name, first, last):
    httpserver.expect_request("/post").respond_with_response(html_response(real(name)))
    resource = fetch_one(httpserver.url_for("/post"), options(tmp_path))
    article = extract_article(resource.text, resource.url)
    assert first in article.text[:400]
    assert last in article.text[-300:]


def test_real_paper_equations_typeset_without_laying_rows_out_again_and_again(monkeypatch):
    # ziamath lays every row out twice to size its brackets, so LaTeXML's
    # row-per-operator nesting cost 2^depth layouts: this section's 25
    # formulas built 214,000 nodes and took over two minutes to print.
    import ziamath.nodes.mnode as mnode

    built = []
    original = mnode.Mnode.fromelement.__func__

    def counting(cls, element, parent, **kwargs):
        built.append(element.tag)
        return original(cls, element, parent, **kwargs)

    monkeypatch.setattr(mnode.Mnode, "fromelement", classmethod(counting))
    article = extract_article(real(EQUATIONS), "https://arxiv.org/html/2512.03324v1")
    out = typeset_math(article.html)
    assert out.count('<img class="math') == 25
    assert len(built) < 20000


def test_docs_exports_print_title_once_and_nested_numbering(tmp_path):
    import pdfplumber

    files = []
    for name in ("titles-and-empty-headings", "lists"):
        path = tmp_path / f"{name}.html"
        path.write_text(real(f"gdocs/{name}.export.html"), encoding="utf-8")
        files.append(str(path))
    pdf = packet_print(tmp_path, *files)
    with pdfplumber.open(pdf) as doc:
        text = "\n".join(page.extract_text() for page in doc.pages)
        words = [w for page in doc.pages for w in page.extract_words()]
    assert text.count("Document title!") == 1  # on the card, not again in the text
    x = {w["text"]: w["x0"] for w in words if w["text"] in ("3.", "b.", "ii.")}
    # "3. List of stuff." > "b. Subitems" > "ii. Sub-subitems": lettered and roman levels, each indented further.
    assert x["3."] < x["b."] < x["ii."]


# Post pages through the page route (hand-written stand-ins, see INDEX.md)


FETCH = Path(__file__).parent / "fixtures" / "fetch"


def test_substack_post_page_prints_past_its_subscribe_box_with_its_footnotes(httpserver, tmp_path):
    httpserver.expect_request("/p/the-reading-group-post").respond_with_response(
        html_response((FETCH / "substack_post_page.html").read_text(encoding="utf-8")))
    resource = fetch_one(httpserver.url_for("/p/the-reading-group-post"), options(tmp_path))
    assert resource.source == "page"  # the loopback site has no Substack API
    article = extract_article(resource.text, resource.url)
    assert (article.format, article.title, article.authors) == ("substack", "The reading group post", ["Scott Alexander"])
    assert article.text.startswith("First sentence of the post")
    assert "After the subscribe box, the argument goes on" in article.text
    assert article.text.rstrip().endswith("2. The second note, the end of the page's text.")
    assert "Subscribe" not in article.text and "Share" not in article.text and "A comment." not in article.text
    root = _tree(article.html)
    assert [_words(s) for s in root.xpath('//sup[@class="footnote-ref"]')] == ["1", "2"]
    assert root.xpath('//sup/a[@href="#footnote-1"]') and root.xpath('//p/a[@id="footnote-1"][@href="#footnote-anchor-1"]')


def test_lesswrong_post_page_streamed_in_a_hidden_block_prints_with_its_coauthors(httpserver, tmp_path):
    httpserver.expect_request("/posts/abcdefghijklmnopq/a-post-about-reading-groups").respond_with_response(
        html_response((FETCH / "lesswrong_post_page.html").read_text(encoding="utf-8")))
    resource = fetch_one(httpserver.url_for("/posts/abcdefghijklmnopq/a-post-about-reading-groups"), options(tmp_path))
    article = extract_article(resource.text, resource.url)
    assert (article.format, article.title) == ("forum", "A post about reading groups")
    assert article.authors == ["Alice Author", "Bob Coauthor"]
    assert article.text.startswith("The first sentence of the post")
    assert article.text.rstrip().endswith("The footnote's text.")
    assert "comment that must not print" not in article.text and "Upvote" not in article.text
    assert "^" not in article.text  # the footnote's back link


@pytest.mark.parametrize(
    "labels,expected",
    [
        (["1.", "2."], "<ol"),  # the list numbers itself
        (["(a)", "(b)"], "(a) First item."),  # a label LaTeX chose leads its item
    ],
)
def test_latexml_enumerate_labels_print_once(labels, expected):
    # LaTeXML's enumerate markup (hand-written, in the shape of the real itemize above).
    items = "".join(
        f'<li class="ltx_item" id="S2.I1.i{n}" style="list-style-type:none;"><span class="ltx_tag ltx_tag_item">{label}</span>'
        f'<div class="ltx_para" id="S2.I1.i{n}.p1"><p class="ltx_p">{word} item.</p></div></li>'
        for n, (label, word) in enumerate(zip(labels, ("First", "Second")), start=1)
    )
    page = (f'<html><body><article class="ltx_document"><p class="ltx_p">{"Words of the paper. " * 20}</p>'
            f'<ol class="ltx_enumerate" id="S2.I1">{items}</ol></article></body></html>')
    article = extract_article(page, "https://arxiv.org/html/2101.00001")
    assert expected in (article.html if expected == "<ol" else article.text)
    assert sum(article.text.count(label) for label in labels) == (0 if expected == "<ol" else 2)


def test_latexml_colour_macros_leave_no_colour_names_in_tables():
    # A row of Table 5 of the TRIM-KV page (2512.03324v1, see INDEX.md), verbatim:
    # LaTeXML did not know \rowcolor and left its argument as text.
    row = ('<tr class="ltx_tr">\n<td class="ltx_td ltx_align_left">\n<span class="ltx_ERROR undefined">\\rowcolor</span>blue!20\n'
           'TRIM-KV</td>\n<td class="ltx_td"></td>\n<td class="ltx_td ltx_align_center"><span class="ltx_text ltx_font_bold">130.48</span></td>\n</tr>')
    page = (f'<html><body><article class="ltx_document"><p class="ltx_p">{"Words of the paper. " * 20}</p>'
            f'<table class="ltx_tabular ltx_guessed_headers ltx_align_middle"><tbody class="ltx_tbody">{row}</tbody></table>'
            '</article></body></html>')
    text = extract_article(page, "https://arxiv.org/html/2512.03324v1").text
    assert "TRIM-KV" in text and "blue" not in text and "rowcolor" not in text


def test_a_formula_repeated_across_a_paper_is_laid_out_once(monkeypatch):
    import ziamath

    made = []
    original = ziamath.Math.__init__

    def counting(self, *args, **kwargs):
        made.append(args[0] if args else "")
        original(self, *args, **kwargs)

    monkeypatch.setattr(ziamath.Math, "__init__", counting)
    # The same symbol twice, as LaTeXML writes it: every formula and node numbered.
    formula = ('<math alttext="t" class="ltx_Math" display="inline" id="S3.SS2.p{n}.m1"><semantics>'
               '<mi id="S3.SS2.p{n}.m1.1">t</mi><annotation encoding="application/x-tex">t</annotation></semantics></math>')
    out = typeset_math(f"<p>At step {formula.format(n=1)} and again at {formula.format(n=2)}.</p>")
    assert out.count('<img class="math') == 2 and len(made) == 1


# Hand-written in the markup LaTeXML writes for \begin{align} (arXiv's HTML):
# no saved page with an aligned derivation was found in the repositories searched.
ALIGN_ROW = (
    '<tr class="ltx_equation ltx_eqn_row ltx_align_baseline"><td class="ltx_eqn_cell ltx_eqn_center_padleft"></td>'
    '<td class="ltx_td ltx_align_right ltx_eqn_cell">{lhs}</td><td class="ltx_td ltx_align_left ltx_eqn_cell">{rhs}</td>'
    '<td class="ltx_eqn_cell ltx_eqn_center_padright"></td><td class="ltx_eqn_cell ltx_eqn_eqno ltx_align_middle ltx_align_right">'
    '<span class="ltx_tag ltx_tag_equation ltx_align_right">({n})</span></td></tr>'
)
MATH = '<math alttext="{tex}" display="inline"><semantics><mrow>{mathml}</mrow><annotation encoding="application/x-tex">{tex}</annotation></semantics></math>'


def test_an_aligned_derivation_keeps_its_equals_signs_in_one_column(tmp_path):
    rows = ALIGN_ROW.format(
        lhs=MATH.format(tex="f(x)", mathml="<mi>f</mi><mo>(</mo><mi>x</mi><mo>)</mo>"),
        rhs=MATH.format(tex="=(a+b)^{2}", mathml="<mi></mi><mo>=</mo><msup><mrow><mo>(</mo><mi>a</mi><mo>+</mo><mi>b</mi><mo>)</mo></mrow><mn>2</mn></msup>"),
        n=3,
    ) + ALIGN_ROW.format(
        lhs="", rhs=MATH.format(tex="=a^{2}+2ab+b^{2}", mathml="<mi></mi><mo>=</mo><msup><mi>a</mi><mn>2</mn></msup><mo>+</mo><mn>2</mn><mi>a</mi><mi>b</mi><mo>+</mo><msup><mi>b</mi><mn>2</mn></msup>"),
        n=4,
    )
    page = tmp_path / "paper.html"
    page.write_text(
        '<html><head><title>Squares</title><meta name="generator" content="LaTeXML"></head><body><article class="ltx_document">'
        '<h1 class="ltx_title ltx_title_document">Squares</h1><section class="ltx_section" id="S1"><h2 class="ltx_title ltx_title_section">'
        '<span class="ltx_tag ltx_tag_section">1 </span>Intro</h2><div class="ltx_para"><p class="ltx_p">We expand the square of a sum, '
        "a derivation over two aligned lines that the reader follows line by line:</p>"
        f'<table class="ltx_equationgroup ltx_eqn_align ltx_eqn_table" id="S1.E3"><tbody>{rows}</tbody></table>'
        '<p class="ltx_p">which completes it.</p></div></section></article></body></html>'
    )
    import pdfplumber

    with pdfplumber.open(packet_print(tmp_path, page)) as pdf:
        page_one = pdf.pages[0]
        words = page_one.extract_words()
        drawn = page_one.curves + page_one.rects  # the formulas are drawn, not text
    three, four = (next(w for w in words if w["text"] == n) for n in ("(3)", "(4)"))
    middle = (three["bottom"] + four["top"]) / 2
    first = sorted(o["x0"] for o in drawn if three["top"] - 8 < o["top"] < middle)
    second = sorted(o["x0"] for o in drawn if middle < o["top"] < four["bottom"] + 8)
    assert first and second
    # The second line starts with its "=", under the first line's "=" (one
    # of the first line's glyphs), right of where the first line starts.
    assert min(abs(second[0] - x) for x in first) < 0.5
    assert second[0] > first[0] + 10 and second[0] > page_one.width * 0.25
