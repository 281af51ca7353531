"""Fetched page -> Article: find the article in a page and clean it for paper.

Steps, in order: parse (again as an HTML5 parser would when libxml2 lost
the page); read metadata from the untouched page; run the page transforms
(math, scripts, hidden blocks, comment threads, boilerplate, lazy images,
icons); let readability-lxml (adjusted below) choose the article block,
asking trafilatura instead when it finds next to nothing, else trimming the
block's short edge lines trafilatura's reading lacks; drop the repeated
title; run the article transforms (links, labels, figures, footnotes,
heading levels); sanitise; take the plain text.
"""

from __future__ import annotations

import copy
import re
from urllib.parse import urldefrag, urlsplit

import readability.readability
from lxml import html as lxml_html
from readability import Document
from readability.readability import Unparseable

from packet.article import Article
from packet.errors import ExtractError
from packet.extract.address import page_address
from packet.extract.agreement import STRAY_MAX_WORDS, second_reading, strays, trim_edges
from packet.extract.formats import dedicated_article
from packet.extract.metadata import extract_metadata
from packet.extract.parse import fragment, parse_page
from packet.extract.sanitize import MAX_DATA_URI_BYTES, sanitize_html
from packet.extract.text import UNSPACED_RE, article_text, word_count
from packet.extract.transforms import ARTICLE_TRANSFORMS, MATH_TRANSFORMS, PAGE_TRANSFORMS, apply, page_base_url
from packet.extract.tree import link_density as _link_density
from packet.extract.tree import link_words

JS_SHELL_RE = re.compile(
    r"(enable|turn on|requires?|need)\s+(your\s+)?javascript|javascript\s+(is\s+)?(disabled|required|needed)",
    re.I,
)
MIN_WORDS = 5
LONGEST_WORD = 45
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TABLE_AND_LIST_PARTS = ("tbody", "thead", "tfoot", "tr", "td", "th", "table", "li", "ul", "ol")
# Readability's choice under this many words is a teaser or a menu its
# clean-up emptied, and trafilatura is asked instead. Above it, it is
# usually a short article whole, and trafilatura's longer answer the same
# text plus the author box and the links beside it.
NOTHING_WORDS = 15
PROSE_KEEPS_BLOCK_WORDS = 20


def _clean_text(text: str) -> str:
    return " ".join(text.split())


# readability-lxml normalises whitespace with three regex passes over the
# text of every element it measures, which took a quarter of extraction
# time; one split/join gives the same lengths and comma counts.
readability.readability.clean = _clean_text


def _words_outside_links(el) -> int:
    return len(el.text_content().split()) - link_words(el)


def _is_slug_of_text(ident: str | None, text: str) -> bool:
    parts = [p for p in re.split(r"[-_.]+", (ident or "").casefold()) if p]
    words = set(re.findall(r"\w+", text.casefold()))
    return len(parts) >= 3 and sum(p in words for p in parts) >= 0.6 * len(parts)


def _is_figure(el) -> bool:
    return el.tag in ("figure", "figcaption") or "caption" in (el.get("class") or "").lower()


# The notes block that Markdown engines and CMS plugins write after the
# text: kramdown's and Hugo's "footnotes", Pandoc's section#footnotes,
# markdown-it's "footnotes-list", WordPress plugins' "footnotes" and
# "easy-footnotes-wrapper", EPUB-style role="doc-endnotes".
NOTES_NAME_RE = re.compile(r"foot-?notes?", re.I)


NOTES_BLOCKS = ("div", "section", "aside", "footer", "ol", "ul", "dl")


def _is_notes(el) -> bool:
    """A block of the article's notes (not a lone "metaFootnote" line)."""
    if el.tag not in NOTES_BLOCKS:
        return False
    return el.get("role") in ("doc-endnotes", "doc-footnotes") or bool(
        NOTES_NAME_RE.search("{} {}".format(el.get("class", ""), el.get("id", "")))
    )


