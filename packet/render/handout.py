"""Handouts: the participant's paper, the last stage for readers.

A week's handout is its first page (the agenda as participants see it,
questions with room to write, videos with QR codes) followed by each
reading on a right-hand page: a source card, the cleaned article with its
links turned into numbered notes, or a PDF reading drawn onto reserved
pages, or a placeholder page when the reading could not be had.

Only participant-facing curriculum fields are copied into the views the
templates see; facilitator notes, prompts and organizer notes never reach
a template, so they cannot reach the paper.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import html as lxml_html
from markupsafe import Markup

from packet.curriculum import Curriculum, ReadingItem, Video, Week, timestamp_seconds
from packet.errors import RenderError
from packet.render.html import authors_line, clock, minutes_phrase, render_template
from packet.render.material import ReadingMaterial
from packet.render.notes import Note, number_links
from packet.render.pdf import STYLES_DIR, Asset, render_pdf
from packet.render.pdfmerge import Placement, count_pages, draw_pdf_pages, pad_to_even, pdf_words

HANDOUT_CSS = STYLES_DIR / "handout.css"
SCREEN_CSS = STYLES_DIR / "screen.css"
PAGE_SIZES = {"letter": "letter", "a4": "A4"}
DEFAULT_SPEED = 150
# Tables with this many columns get the narrow, fixed layout.
WIDE_TABLE_COLUMNS = 6
# Points a table needs per character of its longest word, per column (cell
# padding), and the narrowest measure (A4): generous, so a table that might
# not fit is never mistaken for one that does.
TABLE_CHAR_PT = 5.5
TABLE_COLUMN_PT = 8
TABLE_MEASURE_PT = 430
INLINE_IMAGE_CAP = 2 * 1024 * 1024
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
    kind: str  # "article", "pdf" or "placeholder"
    title: str
    url: str
    byline: str = ""
    label: str | None = None
    time: str | None = None
    printed: str | None = None
    why: str | None = None
    note: str | None = None
    reason: str | None = None
    lang: str = "en"
    body: Markup = Markup("")
    notes: list[Note] = field(default_factory=list)
    pdf: bytes | None = None
    pdf_pages: int = 0
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


def _video_link(url: str, start: int, end: int | None) -> str:
    try:
        from packet.fetch.sources.video import video_link
    except ImportError:  # the fetch stage is optional for rendering
        return url
    return video_link(url, start or None, end)


def _video_media(item: Video) -> MediaView:
    start = timestamp_seconds(item.start)
    end = timestamp_seconds(item.end) if item.end else None
    return MediaView(
        title=item.title,
        qr_url=_video_link(item.url, start, end) if item.url else None,
        by=item.by,
        times=video_times(item.start, item.end),
        note=None if item.url else "The video is still to be chosen.",
    )


def _block(curriculum: Curriculum, item) -> BlockView:
    meta = " · ".join(part for part in (minutes_phrase(item.minutes), item.grouping or "") if part)
    readings = []
    if isinstance(item, ReadingItem):
        readings = [
            ReadingRef(curriculum.reading(rid).title, f"reading-{rid}") for rid in item.readings
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


def _typeset_math(html: str) -> str:
    if "<math" not in html:
        return html
    try:
        from packet.extract.math import typeset_math
    except ImportError:  # math typesetting is optional: raw MathML text still prints
        return html
    return typeset_math(html)


def _table_class(table) -> str | None:
    """"wide" for the fixed layout of many columns; "breakable" for a table
    whose longest words could not sit side by side on the measure, so words
    in it may break anywhere. Other tables break only words that overflow:
    letting every word break anywhere makes WeasyPrint measure a cell's
    narrowest width one character at a time, which cost more than the rest
    of a table-heavy article's layout."""
    longest: list[int] = []
    for row in table.iter("tr"):
        cells = [cell for cell in row if cell.tag in ("td", "th")]
        longest += [0] * (len(cells) - len(longest))
        for column, cell in enumerate(cells):
            words = cell.text_content().split()
            longest[column] = max(longest[column], max(map(len, words), default=0))
    if len(longest) >= WIDE_TABLE_COLUMNS:
        return "wide"
    if sum(longest) * TABLE_CHAR_PT + len(longest) * TABLE_COLUMN_PT > TABLE_MEASURE_PT:
        return "breakable"
    return None


