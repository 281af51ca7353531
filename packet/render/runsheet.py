"""Facilitator run-sheets: a week's Schedule becomes the page on the table.

    Schedule (packet.schedule) + Curriculum -> runsheet HTML -> PDF

The run-sheet is read at a glance at the front of the room: large clock
times, what each block asks of the facilitator (what to say, how to split
people, what to put on the projector), and above everything whether the
plan fits the meeting. After the timeline come the cut line (what to drop
when time runs short) and the checklist for before the meeting: copies to
print, things to bring, the standing tips, the alternative plan.

The semester run-sheet opens with the calendar and a printing plan, then
holds every week's sheet: the weekly PDFs put together, not laid out again.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from packet.calendar import curriculum_dates
from packet.curriculum import AgendaItemBase, Curriculum, Presentation, ReadingItem, Video, Week, timestamp_seconds
from packet.video import video_link
from packet.render.html import long_date, render_template
from packet.render.options import RUNSHEET_CSS, RenderOptions
from packet.render.pdf import RenderedPdf, render_pdf
from packet.render.pdfmerge import combine_pdfs, count_pages
from packet.render.qr import qr_data_uri
from packet.schedule import UNDER_TOLERANCE, Block, Schedule, format_minutes
from packet.words import counted

#: Materials that are part of the room rather than things to bring.
EQUIPMENT = ("projector", "whiteboard", "speakers", "screen")

#: Blocks a facilitator can shorten on the spot (videos and readings have
#: their own length; an icebreaker or wrap-up is already short).
_FLEXIBLE_KINDS = ("discussion", "activity", "presentation")

_MARKS = {"given": "", "derived": "≈", "guessed": "", "default": ""}
#: How many blocks the run-sheet offers to shorten when running late.
SHORTEN_AT_MOST = 3


def _longest_flexible(blocks: list) -> list:
    """The longest blocks a facilitator can shorten, named in the order they
    come in the meeting (a late facilitator reads them against the clock)."""
    flexible = [v for v in blocks if v.block.kind in _FLEXIBLE_KINDS]
    longest = {id(v) for v in sorted(flexible, key=lambda v: -v.block.minutes)[:SHORTEN_AT_MOST]}
    return [v for v in flexible if id(v) in longest]


@dataclass
class PrintingPlan:
    """Paper for one week's handout printed as chosen (one- or two-sided):
    sheets per copy and for all copies."""

    pages: int
    participants: int
    sides: str
    sheets: int
    total: int


def printing_plan(handout_pages: int, participants: int, sides: str = "two") -> PrintingPlan:
    """How many sheets `participants` copies of a `handout_pages`-page handout take."""
    sheets = math.ceil(handout_pages / 2) if sides == "two" else handout_pages
    return PrintingPlan(
        pages=handout_pages, participants=participants, sides=sides, sheets=sheets, total=sheets * participants
    )


@dataclass
class LinkView:
    title: str
    url: str
    qr: str
    note: str | None = None


@dataclass
class ReadingView:
    """A reading as its block lists it: where it starts in the handout, or,
    for one not in the packet (no url or path), where people find it."""

    title: str
    byline: str
    handout_page: int | None
    in_packet: bool = True
    where: str | None = None


@dataclass
class BlockView:
    """What one block shows: the schedule's numbers and the item's words."""

    block: Block
    item: AgendaItemBase
    minutes: str
    mark: str
    unsure: bool
    grouping: str | None
    readings: list[ReadingView]
    links: list[LinkView]
    video: LinkView | None
    video_span: str | None
    topics: list[str]
    equipment: list[str]
    extra_label: str | None = None


@dataclass
class WeekSheet:
    """Everything one week's run-sheet prints."""

    week: Week
    schedule: Schedule
    date: str
    blocks: list[BlockView]
    extras: list[BlockView]
    total: str
    fit: str
    fit_class: str
    ends_after: int | None
    shorten: list[BlockView]
    copies: str
    handout_pages: int | None
    printing: PrintingPlan | None
    bring: list[str]
    equipment: list[tuple[str, str]]
    videos: list[BlockView]
    tips: list[tuple[str, str | None]]
    full_tips: bool
    organizer_notes: list[str] = field(default_factory=list)
    #: Readings of the week not in the handout, for the checklist: people
    #: need a copy of their own (or the facilitator brings some).
    not_in_handout: list[ReadingView] = field(default_factory=list)

    @property
    def span(self) -> str:
        """The plan's clock times, "18:00–20:05"; just the start time when
        nothing is planned (not "18:00–18:00")."""
        s = self.schedule
        return s.start if s.end == s.start else f"{s.start}–{s.end}"


def _render_sheets(curriculum: Curriculum, sheets, overview, options: RenderOptions, title: str) -> RenderedPdf:
    html = render_template(
        "runsheet.html.j2", title=title, curriculum=curriculum, sheets=sheets, overview=overview,
        paper=options.page_size,
    )
    return render_pdf(html, stylesheets=[RUNSHEET_CSS], title=title)


