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

from lxml import etree

from packet.authoring.blocks import Block
from packet.authoring.docx_xml import rewritten
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


def _without_bookmarks(element):
    """The element with no bookmarks inside it. Word leaves bookmarks
    (_GoBack, _Hlk..., _Toc...) in the middle of a link's text, where mammoth
    writes an <a id> inside the <a href> and so cuts the link in two; the
    import never uses them."""
    from mammoth import documents

    if not isinstance(element, (documents.HasChildren, documents.TableCellUnmerged)):
        return element
    children = [_without_bookmarks(c) for c in element.children if not isinstance(c, documents.Bookmark)]
    return element.copy(children=children)


def _note_inline(note) -> list:
    """A footnote's or endnote's words, as the runs to put where it is
    referred to: in brackets, its paragraphs joined by spaces."""
    from mammoth import documents

    words: list = []
    for n, paragraph in enumerate(note.body):
        if n:
            words.append(documents.run([documents.text(" ")]))
        words.extend(getattr(paragraph, "children", []))
    # Word puts a space after the note's own number: "¹ Online at ...".
    while words and isinstance(words[0], documents.Run) and not "".join(
        getattr(c, "value", "x") for c in words[0].children
    ).strip():
        words.pop(0)
    return [documents.run([documents.text(" (")]), *words, documents.run([documents.text(")")])]


def _notes_inline(element, notes):
    """The element with each footnote and endnote reference replaced by the
    note's words. mammoth lists notes at the end of the document, where they
    would join the last week; a guide puts a reading's link in a footnote of
    the line that names the reading."""
    from mammoth import documents

    if not isinstance(element, (documents.HasChildren, documents.TableCellUnmerged)):
        return element
    children: list = []
    for child in element.children:
        references = [c for c in getattr(child, "children", []) if isinstance(c, documents.NoteReference)]
        if isinstance(child, documents.Run) and references:
            children.append(child.copy(children=[c for c in child.children if not isinstance(c, documents.NoteReference)]))
            for reference in references:
                try:
                    children.extend(_note_inline(notes.resolve(reference)))
                except KeyError:  # a reference to a note the file does not have
                    continue
        else:
            children.append(_notes_inline(child, notes))
    return element.copy(children=children)


def _prepared(document):
    """The document as the guide reader wants it: notes in their lines,
    no bookmarks, list styles at their levels."""
    import mammoth.transforms
    from mammoth import documents

    document = _notes_inline(_without_bookmarks(document), document.notes)
    document = document.copy(notes=documents.notes([]))
    return mammoth.transforms.paragraph(_list_style_level)(document)


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

    _check_parts(data)
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(rewritten(data, _NEVER_READ_RE)), style_map=_STYLE_MAP, convert_image=_drop_image,
            transform_document=_prepared,
        )
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, RuntimeError, NotImplementedError) as exc:
        raise NotADocx(str(exc)) from None
    return read_html(result.value)