PROSE_NEIGHBOUR_WORDS = 10
LIST_ITEM_WORDS = 3


def _prose_neighbour(el, step, headings=False) -> bool:
    """Whether the nearest sibling with text, in direction `step`, is a
    paragraph of prose (mostly words outside links), or a heading when
    `headings`."""
    sibling = step(el)
    while sibling is not None and not sibling.text_content().strip():
        sibling = step(sibling)
    if sibling is None:
        return False
    if headings and sibling.tag in HEADINGS:
        return True
    return sibling.tag == "p" and _words_outside_links(sibling) >= PROSE_NEIGHBOUR_WORDS


def _between_prose(el) -> bool:
    """A list after a paragraph of prose and before another or the next
    section's heading, whose items read as titles with a word about each
    (a few words, not all a link), not menu entries."""
    items = el.findall("li")
    if len(items) < 2 or sum(len(li.text_content().split()) for li in items) < LIST_ITEM_WORDS * len(items):
        return False
    # Each a link and nothing else is a list of the site's other pages;
    # the article's own list says something of each ("… by Jane Doe", "– 17%").
    if sum(_words_outside_links(li) > 0 for li in items) < len(items) / 2:
        return False
    return _prose_neighbour(el, lambda e: e.getprevious()) and _prose_neighbour(el, lambda e: e.getnext(), headings=True)


def _holds_paragraphs(el) -> bool:
    return len(el.findall(".//p")) + len(el.findall(".//div")) >= 2


# readability-lxml takes a sibling of the chosen block whose score is at
# least this share of the winner's (and at least 10).
SIBLING_SHARE = 0.2
SIBLINGS_MAKE_PARENT = 2


