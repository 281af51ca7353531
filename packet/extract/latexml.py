"""LaTeXML papers (arXiv's HTML, ar5iv, any latexmlc output) read by their own markup.

A LaTeXML document names its parts: `article.ltx_document` holds the
paper, `.ltx_personname` its authors, `section.ltx_section` (and
subsection, appendix, bibliography) its structure, `table.ltx_equation`
its displayed equations as MathML with the TeX kept, `.ltx_note` its
footnotes. readability-lxml cannot see that: real LaTeXML wraps every
paragraph in `div.ltx_para` and splits sections into subsections, so it
scores one comma-heavy table highest and prints a few hundred words of a
paper of thousands. Here the paper is taken whole and shaped for paper by
the small named steps of LATEXML_STEPS, in order.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from packet.extract.formats import Dedicated
from packet.extract.metadata import Metadata
from packet.markup import class_list, retag_nested

#: Blocks that are the page's furniture, never the paper: the table of
#: contents, pagination marks, arXiv's feedback widgets, LaTeXML's error
#: markers for macros it did not know (they print as raw "\macro" text).
CHROME_CLASSES = frozenset({
    "ltx_TOC", "ltx_page_navbar", "ltx_page_header", "ltx_page_footer", "ltx_page_logo",
    "ltx_pagination", "ltx_role_newpage", "ltx_ERROR", "ltx_listing_data", "sr-only",
    "ltx_dates",
})
COLOR_MACRO_RE = re.compile(r"^\\(row|cell|column)?colou?r$")
COLOR_ARGUMENT_RE = re.compile(r"^\s*(\[[^\]]*\])?(\{[^{}]*\}|[A-Za-z]+(![\d.]+)?(![A-Za-z]+(![\d.]+)?)*)")
REPORT_WIDGET_RE = re.compile(r"^\s*report\s+(an?\s+)?issue(\s+for\s+preceding\s+element)?\s*$", re.I)
AFFILIATION_RE = re.compile(
    r"\b(universit\w*|institut\w*|college|school|department|dept\.?|laborator\w*|lab|labs|inc\.?|ltd\.?|"
    r"corp\w*|center|centre|research|academy|hospital|foundation|google|microsoft|meta|deepmind|openai|"
    r"anthropic|uc|mit|ucla|eth|epfl|cnrs|inria|max planck|republic|korea|china|usa|uk|germany|france|japan)\b",
    re.I,
)
NAME_SPLIT_RE = re.compile(r"\s*(?:,|;|\band\b|&|\s{2,}|[\u2002-\u200b\u00a0]{1,})\s*")


def find_document(doc):
    """The LaTeXML document element of a page, or None when it has none."""
    for el in doc.iter("article", "div"):
        if "ltx_document" in class_list(el):
            return el
    return None


def _text(el) -> str:
    return " ".join(el.text_content().split())


def paper_title(root) -> str:
    """The paper's title from its title heading, without footnote marks."""
    for h in root.iter("h1"):
        if "ltx_title_document" in class_list(h):
            copy = lxml_html.fromstring(lxml_html.tostring(h))
            for note in copy.xpath('.//*[contains(@class, "ltx_note") or contains(@class, "ltx_tag")]'):
                note.drop_tree()
            return _text(copy)
    return ""


def paper_authors(root) -> list[str]:
    """Author names from `.ltx_personname`. One element may hold a whole
    author block (names separated by commas or wide spaces, affiliation
    lines after line breaks, marks in superscripts), so it is split and
    anything that reads like an affiliation is left out."""
    names: list[str] = []
    for person in root.xpath('.//*[contains(concat(" ", normalize-space(@class), " "), " ltx_personname ")]'):
        copy = lxml_html.fromstring(lxml_html.tostring(person))
        for extra in copy.xpath('.//sup|.//*[contains(@class, "ltx_note") or contains(@class, "ltx_contact") '
                                'or contains(@class, "ltx_author_notes")]'):
            extra.drop_tree()
        for br in copy.iter("br"):
            br.tail = "\n" + (br.tail or "")
        for line in copy.text_content().split("\n"):
            for part in NAME_SPLIT_RE.split(line.strip()):
                name = " ".join(part.replace("\u2060", "").split()).strip(" .*†‡∗")
                words = name.split()
                if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in name) or "@" in name:
                    continue
                if AFFILIATION_RE.search(name) or not all(w[0].isupper() for w in words if w[0].isalpha()):
                    continue
                if name not in names:
                    names.append(name)
    return names


