"""PDF readings and whole-semester files: the render stage's pypdf work.

WeasyPrint lays out a handout with blank pages reserved where a PDF
reading goes (so page numbers, running headers and bookmarks are right);
`draw_pdf_pages` then draws the reading's own pages onto them, scaled to
fit between the header and footer (two slides to a page, a landscape page
turned, as `plan_pages` decides). `combine_pdfs` joins weekly handouts
(and weekly run-sheets) into one file with a bookmark per week.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.errors import PdfReadError
from pypdf.generic import RectangleObject

from packet.errors import RenderError

# Room left at the top and bottom of a reserved page for the running header
# and page number, and at the sides so the drawn page never touches the edge.
HEADER_ROOM = 46.0
FOOTER_ROOM = 40.0
SIDE_ROOM = 24.0


# Space between two wide pages set one above the other.
PAIR_GAP = 14.0
# A wide page is turned a quarter only when that prints it at least this
# much larger; a page barely wider than tall reads as well upright.
TURN_GAIN = 1.15


@dataclass(frozen=True)
class Slot:
    """One source page on a host page: its index, whether it is turned, and
    whether it prints in the top half (a deck's last slide, alone, sits
    where its pair would, upright like the others)."""

    source: int
    turned: bool = False
    top_half: bool = False


@dataclass
class Placement:
    """Draw `pdf`'s pages onto host pages from `first_page` (0-based), as
    `plan` lays them out: one list of slots per host page."""

    first_page: int
    pdf: bytes
    plan: list[list[Slot]]


def _printed_area(page_width: float, page_height: float) -> tuple[float, float]:
    return page_width - 2 * SIDE_ROOM, page_height - HEADER_ROOM - FOOTER_ROOM


def _upright_size(page) -> tuple[float, float]:
    box = page.cropbox if page.cropbox is not None else page.mediabox
    width, height = float(box.width), float(box.height)
    return (height, width) if (page.rotation or 0) % 180 else (width, height)


def _scale(width: float, height: float, area_width: float, area_height: float) -> float:
    return min(area_width / width, area_height / height)


def plan_pages(pdf: bytes, page_width: float, page_height: float) -> list[list[Slot]]:
    """How a PDF reading's pages go onto host pages of this size.

    A page is drawn as large as the space between header and footer allows.
    Two wide pages in a row (slides, 16:9 or wider) share a host page, one
    above the other, when each still prints as large as it would alone: a
    slide deck costs half the paper at the same size. Any other page wider
    than tall is turned a quarter (its top to the left edge, as a print
    dialog's auto-rotate does) when that prints it larger by TURN_GAIN:
    an A4 landscape table no longer shrinks to a strip across the page.
    """
    area_width, area_height = _printed_area(page_width, page_height)
    sizes = [_upright_size(page) for page in _reader(pdf, "the reading").pages]
    plan: list[list[Slot]] = []
    index = 0
    while index < len(sizes):
        width, height = sizes[index]
        alone = _scale(width, height, area_width, area_height)
        half = (area_height - PAIR_GAP) / 2

        def pairs_well(w: float, h: float) -> bool:
            return w > h and _scale(w, h, area_width, half) >= 0.99 * _scale(w, h, area_width, area_height)

        if index + 1 < len(sizes) and all(pairs_well(w, h) for w, h in sizes[index:index + 2]):
            plan.append([Slot(index), Slot(index + 1)])
            index += 2
            continue
        if index and pairs_well(width, height) and pairs_well(*sizes[index - 1]):
            plan.append([Slot(index, top_half=True)])
            index += 1
            continue
        turned = width > height and _scale(height, width, area_width, area_height) >= TURN_GAIN * alone
        plan.append([Slot(index, turned)])
        index += 1
    return plan


def describe_plan(plan: list[list[Slot]]) -> str:
    """How the card says the pages were laid out ("" when one to a page, upright)."""
    parts = []
    if any(len(host) > 1 for host in plan):
        parts.append("wide pages two to a page")
    if any(slot.turned for host in plan for slot in host):
        parts.append("landscape pages turned a quarter to fit")
    return "; ".join(parts)


def _reader(pdf: bytes, what: str) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(pdf))
        if reader.is_encrypted:
            reader.decrypt("")
        len(reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise RenderError(f"{what} is not a readable PDF: {exc}") from None
    return reader


def count_pages(pdf: bytes) -> int:
    """How many pages a PDF reading has (so the handout can reserve them)."""
    return len(_reader(pdf, "the reading").pages)


def select_pdf_pages(pdf: bytes, spec: str) -> bytes:
    """Only the pages `spec` names ("3-6", "1,4-7"), in that order."""
    from packet.extract.sections import parse_pages

    reader = _reader(pdf, "the reading")
    try:
        indexes = parse_pages(spec, len(reader.pages))
    except ValueError as exc:
        raise RenderError(str(exc)) from None
    writer = PdfWriter()
    for index in indexes:
        writer.add_page(reader.pages[index])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_words(pdf: bytes) -> int:
    """Words in a PDF's text layer, for the reading-time estimate (0 for scans)."""
    from packet.extract.text import word_count

    words = 0
    for page in _reader(pdf, "the reading").pages:
        try:
            words += word_count(page.extract_text() or "")
        except Exception:  # text extraction is best effort on odd PDFs
            continue
    return words


def _fit(source: RectangleObject, target: RectangleObject, turned: bool = False) -> Transformation:
    """Scale and move `source` into `target`, keeping its proportions,
    centred; `turned`, a quarter turn anticlockwise first (top to the left)."""
    width, height = float(source.width), float(source.height)
    move = Transformation().translate(-float(source.left), -float(source.bottom))
    if turned:
        # rotate(90) maps (x, y) to (-y, x); shifting by the height brings
        # the page back to the positive quarter, now `height` wide.
        move = move.rotate(90).translate(height, 0)
        width, height = height, width
    scale = min(float(target.width) / width, float(target.height) / height)
    left = float(target.left) + (float(target.width) - width * scale) / 2
    bottom = float(target.bottom) + (float(target.height) - height * scale) / 2
    return move.scale(scale, scale).translate(left, bottom)


def _slot_areas(box: RectangleObject, count: int) -> list[RectangleObject]:
    """The printed area of a host page, whole or split into a top and a
    bottom half."""
    left, right = float(box.left) + SIDE_ROOM, float(box.right) - SIDE_ROOM
    bottom, top = float(box.bottom) + FOOTER_ROOM, float(box.top) - HEADER_ROOM
    if count == 1:
        return [RectangleObject([left, bottom, right, top])]
    middle = (bottom + top) / 2
    return [RectangleObject([left, middle + PAIR_GAP / 2, right, top]),
            RectangleObject([left, bottom, right, middle - PAIR_GAP / 2])]


def draw_pdf_pages(host: bytes, placements: list[Placement]) -> bytes:
    """The `host` PDF with each placement's pages drawn onto its reserved pages."""
    writer = PdfWriter(clone_from=_reader(host, "the handout"))
    for placement in placements:
        # A writer's pages can take the rotation into their content stream.
        source_pages = PdfWriter(clone_from=_reader(placement.pdf, "a PDF reading")).pages
        for offset, host in enumerate(placement.plan):
            index = placement.first_page + offset
            if index >= len(writer.pages):
                raise RenderError("a PDF reading has more pages than the handout reserved")
            target_page = writer.pages[index]
            halves = len(host) > 1 or host[0].top_half
            for slot, area in zip(host, _slot_areas(target_page.mediabox, 2 if halves else 1)):
                page = source_pages[slot.source]
                if page.rotation:
                    page.transfer_rotation_to_content()
                source = page.cropbox if page.cropbox is not None else page.mediabox
                target_page.merge_transformed_page(page, _fit(source, area, slot.turned))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pad_to_even(pdf: bytes) -> tuple[bytes, int]:
    """`pdf` with a blank page added if its page count is odd, so the next
    document printed duplex starts on a fresh sheet; and the new count."""
    reader = _reader(pdf, "the handout")
    count = len(reader.pages)
    if count % 2 == 0:
        return pdf, count
    writer = PdfWriter(clone_from=reader)
    last = reader.pages[-1].mediabox
    writer.add_blank_page(width=float(last.width), height=float(last.height))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), count + 1


def _copy_outline(writer: PdfWriter, reader: PdfReader, items, parent, page_offset: int) -> None:
    last = None
    for item in items:
        if isinstance(item, list):
            if last is not None:
                _copy_outline(writer, reader, item, last, page_offset)
            continue
        try:
            page = reader.get_destination_page_number(item)
        except Exception:  # an outline entry without a page target is skipped
            continue
        if page is None or page < 0:
            continue
        last = writer.add_outline_item(title=item.title, page_number=page + page_offset, parent=parent)


def combine_pdfs(parts: list[tuple[str, bytes]], *, two_sided: bool = True, title: str | None = None) -> bytes:
    """One PDF of `parts` in order: a top-level bookmark per part titled with
    its name, the part's own bookmarks nested under it. Printed two-sided,
    a part with an odd page count is followed by a blank page so each part
    starts a new sheet."""
    writer = PdfWriter()
    offset = 0
    for name, pdf in parts:
        padded, count = pad_to_even(pdf) if two_sided else (pdf, count_pages(pdf))
        reader = _reader(padded, name)
        writer.append(reader, import_outline=False)
        top = writer.add_outline_item(title=name, page_number=offset)
        _copy_outline(writer, reader, reader.outline, top, offset)
        offset += count
    if title:
        writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
