"""Printing for every printer: one-sided packets without blank backs, large
print that stays on the page, and text that copies out as words."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from packet.article import Article
from packet.build import BuildOptions, build
from packet.curriculum import Reading
from packet.fetch import FetchOptions
from packet.load import parse_curriculum
from packet.render.handout import render_print, render_week_handout
from packet.render.material import ReadingMaterial
from packet.render.options import RenderOptions
from packet.render.pdf import Asset

from .standin_site import serve_shipped

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "handout"
# A page with fewer characters than this (header and page number aside) is blank.
BLANK_CHARS = 40


def text_chars(page) -> int:
    """Characters printed on a page, running header and page number aside."""
    body = [c for c in page.chars if 50 < c["top"] < page.height - 50]
    return len("".join(c["text"] for c in body).strip())


@pytest.fixture(scope="module")
def one_sided(tmp_path_factory):
    """The shipped curriculum built one-sided against a loopback copy of its readings."""
    root = tmp_path_factory.mktemp("one-sided")
    site, text = serve_shipped((REPO / "curriculum.yaml").read_text())
    with site:
        curriculum = root / "curriculum.yaml"
        curriculum.write_text(text)
        options = BuildOptions(
            out_dir=root / "out", sides="one", participants=10,
            fetch=FetchOptions(cache_dir=root / "cache" / "http", retries=0),
        )
        result = build(curriculum, options)
    return root / "out", result


def test_a_one_sided_build_of_the_shipped_curriculum_has_no_blank_page(one_sided):
    out, result = one_sided
    assert not result.failed
    handouts = sorted(out.glob("week-*-handout.pdf"))
    assert len(handouts) == 8
    for path in handouts + [out / "handouts.pdf"]:
        with pdfplumber.open(path) as pdf:
            blank = [n for n, page in enumerate(pdf.pages, start=1) if text_chars(page) < BLANK_CHARS]
        assert blank == [], f"{path.name}: blank pages {blank}"
    odd = [p.name for p in handouts if len(PdfReader(p).pages) % 2]
    assert odd, "one-sided handouts are not padded to an even page count"


def test_one_sided_readings_start_on_the_next_page_with_the_margin_to_write_in_on_the_right(one_sided):
    out, _ = one_sided
    with pdfplumber.open(out / "week-00-handout.pdf") as pdf:
        for page in pdf.pages:
            body = [c for c in page.chars if 50 < c["top"] < page.height - 50]
            assert min(c["x0"] for c in body) < 0.8 * 72  # the inner margin, on the left of every page
            assert max(c["x1"] for c in body) < page.width - 1.4 * 72  # the wide one, on the right


def test_one_sided_pages_are_headed_by_the_reading_in_small_sans_and_numbered_at_the_foot(one_sided):
    out, _ = one_sided
    with pdfplumber.open(out / "week-03-handout.pdf") as pdf:
        for page in pdf.pages[3:6]:
            head = [c for c in page.chars if c["top"] < 50]
            foot = [c for c in page.chars if c["top"] > page.height - 50]
            # Margin boxes set in body type at body size were the bug: one line, small, sans.
            assert head and all("Sans" in c["fontname"] and c["size"] < 8 for c in head)
            assert len({round(c["top"]) for c in head}) == 1
            assert "".join(c["text"] for c in foot).strip().isdigit()
            assert min(c["x0"] for c in foot) > page.width / 2


def test_the_printing_plan_counts_one_sided_sheets(one_sided):
    out, _ = one_sided
    pages = len(PdfReader(out / "week-03-handout.pdf").pages)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(out / "week-03-runsheet.pdf").pages)
    assert f"{pages} pages each, one-sided: {pages} sheets a copy, {10 * pages:,} sheets in all" in text
    overview = " ".join((PdfReader(out / "runsheet.pdf").pages[0].extract_text() or "").split())
    assert "printed one-sided" in overview


# ---------- large print ----------


@pytest.fixture(scope="module")
def large_print():
    curriculum = parse_curriculum(
        "title: Large print group\n"
        "readings:\n"
        "  - {id: compute, title: Trends in training compute, url: 'https://example.org/compute-trends'}\n"
        "weeks:\n"
        "  - number: 1\n"
        "    title: Measuring progress\n"
        "    agenda:\n"
        "      - {kind: discussion, title: Talk, minutes: 20, questions: [Is compute the right thing to measure?]}\n"
        "      - {kind: reading, readings: [compute], minutes: 25}\n"
    )
    assets = {
        "https://example.org/compute-chart.png": Asset(FIXTURES / "compute-chart.png", "image/png"),
        "https://example.org/icon.png": Asset(FIXTURES / "icon.png", "image/png"),
    }
    html = (FIXTURES / "article-figure-table.html").read_text()
    wide = "<table><tr>" + "".join(f"<td>column{n}-with-a-long-word</td>" for n in range(5)) + "</tr></table>"
    material = ReadingMaterial(
        curriculum.reading("compute"), "https://example.org/compute-trends",
        article=Article(url="https://example.org/compute-trends", html=html + wide, word_count=400), assets=assets,
    )
    week = curriculum.weeks[0]
    regular = render_week_handout(curriculum, week, {"compute": material})
    large = render_week_handout(curriculum, week, {"compute": material}, RenderOptions(large_print=True))
    return regular, large


def body_size(pdf: bytes) -> float:
    sizes: Counter = Counter()
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            sizes.update(round(c["size"], 1) for c in page.chars if c["text"].strip())
    return sizes.most_common(1)[0][0]


def test_large_print_sets_the_body_at_14_pt(large_print):
    regular, large = large_print
    assert body_size(regular.pdf) == 10.5
    assert body_size(large.pdf) >= 14


def test_two_sided_handouts_are_blank_only_on_the_backs(large_print):
    regular, _ = large_print
    starts = set(regular.reading_pages.values())
    with pdfplumber.open(io.BytesIO(regular.pdf)) as pdf:
        count = len(pdf.pages)
        blank = [n for n, page in enumerate(pdf.pages, start=1) if text_chars(page) < BLANK_CHARS]
    assert blank, "the front page's back is left blank"
    for number in blank:
        assert number % 2 == 0 and (number + 1 in starts or number == count), number


def test_large_print_keeps_text_figures_and_tables_on_the_page(large_print):
    _, large = large_print
    with pdfplumber.open(io.BytesIO(large.pdf)) as pdf:
        for page in pdf.pages:
            for char in page.chars:
                assert 0 <= char["x0"] and char["x1"] <= page.width - 0.5 * 72, char["text"]
            for image in page.images:
                assert image["x0"] >= 0 and image["x1"] <= page.width and image["bottom"] <= page.height


def test_run_sheets_stay_as_they_are_in_large_print():
    from packet.load import load_curriculum
    from packet.render.runsheet import render_week_runsheet
    from packet.schedule import schedule_week

    shipped = load_curriculum(REPO / "curriculum.yaml")
    week = shipped.weeks[2]
    schedule = schedule_week(shipped, week)
    regular = render_week_runsheet(shipped, week, schedule)
    large = render_week_runsheet(shipped, week, schedule, RenderOptions(large_print=True))
    assert body_size(regular.pdf) == body_size(large.pdf)


# ---------- text that copies out ----------


def test_words_hyphenated_at_line_ends_carry_a_hyphen_extractors_join():
    text = " ".join(["Extraordinarily internationalization of telecommunications infrastructure"] * 40)
    material = ReadingMaterial(
        Reading(id="words", title="Words", url="https://example.org/words"), "https://example.org/words",
        article=Article(url="https://example.org/words", html=f"<p>{text}</p>", word_count=240, lang="en"),
    )
    pdf = render_print([material]).pdf
    ends = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for line in document.pages[0].extract_text_lines():
            if line["text"].rstrip()[-1:] in "-\u2010" and line["text"].rstrip()[-2:-1].isalpha():
                ends.append(line["text"].rstrip()[-1])
    assert ends and set(ends) == {"-"}  # hyphen-minus, which readers join; never U+2010
    if shutil.which("pdftotext"):  # poppler, behind most Linux PDF readers' copy and search
        joined = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout.decode()
        words = joined.split()
        assert not [w for w in words if w.endswith(("-", "\u2010"))]
        assert {"Extraordinarily", "internationalization", "telecommunications", "infrastructure"} <= set(words)
