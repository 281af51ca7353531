"""Findings of a print review, each checked where a reader meets it: code
samples written line by line with <br>, a link's note number after its
words, an RFC's old page footers and headers, a table's caption and first
rows kept together, names in narrow table columns, side-by-side tables."""

from __future__ import annotations

import io
from collections import Counter

import pdfplumber
from lxml import html as lxml_html

from packet.article import Article
from packet.curriculum import Reading
from packet.render import body as steps
from packet.render.handout import render_print
from packet.render.material import ReadingMaterial
from packet.render.options import RenderOptions

LETTER = RenderOptions().measure()


def run(step, html: str, measure=LETTER) -> steps.Body:
    return steps.apply([step], steps.parse_body(html, "r-x", measure))


def tree(body: steps.Body):
    return lxml_html.fragment_fromstring(body.html(), create_parent="div")


def printed(html: str, options: RenderOptions | None = None) -> list:
    """The pages of `packet print` of an article, as pdfplumber reads them
    (their text and characters, taken before the file closes)."""
    material = ReadingMaterial(
        Reading(id="review", title="Review", url="https://example.org/r"), "https://example.org/r",
        article=Article(url="https://example.org/r", html=html, word_count=300),
    )
    pdf = render_print([material], options or RenderOptions()).pdf
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [(page.extract_text() or "", list(page.chars), page.width) for page in document.pages]


# ---------- code samples whose lines end in <br> ----------

# A 58-column line: fits the measure at the 9 pt code size.
CODE_LINE = "const binary = require('fs').readFileSync('./add.wasm');"


def _br_sample(lines: int = 6) -> str:
    spans = "<br>".join(f"<span class='token'>{CODE_LINE[:-2]}</span>{n:02d}" for n in range(lines))
    return f"<pre><code>{spans}</code></pre>"


def test_a_line_ending_in_br_counts_as_a_line_when_code_is_sized():
    prose = "<p>" + "word " * 200 + "</p>"
    for chain in ([steps.fit_preformatted], [steps.tighten_preformatted, steps.fit_preformatted]):
        body = steps.apply(chain, steps.parse_body(prose + _br_sample(), "r-x", LETTER))
        assert tree(body).find(".//pre").get("style") == "font-size:9.00pt"
    # tightening writes the <br> as the newline it prints as
    pre = tree(run(steps.tighten_preformatted, _br_sample(3))).find(".//pre")
    assert pre.find(".//br") is None
    assert pre.text_content() == "\n".join(f"{CODE_LINE[:-2]}{n:02d}" for n in range(3))


def test_code_written_with_br_prints_at_code_size_one_line_a_line():
    html = "<p>" + "Some prose to read before the sample. " * 30 + "</p>" + _br_sample()
    for options, code_size in ((RenderOptions(), 9.0), (RenderOptions(large_print=True), 12.0)):
        (text, chars, _), *_ = printed(html, options)
        mono = [c for c in chars if c["fontname"].endswith("Packet-Mono") and c["text"] == "c"]
        sizes = Counter(round(c["size"], 1) for c in mono)
        assert sizes.most_common(1)[0][0] == code_size, (options, sizes)
        for n in range(6):
            assert f"{CODE_LINE[:-2]}{n:02d}" in text  # each line whole, on its own line


# ---------- a link's number after its words ----------


def test_a_links_trailing_space_goes_after_its_number():
    html = (
        "<p>(see <a href='https://example.org/apk'>APK Signature\nSchema v2 </a>for why)"
        " and <a href='https://example.org/b'><em>the notes </em> </a>here,"
        " <a href='https://example.org/c'>close</a>d up.</p>"
    )
    text = " ".join(tree(run(steps.number_links, html)).text_content().split())
    assert "Schema v2¹ for why" in text
    assert "the notes² here" in text
    assert "close³d up" in text  # no space was there, none is made


def test_printed_note_numbers_sit_against_the_linked_words():
    html = "<p>Read the spec (see <a href='https://example.org/apk'>APK Signature\nSchema v2 </a>for why) first.</p>"
    (text, _, _), *_ = printed(html)
    assert "Schema v2¹ for why" in " ".join(text.split())


# ---------- an RFC's old page footers and running headers ----------

FOOTER = "Fielding, et al.             Standards Track                    [Page {n}]"
HEADER = "RFC 9110                        HTTP Semantics                   June 2022"


