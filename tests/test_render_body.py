"""The render stage's body steps, each on a tiny article, and the order they run in."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import pdfplumber
from lxml import html as lxml_html

from packet.article import Article
from packet.curriculum import Reading
from packet.render import body as steps
from packet.render.handout import reading_view, render_print
from packet.render.material import ReadingMaterial
from packet.render.notes import ZERO_WIDTH_SPACE, breakable_url
from packet.render.options import RenderOptions
from packet.render.pdf import Asset

FIXTURES = Path(__file__).parent / "fixtures" / "handout"
LETTER = RenderOptions().measure()


def run(step, html: str, measure=LETTER, assets=None) -> steps.Body:
    return steps.apply([step], steps.parse_body(html, "r-x", measure, assets))


def tree(body: steps.Body):
    return lxml_html.fragment_fromstring(body.html(), create_parent="div")


def test_text_before_the_first_element_stays_text():
    body = steps.parse_body("a &lt;script&gt; b <p>c</p>", "r-x", LETTER)
    assert body.html() == "a &lt;script&gt; b <p>c</p>"


# ---------- tables ----------


def test_a_table_of_many_columns_gets_the_fixed_layout():
    row = "<tr>" + "<td>a</td>" * 6 + "</tr>"
    (table,) = tree(run(steps.mark_tables, f"<table>{row}</table>")).iter("table")
    assert table.get("class") == "wide"


def test_a_table_whose_longest_words_cannot_sit_side_by_side_may_break_them():
    words = "<td>" + "x" * 40 + "</td>"
    html = f"<table class='data'><tr>{words * 3}</tr></table><table><tr><td>short</td><td>words</td></tr></table>"
    first, second = tree(run(steps.mark_tables, html)).iter("table")
    assert first.get("class") == "data breakable"
    assert second.get("class") is None


def test_large_print_marks_a_table_breakable_sooner():
    words = "<td>" + "x" * 24 + "</td>"
    html = f"<table><tr>{words * 3}</tr></table>"
    (regular,) = tree(run(steps.mark_tables, html)).iter("table")
    large = RenderOptions(large_print=True).measure()
    (bigger,) = tree(run(steps.mark_tables, html, large)).iter("table")
    assert regular.get("class") is None and bigger.get("class") == "breakable"


# ---------- preformatted text ----------


def test_leading_rows_of_header_cells_become_the_head_of_a_table_without_one():
    html = (
        "<table><tbody><tr><th colspan=2>Most active developers</th></tr><tr><th>Name</th><th>Changesets</th></tr>"
        "<tr><td>Ann</td><td>12</td></tr><tr><th>Others</th><td>3</td></tr></tbody></table>"
        "<table><caption>Kept</caption><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
        "<table><tr><th>only</th></tr><tr><th>headers</th></tr></table>"
    )
    first, second, third = tree(run(steps.head_rows, html)).iter("table")
    assert [[c.text for c in row] for row in first.find("thead")] == [["Most active developers"], ["Name", "Changesets"]]
    assert [row[0].text for row in first.find("tbody")] == ["Ann", "Others"]
    assert [child.tag for child in second] == ["caption", "thead", "tbody"]
    assert third.find("thead") is None


def test_a_table_title_row_is_never_left_alone_at_the_foot_of_a_page():
    # Hand-written, in the shape of LWN's tables: a title row of header
    # cells inside <tbody>, then the rows. However far down the page the
    # table starts, its title first prints on the page of its first row.
    rows = "".join(f"<tr><td>Developer {n}</td><td>{n * 7}</td></tr>" for n in range(8))
    table = f"<table><tbody><tr><th colspan=2>Most active developers</th></tr>{rows}</tbody></table>"
    for lines in range(22, 31):
        html = "".join(f"<p>Line {n} of the text before the table.</p>" for n in range(lines)) + table
        material = ReadingMaterial(
            Reading(id="lwn", title="Tables", url="https://example.org/t"), "https://example.org/t",
            article=Article(url="https://example.org/t", html=html, word_count=300),
        )
        with pdfplumber.open(io.BytesIO(render_print([material], RenderOptions()).pdf)) as pdf:
            texts = [page.extract_text() or "" for page in pdf.pages]
        title_page = next(n for n, text in enumerate(texts) if "Most active developers" in text)
        assert "Developer 0" in texts[title_page], lines


def test_old_page_breaks_in_preformatted_text_are_tightened():
    body = run(steps.tighten_preformatted, "<pre>page one\n\n\n\n\f\nRFC 9110<b>x\n\n\n\ny</b></pre><p>a\n\n\n\nb</p>")
    pre = tree(body).find("pre")
    assert pre.text_content() == "page one\n\nRFC 9110x\n\ny"
    assert "a\n\n\n\nb" in body.html()  # only <pre> is touched


def test_a_plain_text_document_is_set_at_body_size_when_72_columns_fit():
    line = "x" * 72
    body = run(steps.fit_preformatted, f"<p>RFC</p><pre>{line}\n{line}\n   indented</pre>")
    pre = tree(body).find("pre")
    assert "plain-text" in pre.get("class")
    assert pre.get("style") == "font-size:10.50pt"


def test_a_code_sample_shrinks_to_its_longest_line_but_not_below_the_floor():
    prose = "<p>" + "word " * 200 + "</p>"
    body = run(steps.fit_preformatted, prose + f"<pre>{'y' * 40}</pre><pre>{'z' * 95}</pre><pre>{'w' * 400}</pre>")
    short, wide, endless = tree(body).iter("pre")
    assert short.get("style") == "font-size:9.00pt" and "plain-text" not in (short.get("class") or "")
    size = float(wide.get("style").split(":")[1].rstrip("pt"))
    assert 7.2 < size < 9.0 and 95 * 0.6 * size <= LETTER.text_width - steps.CODE_INSET_PT
    assert endless.get("style") == "font-size:7.20pt"  # it wraps below the floor


def test_plain_text_at_body_size_prints_without_wrapping(tmp_path):
    """The measure packet states is the one the stylesheet sets: 72 columns of
    a plain-text document print at body size, one printed line each."""
    lines = [f"{n:02d} " + ("abcdefghij" * 7)[:69] for n in range(20)]
    assert {len(line) for line in lines} == {72}
    material = ReadingMaterial(
        Reading(id="rfc", title="An RFC", url="https://example.org/rfc"), "https://example.org/rfc",
        article=Article(url="https://example.org/rfc", html="<pre>" + "\n".join(lines) + "</pre>", word_count=40),
    )
    for options in (RenderOptions(), RenderOptions(paper="a4"), RenderOptions(large_print=True)):
        handout = render_print([material], options)
        with pdfplumber.open(io.BytesIO(handout.pdf)) as pdf:
            page = pdf.pages[0]
            mono = [c for c in page.chars if c["fontname"].endswith("Packet-Mono")]
            body_size = Counter(round(c["size"], 2) for c in mono).most_common(1)[0][0]
            chars = [c for c in mono if round(c["size"], 2) == body_size]  # not the card's address
            assert chars and max(c["x1"] for c in chars) <= page.width - 36, options
            rows = {round(c["top"]) for c in chars}
            assert len(rows) == 20, options  # no line wrapped
            size = round(chars[0]["size"], 1)
        if options == RenderOptions():
            assert size >= 10.5


def test_a_word_wider_than_the_line_breaks_inside_the_paper():
    # Hand-written: a hash, a run of dashes and an address with no break
    # point, in prose and in a list, as pages paste them.
    long_word = "f3a9" * 150
    html = (
        f"<p>The checksum is {long_word} as the release notes give it.</p>"
        f"<ul><li>{'=' * 300}</li><li>https://example.org/{'q' * 400}</li></ul>"
    )
    material = ReadingMaterial(
        Reading(id="hash", title="Checksums", url="https://example.org/hash"), "https://example.org/hash",
        article=Article(url="https://example.org/hash", html=html, word_count=20),
    )
    for options in (RenderOptions(), RenderOptions(paper="a4", large_print=True)):
        handout = render_print([material], options)
        with pdfplumber.open(io.BytesIO(handout.pdf)) as pdf:
            chars = [c for page in pdf.pages for c in page.chars]
            assert max(c["x1"] for c in chars) <= pdf.pages[0].width - 36, options
            assert "".join(c["text"] for c in chars).count("f3a9") == 150


# ---------- links ----------


def test_ids_are_scoped_and_internal_links_follow_them_even_percent_encoded():
    html = (
        '<h2 id="why-it’s-hard">Why</h2><h3 id="what-now%3F">Now</h3><p><a href="#why-it%E2%80%99s-hard">back</a> '
        '<a href="#what-now%3F">on</a> <a href="#nowhere">gone</a> <a href="javascript:alert(1)">script</a> '
        '<a id="ref-1">[1]</a> <a href="#ref-1">see 1</a></p>'
    )
    root = tree(run(steps.scope_links, html))
    assert [root.find(h).get("id") for h in ("h2", "h3")] == ["r-x-why-it’s-hard", "r-x-what-now?"]
    hrefs = [unquote(a.get("href")) for a in root.iter("a")]
    assert hrefs == ["#r-x-why-it’s-hard", "#r-x-what-now?", "#r-x-ref-1"]
    text = root.text_content()
    assert "gone" in text and "script" in text and "[1]" in text
    assert root.xpath("//span[@id='r-x-ref-1']"), "an unwrapped anchor keeps its id"


def test_each_outward_link_gets_a_superscript_number_and_one_note_per_address():
    html = (
        '<p><a href="https://a.example/">A</a> and <a href="https://a.example/">again</a>, '
        '<a href="https://b.example/x"><em>b</em></a>, <a href="https://c.example/y">c.example/y</a>; '
        + " ".join(f'<a href="https://n.example/{n}">n{n}</a>' for n in range(3, 13)) + "</p>"
        '<h2><a href="https://d.example/">Heading link</a></h2>'
    )
    body = run(steps.number_links, html)
    assert [(n.number, n.url) for n in body.notes][:2] == [(1, "https://a.example/"), (2, "https://b.example/x")]
    assert len(body.notes) == 12
    root = tree(body)
    p = root.find("p")
    assert p.text == "A¹ and again¹, " and p.find("em").text == "b" and p.find("em").tail.startswith("², ")
    assert "n12¹²" in p.text_content()
    assert [a.get("class") for a in root.iter("a")] == ["url"]  # only the link that shows its address stays
    shown = root.find(".//a")
    assert shown.get("href") == "https://c.example/y" and shown.text == breakable_url("c.example/y")
    assert root.find("h2").text_content() == "Heading link" and not root.find("h2").xpath(".//a")


def test_link_numbers_go_on_after_the_articles_own_note_marks():
    # A LessWrong-style footnote (sup > a#fn), a Substack mark (sup.footnote-ref),
    # a Wikipedia citation ([12] link) and a superscript that is not a mark (m²).
    html = (
        '<p>Claim.<sup><a href="#fn1">1</a></sup> More<sup class="footnote-ref">2</sup> and '
        '<a href="#cite-12">[12]</a>; area in m<sup>2</sup>, figure <a href="#fig40">40</a>. '
        'See <a href="https://a.example/">this</a> and <a href="https://b.example/">that</a>.</p>'
        '<ol><li id="fn1">Note one.</li><li id="cite-12">Twelve.</li><li id="fig40">Fig.</li></ol>'
    )
    body = steps.apply([steps.scope_links, steps.number_links], steps.parse_body(html, "r-x", LETTER))
    assert [(n.number, n.url) for n in body.notes] == [(13, "https://a.example/"), (14, "https://b.example/")]
    assert "this¹³ and that¹⁴" in tree(body).text_content()
    plain = run(steps.number_links, '<p>m<sup>2</sup> <a href="https://a.example/">a</a></p>')
    assert [n.number for n in plain.notes] == [1], "a superscript that is no note mark starts nothing"
    year = run(steps.number_links, '<p>In<sup><a href="#y">2019</a></sup> or [3 <a href="https://a.example/">a</a></p>')
    assert [n.number for n in year.notes] == [1], "a year or a stray bracket is no note mark"


def test_printed_addresses_break_after_slashes_and_copy_out_whole():
    url = "https://example.org/a/b?x=1&y=2#top"
    broken = breakable_url(url)
    assert broken.replace(ZERO_WIDTH_SPACE, "") == url
    assert broken.split(ZERO_WIDTH_SPACE) == ["https://example.org/", "a/", "b", "?x=1", "&y=2", "#top"]


# ---------- images ----------


def test_an_image_that_was_not_downloaded_is_dropped_and_its_figure_says_so():
    assets = {"https://example.org/chart.png": Asset(FIXTURES / "compute-chart.png", "image/png")}
    html = ('<figure><img src="https://example.org/chart.png" alt="Refer to caption"><figcaption>Figure 1: Kept.</figcaption></figure>'
            '<figure><a href="https://example.org/big.png"><img src="https://example.org/big.png" alt="Refer to caption"></a>'
            '<figcaption>Figure 2: Attention with <img class="math" src="data:image/svg+xml;base64,PHN2Zy8+" alt="M"> tokens.</figcaption></figure>'
            '<p>Inline <img src="https://tracker.example/p.gif" alt="pixel"> gone.</p>')
    root = tree(run(steps.drop_missing_images, html, assets=assets))
    srcs = [img.get("src") for img in root.iter("img")]
    assert srcs == ["https://example.org/chart.png", "data:image/svg+xml;base64,PHN2Zy8+"]
    first, second = root.findall("figure")
    assert "not printed" not in first.text_content()
    assert second.findtext("figcaption/span").startswith("Picture not printed")
    assert second.find("figcaption").text_content().endswith("Figure 2: Attention with  tokens.")
    assert second.find("a") is None and "pixel" not in root.text_content()


# ---------- screen ----------


def test_screen_images_travel_inside_the_file_and_undownloaded_ones_are_dropped():
    assets = {"https://example.org/chart.png": Asset(FIXTURES / "compute-chart.png", "image/png")}
    html = '<p>See <img src="https://example.org/chart.png" srcset="x 2x"> and <img src="https://tracker.example/p.gif">.</p>'
    root = tree(run(steps.inline_images, html, assets=assets))
    (img,) = root.iter("img")
    assert img.get("src").startswith("data:image/png;base64,") and img.get("srcset") is None
    assert root.text_content() == "See  and ."


# ---------- one parse, stated order ----------


def test_the_paper_body_has_numbered_notes_and_the_screen_body_live_links():
    html = '<p>Read <a href="https://example.org/more">more</a>.</p><pre>code</pre>'
    material = ReadingMaterial(
        Reading(id="one", title="One", url="https://example.org/one"), "https://example.org/one",
        article=Article(url="https://example.org/one", html=html, word_count=3),
    )
    view = reading_view(material, "one", None, 150, RenderOptions(), screen=True)
    paper = lxml_html.fragment_fromstring(str(view.body), create_parent="div")
    screen = lxml_html.fragment_fromstring(str(view.screen_body), create_parent="div")
    assert "more¹" in paper.text_content() and [n.url for n in view.notes] == ["https://example.org/more"]
    assert [a.get("href") for a in screen.iter("a")] == ["https://example.org/more"]
    assert paper.find("pre").get("style") and not screen.find("pre").get("style")


def test_the_steps_are_stated_in_order():
    names = lambda listed: [step.__name__ for step in listed]  # noqa: E731
    assert names(steps.ARTICLE_STEPS) == ["typeset_math", "drop_missing_images", "loosen_table_spaces", "mark_tables", "head_rows", "tighten_preformatted", "scope_links"]
    assert names(steps.PAPER_STEPS) == ["fit_preformatted", "number_links"]
    assert names(steps.SCREEN_STEPS) == ["inline_images"]
