"""Run-sheet PDFs: what the facilitator reads at the front of the room."""

import io
import re
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from packet.load import load_curriculum, parse_curriculum
from packet.render.options import RenderOptions
from packet.render.runsheet import printing_plan, render_semester_runsheet, render_week_runsheet
from packet.schedule import schedule_week

REPO = Path(__file__).resolve().parents[1]


def pdf_text(pdf: bytes) -> list[str]:
    """The text of each page in reading order, runs of whitespace made single spaces."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [" ".join((page.extract_text() or "").split()) for page in document.pages]


def column_text(pdf: bytes) -> str:
    """The text read column by column (left half of every page, then right
    half), for the two-column checklist under the timeline."""
    parts = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            middle = page.width / 2
            for box in ((0, 0, middle, page.height), (middle, 0, page.width, page.height)):
                parts.append(page.crop(box).extract_text() or "")
    return " ".join(" ".join(parts).split())


@pytest.fixture(scope="module")
def shipped():
    return load_curriculum(REPO / "curriculum.yaml")


@pytest.fixture(scope="module")
def week3(shipped):
    week = shipped.weeks[3]
    sheet = render_week_runsheet(
        shipped, week, schedule_week(shipped, week), date=date(2027, 2, 9),
        reading_pages={"cotra-why-hard": 5, "goal-misgeneralization-paper": 11},
        handout_pages=24, participants=12,
    )
    return sheet, pdf_text(sheet.pdf), column_text(sheet.pdf)


def test_week_3_shows_its_clock_times_and_the_overrun_on_the_first_page(week3):
    sheet, pages, _ = week3
    first = pages[0]
    assert "18:00–20:05" in first
    assert "125 of 120 minutes planned" in first
    assert "Runs 5 minutes over the 120-minute meeting" in first
    assert "Meeting time is up" in " ".join(pages)
    assert "Tuesday 9 February 2027" in first
    assert sheet.pages <= 2


def test_week_3_if_time_activity_sits_below_the_cut_line(week3):
    text = " ".join(week3[1])
    cut = text.index("BELOW THE CUT LINE: ONLY IF THERE IS TIME")
    assert text.index("Define mesa-optimization with a diagram") > cut
    assert text.index("Outer vs inner misalignment") > cut
    assert text.index("Questions in small groups, then regroup") < cut


def test_readings_show_where_they_start_in_the_handout(week3):
    text = " ".join(week3[1])
    assert "handout p. 5" in text
    assert "handout p. 11" in text


def test_week_3_checklist_counts_copies_and_sheets(week3):
    text = week3[2]
    assert "12 copies of the week 3 handout" in text
    assert "24 pages each, two-sided: 12 sheets a copy, 144 sheets in all" in text
    assert "projector (18:40, 19:45)" in text
    assert "snacks (fruit snacks, cookies, bars)" in text
    assert "How the session actually ran" in text


def test_video_that_starts_late_says_where_its_link_opens(week3):
    text = " ".join(week3[1])
    assert "opens at 2:27" in text
    assert "play from 2:27" in text


def test_later_weeks_carry_the_tips_in_one_line_each(week3):
    text = week3[2]
    assert "Hand questions back to the group." in text
    assert "consider asking someone else" not in text  # the full tip is on week 0's sheet


def test_week_0_shows_the_videos_exact_running_times_and_tips_in_full(shipped):
    week = shipped.weeks[0]
    sheet = render_week_runsheet(shipped, week, schedule_week(shipped, week), participants=10)
    text = " ".join(pdf_text(sheet.pdf))
    for running_time in ("running time 16:25", "running time 16:35", "running time 12:30"):
        assert running_time in text
    assert "≈16½ min" in text and "≈12½ min" in text
    assert "10 min?" in text  # a default, marked as unsure
    assert "consider asking someone else in the group" in text
    assert sheet.pages <= 2


def test_a_short_week_fits_one_page_and_says_it_is_short(shipped):
    week = shipped.weeks[7]
    sheet = render_week_runsheet(shipped, week, schedule_week(shipped, week))
    (text,) = pdf_text(sheet.pdf)
    assert "90 MIN UNDER" in text
    assert "Plans only 30 of 120 minutes" in text
    checklist = column_text(sheet.pdf)
    assert "participants not set: use --participants N" in checklist
    assert "Handout page count not known yet" in checklist


SMALL = """
title: Tiny group
meeting_minutes: 90
start_time: "19:00"
first_meeting: 2027-01-19
skip_dates: [2027-01-26]
readings:
  - {id: essay, title: An essay, url: "https://example.org/essay", words: 3000}