def _mark_tables(html: str) -> str:
    if "<table" not in html:
        return html
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    changed = False
    for table in root.iter("table"):
        kind = _table_class(table)
        if kind:
            table.set("class", ((table.get("class") or "") + " " + kind).strip())
            changed = True
    if not changed:
        return html
    return (root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


def _tighten_preformatted(html: str) -> str:
    """Drop form feeds and runs of blank lines in <pre>: plain-text documents
    (RFCs) carry their old page breaks as empty lines that waste paper."""
    if "<pre" not in html:
        return html

    def tighten(match: re.Match) -> str:
        text = match.group(0).replace("\f", "")
        return re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text)

    return re.sub(r"<pre\b.*?</pre>", tighten, html, flags=re.S | re.I)


def _inline_images(html: str, assets: dict[str, Asset]) -> str:
    """Screen HTML carries its images as data: URIs so it is one file.

    An image the fetch stage did not download (refused, failed, too big) is
    dropped, never left pointing at its address: opening the file in a
    browser must not make requests the build refused (a private address).
    """
    if "<img" not in html:
        return html
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for img in list(root.iter("img")):
        src = img.get("src") or ""
        if src.startswith("data:"):
            continue
        asset = assets.get(src)
        if asset is None or not asset.path.is_file() or asset.path.stat().st_size > INLINE_IMAGE_CAP:
            img.drop_tree()
            continue
        data = base64.b64encode(asset.path.read_bytes()).decode()
        img.set("src", f"data:{asset.mime_type};base64,{data}")
        for attribute in ("srcset", "sizes"):
            img.attrib.pop(attribute, None)
    return (root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


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
        words = pdf_words(material.pdf)
    if not words:
        return None
    minutes = reading_minutes(words, speed)
    unit = "minute" if minutes == 1 else "minutes"
    return f"About {minutes} {unit} at a careful {speed} words a minute ({words:,} words)"


def reading_view(
    material: ReadingMaterial, anchor_id: str, label: str | None, speed: int
) -> ReadingView:
    """Everything a template prints about one reading."""
    reading, article = material.reading, material.article
    printed, why = _selection(material)
    view = ReadingView(
        reading_id=reading.id,
        anchor=f"reading-{anchor_id}",
        kind="placeholder",
        title=reading.title or (article.title if article else "") or material.url,
        url=material.url,
        byline=_byline(material),
        label=label,
        printed=printed,
        why=why,
        note=reading.note,
        reason=material.reason or "The reading could not be fetched.",
        assets=material.assets,
    )
    if article is not None:
        body = _tighten_preformatted(_mark_tables(_typeset_math(article.html)))
        noted = number_links(body, f"r-{anchor_id}")
        lang = article.lang if article.lang and _LANG_RE.match(article.lang) else "en"
        return replace(
            view, kind="article", body=Markup(noted.html), notes=noted.notes, lang=lang,
            time=_time(material, speed), reason=None,
        )
    if material.pdf is not None:
        try:
            pages = count_pages(material.pdf)
        except RenderError as exc:
            return replace(view, reason=str(exc))
        if pages:
            return replace(view, kind="pdf", pdf=material.pdf, pdf_pages=pages,
                           time=_time(material, speed), reason=None)
        return replace(view, reason="The PDF has no pages.")
    return view


# ---------- rendering ----------


def _screen_html(context: dict, views: list[ReadingView]) -> str:
    screen_views = [
        replace(v, body=Markup(_inline_images(str(v.body), v.assets))) if v.kind == "article" else v
        for v in views
    ]
    css = SCREEN_CSS.read_text(encoding="utf-8") if SCREEN_CSS.is_file() else ""
    return render_template(
        "handout.html.j2", **context, readings=screen_views, screen=True, screen_css=Markup(css)
    )


def _render(
    views: list[ReadingView],
    *,
    front: FrontView | None,
    running: str | None,
    doc_title: str,
    author: str | None,
    paper: str,
    extra_css,
    even: bool,
) -> Handout:
    if paper not in PAGE_SIZES:
        raise RenderError(f"unknown paper size {paper!r} (use letter or a4)")
    context = dict(doc_title=doc_title, front=front, running=running, page_size=PAGE_SIZES[paper])
    html = render_template("handout.html.j2", **context, readings=views, screen=False)
    extra = [Path(path) for path in extra_css]
    for path in extra:
        if not path.is_file():
            raise RenderError(f"{path}: stylesheet not found")
    assets: dict[str, Asset] = {}
    for view in views:
        assets.update(view.assets)
    rendered = render_pdf(
        html,
        stylesheets=[HANDOUT_CSS, *extra],
        assets=assets,
        extra_roots=tuple(path.resolve().parent for path in extra),
        title=doc_title,
        author=author,
    )
    pdf, pages = rendered.pdf, rendered.pages
    placements = [
        Placement(rendered.anchors[f"{v.anchor}--pdf-1"] - 1, v.pdf)
        for v in views
        if v.kind == "pdf" and f"{v.anchor}--pdf-1" in rendered.anchors
    ]
    if placements:
        pdf = draw_pdf_pages(pdf, placements)
    if even:
        pdf, pages = pad_to_even(pdf)
    reading_pages = {}
    for view in views:
        if view.anchor in rendered.anchors:
            reading_pages.setdefault(view.reading_id, rendered.anchors[view.anchor])
    return Handout(
        pdf=pdf,
        pages=pages,
        reading_pages=reading_pages,
        refused=rendered.refused,
        html=_screen_html(context, views),
    )


def render_week_handout(
    curriculum: Curriculum,
    week: Week,
    materials: dict[str, ReadingMaterial],
    *,
    paper: str = "letter",
    date: dt.date | None = None,
    extra_css: list[Path] = (),
) -> Handout:
    """The week's handout: first page, then every reading on a right-hand
    page (main readings in agenda order, then the extras). The page count is
    even so weekly handouts can be printed back to back, duplex."""
    speed = curriculum.reading_speed
    views = []
    for rid, label in week_reading_order(week):
        material = materials.get(rid)
        if material is None:
            reading = curriculum.reading(rid)
            material = ReadingMaterial(
                reading=reading, url=reading.url or reading.path or "",
                reason="The reading was not fetched for this build.",
            )
        views.append(reading_view(material, rid, label, speed))
    title = f"{curriculum.title} - Week {week.number}: {week.title}"
    return _render(
        views,
        front=_front(curriculum, week, date),
        running=None,
        doc_title=title,
        author=curriculum.title,
        paper=paper,
        extra_css=extra_css,
        even=True,
    )


def render_print(
    materials: list[ReadingMaterial],
    *,
    paper: str = "letter",
    title: str | None = None,
    extra_css=(),
) -> Handout:
    """Sources printed on their own (`packet print`): each one a reading with
    its source card, article and link notes, in order, each on a right-hand page."""
    if not materials:
        raise RenderError("nothing to print")
    views, used = [], set()
    for material in materials:
        anchor_id = material.reading.id
        number = 2
        while anchor_id in used:
            anchor_id, number = f"{material.reading.id}-{number}", number + 1
        used.add(anchor_id)
        views.append(reading_view(material, anchor_id, None, DEFAULT_SPEED))
    doc_title = title or (views[0].title if len(views) == 1 else "Readings")
    first = materials[0]
    author = None
    if len(materials) == 1:
        authors = first.reading.authors or (first.article.authors if first.article else [])
        author = authors_line(authors) or None
    return _render(
        views,
        front=None,
        running=title or "",
        doc_title=doc_title,
        author=author,
        paper=paper,
        extra_css=extra_css,
        even=False,
    )