class ArticleDocument(Document):
    """readability-lxml, told to keep the tables, lists and figures of the
    article it chose. Its final clean-up drops any table, list or div with
    more links or list items than it likes, which costs data tables,
    ingredient lists and figures; here such blocks survive when their text
    is mostly not links.

    It is given our already cleaned page tree: hidden blocks, scripts and
    styles are gone, so its own cleaner pass is skipped, and each attempt
    works on a fresh copy because readability mutates the tree it scores.
    """

    def _parse(self, input):
        self.encoding = "utf-8"
        return copy.deepcopy(input)

    def remove_unlikely_candidates(self):
        # As Mozilla Readability does: links and elements inside tables are
        # never dropped for their class alone ("<a class=popup>rather
        # elderly</a>" is sentence text; table cells are the layout of old
        # sites), nor anything holding the article or its math, nor the
        # article's footnotes ("foot" is on readability-lxml's list), nor a
        # glossary's terms and definitions (O'Reilly's <dt class="subheaders">
        # matched "header"). Nor a
        # quotation: readability-lxml's list has "tweet|twitter", which
        # takes the tweet an article quotes (Twitter's embed code is a
        # <blockquote class="twitter-tweet">); Readability.js's list has not.
        unlikely = readability.readability.REGEXES["unlikelyCandidatesRe"]
        maybe = readability.readability.REGEXES["okMaybeItsACandidateRe"]
        for elem in self.html.xpath("//*[@class or @id]"):
            names = "{} {}".format(elem.get("class", ""), elem.get("id", ""))
            if (
                len(names) < 2
                or _is_notes(elem)
                or elem.tag in ("html", "body", "a", "blockquote", "dt", "dd")
                or not unlikely.search(names)
                or maybe.search(names)
                or elem.xpath("ancestor-or-self::pre | ancestor-or-self::code | ancestor::table")
                or elem.xpath("descendant-or-self::main | descendant-or-self::article | descendant-or-self::math")
            ):
                continue
            elem.drop_tree()

    def select_best_candidate(self, candidates):
        best = super().select_best_candidate(candidates)
        if best is None:
            return None
        elem = best["elem"]
        # On a page whose text is in lists and tables, a figure's caption
        # is the one paragraph readability sees: the article is around it.
        while _is_figure(elem) and elem.getparent() is not None and elem.getparent().tag not in ("body", "html"):
            elem = elem.getparent()
        # A table body or list item scores highest on list-like pages, but
        # the article is the block around the table, with its introduction.
        # A cell holding paragraphs is the page layout of an old site: the
        # article itself, with the menus in the cells beside it.
        while (
            elem.tag in TABLE_AND_LIST_PARTS
            and elem.getparent() is not None
            and not (elem.tag in ("td", "th") and _holds_paragraphs(elem))
        ):
            elem = elem.getparent()
        # Mozilla Readability: when several strong candidates share an
        # ancestor, the article is that ancestor (text split by ads or widgets).
        # Only candidates beside the best count: its own parents and children
        # score high with it and would lift the article to <body>.
        related = set(elem.iterancestors()) | set(elem.iterdescendants())
        top = sorted(candidates.values(), key=lambda c: c["content_score"], reverse=True)[1:6]
        strong = [c["elem"] for c in top if c["content_score"] >= 0.75 * best["content_score"] and c["elem"] not in related]
        if len(strong) >= 3:
            for ancestor in elem.iterancestors():
                if ancestor.tag in ("body", "html"):
                    break
                if sum(1 for s in strong if ancestor in set(s.iterancestors())) >= 3:
                    elem = ancestor
                    break
        # Blocks beside the chosen one that score as high as readability's
        # sibling rule asks are taken with it anyway (an article in
        # sections); the paragraphs between them are taken by length. What
        # sits between and is neither (a quotation, a list, a code block, a
        # section heading) would be lost: the article is the parent.
        parent = elem.getparent()
        if parent is not None and parent.tag not in ("body", "html"):
            threshold = max(10.0, SIBLING_SHARE * best["content_score"])
            beside = [c for c in parent if c is not elem and c in candidates and candidates[c]["content_score"] >= threshold]
            if len(beside) >= SIBLINGS_MAKE_PARENT:
                elem = parent
        if elem is best["elem"]:
            return best
        # Registered with the winning score, so readability's final clean-up
        # does not judge the promoted block by its class name alone.
        promoted = candidates.get(elem) or {"content_score": 0.0, "elem": elem}
        promoted["content_score"] = max(promoted["content_score"], best["content_score"])
        candidates[elem] = promoted
        return promoted

    def class_weight(self, e):
        # readability-lxml counts "footnote" as a negative name; the notes
        # are part of the article (Readability.js's list has no such name).
        if _is_notes(e):
            return 0
        # A heading's id is often its own text made a slug for links
        # ("1.-ai-shines-a-light-on-cumbersome-toolchains"): words of the
        # article, not a name the site gave the block.
        if e.tag in HEADINGS and _is_slug_of_text(e.get("id"), e.text_content()):
            weight = 0
            for pattern, delta in (("negativeRe", -25), ("positiveRe", 25)):
                if e.get("class") and readability.readability.REGEXES[pattern].search(e.get("class")):
                    weight += delta
            return weight
        return super().class_weight(e)

    def get_editorial_leads(self, best_elem):
        # readability-lxml 0.9 moves a standfirst or "subhead" block found
        # above the article into it. Readability.js leaves it out, as the
        # readability corpus and the Zyte benchmark's annotators do: it is
        # the site's summary of the story, and on paper the source card
        # already introduces it. (Measured: readability corpus +0.0005,
        # Zyte +0.0006, extraction-dev unchanged.)
        return []

    def get_link_density(self, elem):
        # As Readability.js: a heading is judged by its class, not its links;
        # headings that link to themselves or to the story they title are
        # still the article's headings.
        if elem.tag in HEADINGS:
            return 0.0
        return super().get_link_density(elem)

    def get_preserved_elements(self, node):
        allowed = super().get_preserved_elements(node)
        for el in node.iter("div", "section"):
            # Prose followed by a list of links: the list is judged on its
            # own; the block is not dropped whole for the list's links.
            prose = sum(_words_outside_links(p) for p in el.iterchildren("p"))
            if prose >= PROSE_KEEPS_BLOCK_WORDS:
                allowed[el] = True
        for el in node.iter("div", "section", "header"):
            # A block that only wraps a section heading is short, but it is the heading.
            heads = [h for h in el.iter(*HEADINGS)]
            if heads and len(_clean_text(el.text_content())) <= sum(len(_clean_text(h.text_content())) for h in heads) + 10:
                allowed[el] = True
        for el in node.iter("table", "ul", "ol", "dl", "figure", "div", "section"):
            words = len(el.text_content().split())
            density = _link_density(el)
            images = len(el.findall(".//img"))
            if _is_notes(el):
                # Each note links back to its mark: a list dense with links.
                allowed[el] = True
            elif el.tag == "figure" and images:
                allowed[el] = True
            elif el.tag in ("div", "section") and el.find(".//pre") is not None and words <= sum(
                    len(pre.text_content().split()) for pre in el.iter("pre")) + 3:
                # A highlighter's wrapper around a code block: a one-line
                # command ("$ hg init public") is short, but it is the code.
                allowed[el] = True
            elif el.tag in ("div", "section") and 1 <= images <= 3 and words < 60:
                # An image block with at most a caption: a figure in the making.
                allowed[el] = True
            elif el.tag == "table" and density < 0.5 and (words >= 10 or _is_small_data_table(el)):
                allowed[el] = True
            elif el.tag in ("ul", "ol", "dl") and words >= 3 and density < 0.3:
                allowed[el] = True
            elif el.tag in ("ul", "ol") and _between_prose(el):
                # A list of links between two paragraphs of prose is the
                # article's own (the papers of an issue, the posts it
                # compares), not the site's: its menus and related lists
                # stand apart from the text.
                allowed[el] = True
        return allowed


