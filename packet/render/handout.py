"""Handouts: the participant's paper, the last stage for readers.

A week's handout is its first page (the agenda as participants see it,
questions with room to write, videos with QR codes) followed by each
reading on a right-hand page: a source card, the cleaned article with its
links turned into numbered notes, or a PDF reading drawn onto reserved
pages, or a placeholder page when the reading could not be had. A reading
not in the packet (no url or path: a book chapter from people's own copies)
gets its source card alone, saying where to find it, in the flow of the
pages rather than on a page of its own.

Only participant-facing curriculum fields are copied into the views the
templates see; facilitator notes, prompts and organizer notes never reach
a template, so they cannot reach the paper.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from packet.curriculum import Curriculum, ReadingItem, Video, Week, timestamp_seconds
from packet.errors import RenderError
from packet.render import body as steps
from packet.render.html import authors_line, clock, minutes_phrase, render_template
from packet.render.direction import text_direction
from packet.render.material import ReadingMaterial
from packet.render.notes import Note
from packet.render.options import RenderOptions
from packet.render.pdf import NOT_DOWNLOADED, Asset, LockedFetcherLog, render_pdf
from packet.render.screen import screen_css
from packet.video import video_link

DEFAULT_SPEED = 150
_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")



@dataclass
class Handout:
    """A rendered handout: the PDF to print and the self-contained screen HTML.

    `reading_pages` maps reading ids to the 1-based page of their source
    card in `pdf`; `refused` lists what the locked fetcher would not serve.
    """

    pdf: bytes
    pages: int
    reading_pages: dict[str, int]
    refused: list[tuple[str, str]]
    html: str


def reading_minutes(words: int, speed: int) -> int:
    """Minutes to read `words` at `speed` words a minute, as printed on a
    source card: whole minutes, rounded to 5 from 15 minutes up (a plan,
    not a stopwatch), never less than 1."""
    if words <= 0 or speed <= 0:
        return 0
    minutes = words / speed
    if minutes >= 15:
        return int(5 * round(minutes / 5))
    return max(1, math.ceil(minutes))


# ---------- what templates see ----------


@dataclass
class ReadingView:
    reading_id: str
    anchor: str
    kind: str  # "article", "pdf", "placeholder" or "own-copy" (not in the packet)
    title: str
    url: str
    byline: str = ""
    label: str | None = None
    time: str | None = None
    printed: str | None = None
    why: str | None = None
    note: str | None = None
    reason: str | None = None
    where: str | None = None
    lang: str = "en"
    dir: str = "ltr"
    body: Markup = Markup("")
    screen_body: Markup = Markup("")
    notes: list[Note] = field(default_factory=list)
    missing_images: list[str] = field(default_factory=list)
    pdf: bytes | None = None
    pdf_pages: int = 0
    # One list of slots per host page (packet.render.pdfmerge.plan_pages),
    # and how the card describes that layout.
    pdf_plan: list = field(default_factory=list)
    pdf_layout: str = ""
    assets: dict[str, Asset] = field(default_factory=dict)


@dataclass
class MediaView:
    title: str
    qr_url: str | None
    by: str | None = None
    times: str | None = None
    note: str | None = None

    @property
    def url(self) -> str | None:
        return self.qr_url


@dataclass
class ReadingRef:
    title: str
    anchor: str
    in_packet: bool = True


@dataclass
class BlockView:
    kind: str
    title: str
    label: str | None
    meta: str
    text: str | None
    questions: list[str]
    lines: int
    readings: list[ReadingRef]
    media: list[MediaView]


@dataclass
class FrontView:
    group: str
    term: str | None
    number: int
    title: str
    running: str
    date: dt.date | None
    summary: str | None
    blocks: list[BlockView]


# Ruled lines under each question, by kind of block: people talk through
# icebreakers, but note down answers in discussions and activities.
QUESTION_LINES = {"icebreaker": 1, "discussion": 2, "activity": 2}


def extra_label(item) -> str | None:
    """How an extra block or reading is marked for participants."""
    if item.early_finishers:
        return "For early finishers"
    if item.if_time:
        return "If there is time"
    if item.optional:
        return "Optional"
    return None


def video_times(start: str, end: str | None) -> str | None:
    """"0:00–16:25", "from 2:27", or nothing for a whole video."""
    first = timestamp_seconds(start)
    if end:
        return f"{clock(first)}–{clock(timestamp_seconds(end))}"
    if first:
        return f"from {clock(first)}"
    return None


def _video_media(item: Video) -> MediaView:
    start = timestamp_seconds(item.start)
    end = timestamp_seconds(item.end) if item.end else None
    return MediaView(
        title=item.title,
        qr_url=video_link(item.url, start or None, end) if item.url else None,
        by=item.by,
        times=video_times(item.start, item.end),
        note=None if item.url else "The video is still to be chosen.",
    )


def _block(curriculum: Curriculum, item) -> BlockView:
    meta = " · ".join(part for part in (minutes_phrase(item.minutes), item.grouping or "") if part)
    readings = []
    if isinstance(item, ReadingItem):
        readings = [
            ReadingRef(reading.title, f"reading-{rid}", reading.in_packet)
            for rid, reading in ((rid, curriculum.reading(rid)) for rid in item.readings)
        ]
    media = [_video_media(item)] if isinstance(item, Video) else []
    media += [MediaView(link.title, link.url, note=link.note) for link in item.links]
    media += [MediaView(link.title, link.url, note=link.note) for link in getattr(item, "sources", [])]
    title = item.title or item.kind.replace("-", " ").capitalize()
    if isinstance(item, Video) and item.title:
        title = "Video"
    return BlockView(
        kind=item.kind,
        title=title,
        label=extra_label(item),
        meta=meta,
        text=item.text,
        questions=list(item.questions),
        lines=QUESTION_LINES.get(item.kind, 0),
        readings=readings,
        media=media,
    )


def _front(curriculum: Curriculum, week: Week, date: dt.date | None) -> FrontView:
    return FrontView(
        group=curriculum.title,
        term=curriculum.term,
        number=week.number,
        title=week.title,
        running=f"Week {week.number} · {week.title}",
        date=date or week.date,
        summary=week.summary,
        blocks=[_block(curriculum, item) for item in week.agenda],
    )


def week_reading_order(week: Week) -> list[tuple[str, str | None]]:
    """Reading ids in print order with their extra label: the main agenda's
    readings first, then optional, early-finisher and if-time ones."""
    main, extra, seen = [], [], set()
    for item in week.agenda:
        if not isinstance(item, ReadingItem):
            continue
        for rid in item.readings:
            if rid in seen:
                continue
            seen.add(rid)
            (extra if item.is_extra else main).append((rid, extra_label(item)))
    return main + extra


# ---------- readings ----------


def _byline(material: ReadingMaterial) -> str:
    reading, article = material.reading, material.article
    authors = reading.authors or (article.authors if article else [])
    year = reading.year or (article.date[:4] if article and article.date and article.date[:4].isdigit() else None)
    site = reading.site or (article.site if article else None)
    return " · ".join(str(part) for part in (authors_line(authors), year, site) if part)


def _selection(material: ReadingMaterial) -> tuple[str | None, str | None]:
    """What part is printed, and why; said once when the two say the same."""
    printed = material.selection
    reason = material.reading.sections.reason if material.reading.sections else None
    if printed is None and material.pdf is not None and material.reading.pages:
        printed = f"Pages {material.reading.pages} of the PDF"

    def norm(text: str) -> str:
        return re.sub(r"\W+", " ", text).strip().casefold()

    if printed and reason and norm(reason).startswith(norm(printed)):
        return reason, None
    if printed is None and reason:
        return reason, None
    return printed, reason


def _time(material: ReadingMaterial, speed: int) -> str | None:
    if material.reading.minutes:
        return f"About {int(round(material.reading.minutes))} minutes"
    words = material.words
    if not words and material.pdf is not None:
        from packet.render.pdfmerge import pdf_words

        words = pdf_words(material.pdf)
    if not words:
        return None
    minutes = reading_minutes(words, speed)
    unit = "minute" if minutes == 1 else "minutes"
    return f"About {minutes} {unit} at a careful {speed} words a minute ({words:,} words)"


def _article_bodies(material: ReadingMaterial, scope: str, options: RenderOptions, screen: bool):
    """The article's body for paper (and for the screen, when asked), with
    its link notes: one parse, the body steps in their stated order."""
    body = steps.apply(steps.ARTICLE_STEPS, steps.parse_body(
        material.article.html, scope, options.measure(), material.assets, options.math_cache,
    ))
    on_screen = steps.apply(steps.SCREEN_STEPS, body.copy()) if screen else None
    steps.apply(steps.PAPER_STEPS, body)
    return body, on_screen


def _card_address(material: ReadingMaterial) -> str:
    """What the source card says the reading is: its web address, with a
    QR code; for one read from a file, the address the saved page declares
    for itself, or else the file's name (a QR code of a path on the
    organiser's laptop would lead nowhere)."""
    if material.url.startswith(("http://", "https://")):
        return material.url
    article = material.article
    if article is not None and article.canonical_url:
        return article.canonical_url
    location = material.url or ""
    if location.startswith("file:"):
        location = unquote(urlsplit(location).path)
    return PurePath(location).name or location


