"""A reading's article, shaped for paper: one parsed tree, small named steps.

The extract stage hands over clean article HTML. The render stage parses it
once into a `Body` and runs the steps below over that tree, in the order the
lists state; each step does one job that paper (or the screen handout)
needs and says why. The tree is serialised once per output.

    ARTICLE_STEPS  both outputs: math typeset, tables' words let wrap and
                   tables marked, preformatted text tightened, ids and
                   internal links scoped
    PAPER_STEPS    the PDF: preformatted text sized to the measure, outward
                   links turned into numbered notes
    SCREEN_STEPS   the screen handout: images carried inside the file

Every step is `step(body: Body) -> None` and mutates `body.root`.
"""

from __future__ import annotations

import base64
import copy
import math
import re
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path
from urllib.parse import unquote

from lxml import html as lxml_html

from packet.render.math import typeset_math as _typeset_math_tree
from packet.render.notes import Note, breakable_url, superscript
from packet.render.rfc_pages import drop_page_furniture, join_printed_pages
from packet.render.pdf import Asset
from packet.render.textnodes import edit_text, reading_slots, take_trailing_space

# Tables with this many columns get the narrow, fixed layout.
WIDE_TABLE_COLUMNS = 6
# Ems a table needs per character of its longest word and per column (cell
# padding): generous, so a table that might not fit is never mistaken for
# one that does.
TABLE_CHAR_EM = 0.625
TABLE_COLUMN_EM = 0.9
# Advance of every glyph of the shipped monospace face, in ems.
MONO_ADVANCE_EM = 0.6
# Smallest type a preformatted line is shrunk to before it wraps instead, as
# a share of the code size (7.2 pt in regular print).
MONO_FLOOR = 0.8
# Preformatted text holding at least this share of an article's words is the
# article itself (a plain-text document such as an RFC), not a code sample.
PLAIN_TEXT_SHARE = 0.5
# Room a code sample's border and padding take from the measure (handout.css).
CODE_INSET_PT = 8.5
INLINE_IMAGE_CAP = 2 * 1024 * 1024
NOTED_SCHEMES = ("http://", "https://", "ftp://", "mailto:")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLANK_RUN_RE = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


@dataclass(frozen=True)
class Measure:
    """Sizes of the page the body is set on, in points (see packet/styles)."""

    text_width: float
    body_size: float
    code_size: float
    table_size: float
    # How far plain-text documents may reach into the outer margin, so their
    # 72 columns fit at body size on Letter.
    plain_text_hang: float = 6.0


@dataclass
class Body:
    """One article's tree, with what the steps learn about it."""

    root: lxml_html.HtmlElement
    scope: str
    measure: Measure
    assets: dict[str, Asset] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    math_cache: Path | None = None
    # Images dropped because the fetch stage did not download them, to report.
    missing: list[str] = field(default_factory=list)

    def html(self) -> str:
        root = self.root
        # Text before the first element is escaped as lxml escapes the rest.
        lead = html_escape(root.text or "", quote=False)
        return lead + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)

    def copy(self) -> "Body":
        return Body(
            copy.deepcopy(self.root), self.scope, self.measure, self.assets, list(self.notes), self.math_cache,
            list(self.missing),
        )


def parse_body(
    html: str, scope: str, measure: Measure, assets: dict[str, Asset] | None = None, math_cache: Path | None = None
) -> Body:
    root = lxml_html.fragment_fromstring(html or "", create_parent="div")
    return Body(root, scope, measure, assets or {}, math_cache=math_cache)


def apply(steps, body: Body) -> Body:
    for step in steps:
        step(body)
    return body


def _unwrap(el) -> None:
    """Drop an element's tag, keeping its text and children, and its id on a
    span so links to it still land."""
    anchor = el.get("id")
    if anchor:
        holder = lxml_html.Element("span")
        holder.set("id", anchor)
        el.addprevious(holder)
    el.drop_tag()


# ---------- both outputs ----------


def typeset_math(body: Body) -> None:
    """MathML becomes SVG images: WeasyPrint has no MathML, and a browser's
    rendering of it varies; the image looks the same everywhere."""
    _typeset_math_tree(body.root, body.math_cache)


def _longest_words(table) -> list[int]:
    longest: list[int] = []
    for row in table.iter("tr"):
        cells = [cell for cell in row if cell.tag in ("td", "th")]
        longest += [0] * (len(cells) - len(longest))
        for column, cell in enumerate(cells):
            words = cell.text_content().split()
            longest[column] = max(longest[column], max(map(len, words), default=0))
    return longest