def render_week_runsheet(
    curriculum: Curriculum,
    week: Week,
    schedule: Schedule,
    options: RenderOptions = RenderOptions(),
    *,
    date: dt.date | None = None,
    reading_pages: dict[str, int] | None = None,
    handout_pages: int | None = None,
    participants: int | None = None,
) -> RenderedPdf:
    """One week's run-sheet as PDF: one page for a light week, two for a full one.

    `reading_pages` maps reading ids to the handout page where each starts;
    `participants` (else the curriculum's) sets the number of copies, and
    the options' sides how many sheets they take. Large print is for
    handouts: the run-sheet stays as it is.
    """
    sheet = _week_sheet(curriculum, week, schedule, date, reading_pages or {}, handout_pages, participants, options)
    return _render_sheets(
        curriculum, [sheet], None, options, f"Run-sheet, week {week.number}: {week.title}"
    )


def render_semester_runsheet(
    curriculum: Curriculum,
    schedules: list[Schedule],
    options: RenderOptions = RenderOptions(),
    *,
    week_pdfs: dict[int, bytes] | None = None,
    dates: dict[int, dt.date | None] | None = None,
    handout_pages: dict[int, int] | None = None,
    participants: int | None = None,
    reading_pages: dict[int, dict[str, int]] | None = None,
) -> RenderedPdf:
    """The semester's run-sheets in one PDF: the overview (the calendar of
    the weeks and the printing plan, sheets per week and in total), then
    each week's run-sheet with a bookmark of its own.

    A week's run-sheet given in `week_pdfs` (as the build wrote it) is put
    in as it is, not laid out again; the others are rendered here, with the
    handout pages in `reading_pages` (by week). Without `dates` the
    curriculum's own calendar is used (first meeting, skipped dates, week
    dates).
    """
    dates = curriculum_dates(curriculum) if dates is None else dates
    pages, given, starts = handout_pages or {}, week_pdfs or {}, reading_pages or {}
    sheets = [
        _week_sheet(
            curriculum, s.week, s, dates.get(s.week.number), starts.get(s.week.number, {}),
            pages.get(s.week.number), participants, options,
        )
        for s in schedules
    ]
    title = f"Run-sheets: {curriculum.title}"
    overview = _render_sheets(
        curriculum, [], _overview(sheets, participants or curriculum.participants, options.sides), options, title
    )
    parts = [("Calendar and printing plan", overview.pdf)]
    refused = list(overview.refused)
    for sheet in sheets:
        number = sheet.week.number
        pdf = given.get(number)
        if pdf is None:
            rendered = _render_sheets(curriculum, [sheet], None, options, f"Run-sheet, week {number}: {sheet.week.title}")
            pdf, refused = rendered.pdf, refused + rendered.refused
        parts.append((f"Week {number}: {sheet.week.title}", pdf))
    # Printed two-sided, each week starts a sheet of its own, so a
    # facilitator can take out one week's run-sheet.
    combined = combine_pdfs(parts, two_sided=options.two_sided, title=title)
    return RenderedPdf(pdf=combined, pages=count_pages(combined), refused=refused, anchors={})


def _week_sheet(
    curriculum: Curriculum,
    week: Week,
    schedule: Schedule,
    date: dt.date | None,
    reading_pages: dict[str, int],
    handout_pages: int | None,
    participants: int | None,
    options: RenderOptions,
) -> WeekSheet:
    blocks = [_block_view(curriculum, b, reading_pages) for b in schedule.blocks]
    extras = [_block_view(curriculum, b, reading_pages) for b in schedule.extras]
    copies_count = participants or curriculum.participants
    if copies_count is None:
        copies = "participants not set: use --participants N"
        plan = None
    else:
        copies = f"{counted(copies_count, 'copy', 'copies')} of the week {week.number} handout"
        plan = printing_plan(handout_pages, copies_count, options.sides) if handout_pages else None
    first = curriculum.weeks[0].number == week.number
    return WeekSheet(
        week=week,
        schedule=schedule,
        date=long_date(date),
        blocks=blocks,
        extras=extras,
        total=format_minutes(schedule.total_minutes),
        fit=_fit(schedule),
        fit_class="over" if schedule.over_by > 0 else ("under" if schedule.under_by >= UNDER_TOLERANCE else "fits"),
        ends_after=_meeting_end_index(schedule),
        shorten=_longest_flexible(blocks),
        copies=copies,
        handout_pages=handout_pages,
        printing=plan,
        bring=_bring(curriculum, week),
        equipment=_equipment(schedule),
        videos=[v for v in blocks + extras if v.video is not None],
        tips=[(t.summary, t.detail) for t in curriculum.tips],
        full_tips=first,
        organizer_notes=_organizer_notes(curriculum, week),
        not_in_handout=_not_in_handout(blocks + extras),
    )


def _not_in_handout(blocks: list[BlockView]) -> list[ReadingView]:
    found: list[ReadingView] = []
    for view in blocks:
        for reading in view.readings:
            # The same reading listed twice is one line; two with one title
            # but different places to find them (chapter 3 handed out,
            # chapter 4 from your own copy) are two.
            if not reading.in_packet and all((reading.title, reading.where) != (r.title, r.where) for r in found):
                found.append(reading)
    return found


