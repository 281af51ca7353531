"""Run-sheets at the edges of what a curriculum holds: a calendar longer
than a page, words longer than a line, a week with nothing planned, and
emoji that no font prints. Each is checked the way a facilitator would
notice it on paper: from the PDF's text and where its characters sit."""

from __future__ import annotations

import io
import shutil
import subprocess
import json

import pdfplumber
import pytest
import weasyprint

from packet.load import parse_curriculum
from packet.render.handout import render_week_handout
from packet.render.options import RenderOptions
from packet.build import BuildOptions, build
from packet.render.glyphs import symbol_warning
from packet.render.runsheet import render_semester_runsheet, render_week_runsheet
from packet.schedule import schedule_week

RIGHT_MARGIN = 12 * 72 / 25.4  # runsheet.css: @page margin-right 12mm, in points
SUPER = "Supercalifragilisticexpialidocious" * 3
URL = "https://example.org/a/very/long/path/without/any/spaces/at/all/whatsoever"
HEADER = "Week Date Theme Plan Fit"


def pdf_text(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [" ".join((page.extract_text() or "").split()) for page in document.pages]


def as_built() -> bytes:
    """A stand-in for a weekly run-sheet the build already wrote."""
    return weasyprint.HTML(string="<p>AS-BUILT</p>").write_pdf()


def overview_pages(sheet) -> list[str]:
    return [text for text in pdf_text(sheet.pdf) if "AS-BUILT" not in text and text]


# ---- 1. The semester calendar: a week's row is never cut in two ----

def long_semester(weeks: int = 30):
    """Weeks whose themes take two lines in the calendar beside one-line cells
    (a row WeasyPrint would cut between them); week n plans 30+n minutes, so
    each row's Plan cell (18:00–18:31 ...) is its own."""
    rows = "".join(
        f"""
  - number: {n}
    title: "BEGIN{n:02d} a theme long enough to wrap over two lines in the calendar column, quite long END{n:02d}"
    agenda:
      - {{kind: discussion, title: Talk it over, minutes: {30 + n}}}"""
        for n in range(1, weeks + 1)
    )
    return parse_curriculum(
        f'title: Long semester\nmeeting_minutes: 90\nstart_time: "18:00"\nfirst_meeting: 2027-01-19\nweeks:{rows}\n'
    )


def test_a_calendar_row_stays_on_one_page_and_the_header_repeats():
    curriculum = long_semester()
    schedules = [schedule_week(curriculum, week) for week in curriculum.weeks]
    built = as_built()
    sheet = render_semester_runsheet(
        curriculum, schedules, RenderOptions(sides="one"), week_pdfs={w.number: built for w in curriculum.weeks}
    )
    pages = overview_pages(sheet)
    assert len(pages) >= 2, "the calendar should run over a page for this test to mean anything"
    for n in range(1, 31):
        row = [f"BEGIN{n:02d}", f"18:00–{18 + (30 + n) // 60}:{(30 + n) % 60:02d}", f"END{n:02d}"]
        on = {i for i, text in enumerate(pages) for part in row if part in text}
        assert len(on) == 1, f"week {n}'s calendar row is split over pages {sorted(on)}"
    for text in pages:
        if "BEGIN" in text:
            assert HEADER in text, "each page of the calendar repeats its header row"


# ---- 2. Words longer than a line wrap inside the page ----

LONG_WORDS = f"""
title: Long words
meeting_minutes: 90
start_time: "18:00"
weeks:
  - number: 1
    title: "{SUPER}"
    agenda:
      - kind: discussion
        title: "{SUPER}"
        minutes: 30
        questions: ["{URL}", "{SUPER}"]
        notes: "{SUPER}"
        say: ["{SUPER}"]
  - number: 2
    title: "{URL}"
    agenda:
      - {{kind: activity, title: "{URL}", minutes: 20}}
"""


def assert_inside_the_page(pdf: bytes, margin: float = RIGHT_MARGIN, pages: int | None = None) -> None:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages[:pages], start=1):
            limit = page.width - margin + 0.5
            beyond = [c["text"] for c in page.chars if c["x1"] > limit]
            assert not beyond, f"page {number}: {''.join(beyond)!r} runs past the right margin"


@pytest.fixture(scope="module")
def long_words():
    return parse_curriculum(LONG_WORDS)


@pytest.mark.parametrize("index", [0, 1])
def test_a_long_word_in_a_title_or_the_plan_wraps_inside_the_page(long_words, index):
    week = long_words.weeks[index]
    sheet = render_week_runsheet(long_words, week, schedule_week(long_words, week))
    assert_inside_the_page(sheet.pdf)
    joined = "".join("".join(pdf_text(sheet.pdf)).split())
    assert joined.count(SUPER if index == 0 else URL) >= 2  # wrapped, not cut: the title and the plan's
    minutes = "30 min" if index == 0 else "20 min"
    assert minutes in " ".join(pdf_text(sheet.pdf)), "the block's minutes are no longer pushed off the page"