weeks:
  - number: 1
    title: Nothing planned yet
  - number: 2
    title: One reading
    agenda:
      - {kind: reading, title: Read the essay, readings: [essay]}
      - {kind: discussion, title: Talk it over, minutes: 30}
"""


@pytest.fixture(scope="module")
def small():
    return parse_curriculum(SMALL)


def test_a_week_with_an_empty_agenda_still_prints_a_sheet(small):
    week = small.weeks[0]
    sheet = render_week_runsheet(small, week, schedule_week(small, week), RenderOptions(paper="a4"))
    (text,) = pdf_text(sheet.pdf)
    assert "Nothing is planned for this meeting" in text
    assert "19:00" in text
    page = PdfReader(io.BytesIO(sheet.pdf)).pages[0]
    assert round(float(page.mediabox.width)) == 595  # A4 in points


def test_semester_sheet_opens_with_calendar_and_printing_plan(small):
    schedules = [schedule_week(small, week) for week in small.weeks]
    sheet = render_semester_runsheet(small, schedules, handout_pages={2: 9}, participants=8)
    pages = pdf_text(sheet.pdf)
    overview = pages[0]
    assert "Calendar" in overview and "Printing plan" in overview
    assert "Tuesday 19 January 2027" in overview
    assert "Tuesday 2 February 2027" in overview  # a week later: no meeting on the 26th
    assert "No meeting on Tuesday 26 January 2027." in overview
    assert "8 copies of each week's handout, printed two-sided" in overview
    assert "Page counts are missing for week 1" in overview
    # week 2: 9 pages, 5 sheets a copy two-sided, 40 for 8 copies
    assert "2 9 5 40" in overview
    assert "slow readers: ~28 min · fast readers: ~15 min" in " ".join(pages)
    # Two-sided, each part starts a sheet (a blank back after each one-page part).
    assert sheet.pages == 6 and pages[1].strip() == "" and "WEEK 1" in pages[2]
    one_sided = render_semester_runsheet(small, schedules, handout_pages={2: 9}, participants=8, options=RenderOptions(sides="one"))
    assert one_sided.pages == 3


def test_printing_plan_counts_sheets_for_the_sides_chosen():
    two = printing_plan(7, 12)
    assert (two.pages, two.sheets, two.total) == (7, 4, 48)
    one = printing_plan(7, 12, "one")
    assert (one.pages, one.sheets, one.total) == (7, 7, 84)


def test_one_sided_run_sheet_counts_a_sheet_a_page(shipped):
    week = shipped.weeks[3]
    sheet = render_week_runsheet(
        shipped, week, schedule_week(shipped, week), RenderOptions(sides="one"), handout_pages=17, participants=12,
    )
    assert "17 pages each, one-sided: 17 sheets a copy, 204 sheets in all" in column_text(sheet.pdf)


def test_semester_sheet_puts_the_weekly_sheets_in_as_they_are(small):
    import weasyprint

    schedules = [schedule_week(small, week) for week in small.weeks]
    built = weasyprint.HTML(string="<h1>WEEK-TWO-AS-BUILT</h1>").write_pdf()
    sheet = render_semester_runsheet(small, schedules, week_pdfs={2: built}, participants=8)
    reader = PdfReader(io.BytesIO(sheet.pdf))
    assert len(reader.pages) == 6  # each part on sheets of its own
    tops = [item.title for item in reader.outline if not isinstance(item, list)]
    assert tops == ["Calendar and printing plan", "Week 1: Nothing planned yet", "Week 2: One reading"]
    assert "Nothing is planned for this meeting" in reader.pages[2].extract_text()  # rendered here
    assert reader.pages[4].extract_text().strip() == "WEEK-TWO-AS-BUILT"  # taken as it was


def test_running_late_names_the_blocks_to_shorten_in_meeting_order(shipped):
    week = shipped.weeks[0]
    text = " ".join(pdf_text(render_week_runsheet(shipped, week, schedule_week(shipped, week)).pdf))
    named = re.search(r"then shorten (.*?)\. Running early", text).group(1)
    times = re.findall(r"\b(\d\d:\d\d) ", named)
    assert len(times) == 3 and times == sorted(times)
