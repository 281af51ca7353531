"""Word's XML put in the form mammoth reads, before it reads it.

mammoth converts a .docx to HTML well, but drops two things guides use: a
heading's number when it comes from a multilevel list linked to the
heading style ("Week 1:" that Word draws and the text does not hold), and
a link written as a simple field (w:fldSimple), words and all. Both are
rewritten here in document.xml (and the notes' parts) as mammoth expects.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Heading styles by name ("heading 1", as styles.xml names Word's own).
_HEADING_STYLE_RE = re.compile(r"^heading\s*[1-9]$", re.I)
# How Word writes a level's number (w:numFmt), for the ones a heading uses.
_ROMAN = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _formatted(number: int, num_fmt: str) -> str:
    if num_fmt in ("lowerLetter", "upperLetter") and 1 <= number <= 26:
        letter = chr(ord("a") + number - 1)
        return letter.upper() if num_fmt == "upperLetter" else letter
    if num_fmt in ("lowerRoman", "upperRoman") and 1 <= number <= 39:
        roman, rest = "", number
        for value, digits in _ROMAN:
            while rest >= value:
                roman, rest = roman + digits, rest - value
        return roman.upper() if num_fmt == "upperRoman" else roman
    return str(number)


def _value(element, tag: str, default: str) -> str:
    """The w:val of `element`'s child `tag`, or `default`."""
    child = element.find(_W + tag)
    return child.get(_W + "val", default) if child is not None else default


def _number(value: str | None, default: int) -> int:
    """A number attribute as Word writes it; `default` when it is missing
    or not a number (a damaged numbering.xml loses the numbers, not the guide)."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _numbering_levels(numbering) -> dict[str, dict[int, tuple[int, str, str]]]:
    """numId -> level -> (start, numFmt, lvlText) from numbering.xml, with
    each w:num's restarts (w:startOverride) applied."""
    abstract = {}
    for element in numbering.iter(_W + "abstractNum"):
        levels = {}
        for lvl in element.iter(_W + "lvl"):
            start = _value(lvl, "start", "1")
            levels[_number(lvl.get(_W + "ilvl"), 0)] = (_number(start, 1), _value(lvl, "numFmt", "decimal"), _value(lvl, "lvlText", ""))
        abstract[element.get(_W + "abstractNumId")] = levels
    nums = {}
    for num in numbering.iter(_W + "num"):
        link = num.find(_W + "abstractNumId")
        levels = dict(abstract.get(link.get(_W + "val") if link is not None else None, {}))
        for override in num.iter(_W + "lvlOverride"):
            start = override.find(_W + "startOverride")
            level = _number(override.get(_W + "ilvl"), 0)
            if start is not None and level in levels:
                levels[level] = (_number(start.get(_W + "val"), 1), *levels[level][1:])
        nums[num.get(_W + "numId")] = levels
    return nums


def _heading_styles(styles) -> dict[str, tuple[str, int] | None]:
    """Heading style id -> the (numId, level) its numbering comes from (a
    multilevel list linked to the heading styles), or None."""
    found = {}
    for style in styles.iter(_W + "style"):
        name = style.find(_W + "name")
        if name is None or not _HEADING_STYLE_RE.match(name.get(_W + "val", "")):
            continue
        num_pr = style.find(f"{_W}pPr/{_W}numPr")
        num_id = num_pr.find(_W + "numId") if num_pr is not None else None
        level = num_pr.find(_W + "ilvl") if num_pr is not None else None
        found[style.get(_W + "styleId")] = (
            (num_id.get(_W + "val"), _number(level.get(_W + "val"), 0) if level is not None else 0) if num_id is not None else None
        )
    return found


