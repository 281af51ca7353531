"""Printing sources on their own (`packet print`), the pieces of a handout
(link notes, reading times, PDF page ranges) and combining weekly PDFs."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
import weasyprint
from pypdf import PdfReader

from packet.article import Article
from packet.curriculum import Reading
from packet.errors import RenderError
from packet.render.handout import reading_minutes, render_print
from packet.render.material import ReadingMaterial
from packet.render.options import RenderOptions
from packet.render.pdfmerge import combine_pdfs, select_pdf_pages

FIXTURES = Path(__file__).parent / "fixtures" / "handout"


def material(reading_id: str, html: str, **extra) -> ReadingMaterial:
    url = f"https://example.org/{reading_id}"
    reading = Reading(id=reading_id, title=f"Reading {reading_id}", url=url, authors=["Grace Hopper"])
    return ReadingMaterial(reading, url, article=Article(url=url, html=html, word_count=len(html.split())), **extra)


def small_pdf(title: str, pages: int) -> bytes:
    body = "".join(f"<h1 style='break-before: page'>{title} {n}</h1>" for n in range(1, pages + 1))
    return weasyprint.HTML(string=body).write_pdf()


@pytest.fixture(scope="module")
def printed_a4(tmp_path_factory):
    css = tmp_path_factory.mktemp("css") / "organizer.css"
    css.write_text(".card h1 { color: rgb(200, 0, 0); }")
    first = material(
        "first",
        '<p>FIRST-ARTICLE text with <a href="https://example.org/cited">a citation</a> '
        '<img src="https://tracker.example/pixel.png" alt=""></p>',
    )
    second = material("second", "<h2>Only section</h2><p>SECOND-ARTICLE text.</p>")
    handout = render_print([first, second], RenderOptions(paper="a4", stylesheets=(css,)), title="Two sources")
    return handout


def test_print_uses_a4_when_asked(printed_a4):
    reader = PdfReader(io.BytesIO(printed_a4.pdf))
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_print_gives_each_source_its_card_and_right_hand_page(printed_a4):
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(printed_a4.pdf)).pages]
    first, second = printed_a4.reading_pages["first"], printed_a4.reading_pages["second"]
    assert first == 1 and second % 2 == 1
    assert "FIRST-ARTICLE" in pages[first - 1] and "https://example.org/first" in pages[first - 1]
    assert "https://example.org/cited" in pages[first - 1]
    assert "SECOND-ARTICLE" in pages[second - 1]


def test_print_bookmarks_readings_at_top_level(printed_a4):
    outline = PdfReader(io.BytesIO(printed_a4.pdf)).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == ["Reading first", "Reading second"]


def test_organizer_stylesheet_is_applied_last(printed_a4):
    with pdfplumber.open(io.BytesIO(printed_a4.pdf)) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"] == "R" and c["size"] > 14]
    assert chars and all(tuple(round(v, 2) for v in c["non_stroking_color"]) == (0.78, 0.0, 0.0) for c in chars)


def test_images_not_downloaded_are_refused_and_reported(printed_a4):
    assert any(url == "https://tracker.example/pixel.png" for url, _ in printed_a4.refused)


def test_nothing_to_print_is_an_error():
    with pytest.raises(RenderError):
        render_print([])


def test_unknown_paper_or_sides_is_an_error():
    with pytest.raises(RenderError):
        RenderOptions(paper="legal")
    with pytest.raises(RenderError):
        RenderOptions(sides="three")


def test_reading_minutes_rounds_like_a_plan():
    assert reading_minutes(3700, 150) == 25
    assert reading_minutes(300, 150) == 2
    assert reading_minutes(100, 150) == 1
    assert reading_minutes(0, 150) == 0


def test_page_ranges_select_pages_in_order():
    pdf = select_pdf_pages(small_pdf("Page", 6), "2-3,5")
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    assert [t.strip() for t in texts] == ["Page 2", "Page 3", "Page 5"]
    with pytest.raises(RenderError):
        select_pdf_pages(pdf, "2-9")


def test_combined_pdf_has_a_bookmark_per_part_with_their_own_nested():
    week1 = small_pdf("Week one page", 3)
    week2 = small_pdf("Week two page", 2)
    combined = combine_pdfs([("Week 1: One", week1), ("Week 2: Two", week2)])
    reader = PdfReader(io.BytesIO(combined))
    assert len(reader.pages) == 6  # week 1 padded to an even count for duplex
    outline = reader.outline
    tops = [item for item in outline if not isinstance(item, list)]
    assert [t.title for t in tops] == ["Week 1: One", "Week 2: Two"]
    assert reader.get_destination_page_number(tops[1]) == 4
    nested = outline[1]
    assert [item.title for item in nested] == ["Week one page 1", "Week one page 2", "Week one page 3"]


def wide_pdf() -> bytes:
    """Three 16:9 slides, then an A4 landscape table page."""
    slides = "".join(f"<h1 style='page: slide; break-before: page'>Slide {n}</h1>" for n in range(1, 4))
    table = "<h1 style='page: table; break-before: page'>Landscape table</h1>"
    css = "<style>@page slide { size: 720pt 405pt } @page table { size: A4 landscape }</style>"
    return weasyprint.HTML(string=css + slides + table).write_pdf()


def test_slides_print_two_to_a_page_and_a_landscape_page_is_turned():
    # A 16:9 deck scaled to portrait width left 60% of every sheet blank,
    # and an A4 landscape page printed as a strip across the paper.
    reading = Reading(id="deck", title="A talk's slides", url="https://example.org/deck.pdf")
    handout = render_print([ReadingMaterial(reading, reading.url, pdf=wide_pdf())], RenderOptions(sides="one"))
    with pdfplumber.open(io.BytesIO(handout.pdf)) as pdf:
        card, *drawn = pdf.pages
        assert "two to a page" in card.extract_text() and "turned a quarter" in card.extract_text()
        assert len(drawn) == 3, "4 source pages on 3 host pages"
        words = {w["text"]: w for w in drawn[0].extract_words()}
        assert words["1"]["top"] < words["2"]["top"], "slide 1 above slide 2 on one page"
        # The deck's odd last slide prints upright in the top half, like
        # the others; the landscape page is turned: its letters run up
        # the page, one above the other.
        slide3 = [c for c in drawn[1].chars if c["text"].strip() and "+Packet-" not in c["fontname"]]
        assert "".join(c["text"] for c in sorted(slide3, key=lambda c: c["x0"])) == "Slide3"
        assert max(c["top"] for c in slide3) < drawn[1].height / 2, "in the top half"
        for page, title in ((drawn[2], "Landscapetable"),):
            chars = [c for c in page.chars if c["text"].strip() and "+Packet-" not in c["fontname"]]  # the source PDF's own face
            assert "".join(c["text"] for c in sorted(chars, key=lambda c: -c["top"])) == title
            assert max(c["x0"] for c in chars) - min(c["x0"] for c in chars) < 2 < max(c["top"] for c in chars) - min(c["top"] for c in chars)
