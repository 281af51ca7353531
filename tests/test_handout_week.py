"""A week's handout as participants get it: one real render of a small week,
inspected as a PDF (pypdf, pdfplumber) and as its screen HTML."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pdfplumber
import pytest
import weasyprint
from lxml import html as lxml_html
from pypdf import PdfReader

from packet.article import Article
from packet.load import parse_curriculum
from packet.render.handout import render_week_handout
from packet.render.material import ReadingMaterial
from packet.render.pdf import Asset
from packet.render.pdfmerge import select_pdf_pages
from packet.render.qr import qr_matrix

FIXTURES = Path(__file__).parent / "fixtures" / "handout"

CURRICULUM = """
title: Test Reading Group
reading_speed: 150
readings:
  - id: compute-trends
    title: Trends in training compute
    authors: [Ada Lovelace, Charles Babbage]
    year: 2022
    site: Example Research
    url: https://example.org/compute-trends
    note: Read the figure caption carefully.
    organizer_note: ORGANIZER-SECRET-READING
  - id: alignment-paper
    title: The alignment problem from a deep learning perspective
    authors: [Richard Ngo]
    year: 2022
    site: arXiv 2209.00626
    url: https://arxiv.org/abs/2209.00626
    sections:
      include: ["2"]
      reason: Section 2 only.
  - id: scanned-report
    title: A scanned report
    kind: pdf
    url: https://example.org/report.pdf
    pages: "2-3"
  - id: dead-link
    title: A post that vanished
    url: https://example.org/gone
weeks:
  - number: 3
    title: Measuring progress
    summary: How fast is AI getting more capable?
    agenda:
      - kind: icebreaker
        title: Icebreaker
        questions: [What did you have for breakfast?]
        say: [FACILITATOR-SAY-SECRET]
      - kind: reading
        title: Compute trends
        minutes: 25
        readings: [compute-trends]
        notes: FACILITATOR-NOTES-SECRET
      - kind: discussion
        title: Split and discuss
        grouping: groups of 2-3
        questions: [Is compute the right thing to measure?]
        notes: FACILITATOR-DISCUSSION-SECRET
      - kind: reading
        title: The paper
        readings: [alignment-paper]
      - kind: video
        title: The inner alignment problem
        by: Robert Miles
        url: https://www.youtube.com/watch?v=bJLcIBixGj8
        start: "2:27"
        minutes: 20
      - kind: reading
        title: For early finishers
        readings: [scanned-report]
        early_finishers: true
      - kind: reading
        title: Optional extra
        readings: [dead-link]
        optional: true
    organizer_notes: [ORGANIZER-WEEK-SECRET]