def _rfc_pages(pages: int = 3, lines: int = 30) -> list[str]:
    """Plain-text pages in the IETF's format: each page's text, blank lines
    padding it out, its footer; the next page opens with the running header."""
    out = []
    for page in range(1, pages + 1):
        head = "" if page == 1 else HEADER + "\n\n\n"
        text = "\n".join(f"   Line {line} of page {page} of the specification text." for line in range(lines))
        out.append(f"{head}{text}\n\n\n\n{FOOTER.format(n=page)}\n")
    return out


def test_page_footers_and_headers_at_old_page_breaks_are_dropped():
    plain = "\f\n".join(_rfc_pages())
    pre = tree(run(steps.tighten_preformatted, f"<pre>{plain}</pre>")).find("pre")
    text = pre.text_content()
    assert "[Page" not in text and "HTTP Semantics" not in text
    assert "Line 29 of page 1 of the specification text.\n\n   Line 0 of page 2" in text
    assert text.endswith("Line 29 of page 3 of the specification text.")


def test_an_rfc_set_a_pre_a_page_becomes_one_text_and_its_page_anchors_stay():
    # rfcmarkup's shape (the IETF's HTML pages): a <pre> a page, the footer
    # and header in spans, an anchor opening each page after the first;
    # here a sentence runs on over the second break.
    first, second, third = _rfc_pages()
    second = second.replace("   Line 29 of page 2 of the specification text.", "   Line 29 of page 2 runs on to")
    third = third.replace("   Line 0 of page 3", "   the next page, line 0 of page 3")

    def marked(page: str, n: int) -> str:
        page = page.replace(FOOTER.format(n=n), f"<span class='grey'>{FOOTER.format(n=n)}</span>")
        page = page.replace(HEADER, f"<span class='grey'>{HEADER}</span>")
        return page if n == 1 else f"<a id='page-{n}' href='#page-{n}'> </a>\n" + page

    html = "".join(f"<pre>{marked(page, n)}</pre>\n" for n, page in enumerate((first, second, third), start=1))
    html = "<p>Table of contents: <a href='#page-2'>2</a></p>" + html
    root = tree(run(steps.tighten_preformatted, html))
    (pre,) = root.iter("pre")
    text = pre.text_content()
    assert "[Page" not in text and "HTTP Semantics" not in text
    assert "Line 29 of page 1 of the specification text.\n\n   Line 0 of page 2" in text
    assert "Line 29 of page 2 runs on to\n   the next page, line 0 of page 3" in text
    assert [a.get("id") for a in pre.iter("a")] == ["page-2", "page-3"]


def test_page_like_lines_elsewhere_are_left_alone():
    html = "<pre>see [Page 3]\n\nRFC 1   a   b</pre><pre>x = 1\n[Page 4]\n</pre><pre>after</pre>"
    first, second, third = tree(run(steps.tighten_preformatted, html)).iter("pre")
    assert first.text_content() == "see [Page 3]\n\nRFC 1   a   b"  # not at a page's end
    # "[Page 4]" alone is no footer line: the samples stay apart, as written
    assert (second.text_content(), third.text_content()) == ("x = 1\n[Page 4]\n", "after")


def test_a_printed_rfc_shows_no_old_page_furniture():
    pages = printed("<pre>" + "\f\n".join(_rfc_pages(4, 40)) + "</pre>")
    text = "\n".join(page_text for page_text, _, _ in pages)
    assert "[Page" not in text and "HTTP Semantics" not in text
    for page in range(1, 5):
        assert f"Line 39 of page {page} of the specification text." in text


# ---------- tables ----------

# A second row some lines tall, so there are places on a page where the
# first row fits and the second does not.
TALL = "<br>and more" * 5


def test_a_caption_prints_with_at_least_two_rows_of_its_table():
    rows = "".join(f"<tr><td>City {n}</td><td>{20 + n}/{10 + n}{TALL if n == 1 else ''}</td></tr>" for n in range(10))
    table = f"<table><caption>Average temperatures of the largest cities</caption><tbody>{rows}</tbody></table>"
    for lines in range(21, 33, 2):
        html = "".join(f"<p>Line {n} of the text before the table.</p>" for n in range(lines)) + table
        texts = [page_text for page_text, _, _ in printed(html)]
        caption_page = next(n for n, text in enumerate(texts) if "Average temperatures" in text)
        assert "City 0" in texts[caption_page] and "City 1" in texts[caption_page], lines