def reading_view(
    material: ReadingMaterial,
    anchor_id: str,
    label: str | None,
    speed: int,
    options: RenderOptions = RenderOptions(),
    screen: bool = False,
) -> ReadingView:
    """Everything a template prints about one reading (and shows on screen,
    when `screen`)."""
    reading, article = material.reading, material.article
    printed, why = _selection(material)
    address = _card_address(material)
    view = ReadingView(
        reading_id=reading.id,
        anchor=f"reading-{anchor_id}",
        kind="placeholder",
        title=reading.title or (article.title if article else "") or address,
        url=address,
        byline=_byline(material),
        label=label,
        printed=printed,
        why=why,
        note=reading.note,
        reason=material.reason or "The reading could not be fetched.",
        assets=material.assets,
    )
    if not reading.in_packet:
        # Read from a copy outside the packet: its card alone, saying so.
        return replace(view, kind="own-copy", reason=None, where=reading.where, time=_time(material, speed))
    if article is not None:
        paper, on_screen = _article_bodies(material, f"r-{anchor_id}", options, screen)
        lang = article.lang if article.lang and _LANG_RE.match(article.lang) else "en"
        return replace(
            view, kind="article", body=Markup(paper.html()), notes=paper.notes, lang=lang,
            dir=text_direction(article.text),
            missing_images=paper.missing,
            screen_body=Markup(on_screen.html()) if on_screen else Markup(""),
            time=_time(material, speed), reason=None,
        )
    if material.pdf is not None:
        # pypdf is slow to import: only for PDF readings
        from packet.render.pdfmerge import describe_plan, plan_pages

        try:
            plan = plan_pages(material.pdf, *options.page_points)
        except RenderError as exc:
            return replace(view, reason=str(exc))
        if plan:
            return replace(view, kind="pdf", pdf=material.pdf, pdf_pages=sum(len(host) for host in plan),
                           pdf_plan=plan, pdf_layout=describe_plan(plan),
                           time=_time(material, speed), reason=None)
        return replace(view, reason="The PDF has no pages.")
    return view