def _is_small_data_table(table) -> bool:
    """A table of a few words that is still data, not layout: it has header
    cells or a caption, or at least two rows of at least two cells ("Model |
    Score" over "GPT-2 | 0.4"), and no table inside it."""
    if table.find(".//table") is not None or not table.text_content().split():
        return False
    if table.find(".//th") is not None or table.find("caption") is not None:
        return True
    rows = [tr for tr in table.iter("tr") if len(tr.findall("td")) >= 2]
    return len(rows) >= 2


def choose_article_html(doc) -> str:
    """The article block of a cleaned page, as readability-lxml picks it."""
    try:
        # No url: our own absolutize transform runs later on the (smaller) article.
        return ArticleDocument(doc).summary(html_partial=True)
    except Unparseable:
        return ""


def second_opinion_html(doc) -> str:
    """The article block of a cleaned page as trafilatura sees it, for pages
    readability misreads. It may change `doc`."""
    import trafilatura  # imported only for the pages that need it: it is slow to load

    found = trafilatura.extract(
        doc,
        output_format="html",
        include_images=True,
        include_links=True,
        include_tables=True,
        include_formatting=True,
        include_comments=False,
    )
    return found or ""


def _words(html: str) -> list[str]:
    # Good enough to compare two candidates, and costs no parse.
    return re.findall(r"\w+", re.sub(r"<[^>]*>", " ", html).casefold())


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def choose_general_html(doc, base_url: str) -> str:
    """The article block of a page of no known format: readability-lxml's
    choice after the page transforms, or trafilatura's when readability
    found almost nothing or a short box the two readings do not share,
    else readability's with the short lines at its edges that trafilatura's
    reading lacks trimmed (agreement.py); with its footnotes when they sit
    outside it."""
    apply(PAGE_TRANSFORMS, doc, base_url)
    chosen = choose_article_html(doc)
    words = len(_words(chosen))
    if words < NOTHING_WORDS:
        other = second_opinion_html(doc)
        if len(_words(other)) > words:
            chosen = other
    else:
        reading = second_reading(doc)
        # `words` already rules out a long block, so strays parses only short ones.
        if words <= 2 * STRAY_MAX_WORDS and strays(chosen, reading):
            other = second_opinion_html(doc)
            if len(_words(other)) > words:
                chosen = other
        else:
            chosen = trim_edges(chosen, reading, _is_notes)
    return with_outside_notes(chosen, doc, base_url)


