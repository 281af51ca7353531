"""Word .docx guide -> blocks, through mammoth.

mammoth turns a .docx into semantic HTML from the document's structure
(heading styles to h1-h6, Word's numbering to nested ul/ol, hyperlinks with
their targets, bold runs), which is what the guide reader needs and what
read_html already reads; python-docx would leave list nesting and numbering
to be rebuilt from numbering.xml by hand.
"""

from __future__ import annotations

import io
import zipfile

from packet.authoring.blocks import Block
from packet.authoring.read_html import read_html

# Word's Title and Subtitle styles; headings and lists are mammoth's defaults.
_STYLE_MAP = """
p[style-name='Title'] => p.title:fresh
p[style-name='Subtitle'] => p.subtitle:fresh
"""


# A guide's text is a few hundred kilobytes; more than this unpacked is a
# zip bomb, not a guide.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


class NotADocx(ValueError):
    """The bytes are not a Word .docx file."""


def read_docx(data: bytes) -> list[Block]:
    import mammoth

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise NotADocx("unpacks to more than a guide could hold")
    except zipfile.BadZipFile as exc:
        raise NotADocx(str(exc)) from None
    try:
        result = mammoth.convert_to_html(io.BytesIO(data), style_map=_STYLE_MAP)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise NotADocx(str(exc)) from None
    return read_html(result.value)
