"""A second reading of the page, to trim the article's edges and to catch a
box readability took for the article.

readability-lxml chooses the article's block well, but the block often
starts with the site's byline and date lines and ends with its sharing,
follow and "print edition" lines. trafilatura reads the same page another
way and leaves most of those out, though it also misses real paragraphs
and headings now and then. So packet keeps its own choice and drops only
what is short, at the edges, and absent from trafilatura's text:

- only the lines before the first line both readings share and after the
  last one; nothing between two shared lines goes, nor anything nearer
  the middle than more prose than a bio the trim keeps (the second
  reading may have stopped early);
- only lines of at most EDGE_MAX_WORDS words: a long paragraph the second
  reading misses is more often the article than furniture;
- never a heading, a figure, a table, code, math, a line right after an
  image (its caption), the article's notes or a line its links point to,
  the author's own note ("Update:", "Epistemic status:", "Thanks to …"),
  nor part of a list the second reading has other items of;
- and only when the two readings agree on most of the text, so that they
  have found the same article.

When they do not, and readability's choice is short and the second reading
ten times longer, readability's choice is a box beside the article (a
comment form's note, a teaser, a byline) and trafilatura's answer is taken
instead (`strays`).
"""

from __future__ import annotations

import copy
import re

from lxml import html as lxml_html

from packet.extract.tree import drop, leaf_blocks

#: A line longer than this stays even when the second reading lacks it.
EDGE_MAX_WORDS = 30
#: Prose further out than this many words, which the trim keeps, makes the
#: lines between it and the shared middle stay too: the second reading
#: stopped early, it did not find a tail.
EDGE_STOP_WORDS = 80
#: The share of the article's words the second reading must have for the
#: two to be readings of the same article.
MIN_AGREEMENT = 0.5
#: A line is shared when this share of its word 4-grams is in the other text.
SHARED_SHINGLES = 0.5

#: A choice of at most this many words that shares at most STRAY_SHARED of
#: its 4-grams with a second reading STRAY_RATIO times its length is a box
#: beside the article (a teaser, a byline, a comment form's note), not it.
STRAY_MAX_WORDS = 100
STRAY_RATIO = 10
STRAY_SHARED = 0.2

# The author's own notes above or below a post, which a second reading
# sometimes leaves out with the furniture around them.
AUTHOR_NOTE_RE = re.compile(
    r"^\W*(?:updated?|edit(?:ed)?|epistemic\s+status|note|summary|tl;?\s?dr|content\s+warning|correction|disclaimer|disclosure|"
    r"acknowledge?ments?|thanks\s+to)\b",
    re.I,
)

LINES = ("p", "div", "li", "blockquote", "dd", "dt", "section", "address")
KEPT_LINES = ("h1", "h2", "h3", "h4", "h5", "h6")
KEPT_INSIDE = ("figure", "figcaption", "table", "pre", "math", "img", "picture", "svg", "video", "audio")


def second_reading(doc) -> Reading:
    """trafilatura's plain text of the cleaned page (without comments); an
    empty reading when it finds nothing or fails, and nothing is trimmed."""
    import trafilatura  # slow to load, and only pages of no known format need it

    try:
        text = trafilatura.extract(
            copy.deepcopy(doc),
            output_format="txt",
            include_tables=True,
            include_comments=False,
            favor_recall=True,
        )
    except Exception:  # noqa: BLE001 - a fault in the second reading must not lose the article
        text = None
    return Reading(text or "")


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3))}


class Reading:
    """A second reading's text, ready to ask whether a line is in it."""

    def __init__(self, text: str):
        tokens = _tokens(text)
        self.tokens = tokens
        self.shingles = _shingles(tokens) if tokens else set()
        self.joined = " " + " ".join(tokens) + " "

    def has(self, tokens: list[str]) -> bool:
        if len(tokens) < 4:
            return " " + " ".join(tokens) + " " in self.joined
        own = _shingles(tokens)
        return len(own & self.shingles) >= SHARED_SHINGLES * len(own)