def _number_headings(body, nums, headings) -> None:
    """Write each numbered heading's number into its text ("Week 3: "),
    as Word shows it. mammoth drops a heading's numbering, and a guide whose
    "Week 1:" comes from a multilevel list linked to Heading 1 would have
    headings with no week in them."""
    counters: dict[str, dict[int, int]] = {}
    for paragraph in body.iter(_W + "p"):
        props = paragraph.find(_W + "pPr")
        style = props.find(_W + "pStyle") if props is not None else None
        num_pr = props.find(_W + "numPr") if props is not None else None
        where = None
        if num_pr is not None and num_pr.find(_W + "numId") is not None:
            level = num_pr.find(_W + "ilvl")
            where = (num_pr.find(_W + "numId").get(_W + "val"), _number(level.get(_W + "val"), 0) if level is not None else 0)
        elif style is not None:
            where = headings.get(style.get(_W + "val"))
        if where is None or where[0] not in nums or where[1] not in nums[where[0]]:
            continue
        num_id, level = where
        levels = nums[num_id]
        count = counters.setdefault(num_id, {})
        count[level] = count.get(level, levels[level][0] - 1) + 1
        for deeper in [k for k in count if k > level]:
            del count[deeper]
        if style is None or style.get(_W + "val") not in headings:
            continue
        _, num_fmt, text = levels[level]
        if num_fmt in ("bullet", "none") or not text:
            continue
        label = _label(text, count, levels)
        run = etree.SubElement(paragraph, _W + "r")
        words = etree.SubElement(run, _W + "t")
        words.text = label + " "
        words.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        paragraph.remove(run)
        props.addnext(run)


def _label(text: str, count: dict[int, int], levels: dict[int, tuple[int, str, str]]) -> str:
    """A level's lvlText ("Week %1:", "%1.%2") with each %n as Word draws
    it: level n-1's current count in that level's number format."""
    def number(match) -> str:
        level = int(match.group(1)) - 1
        start, num_fmt, _ = levels.get(level, (1, "decimal", ""))
        return _formatted(count.get(level, start), num_fmt)

    return re.sub(r"%([1-9])", number, text)


def _unwrap_simple_fields(root) -> None:
    """Write each simple field (w:fldSimple, a link or a date some programs
    write that way) as the complex field mammoth reads: mammoth skips a
    w:fldSimple and the words inside it with it."""
    for field in list(root.iter(_W + "fldSimple")):
        parent = field.getparent()
        at = parent.index(field)
        parts = []
        for kind in ("begin", "instr", "separate"):
            run = etree.Element(_W + "r")
            if kind == "instr":
                etree.SubElement(run, _W + "instrText").text = field.get(_W + "instr", "")
            else:
                etree.SubElement(run, _W + "fldChar").set(_W + "fldCharType", kind)
            parts.append(run)
        parts.extend(field)
        end = etree.Element(_W + "r")
        etree.SubElement(end, _W + "fldChar").set(_W + "fldCharType", "end")
        parts.append(end)
        parent.remove(field)
        for offset, part in enumerate(parts):
            parent.insert(at + offset, part)


_TEXT_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
#: The parts mammoth reads: the package's and the document's relations,
#: the content types and what is under word/ (a Word-written guide's body).
_READ_BY_MAMMOTH = ("word/", "_rels/", "[Content_Types].xml")


def rewritten(data: bytes, never_read) -> bytes:
    """The .docx with numbered headings' numbers written into their text and
    simple fields written as complex ones, for mammoth to read; parts whose
    names match `never_read` (pictures) are left out of the copy."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        parts = {name: archive.read(name) for name in _TEXT_PARTS if name in names}
        numbering = archive.read("word/numbering.xml") if "word/numbering.xml" in names else None
        styles = archive.read("word/styles.xml") if "word/styles.xml" in names else None
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        changed = {}
        for name, xml in parts.items():
            root = etree.fromstring(xml, parser)
            _unwrap_simple_fields(root)
            if name == "word/document.xml" and numbering is not None and styles is not None:
                _number_headings(root, _numbering_levels(etree.fromstring(numbering, parser)),
                                 _heading_styles(etree.fromstring(styles, parser)))
            changed[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in archive.infolist():
                if never_read.search(info.filename) or not info.filename.startswith(_READ_BY_MAMMOTH):
                    continue  # pictures, custom XML, thumbnails: never read, so never copied
                try:
                    copy.writestr(info, changed.get(info.filename) or archive.read(info.filename))
                except (RuntimeError, NotImplementedError, zipfile.BadZipFile):
                    continue  # an encrypted part or one zipfile cannot unpack: mammoth would not read it either
    return out.getvalue()