def test_a_long_word_in_the_handouts_plan_keeps_its_minutes_on_the_page(long_words):
    handout = render_week_handout(long_words, long_words.weeks[0], {}, RenderOptions())
    assert_inside_the_page(handout.pdf, margin=1.45 * 72, pages=1)  # handout.css: a right page's outer margin
    assert "30 min" in pdf_text(handout.pdf)[0]


def test_a_long_week_title_wraps_inside_the_semester_calendar(long_words):
    schedules = [schedule_week(long_words, week) for week in long_words.weeks]
    built = as_built()
    sheet = render_semester_runsheet(
        long_words, schedules, RenderOptions(sides="one"), week_pdfs={1: built, 2: built}
    )
    assert_inside_the_page(sheet.pdf)
    assert "18:00–18:30" in overview_pages(sheet)[0]  # the Plan column is still on the page


# ---- 3. A week with nothing planned ----

EMPTY = """
title: Empty weeks
meeting_minutes: 90
start_time: "18:00"
first_meeting: 2027-01-19
weeks:
  - {number: 1, title: To be decided}
  - number: 2
    title: Planned
    agenda:
      - {kind: discussion, title: Talk it over, minutes: 60}
"""


def test_an_empty_week_prints_its_start_time_not_a_span_of_no_time():
    curriculum = parse_curriculum(EMPTY)
    week = curriculum.weeks[0]
    sheet = render_week_runsheet(curriculum, week, schedule_week(curriculum, week))
    (text,) = pdf_text(sheet.pdf)
    assert "18:00–18:00" not in text
    assert "18:00 0 of 90 minutes planned" in text
    assert "Nothing is planned for this meeting" in text

    schedules = [schedule_week(curriculum, w) for w in curriculum.weeks]
    built = as_built()
    semester = render_semester_runsheet(curriculum, schedules, RenderOptions(sides="one"), week_pdfs={1: built, 2: built})
    overview = overview_pages(semester)[0]
    assert "18:00–18:00" not in overview
    assert "To be decided nothing planned" in overview
    assert "Planned 18:00–19:00" in overview


# ---- 4. Emoji no font prints: the build says so, once a week ----

def _font_has(char: str) -> bool | None:
    if shutil.which("fc-list") is None:
        return None
    listed = subprocess.run(["fc-list", f":charset={ord(char):x}", "family"], capture_output=True, text=True, check=False)
    return bool(listed.stdout.strip())


EMOJI = """
title: Emoji
meeting_minutes: 90
start_time: "18:00"
readings:
  - {id: guide, title: "Field guide \U0001F4DA"}
weeks:
  - number: 4
    title: "Launch week \U0001F680"
    agenda:
      - {kind: reading, readings: [guide], minutes: 10}
      - kind: activity
        title: "Show of hands"
        minutes: 10
        say: ["Raise your \u270b\ufe0f if you finished \u2014 \u201cthe\u201d reading, caf\u00e9 \u00b7 \u2192 \U0001F680"]
  - {number: 5, title: "Plain week \u2014 \u201cquoted\u201d, na\u00efve"}
"""


@pytest.fixture(scope="module")
def emoji():
    for char in ("\U0001F680", "\u270b", "\U0001F4DA"):
        found = _font_has(char)
        if found is None:
            pytest.skip("fontconfig's fc-list is not installed: the question cannot be asked here")
        if found:
            pytest.skip(f"this computer has a font for {char}: it prints, nothing to warn about")
    return parse_curriculum(EMOJI)


def test_emoji_no_font_prints_are_named_once_with_their_week(emoji, tmp_path):
    # The build's warnings (its summary and report.json) name the week and
    # each symbol once; what prints (dashes, quotes, accents) is not named.
    path = tmp_path / "curriculum.yaml"
    path.write_text(EMOJI, encoding="utf-8")
    result = build(path, BuildOptions(out_dir=tmp_path / "out", handouts=False, jobs=1))
    said = [w for w in result.warnings if "blank space" in w]
    assert len(said) == 1, result.warnings
    (line,) = said
    assert line.startswith("curriculum.yaml, week 4: ")
    assert "\U0001F680 (rocket)" in line and "\u270b (raised hand)" in line
    assert "\U0001F4DA (books)" in line  # a reading's title prints on its card and the run-sheet
    assert line.count("\U0001F680") == 1  # in the title and the plan, named once
    assert "variation" not in line and "\u2014" not in line and "\u2192" not in line  # these print
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert line in json.dumps(report, ensure_ascii=False)


def test_a_week_whose_characters_all_print_raises_no_warning(emoji):
    assert symbol_warning("week 5", emoji.weeks[1].model_dump_json()) is None