def drop_missing_images(body: Body) -> None:
    """An image the fetch stage did not download (failed, refused, too big,
    beside a saved page but not saved with it) is dropped, not printed as
    its alt text ("Refer to caption", "image") in the space it would take.
    A figure left with only its caption says the picture is online."""
    for img in list(body.root.iter("img")):
        src = img.get("src") or ""
        if src.startswith("data:"):
            continue
        asset = body.assets.get(src)
        if asset is not None and asset.path.is_file():
            continue
        if src and src not in body.missing:
            body.missing.append(src)
        figure = next((a for a in img.iterancestors() if a.tag == "figure"), None)
        parent = img.getparent()
        img.drop_tree()
        if parent is not None and parent.tag == "a" and not parent.text_content().strip() and not len(parent):
            parent.drop_tree()
        if figure is not None and not figure.xpath(
            ".//img[not(contains(concat(' ', @class, ' '), ' math '))]|.//svg|.//table|.//pre|.//video"
        ):
            caption = figure.find(".//figcaption")
            note = lxml_html.Element("span")
            note.set("class", "figure-missing")
            note.text = "Picture not printed: it could not be downloaded. "
            if caption is not None:
                note.tail = caption.text
                caption.text = None
                caption.insert(0, note)
            else:
                holder = lxml_html.Element("figcaption")
                holder.append(note)
                figure.append(holder)


# A no-break space between words ("New\u00a0Zealand", "U.S.\u00a0Army",
# "rock\u00a0&\u00a0roll"). Beside a digit ("10\u00a0km", "p.\u00a012",
# "£\u00a05") it keeps a number with its unit; before ! ? ; : » and after «
# it is French typography ("Bonjour\u00a0!", "«\u00a0Oui\u00a0»"), which must
# not leave a "!" alone at the start of a line.
_WORD_NBSP_RE = re.compile(r"(?<=[^\d\s«])\u00a0(?=[^\d\s!?;:»])")


def loosen_table_spaces(body: Body) -> None:
    """In a table cell, a no-break space between words becomes a space:
    sources write names as "New&#160;Zealand", which in a narrow column
    could not wrap between its words and broke mid-word instead
    ("New Zeal" / "and"). Beside a digit it stays, so a number keeps its
    unit."""
    for cell in body.root.iter("td", "th"):
        text = cell.text_content()
        if "\u00a0" in text:
            edit_text(cell, [(m.start(), m.end(), " ") for m in _WORD_NBSP_RE.finditer(text)])


def mark_tables(body: Body) -> None:
    """Class "wide" for the fixed layout of many columns; "breakable" for a
    table whose longest words could not sit side by side on the measure, so
    words in it may break anywhere. Other tables break only words that
    overflow: letting every word break anywhere makes WeasyPrint measure a
    cell's narrowest width one character at a time, which cost more than the
    rest of a table-heavy article's layout.

    A row whose cells hold tables (a layout table setting tables side by
    side, as LWN's statistics are) gets class "holds-tables": unlike other
    rows it may split across pages, each table running on with its own
    rows, where it used to jump whole to the next page and leave the rest
    of a page blank."""
    size = body.measure.table_size
    for table in body.root.iter("table"):
        longest = _longest_words(table)
        kind = None
        if len(longest) >= WIDE_TABLE_COLUMNS:
            kind = "wide"
        elif (sum(longest) * TABLE_CHAR_EM + len(longest) * TABLE_COLUMN_EM) * size > body.measure.text_width:
            kind = "breakable"
        if kind:
            table.set("class", ((table.get("class") or "") + " " + kind).strip())
    for row in body.root.iter("tr"):
        if any(cell.tag in ("td", "th") and cell.find(".//table") is not None for cell in row):
            row.set("class", ((row.get("class") or "") + " holds-tables").strip())


#: At most this many leading rows of header cells become a table's head.
HEAD_ROWS_MAX = 3


def head_rows(body: Body) -> None:
    """A table that opens with rows of header cells but no <thead> (a title
    row "Most active developers" in <tbody>, as most hand-written and
    wiki tables do) gets them as its head: WeasyPrint keeps a head with the
    first row below it and repeats it on each page the table runs onto,
    where a lone header row was left at the foot of a page."""
    for table in list(body.root.iter("table")):
        if table.find("thead") is not None:
            continue
        holder = table.find("tbody")
        holder = holder if holder is not None else table
        rows = [row for row in holder if row.tag == "tr"]
        leading = []
        for row in rows[:HEAD_ROWS_MAX]:
            cells = [cell for cell in row if isinstance(cell.tag, str)]
            if not cells or any(cell.tag != "th" for cell in cells):
                break
            leading.append(row)
        if not leading or len(leading) == len(rows):
            continue
        head = lxml_html.Element("thead")
        for row in leading:
            holder.remove(row)
            head.append(row)
        after = [child for child in table if child.tag in ("caption", "colgroup", "col")]
        table.insert(table.index(after[-1]) + 1 if after else 0, head)