def _block_view(curriculum: Curriculum, block: Block, reading_pages: dict[str, int]) -> BlockView:
    item = block.item
    readings = []
    if isinstance(item, ReadingItem):
        for reading_id in item.readings:
            reading = curriculum.reading(reading_id)
            byline = ", ".join(filter(None, [", ".join(reading.authors), reading.site]))
            if reading.in_packet:
                readings.append(ReadingView(reading.title, byline, reading_pages.get(reading_id)))
            else:
                readings.append(ReadingView(reading.title, byline, None, in_packet=False, where=reading.where))
    links = [LinkView(link.title, link.url, qr_data_uri(link.url), link.note) for link in item.links]
    topics: list[str] = []
    if isinstance(item, Presentation):
        links = [LinkView(s.title, s.url, qr_data_uri(s.url), s.note) for s in item.sources] + links
        topics = item.topics
    video = span = None
    if isinstance(item, Video):
        start = timestamp_seconds(item.start)
        if item.url:
            url = video_link(item.url, start or None)
            video = LinkView(item.title, url, qr_data_uri(url), item.by)
        span = f"play {item.start}-{item.end}" if item.end else f"play from {item.start}"
    grouping = item.grouping or ("whole group" if block.kind in ("video", "presentation") else None)
    extra_label = None
    if item.is_extra:
        extra_label = "early finishers" if item.early_finishers else ("if time" if item.if_time else "optional")
    return BlockView(
        block=block,
        item=item,
        minutes=format_minutes(block.minutes),
        mark=_MARKS[block.source],
        unsure=block.source in ("guessed", "default"),
        grouping=grouping,
        readings=readings,
        links=links,
        video=video,
        video_span=span,
        topics=topics,
        equipment=_block_equipment(item, block.kind),
        extra_label=extra_label,
    )


def _block_equipment(item: AgendaItemBase, kind: str) -> list[str]:
    needs = [m for m in item.materials if _is_equipment(m)]
    implied = {"video": ["projector", "speakers"], "presentation": ["projector"]}.get(kind, [])
    return needs + [m for m in implied if m not in needs]


def _is_equipment(material: str) -> bool:
    return material.strip().lower() in EQUIPMENT


def _fit(schedule: Schedule) -> str:
    meeting = schedule.meeting_minutes
    if schedule.over_by > 0:
        return f"{format_minutes(schedule.over_by)} min over"
    if schedule.under_by > 0:
        word = "spare" if schedule.under_by < UNDER_TOLERANCE else "under"
        return f"{format_minutes(schedule.under_by)} min {word}"
    return f"fits the {meeting} min"


def _meeting_end_index(schedule: Schedule) -> int | None:
    """Index of the block during which the meeting's time runs out, when the plan overruns."""
    if schedule.over_by <= 0:
        return None
    elapsed = 0.0
    for index, block in enumerate(schedule.blocks):
        elapsed += block.minutes
        if elapsed > schedule.meeting_minutes:
            return index
    return None


def _bring(curriculum: Curriculum, week: Week) -> list[str]:
    found: list[str] = []
    for material in curriculum.materials + [m for item in week.agenda for m in item.materials]:
        if not _is_equipment(material) and material not in found:
            found.append(material)
    return found


def _equipment(schedule: Schedule) -> list[tuple[str, str]]:
    """Each piece of equipment with the clock times (or extras) that need it."""
    uses: dict[str, list[str]] = {}
    for block in schedule.blocks + schedule.extras:
        for thing in _block_equipment(block.item, block.kind):
            when = block.start or "extra"
            if when not in uses.setdefault(thing, []):
                uses[thing].append(when)
    return [(thing, ", ".join(times)) for thing, times in uses.items()]


def _organizer_notes(curriculum: Curriculum, week: Week) -> list[str]:
    notes = list(week.organizer_notes)
    for item in week.agenda:
        if isinstance(item, ReadingItem):
            for reading_id in item.readings:
                reading = curriculum.reading(reading_id)
                if reading.organizer_note:
                    notes.append(f"{reading.title}: {reading.organizer_note}")
    return notes


@dataclass
class OverviewRow:
    sheet: WeekSheet
    plan: PrintingPlan | None


@dataclass
class Overview:
    """The semester sheet's first page: the calendar and the printing plan.

    Without participants the plan still gives sheets per copy; the columns
    for all copies stay empty.
    """

    rows: list[OverviewRow]
    totals: PrintingPlan | None
    participants: int | None
    sides: str
    missing_pages: list[int]


def _overview(sheets: list[WeekSheet], participants: int | None, sides: str) -> Overview:
    rows = [
        OverviewRow(s, printing_plan(s.handout_pages, participants or 0, sides) if s.handout_pages else None)
        for s in sheets
    ]
    plans = [row.plan for row in rows if row.plan]
    totals = None
    if plans:
        totals = PrintingPlan(
            pages=sum(p.pages for p in plans),
            participants=participants or 0,
            sides=sides,
            sheets=sum(p.sheets for p in plans),
            total=sum(p.total for p in plans),
        )
    missing = [row.sheet.week.number for row in rows if row.plan is None]
    return Overview(rows, totals, participants, sides, missing)