def test_a_table_title_row_prints_with_two_rows_below_it():
    rows = "".join(f"<tr><td>Region {n}</td><td>{n * 7}{TALL if n == 1 else ''}</td></tr>" for n in range(8))
    table = f"<table><tbody><tr><th colspan=2>Administrative divisions</th></tr>{rows}</tbody></table>"
    for lines in range(21, 33, 2):
        html = "".join(f"<p>Line {n} of the text before the table.</p>" for n in range(lines)) + table
        texts = [page_text for page_text, _, _ in printed(html)]
        title_page = next(n for n, text in enumerate(texts) if "Administrative divisions" in text)
        assert "Region 0" in texts[title_page] and "Region 1" in texts[title_page], lines


def test_no_break_spaces_between_words_in_a_cell_become_spaces_but_not_beside_digits():
    html = (
        "<table><tr><td>New&#160;Zealand's territory</td><td>10&#160;km, p.&#160;12, \u00a3&#160;5</td>"
        "<td>Cook&#160;<a href='#x'>Islands</a></td><td>a&#160;&#160;b&#160;</td>"
        "<td>Bonjour&#160;! \u00ab&#160;Oui&#160;\u00bb</td><td>Zealand,&#160;Australia, U.S.&#160;Army</td></tr></table>"
        "<p>Outside&#160;tables</p>"
    )
    root = tree(run(steps.loosen_table_spaces, html))
    cells = [cell.text_content() for cell in root.iter("td")]
    assert cells == [
        "New Zealand's territory", "10\u00a0km, p.\u00a012, \u00a3\u00a05", "Cook Islands", "a\u00a0\u00a0b\u00a0",
        "Bonjour\u00a0! \u00ab\u00a0Oui\u00a0\u00bb",  # French spacing before ! and inside quotes stays
        "Zealand, Australia, U.S. Army",  # after a comma or a full stop it is a space between words
    ]
    assert root.find("p").text == "Outside\u00a0tables"


def test_a_name_in_a_narrow_column_wraps_between_its_words():
    # In the shape of Wikipedia's table of New Zealand's divisions: many
    # narrow columns, the country's name written with a no-break space.
    notes = (
        "Some districts lie in more than one region", "These combine the regional and territorial levels",
        "Special territorial authority", "The outlying Solander Islands form part of Southland",
        "New&#160;Zealand's Antarctic territory", "Non-self-governing territory of New&#160;Zealand",
        "States in free association with New&#160;Zealand", "Ross Dependency", "Tokelau", "Cook Islands", "Niue",
    )
    row = "".join(f"<td>{note}</td>" for note in notes)
    (text, _, _), *_ = printed(f"<table><tr><th>Notes</th>{row}</tr></table>")
    words = text.split()
    # each "Zealand" whole, or hyphenated: never cut as "Zeal" / "and"
    assert all(w.startswith("Zealand") or w.endswith("-") for w in words if w.startswith("Zea")), text
    assert words.count("Zealand") + words.count("Zealand's") == 3


def test_tables_set_side_by_side_run_on_rather_than_leave_a_page_blank():
    def inner(title: str) -> str:
        rows = "".join(f"<tr><td>{title} developer {n}</td><td>{100 - n}</td></tr>" for n in range(40))
        return f"<table><tbody><tr><th colspan=2>By {title}</th></tr>{rows}</tbody></table>"

    layout = (
        "<table><tbody><tr><th colspan=2>Most active developers</th></tr>"
        f"<tr><td>{inner('changesets')}</td><td>{inner('lines')}</td></tr></tbody></table>"
    )
    html = "".join(f"<p>Line {n} of the text before the tables.</p>" for n in range(12)) + layout
    pages = [page_text for page_text, _, _ in printed(html, RenderOptions(large_print=True))]
    before = next(n for n, text in enumerate(pages) if "Line 11 of the text" in text)
    assert "Most active developers" in pages[before]
    assert "changesets developer 0" in pages[before] and "lines developer 0" in pages[before]
    assert "changesets developer 39" in "".join(pages) and "lines developer 39" in "".join(pages)