"""


def source_pdf(pages: int) -> bytes:
    """A PDF whose pages say "Source page N", like a report to print pages of."""
    body = "".join(
        f"<h1 style='break-before: page'>Source page {n}</h1><p>{'Report text. ' * 40}</p>"
        for n in range(1, pages + 1)
    )
    return weasyprint.HTML(string=f"<style>@page {{ size: A4 }}</style>{body}").write_pdf()


@pytest.fixture(scope="module")
def rendered():
    curriculum = parse_curriculum(CURRICULUM)
    week = curriculum.weeks[0]
    article_html = (FIXTURES / "article-figure-table.html").read_text()
    assets = {
        "https://example.org/compute-chart.png": Asset(FIXTURES / "compute-chart.png", "image/png"),
        "https://example.org/icon.png": Asset(FIXTURES / "icon.png", "image/png"),
    }
    reading = curriculum.reading
    materials = {
        "compute-trends": ReadingMaterial(
            reading("compute-trends"), "https://example.org/compute-trends",
            article=Article(url="https://example.org/compute-trends", html=article_html, word_count=3700, lang="en"),
            assets=assets,
        ),
        "alignment-paper": ReadingMaterial(
            reading("alignment-paper"), "https://arxiv.org/html/2209.00626",
            article=Article(
                url="https://arxiv.org/html/2209.00626",
                html="<h2>2 The alignment problem</h2><p>ALIGNMENT-SECTION-TWO text.</p>",
                word_count=900,
            ),
            selection="Section 2 only",
        ),
        "scanned-report": ReadingMaterial(
            reading("scanned-report"), "https://example.org/report.pdf",
            pdf=select_pdf_pages(source_pdf(4), "2-3"),
        ),
        "dead-link": ReadingMaterial(reading("dead-link"), "https://example.org/gone", reason="404 Not Found"),
    }
    handout = render_week_handout(curriculum, week, materials)
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(handout.pdf)).pages]
    return handout, pages


def test_letter_pages_and_even_count_for_duplex(rendered):
    handout, pages = rendered
    reader = PdfReader(io.BytesIO(handout.pdf))
    assert handout.pages == len(reader.pages) == len(pages)
    assert handout.pages % 2 == 0
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


def test_metadata_names_group_and_week(rendered):
    handout, _ = rendered
    meta = PdfReader(io.BytesIO(handout.pdf)).metadata
    assert meta.title == "Test Reading Group - Week 3: Measuring progress"


def test_charis_and_inter_are_embedded(rendered):
    handout, _ = rendered
    reader = PdfReader(io.BytesIO(handout.pdf))
    embedded = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptors = [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]
            for d in descriptors:
                desc = d.get("/FontDescriptor")
                if desc and any(k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    embedded.add(str(d.get("/BaseFont")))
    assert any("Packet-Serif" in name for name in embedded), embedded
    assert any("Packet-Sans" in name for name in embedded), embedded


def test_facilitator_and_organizer_notes_never_reach_the_paper(rendered):
    handout, pages = rendered
    everything = "\n".join(pages)
    for secret in ("FACILITATOR-SAY-SECRET", "FACILITATOR-NOTES-SECRET", "FACILITATOR-DISCUSSION-SECRET",
                   "ORGANIZER-SECRET-READING", "ORGANIZER-WEEK-SECRET"):
        assert secret not in everything
        assert secret not in handout.html


def test_first_page_shows_the_agenda_questions_and_video(rendered):
    _, pages = rendered
    first = pages[0]
    assert "Week 3" in first and "Measuring progress" in first
    assert "What did you have for breakfast?" in first
    assert "Is compute the right thing to measure?" in first
    assert "25 min" in first and "groups of 2-3" in first
    assert "from 2:27" in first
    assert "The inner alignment problem" in first and "Robert Miles" in first
    assert "t=147s" in first


def test_readings_start_on_right_hand_pages_in_agenda_order_extras_last(rendered):
    handout, pages = rendered
    order = ["compute-trends", "alignment-paper", "scanned-report", "dead-link"]
    numbers = [handout.reading_pages[rid] for rid in order]
    assert numbers == sorted(numbers)
    assert all(n % 2 == 1 for n in numbers)
    assert "Trends in training compute" in pages[numbers[0] - 1]
    assert "For early finishers".upper() in pages[numbers[2] - 1].upper()
    assert "Optional".upper() in pages[numbers[3] - 1].upper()
    # The first page cites the page each reading starts on.
    assert f"page {numbers[0]}" in pages[0]


def test_source_card_has_link_time_note_and_selection(rendered):
    handout, pages = rendered
    card = pages[handout.reading_pages["compute-trends"] - 1]
    assert "https://example.org/compute-trends" in card
    assert "Ada Lovelace and Charles Babbage" in card
    assert "About 25 minutes at a careful 150 words a minute" in card
    assert "Read the figure caption carefully." in card
    paper = pages[handout.reading_pages["alignment-paper"] - 1]
    assert "Section 2 only" in paper
    assert "ALIGNMENT-SECTION-TWO" in paper


def test_article_keeps_figure_caption_table_and_code(rendered):
    handout, pages = rendered
    start = handout.reading_pages["compute-trends"] - 1
    text = "\n".join(pages[start:handout.reading_pages["alignment-paper"] - 1])
    assert "Figure 1: Training compute of six notable systems" in text
    assert "AlphaGo Zero" in text
    assert "def doubling_time" in text
    assert "a very long comment that keeps going" in " ".join(text.split())  # wrapped, not cut


def test_links_become_numbered_notes_with_their_addresses(rendered):
    handout, pages = rendered
    start = handout.reading_pages["compute-trends"] - 1
    text = "\n".join(pages[start:handout.reading_pages["alignment-paper"] - 1])
    assert "LINKS" in text.upper()
    assert "https://epochai.org/data" in text
    assert "https://openai.com/research/ai-and-compute" in text
    # The same address linked twice is one note; a link that shows its address needs none.
    assert text.count("https://epochai.org/data") == 1
    assert "https://example.org/plain" not in text


def test_footnote_links_stay_internal_and_note_numbers_follow_their_words(rendered):
    handout, pages = rendered
    reader = PdfReader(io.BytesIO(handout.pdf))
    start = handout.reading_pages["compute-trends"] - 1
    internal = 0
    for page in reader.pages[start:start + 3]:
        for annot in page.get("/Annots", []) or []:
            action = annot.get_object().get("/A")
            if annot.get_object().get("/Dest") is not None or (action is not None and action.get_object().get("/D")):
                internal += 1
    assert internal >= 1  # the footnote mark still jumps to its footnote
    text = " ".join("\n".join(pages[start:start + 3]).split())
    assert "Epoch¹" in text and "AI and Compute²" in text and "dataset again¹" in text


def test_pdf_reading_is_drawn_with_its_page_range(rendered):
    handout, pages = rendered
    card = handout.reading_pages["scanned-report"]
    following = "\n".join(pages[card:card + 2])
    assert "Source page 2" in following and "Source page 3" in following
    everything = "\n".join(pages)
    assert "Source page 1" not in everything and "Source page 4" not in everything
    # Drawn pages keep the handout's running header and page numbers.
    assert str(card + 1) in pages[card]


def test_dead_reading_gets_a_placeholder_page_with_reason_and_address(rendered):
    handout, pages = rendered
    page = pages[handout.reading_pages["dead-link"] - 1]
    assert "404 Not Found" in page
    assert "https://example.org/gone" in page
    assert "could not be printed" in page


def test_bookmarks_go_week_then_readings_then_their_sections(rendered):
    handout, _ = rendered
    outline = PdfReader(io.BytesIO(handout.pdf)).outline
    assert outline[0].title == "Measuring progress"
    children = outline[1]
    titles = [item.title for item in children if not isinstance(item, list)]
    assert titles == [
        "Trends in training compute",
        "The alignment problem from a deep learning perspective",
        "A scanned report",
        "A post that vanished",
    ]
    sections = [item.title for item in children[1] if not isinstance(item, list)]
    assert sections == ["1 Measuring compute", "2 Code"]  # h3 "1.1 A table of runs" is not bookmarked


def _png_matrix(data_uri: str) -> list[list[bool]]:
    """The dark modules of a one-pixel-a-module PNG, quiet zone removed."""
    from PIL import Image

    image = Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1]))).convert("L")
    width, height = image.size
    return [[image.getpixel((x, y)) < 128 for x in range(2, width - 2)] for y in range(2, height - 2)]


def test_qr_codes_encode_the_printed_addresses(rendered):
    handout, _ = rendered
    doc = lxml_html.fromstring(handout.html)
    video = doc.cssselect(".block-video .media")[0]
    url = video.cssselect(".url")[0].text_content().strip()
    assert url == "https://www.youtube.com/watch?v=bJLcIBixGj8&t=147s"
    assert _png_matrix(video.cssselect("img.qr")[0].get("src")) == qr_matrix(url)
    card = doc.cssselect("#reading-dead-link .card")[0]
    url = card.cssselect(".url")[0].text_content().strip()
    assert url == "https://example.org/gone"
    assert _png_matrix(card.cssselect("img.qr")[0].get("src")) == qr_matrix(url)


def test_screen_html_is_one_self_contained_file(rendered):
    handout, _ = rendered
    doc = lxml_html.fromstring(handout.html)
    chart = [img for img in doc.iter("img") if "Bar chart" in (img.get("alt") or "")][0]
    assert chart.get("src").startswith("data:image/png;base64,")
    assert not doc.cssselect("link[rel=stylesheet]")
    assert "Trends in training compute" in handout.html


def test_nothing_outside_the_downloaded_assets_was_fetched(rendered):
    handout, _ = rendered
    assert handout.refused == []


def test_shipped_curriculum_week_prints_without_facilitator_text():
    from packet.load import load_curriculum

    repo = Path(__file__).resolve().parents[1]
    curriculum = load_curriculum(repo / "curriculum.yaml")
    week = curriculum.weeks[0]
    handout = render_week_handout(curriculum, week, {})
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(handout.pdf)).pages)
    flat = " ".join(text.split())
    assert "What machine learning is" in flat
    assert "0:00–16:25" in flat  # the first 3Blue1Brown video, start to end
    for item in week.agenda:
        for line in item.say:
            assert " ".join(line.split())[:40] not in flat
        if item.notes:
            assert " ".join(item.notes.split())[:40] not in flat
    # Nothing was fetched: every reading still has its page, saying why.
    assert set(handout.reading_pages) == {"ngo-intro-ml", "spinning-up-rl-intro"}
    assert "not fetched" in flat
    assert handout.pages % 2 == 0