_FRAGMENT_HREF = re.compile(r"""\bhref=["']([^"'#]*)#([^"']+)["']""")
_ID_ATTR = re.compile(r"""\bid=["']([^"']+)["']""")
MAX_NOTES_BLOCKS = 3


def with_outside_notes(chosen: str, doc, base_url: str) -> str:
    """`chosen` with the page's notes blocks that its footnote marks point
    to but that sit outside it (a theme that prints the notes after the
    post's content block, as a sibling readability does not take)."""
    page = base_url.split("#")[0]
    wanted = {frag for before, frag in _FRAGMENT_HREF.findall(chosen) if not before or before == page}
    missing = wanted - set(_ID_ATTR.findall(chosen))
    if not missing:
        return chosen
    blocks, seen = [], set()
    words = len(_words(chosen))
    for el in doc.iter():
        if not isinstance(el.tag, str) or el.get("id") not in missing:
            continue
        notes = next((a for a in el.iterancestors() if _is_notes(a)), el if _is_notes(el) else None)
        if notes is None or notes in seen:
            continue
        seen.add(notes)
        # A wrapper named for its notes but holding the page is not the notes.
        if not any(b in notes.iterancestors() for b in blocks) and len(notes.text_content().split()) <= words:
            blocks.append(notes)
        if len(blocks) >= MAX_NOTES_BLOCKS:
            break
    if not blocks:
        return chosen
    extra = "".join(lxml_html.tostring(b, encoding="unicode") for b in blocks)
    return chosen[: -len("</div>")] + extra + "</div>" if chosen.endswith("</div>") else chosen + extra


TITLE_MAX_WORDS = 30


def leading_heading(root) -> str:
    """The title of a page that names none (no <title>, og:title or h1 the
    metadata could use): the article's first heading, when it comes before
    any paragraph of prose."""
    for el in root.iter(*HEADINGS, "p"):
        text = " ".join(el.text_content().split())
        if el.tag == "p":
            if len(text.split()) >= NOTHING_WORDS:
                return ""
            continue
        if text and len(text.split()) <= TITLE_MAX_WORDS and el.tag in ("h1", "h2", "h3"):
            return text
        if text:
            return ""
    return ""


def drop_title_heading(root, title: str) -> None:
    """Drop the article's own title heading: the source card prints it."""
    wanted = _norm(title)
    if not wanted:
        return
    for count, heading in enumerate(root.iter("h1", "h2", "h3")):
        got = _norm(heading.text_content())
        if got and (got == wanted or (len(got) > 15 and wanted.startswith(got))):
            heading.drop_tree()
            return
        if count >= 2:
            return