def _pre_text(pre) -> str:
    """The text of a <pre> as it prints: a <br> in it ends a line too."""
    return "".join(
        "\n" if attr == "text" and node.tag == "br" else (getattr(node, attr) or "")
        for node, attr in reading_slots(pre)
    )


def _breaks_to_newlines(pre) -> None:
    """A <br> in preformatted text (some sites' code samples, highlighted
    line by line) becomes the newline it prints as, so each line is one
    line of text to measure and tighten."""
    for br in list(pre.iter("br")):
        if br.get("id"):  # a link to it still lands
            holder = lxml_html.Element("span")
            holder.set("id", br.get("id"))
            br.addprevious(holder)
        br.tail = "\n" + (br.tail or "")
        br.drop_tag()


def tighten_preformatted(body: Body) -> None:
    """Preformatted text as it prints, without the paper it wasted: a <br>
    in it becomes a newline; an RFC's or Internet-Draft's old page footers
    and running headers go (see `drop_page_furniture`; its table of
    contents keeps the old page numbers); form feeds and runs of blank
    lines (old page breaks) shrink to one blank line."""
    for pre in list(body.root.iter("pre")):
        _breaks_to_newlines(pre)
    joints = join_printed_pages(body.root)
    for pre in body.root.iter("pre"):
        if not _inside_pre(pre):
            drop_page_furniture(pre, joints.get(pre, ()))
    for pre in body.root.iter("pre"):
        for el in pre.iter():
            if el.text:
                el.text = _BLANK_RUN_RE.sub("\n\n", el.text.replace("\f", ""))
            if el is not pre and el.tail:
                el.tail = _BLANK_RUN_RE.sub("\n\n", el.tail.replace("\f", ""))


def scope_links(body: Body) -> None:
    """Prefix every id with the reading's scope, so two readings in one
    handout cannot collide; point internal links at the scoped ids (matched
    also when percent-encoded), and drop the links that go nowhere on paper
    or screen: to a missing anchor, to a scheme other than http(s), ftp or
    mailto, or with nothing to click on."""
    scope = body.scope
    # WeasyPrint and browsers match a link's fragment percent-decoded, so ids
    # are kept decoded too (some sites write them encoded).
    ids = set()
    for el in body.root.iter():
        if isinstance(el.tag, str) and el.get("id"):
            anchor = unquote(el.get("id"))
            ids.add(anchor)
            el.set("id", f"{scope}-{anchor}")
    for a in list(body.root.iter("a")):
        href = (a.get("href") or "").strip()
        if href.startswith("#"):
            target = unquote(href[1:])
            if target in ids:
                a.set("href", f"#{scope}-{target}")
            else:
                _unwrap(a)
        elif not href.lower().startswith(NOTED_SCHEMES) or not a.text_content().strip():
            _unwrap(a)


# ---------- paper ----------


def _bare(url: str) -> str:
    url = re.sub(r"^(https?://|ftp://|mailto:)", "", url.strip(), flags=re.I)
    return re.sub(r"^www\.", "", url).rstrip("/").casefold()


def _says_its_address(a, href: str) -> bool:
    text = " ".join(a.text_content().split())
    return bool(text) and (_bare(text) == _bare(href) or text.casefold() == href.casefold())


def _in_heading(el) -> bool:
    return any(ancestor.tag in HEADINGS for ancestor in el.iterancestors())


# "3" or "[3]": a note number, not a year ("2019") or a stray bracket.
_NOTE_MARK_RE = re.compile(r"(\d{1,3})|\[(\d{1,3})\]")


def _last_note_mark(root) -> int:
    """The highest number the article's own note marks print: a superscript
    "3" or "[3]" that links within the page or is marked as a footnote
    reference, or a bracketed "[3]" link within the page (Wikipedia's,
    a paper's numbered citations). 0 when there are none."""
    last = 0
    for el in root.iter("sup", "a"):
        match = _NOTE_MARK_RE.fullmatch("".join(el.text_content().split()))
        if match is None:
            continue
        if el.tag == "sup":
            marked = "footnote-ref" in (el.get("class") or "").split() or any(
                (a.get("href") or "").startswith("#") for a in el.iter("a"))
        else:
            marked = (el.get("href") or "").startswith("#") and el.text_content().strip().startswith("[")
        if marked:
            last = max(last, int(match.group(1) or match.group(2)))
    return last