def strays(chosen: str, other: Reading) -> bool:
    """Whether `chosen`, the article block, is a short box beside the
    article that the second reading found at length elsewhere on the page.
    It parses `chosen`: callers rule out a clearly long block first."""
    own = _tokens(lxml_html.fragment_fromstring(chosen, create_parent="div").text_content()) if chosen.strip() else []
    if len(own) > STRAY_MAX_WORDS or len(other.tokens) < STRAY_RATIO * max(len(own), 1):
        return False
    shingles = _shingles(own)
    return len(shingles & other.shingles) <= STRAY_SHARED * len(shingles)


def _lines(root, is_notes):
    """(element, tokens, may_go) for each line of the article in order.
    A line that may not go is never dropped and never decides the edges."""
    out = []
    after_image = False
    # Where the article's own links point: a note its mark refers to.
    targets = {href[1:] for a in root.iter("a") if (href := a.get("href") or "").startswith("#") and len(href) > 1}
    for el in leaf_blocks(root, LINES + KEPT_LINES):
        fixed = (
            el.tag in KEPT_LINES
            or after_image
            or (targets and any(d.get("id") in targets for d in (*el.iter(), *el.iterancestors()) if isinstance(d.tag, str)))
            or any(d.tag in KEPT_INSIDE for d in el.iter())
            or any(a.tag in KEPT_INSIDE or is_notes(a) for a in el.iterancestors())
        )
        after_image = any(d.tag in ("img", "picture", "figure") for d in el.iter())
        text = el.text_content()
        tokens = _tokens(text)
        fixed = fixed or bool(AUTHOR_NOTE_RE.match(text))
        if tokens or after_image:
            out.append((el, tokens, not fixed))
    return out


def _shape(el) -> tuple:
    """The line's tags, outside in: lines built alike have the same."""
    return (el.tag, tuple(d.tag for d in el.iterdescendants() if isinstance(d.tag, str)))


def _alike(el, kept) -> bool:
    """Whether `el` continues a run of short lines built like `kept`, the
    line next to it that stays."""
    return (
        el.getparent() is kept.getparent()
        and len(kept.text_content().split()) <= EDGE_MAX_WORDS
        and _shape(el) == _shape(kept)
    )


def trim_edges(chosen: str, other: Reading, is_notes=lambda el: False) -> str:
    """`chosen` (the article's HTML) without the short lines at its start
    and end that `other`, the second reading, does not have."""
    if not other.tokens:
        return chosen
    root = lxml_html.fragment_fromstring(chosen, create_parent="div")
    lines = [(el, tokens, may_go, may_go and bool(tokens) and other.has(tokens)) for el, tokens, may_go in _lines(root, is_notes)]
    judged = [(len(tokens), shared) for _, tokens, may_go, shared in lines if may_go]
    words = sum(n for n, _ in judged)
    if not words or sum(n for n, shared in judged if shared) < MIN_AGREEMENT * words:
        return chosen
    shared_at = [i for i, (_, _, _, shared) in enumerate(lines) if shared]
    first, last = shared_at[0], shared_at[-1]
    # A list goes whole or not at all, and so does a run of short lines
    # built alike (a reference list written as paragraphs): the second
    # reading that has its first items but not the rest has cut it short.
    shared_lists = {el.getparent() for el, _, _, shared in lines if shared and el.tag == "li"}
    doomed = []
    # Walk away from the shared middle: the tail forwards from the last
    # shared line, the head backwards from the first, to judge each line;
    # then take the lines that go from the outside in.
    for edge, kept in ((lines[last + 1 :], lines[last][0]), (lines[:first][::-1], lines[first][0])):
        goes = []
        for el, tokens, may_go, _ in edge:
            goes.append(
                may_go
                and tokens
                and len(tokens) <= EDGE_MAX_WORDS
                and el.getparent() not in shared_lists
                and not _alike(el, kept)
            )
            if may_go and not goes[-1]:
                kept = el  # a line that could have gone but stays leads a run
        # From the outside in, until the lines that stay hold more words than
        # an author's bio or a notice would.
        staying = 0
        for (el, tokens, _, _), g in list(zip(edge, goes))[::-1]:
            if not g and el.tag not in KEPT_LINES:
                staying += len(tokens)
            if staying > EDGE_STOP_WORDS:
                break
            if g:
                doomed.append(el)
    if not doomed:
        return chosen
    for el in doomed:
        drop(el)
    return lxml_html.tostring(root, encoding="unicode")