def inner_html(root) -> str:
    """The HTML inside `root`, without the wrappers extraction leaves around
    the article (readability's <div>, the page's <article>)."""
    while (
        len(root) == 1
        and root[0].tag in ("div", "article", "main")
        and not (root.text or "").strip()
        and not (root[0].tail or "").strip()
    ):
        root = root[0]
    return (root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


def image_urls(root) -> list[str]:
    """Absolute image addresses in `root`, each once, in document order."""
    seen: dict[str, None] = {}
    for img in root.iter("img"):
        src = img.get("src") or ""
        if src.startswith(("http://", "https://")):
            seen.setdefault(src, None)
    return list(seen)


_HUGE_DATA_URI = re.compile(r"""(["'])data:[^"'>]{%d,}?\1""" % MAX_DATA_URI_BYTES)


# Control characters (binary junk served as text/html) make lxml refuse to
# build trees from the page's strings; they never belong in an article.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def drop_oversized_data_uris(html: str) -> str:
    """Blank `data:` URIs over the sanitiser's cap before parsing: libxml2
    gives up at a multi-megabyte attribute and loses the text after it, and
    the sanitiser would drop the image anyway."""
    if len(html) <= MAX_DATA_URI_BYTES:
        return html
    return _HUGE_DATA_URI.sub('""', html)


def _same_page(a: str, b: str) -> bool:
    """Whether two addresses name one page (scheme, host case and a
    trailing slash aside)."""
    def key(url: str) -> tuple[str, str, str]:
        parts = urlsplit(url)
        return ((parts.hostname or "").lower(), parts.path.rstrip("/") or "/", parts.query)
    try:
        return key(a) == key(b)
    except ValueError:
        return False


def localize_self_links(root, address: str) -> None:
    """Links to a spot on the page's own public address ("…/wiki/X#cite_note-3")
    become "#cite_note-3": a saved page (read from a file) or one fetched
    at another address than its canonical one links to itself that way, and
    each such link would otherwise print as a note with the page's address,
    Wikipedia's reference marks and back-links filling pages of notes."""
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if "#" not in href or href.startswith("#"):
            continue
        target, fragment = urldefrag(href)
        if fragment and _same_page(target, address):
            a.set("href", "#" + fragment)


def extract_article(html: str, url: str) -> Article:
    """The article in a fetched page, cleaned, sanitised and described.

    Raises ExtractError when the HTML holds no article text (for example a
    JavaScript application shell).
    """
    html, junk = _XML_INVALID.subn("", drop_oversized_data_uris(html))
    if junk > 100 and junk > len(html) // 200:
        raise ExtractError("not a web page: binary data served as HTML")
    doc = parse_page(html)
    meta = extract_metadata(doc, url)
    address = page_address(doc, html)
    base_url = page_base_url(doc, url)
    for base in doc.iter("base"):
        base.drop_tree()
    apply(MATH_TRANSFORMS, doc, base_url)
    dedicated = dedicated_article(doc, url, meta)
    if dedicated is not None:
        root, meta = dedicated.root, dedicated.meta
    else:
        root = fragment(choose_general_html(doc, base_url))
    if not meta.title and dedicated is None:
        meta.title = leading_heading(root)
    if dedicated is None or not dedicated.keep_title_heading:
        drop_title_heading(root, meta.title)
    if address:
        localize_self_links(root, address)
    apply(ARTICLE_TRANSFORMS, root, base_url)
    body = sanitize_html(inner_html(root))
    body_root = fragment(body)
    text, words = article_text(body_root)
    # Scripts are gone from `doc` by now; the raw page still shows them.
    scripted = bool(JS_SHELL_RE.search(html) or re.search(r"<script\b", html, re.I))
    # A few words on a page without scripts are all it says; on a scripted
    # page they are a loading message.
    # Binary junk read as text makes "words" no language has.
    # (Chinese and Japanese runs are long because they have no spaces.)
    real_words = word_count(" ".join(w for w in text.split() if len(w) <= LONGEST_WORD or UNSPACED_RE.search(w)))
    too_few = real_words == 0 or (real_words < MIN_WORDS and scripted)
    if (too_few and "<img" not in body) or (words < 60 and JS_SHELL_RE.search(text)):
        if scripted:
            raise ExtractError("page needs JavaScript: no article text in the HTML")
        raise ExtractError("no article text found in the page")
    return Article(
        url=url,
        title=meta.title,
        authors=meta.authors,
        date=meta.date,
        site=meta.site,
        lang=meta.lang,
        html=body,
        text=text,
        word_count=words,
        images=image_urls(body_root),
        format=dedicated.format if dedicated is not None else None,
        canonical_url=address,
    )
