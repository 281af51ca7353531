"""Word .docx guide -> blocks, through mammoth.

mammoth turns a .docx into semantic HTML from the document's structure
(heading styles to h1-h6, Word's numbering to nested ul/ol, hyperlinks with
their targets, bold runs), which is what the guide reader needs and what
read_html already reads; python-docx would leave list nesting and numbering
to be rebuilt from numbering.xml by hand. Word's "List Number 2"-style
paragraphs are put at the level their style names before mammoth nests them.
"""

from __future__ import annotations

import io
import re
import zipfile

from packet.authoring.blocks import Block
from packet.authoring.read_html import read_html

# Word's Title and Subtitle styles; headings and lists are mammoth's defaults.
_STYLE_MAP = """
p[style-name='Title'] => p.title:fresh
p[style-name='Subtitle'] => p.subtitle:fresh
"""


# A guide's text is a few hundred kilobytes; a part that unpacks to more than
# this is a zip bomb, not a guide. Pictures are never unpacked at all.
MAX_PART_BYTES = 10 * 1024 * 1024
# Parts the import never opens (pictures, embedded files), whatever their size.
_NEVER_READ_RE = re.compile(r"(?:^|/)(?:media|embeddings)/|\.(?:png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|bin)$", re.I)


# Word's built-in "List Number 2", "List Bullet 3", ... styles are the deeper
# levels of a list, though each has its own one-level numbering.
_LEVELLED_STYLE_RE = re.compile(r"^List (?:Number|Bullet|Continue)\s+([2-9])$")


def _list_style_level(paragraph):
    """The paragraph at the list level its style names."""
    from mammoth import documents

    match = _LEVELLED_STYLE_RE.match(paragraph.style_name or "")
    if match is None or paragraph.numbering is None or paragraph.numbering.level_index != "0":
        return paragraph
    return documents.paragraph(
        paragraph.children, style_id=paragraph.style_id, style_name=paragraph.style_name,
        numbering=documents.numbering_level(int(match.group(1)) - 1, paragraph.numbering.is_ordered),
        alignment=paragraph.alignment, indent=paragraph.indent,
    )


class NotADocx(ValueError):
    """The bytes are not a Word .docx file."""


class DocxTooLarge(ValueError):
    """A part of the .docx unpacks to more than a guide could hold."""


def _drop_image(image) -> list:
    """No element for a picture, and its bytes left unread: the import reads
    words and links, and a picture can be most of a .docx's size."""
    return []


def _check_parts(data: bytes) -> None:
    """Refuse a .docx whose parts would unpack past MAX_PART_BYTES, from
    the sizes its zip directory declares (zipfile never reads past them)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if info.file_size > MAX_PART_BYTES and not _NEVER_READ_RE.search(info.filename):
                    raise DocxTooLarge(
                        f"its part {info.filename} unpacks to {info.file_size // (1024 * 1024)} MB "
                        f"(a guide's text is at most {MAX_PART_BYTES // (1024 * 1024)} MB)"
                    )
    except zipfile.BadZipFile as exc:
        raise NotADocx(str(exc)) from None


def read_docx(data: bytes) -> list[Block]:
    import mammoth
    import mammoth.transforms

    _check_parts(data)
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data), style_map=_STYLE_MAP, convert_image=_drop_image,
            transform_document=mammoth.transforms.paragraph(_list_style_level),
        )
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise NotADocx(str(exc)) from None
    return read_html(result.value)
