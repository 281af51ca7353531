"""PDF readings and whole-semester files: the render stage's pypdf work.

WeasyPrint lays out a handout with blank pages reserved where a PDF
reading goes (so page numbers, running headers and bookmarks are right);
`draw_pdf_pages` then draws the reading's own pages onto them, scaled to
fit between the header and footer. `combine_pdfs` joins weekly handouts
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


@dataclass
class Placement:
    """Draw every page of `pdf` onto host pages starting at `first_page` (0-based)."""

    first_page: int
    pdf: bytes


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


def _fit(source: RectangleObject, target: RectangleObject) -> Transformation:
    """Scale and move `source` into `target`, keeping its proportions, centred."""
    scale = min(float(target.width) / float(source.width), float(target.height) / float(source.height))
    width, height = float(source.width) * scale, float(source.height) * scale
    left = float(target.left) + (float(target.width) - width) / 2
    bottom = float(target.bottom) + (float(target.height) - height) / 2
    return (
        Transformation()
        .translate(-float(source.left), -float(source.bottom))
        .scale(scale, scale)
        .translate(left, bottom)
    )


def draw_pdf_pages(host: bytes, placements: list[Placement]) -> bytes:
    """The `host` PDF with each placement's pages drawn onto its reserved pages."""
    writer = PdfWriter(clone_from=_reader(host, "the handout"))
    for placement in placements:
        # A writer's pages can take the rotation into their content stream.
        source_pages = PdfWriter(clone_from=_reader(placement.pdf, "a PDF reading")).pages
        for offset, page in enumerate(source_pages):
            index = placement.first_page + offset
            if index >= len(writer.pages):
                raise RenderError("a PDF reading has more pages than the handout reserved")
            target_page = writer.pages[index]
            if page.rotation:
                page.transfer_rotation_to_content()
            box = target_page.mediabox
            area = RectangleObject(
                [
                    float(box.left) + SIDE_ROOM,
                    float(box.bottom) + FOOTER_ROOM,
                    float(box.right) - SIDE_ROOM,
                    float(box.top) - HEADER_ROOM,
                ]
            )
            source = page.cropbox if page.cropbox is not None else page.mediabox
            target_page.merge_transformed_page(page, _fit(source, area))
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