def drop_chrome(root) -> None:
    """Drop the table of contents, pagination, feedback widgets and error markers."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if el.tag in ("nav", "button", "script", "style", "form") or set(class_list(el)) & CHROME_CLASSES:
            if "ltx_ERROR" in class_list(el) and COLOR_MACRO_RE.match(el.text_content().strip()):
                # \rowcolor{gray!10}: LaTeXML marks the macro and leaves its colour as text.
                el.tail = COLOR_ARGUMENT_RE.sub("", el.tail or "", count=1)
            el.drop_tree()
        elif el.tag in ("span", "div", "a", "p") and REPORT_WIDGET_RE.match(el.text_content() or ""):
            el.drop_tree()


def drop_title(root) -> None:
    """Drop the title heading and the author block: the source card prints
    both (with the title's thanks notes and the affiliations gone)."""
    for el in list(root.iter("h1", "div")):
        if set(class_list(el)) & {"ltx_title_document", "ltx_authors"} and el.getparent() is not None:
            el.drop_tree()


def unwrap_paragraph_blocks(root) -> None:
    """Unwrap `div.ltx_para` and `ltx_inline-block` wrappers: plain
    paragraphs read and break across pages like paragraphs."""
    for el in list(root.iter("div", "span")):
        classes = set(class_list(el))
        if "ltx_para" in classes and el.tag == "div":
            el.drop_tag()
        elif classes & {"ltx_inline-block", "ltx_transformed_outer", "ltx_transformed_inner"} and el.find(".//table") is not None:
            el.drop_tag()


#: Labels LaTeX draws for a plain itemize; an HTML list draws its own bullet.
BULLET_LABELS = frozenset({"•", "∙", "·", "◦", "▪", "‣", "-", "–", "—", "*", "∗", "⋅"})


def _label_text(tag) -> str:
    # A bullet is often a formula (\bullet); its TeX is no label.
    copy = lxml_html.fromstring(lxml_html.tostring(tag, with_tail=False))
    for math in copy.xpath('.//*[local-name()="annotation" or local-name()="annotation-xml"]'):
        math.drop_tree()
    return " ".join(copy.text_content().split())


def list_labels(root) -> None:
    """LaTeXML writes each list label into the item (`span.ltx_tag_item`)
    and hides the browser's marker with an inline style, which the
    sanitiser drops, so both would print, the label on a line of its own.
    Plain bullets and 1., 2., 3. are left to the list; any other label
    ("(a)", "Step 1:") leads its item's first paragraph, and the list
    becomes plain blocks so no marker is drawn beside it."""
    for listing in list(root.iter("ul", "ol")):
        if not set(class_list(listing)) & {"ltx_itemize", "ltx_enumerate"}:
            continue
        items = [li for li in listing if li.tag == "li"]
        tags = [next((c for c in li if c.tag == "span" and "ltx_tag_item" in class_list(c)), None) for li in items]
        labels = [_label_text(t) if t is not None else "" for t in tags]
        numbered = all(label == f"{n}." for n, label in enumerate(labels, start=1))
        if all(label in BULLET_LABELS or not label for label in labels) or (listing.tag == "ol" and numbered):
            for tag in tags:
                if tag is not None:
                    tag.drop_tree()
            continue
        for li, tag in zip(items, tags):
            if tag is not None:
                _lead_with_label(li, tag)
            li.tag = "div"
        listing.tag = "div"


def _lead_with_label(item, tag) -> None:
    label = lxml_html.Element("span")
    label.set("class", "ltx_tag ltx_tag_item")
    label.text = _label_text(tag) + " "
    first = next((p for p in item.iter("p") if "ltx_p" in class_list(p)), None)
    tag.drop_tree()
    if first is None:
        label.tail, item.text = item.text, None
        item.insert(0, label)
        return
    label.tail, first.text = first.text, None
    first.insert(0, label)


def picture_labels(root) -> None:
    """A small LaTeX picture holding only a few characters (a circled step
    number, drawn as SVG) prints as those characters in brackets: the
    sanitiser drops SVG, and the sentence would lose its "step 2"."""
    for svg in list(root.iter("svg")):
        if "ltx_picture" not in class_list(svg) or svg.getparent() is None:
            continue
        text = "".join(svg.itertext()).strip()
        if not text or len(text) > 4:
            continue
        label = lxml_html.Element("span")
        label.set("class", "ltx_picture")
        label.text = f"({text})"
        label.tail = svg.tail
        svg.getparent().replace(svg, label)
    # Labels drawn before a paragraph start it, rather than a line of their own.
    for p in list(root.iter("p")):
        leading = []
        before = p.getprevious()
        while before is not None and before.tag == "span" and "ltx_picture" in class_list(before) and not (before.tail or "").strip():
            leading.insert(0, before)
            before = before.getprevious()
        for label in reversed(leading):
            label.tail = " " + (p.text or "")
            p.text = None
            p.insert(0, label)


def svg_graphics(root) -> None:
    """A graphic LaTeXML kept as an SVG file is an `<object data="x.svg">`
    (ar5iv rewrites its address), which the sanitiser drops with its
    content; as an image it prints like any other figure."""
    for obj in list(root.iter("object")):
        data = obj.get("data") or ""
        if obj.getparent() is None or not (data.lower().split("?")[0].endswith(".svg") or obj.get("type") == "image/svg+xml"):
            continue
        img = lxml_html.Element("img")
        img.set("src", data)
        img.set("alt", " ".join(obj.text_content().split()) or "figure")
        for size in ("width", "height"):
            if (obj.get(size) or "").isdigit():
                img.set(size, obj.get(size))
        img.tail = obj.tail
        obj.getparent().replace(obj, img)


def abstract_heading(root) -> None:
    """Give the abstract a section-level heading (LaTeXML uses <h6>)."""
    for h in list(root.iter("h6")):
        classes = set(class_list(h))
        if "ltx_title_abstract" in classes:
            h.tag = "h2"
        else:
            # Theorem, proof and keyword titles are run-in labels, not sections.
            h.tag = "p"
            strong = lxml_html.Element("strong")
            strong.text, h.text = h.text, None
            for child in list(h):
                strong.append(child)
            h.append(strong)


#: Cells of an equation row that only pad it or hold its number.
_EQN_FRAME = {"ltx_eqn_center_padleft", "ltx_eqn_center_padright", "ltx_eqn_left_padleft", "ltx_eqn_right_padright", "ltx_eqn_eqno"}


def _aligned_parts(row) -> tuple[list, list] | None:
    """The cells of an aligned row (align, eqnarray) before and from its
    first left-aligned cell: the left side and the right side of the
    alignment point; None for a row that is not aligned so."""
    cells = [c for c in row.iter("td", "th") if not set(class_list(c)) & _EQN_FRAME]
    split = next((i for i, c in enumerate(cells) if "ltx_align_left" in class_list(c)), None)
    if not split or not all("ltx_align_right" in class_list(c) or "ltx_align_center" in class_list(c) for c in cells[:split]):
        return None
    return cells[:split], cells[split:]


def _aligned_equations(table):
    """A multi-line derivation as rows of cells that keep its alignment:
    a padding cell either side takes half the spare width (the block stays
    centred), the left side is set flush right and the right side flush
    left, so every row's "=" falls in one column; the number at the margin.
    Laid out by handout.css as a table of divs, not a <table>, which the
    render stage would treat as data."""
    block = lxml_html.Element("div")
    block.set("class", "ltx_equation ltx_eqn_aligned")
    if table.get("id"):
        block.set("id", table.get("id"))
    for row in table.iter("tr"):
        left, right = _aligned_parts(row)
        line = etree.SubElement(block, "div")
        line.set("class", "ltx_eqn_row")
        if row.get("id"):
            line.set("id", row.get("id"))
        for part, cells in (("ltx_eqn_pad", []), ("ltx_eqn_lhs", left), ("ltx_eqn_rhs", right), ("ltx_eqn_pad", [])):
            holder = etree.SubElement(line, "span")
            holder.set("class", part)
            for cell in cells:
                for child in list(cell):
                    holder.append(child)
        number = etree.SubElement(line, "span")
        number.set("class", "ltx_eqn_no")
        eqno = next((c for c in row.iter("td", "th") if "ltx_eqn_eqno" in class_list(c)), None)
        number.text = _text(eqno) if eqno is not None else ""
    block.tail = table.tail
    return block


def equations_as_blocks(root) -> None:
    """Turn equation tables (one row per line, padding cells, the number in
    its own cell) into one block per line: the math, then its number. An
    aligned derivation, every row split at its alignment point, keeps its
    columns (`_aligned_equations`)."""
    for table in list(root.iter("table")):
        classes = set(class_list(table))
        if not classes & {"ltx_equation", "ltx_equationgroup", "ltx_eqn_table"}:
            continue
        rows = list(table.iter("tr"))
        if len(rows) > 1 and all(_aligned_parts(row) for row in rows):
            table.getparent().replace(table, _aligned_equations(table))
            continue
        block = lxml_html.Element("div")
        block.set("class", "ltx_equation")
        if table.get("id"):
            block.set("id", table.get("id"))
        for row in table.iter("tr"):
            line = lxml_html.Element("div")
            line.set("class", "ltx_eqn_line")
            if row.get("id"):
                line.set("id", row.get("id"))
            number = None
            for cell in row.iter("td", "th"):
                if "ltx_eqn_eqno" in class_list(cell):
                    number = _text(cell)
                    continue
                for child in list(cell):
                    line.append(child)
            maths = [m for m in line.iter() if isinstance(m.tag, str) and m.tag.rsplit("}", 1)[-1] == "math"]
            if len(maths) == 1:
                maths[0].set("display", "block")
            if number:
                tag = lxml_html.Element("span")
                tag.set("class", "ltx_tag ltx_tag_equation")
                tag.text = number
                line.append(tag)
            if len(line) or (line.text or "").strip():
                block.append(line)
        block.tail = table.tail
        table.getparent().replace(table, block)


#: LaTeXML's font classes and the element a page prints them with.
FONT_ELEMENTS = {"ltx_font_italic": "em", "ltx_font_bold": "strong", "ltx_font_typewriter": "code"}


def font_elements(root) -> None:
    """LaTeXML sets \\emph, \\textbf and \\texttt as <span class="ltx_text
    ltx_font_italic"> and lets its stylesheet draw them: without it every
    italic, bold and typewriter word of a paper printed upright and plain.
    Such spans become <em>, <strong> and <code> (both classes on one span:
    <strong><em>); small capitals keep their class, which packet's
    stylesheets set."""
    for span in list(root.iter("span")):
        classes = class_list(span)
        wanted = [FONT_ELEMENTS[c] for c in classes if c in FONT_ELEMENTS]
        if not wanted:
            continue
        retag_nested(span, wanted)


def drop_machine_annotations(root) -> None:
    """Keep only the TeX annotation of each formula: content MathML and
    LaTeXML's spoken-form ("llamapun") text double a paper's size and are
    never printed."""
    for ann in list(root.iter("annotation", "annotation-xml", "{*}annotation", "{*}annotation-xml")):
        if ann.tag.rsplit("}", 1)[-1] == "annotation" and "tex" in (ann.get("encoding") or "").lower():
            continue
        ann.getparent().remove(ann)


def footnotes_to_endnotes(root) -> None:
    """LaTeXML keeps each footnote's text inside the sentence (shown on
    hover); on paper it becomes a numbered mark and a note at the end."""
    notes = []
    for note in list(root.xpath('.//*[contains(concat(" ", normalize-space(@class), " "), " ltx_note ")]')):
        classes = set(class_list(note))
        if note.getparent() is None or not classes & {"ltx_role_footnote", "ltx_role_footnotetext", "ltx_role_endnote"}:
            continue
        content = note.find('.//*[@class="ltx_note_content"]')
        if content is None:
            content = next((c for c in note.iter() if "ltx_note_content" in class_list(c)), None)
        if content is None:
            note.drop_tree()
            continue
        for extra in list(content):
            if extra.tag == "sup" and "ltx_note_mark" in class_list(extra) or set(class_list(extra)) & {"ltx_tag_note", "ltx_note_type"}:
                extra.drop_tree()
        mark_el = note.find("sup")
        mark = _text(mark_el) if mark_el is not None else ""
        number = len(notes) + 1
        anchor = f"ltx-fn-{number}"
        notes.append((anchor, mark or str(number), content))
        if "ltx_role_footnotetext" in classes:
            note.drop_tree()
            continue
        sup = lxml_html.Element("sup")
        sup.set("class", "footnote-ref")
        link = etree.SubElement(sup, "a", href=f"#{anchor}")
        link.text = mark or str(number)
        sup.tail = note.tail
        note.getparent().replace(note, sup)
    if not notes:
        return
    section = lxml_html.Element("section")
    section.set("class", "footnotes")
    listing = etree.SubElement(section, "ol")
    for anchor, mark, content in notes:
        item = etree.SubElement(listing, "li", id=anchor)
        item.set("value", mark if mark.isdigit() else str(len(listing)))
        item.text = content.text
        for child in list(content):
            item.append(child)
    bibliography = root.xpath('.//section[contains(@class, "ltx_bibliography")]')
    if bibliography:
        bibliography[0].addprevious(section)
    else:
        root.append(section)


def bibliography_as_paragraphs(root) -> None:
    """Print the reference list as paragraphs led by their own labels
    ("[12]"), not as bullets in front of the labels."""
    for listing in list(root.iter("ul", "ol")):
        if "ltx_biblist" not in class_list(listing):
            continue
        for item in list(listing):
            if not isinstance(item.tag, str):
                continue
            item.tag = "p"
            item.set("class", "ltx_bibitem")
            for block in item.iter("span"):
                if "ltx_bibblock" in class_list(block):
                    block.tail = " " + (block.tail or "")
            for tag in item.iter("span"):
                if "ltx_tag_bibitem" in class_list(tag):
                    tag.tail = " " + (tag.tail or "")
        listing.drop_tag()


def internal_links(root) -> None:
    """Point references to the paper's own parts (citations, equations,
    figures, sections) at their anchors in the printed text, whatever
    address the rendering wrote them with."""
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    for a in root.iter("a"):
        href = a.get("href") or ""
        if "#" not in href:
            continue
        fragment = href.rsplit("#", 1)[1]
        if fragment in ids and ("ltx_ref" in class_list(a) or href.startswith("#") or "/html/" in href or "/abs/" in href):
            a.set("href", "#" + fragment)


LATEXML_STEPS = [
    drop_chrome,
    drop_title,
    list_labels,
    picture_labels,
    svg_graphics,
    unwrap_paragraph_blocks,
    abstract_heading,
    equations_as_blocks,
    font_elements,
    drop_machine_annotations,
    footnotes_to_endnotes,
    bibliography_as_paragraphs,
    internal_links,
]


def latexml_article(doc, url: str, meta: Metadata) -> Dedicated | None:
    """The paper of a LaTeXML page and its metadata, or None when the page
    is not LaTeXML output."""
    root = find_document(doc)
    if root is None:
        return None
    title = paper_title(root) or meta.title
    authors = paper_authors(root) or meta.authors
    for step in LATEXML_STEPS:
        step(root)
    corrected = Metadata(title=title, authors=authors, date=meta.date, site=meta.site, lang=meta.lang or root.get("lang"))
    return Dedicated("latexml", root, corrected)