# ---------- rendering ----------


def _screen_html(context: dict, views: list[ReadingView]) -> str:
    screen_views = [replace(v, body=v.screen_body) if v.kind == "article" else v for v in views]
    return render_template("handout.html.j2", **context, readings=screen_views, screen=True, screen_css=screen_css())


def _render(
    views: list[ReadingView],
    options: RenderOptions,
    *,
    front: FrontView | None,
    running: str | None,
    doc_title: str,
    author: str | None,
    screen: bool,
) -> Handout:
    context = dict(doc_title=doc_title, front=front, running=running, page_size=options.page_size)
    html = render_template("handout.html.j2", **context, readings=views, screen=False)
    stylesheets = options.handout_stylesheets()
    assets: dict[str, Asset] = {}
    for view in views:
        assets.update(view.assets)
    rendered = render_pdf(
        html,
        stylesheets=stylesheets,
        assets=assets,
        extra_roots=tuple(Path(path).resolve().parent for path in options.stylesheets),
        title=doc_title,
        author=author,
    )
    pdf, pages = rendered.pdf, rendered.pages
    placed = [v for v in views if v.kind == "pdf" and f"{v.anchor}--pdf-1" in rendered.anchors]
    if placed:
        from packet.render.pdfmerge import Placement, draw_pdf_pages

        pdf = draw_pdf_pages(pdf, [Placement(rendered.anchors[f"{v.anchor}--pdf-1"] - 1, v.pdf, v.pdf_plan) for v in placed])
    if options.two_sided and front is not None and pages % 2:
        from packet.render.pdfmerge import pad_to_even

        pdf, pages = pad_to_even(pdf)
    reading_pages = {}
    for view in views:
        # A reading not in the packet has a card but no pages of its own:
        # the run-sheet gives no handout page for it.
        if view.anchor in rendered.anchors and view.kind != "own-copy":
            reading_pages.setdefault(view.reading_id, rendered.anchors[view.anchor])
    return Handout(
        pdf=pdf,
        pages=pages,
        reading_pages=reading_pages,
        refused=_with_missing_images(rendered.refused, views),
        html=_screen_html(context, views) if screen else "",
    )