def number_links(body: Body) -> None:
    """A link on paper that hides its address is useless: each outward link
    becomes its words followed by a note number, and its address is printed
    in the reading's list of links.

    The number is superscript digits in the text itself (⁷), not an element:
    it sets like a footnote mark in the surrounding face, copies out with the
    word, and costs the layout nothing; as elements, note numbers and their
    links were a tenth of a long article's layout time.

    A link whose text already is its address stays as it is, breakable
    after its slashes. A link in a heading gets no number, since headings are
    bookmarks and running headers and the number would print in them (such
    links are the heading's own anchor). The same address linked twice keeps
    one number.

    An article with its own numbered notes (footnote marks ³, citations
    [3]) has its link numbers go on after the last of them, so no number
    on the page means two things: a reader who meets ¹³ where the notes
    stop at 12 turns to the list of links."""
    notes: dict[str, Note] = {note.url: note for note in body.notes}
    last = max((note.number for note in body.notes), default=_last_note_mark(body.root))
    for a in list(body.root.iter("a")):
        href = (a.get("href") or "").strip()
        if href.startswith("#"):
            continue
        if _says_its_address(a, href):
            a.set("class", "url")
            if len(a) == 0 and a.text:
                a.text = breakable_url(a.text)
            continue
        if not _in_heading(a):
            note = notes.get(href)
            if note is None:
                last += 1
                note = notes[href] = Note(last, href)
            # The number follows the words: space the link ends in
            # ("Schema v2 </a>for") goes after it, "v2⁴ for".
            a.tail = superscript(note.number) + take_trailing_space(a) + (a.tail or "")
        _unwrap(a)
    body.notes = list(notes.values())


def _mono_size(longest: int, width: float, largest: float, floor: float) -> float:
    """The largest size up to `largest` at which `longest` columns fit
    `width`, but not below `floor`."""
    if longest <= 0:
        return largest
    fits = math.floor(100 * width / (longest * MONO_ADVANCE_EM)) / 100  # rounded down: it must fit
    return max(floor, min(largest, fits))


def fit_preformatted(body: Body) -> None:
    """Preformatted text keeps its lines: each <pre> is set at the largest
    size at which its longest line fits the measure, up to the code size
    (for code samples) or the body size (for a plain-text document such as
    an RFC, whose 72 columns then read like the body text), and wraps only
    below a floor size."""
    pres = [pre for pre in body.root.iter("pre") if not _inside_pre(pre)]
    if not pres:
        return
    measure = body.measure
    floor = round(MONO_FLOOR * measure.code_size, 2)
    words = len(body.root.text_content().split())
    in_pre = sum(len(pre.text_content().split()) for pre in pres)
    plain_text = words > 0 and in_pre / words >= PLAIN_TEXT_SHARE
    for pre in pres:
        lines = _pre_text(pre).expandtabs(8).split("\n")
        longest = max((len(line.rstrip()) for line in lines), default=0)
        if plain_text:
            size = _mono_size(longest, measure.text_width + measure.plain_text_hang, measure.body_size, floor)
            pre.set("class", ((pre.get("class") or "") + " plain-text").strip())
        else:
            size = _mono_size(longest, measure.text_width - CODE_INSET_PT, measure.code_size, floor)
        pre.set("style", f"font-size:{size:.2f}pt")


def _inside_pre(el) -> bool:
    return any(ancestor.tag == "pre" for ancestor in el.iterancestors())


# ---------- screen ----------


def inline_images(body: Body) -> None:
    """Screen HTML carries its images as data: URIs so it is one file.

    An image the fetch stage did not download (refused, failed, too big) is
    dropped, never left pointing at its address: opening the file in a
    browser must not make requests the build refused (a private address).
    """
    for img in list(body.root.iter("img")):
        src = img.get("src") or ""
        if src.startswith("data:"):
            continue
        asset = body.assets.get(src)
        if asset is None or not asset.path.is_file() or asset.path.stat().st_size > INLINE_IMAGE_CAP:
            img.drop_tree()
            continue
        data = base64.b64encode(asset.path.read_bytes()).decode()
        img.set("src", f"data:{asset.mime_type};base64,{data}")
        for attribute in ("srcset", "sizes"):
            img.attrib.pop(attribute, None)


ARTICLE_STEPS = [
    typeset_math, drop_missing_images, loosen_table_spaces, mark_tables, head_rows, tighten_preformatted, scope_links,
]
PAPER_STEPS = [fit_preformatted, number_links]
SCREEN_STEPS = [inline_images]