def _with_missing_images(refused: list[tuple[str, str]], views: list[ReadingView]) -> list[tuple[str, str]]:
    """What the renderer refused, and the images the body steps dropped
    because they were never downloaded: both are reported."""
    log = LockedFetcherLog(list(refused))
    for view in views:
        for url in view.missing_images:
            log.refuse(url, NOT_DOWNLOADED)
    return log.refused


def render_week_handout(
    curriculum: Curriculum,
    week: Week,
    materials: dict[str, ReadingMaterial],
    options: RenderOptions = RenderOptions(),
    *,
    date: dt.date | None = None,
) -> Handout:
    """The week's handout, on paper and for the screen: first page, then
    every reading (main readings in agenda order, then the extras). Printed
    two-sided, each reading starts on a right-hand page and the page count
    is even, so weekly handouts can be printed back to back."""
    speed = curriculum.reading_speed
    views = []
    for rid, label in week_reading_order(week):
        material = materials.get(rid)
        if material is None:
            reading = curriculum.reading(rid)
            material = ReadingMaterial(
                reading=reading, url=reading.url or reading.path or "",
                reason="The reading was not fetched for this build." if reading.in_packet else None,
            )
        views.append(reading_view(material, rid, label, speed, options, screen=True))
    title = f"{curriculum.title} - Week {week.number}: {week.title}"
    return _render(
        views,
        options,
        front=_front(curriculum, week, date),
        running=None,
        doc_title=title,
        author=curriculum.title,
        screen=True,
    )


def render_print(
    materials: list[ReadingMaterial],
    options: RenderOptions = RenderOptions(),
    *,
    title: str | None = None,
) -> Handout:
    """Sources printed on their own (`packet print`): each one a reading with
    its source card, article and link notes, in order, each on a new page
    (a right-hand one when printed two-sided). No screen HTML."""
    if not materials:
        raise RenderError("nothing to print")
    views, used = [], set()
    for material in materials:
        anchor_id = material.reading.id
        number = 2
        while anchor_id in used:
            anchor_id, number = f"{material.reading.id}-{number}", number + 1
        used.add(anchor_id)
        views.append(reading_view(material, anchor_id, None, DEFAULT_SPEED, options))
    doc_title = title or (views[0].title if len(views) == 1 else "Readings")
    first = materials[0]
    author = None
    if len(materials) == 1:
        authors = first.reading.authors or (first.article.authors if first.article else [])
        author = authors_line(authors) or None
    return _render(
        views,
        options,
        front=None,
        running=title or "",
        doc_title=doc_title,
        author=author,
        screen=False,
    )
