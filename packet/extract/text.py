"""Plain text of cleaned article HTML, for word counts, previews and scoring.

Block elements end lines so words in neighbouring paragraphs never run
together; math shows once, as its TeX source when there is one.

An article's `text` is its running text: figure captions are left out, as
the human annotators of the Zyte benchmark leave them out of an article's
body (on its pages 17 of the ~1,585 caption words packet keeps are in the
expected text). The handout prints captions under their figures, and
reading times count them. A photo page, whose captions say more than the
rest of it, keeps them: there they are the story.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details div dl dt figcaption figure "
    "footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul caption".split()
)


def math_text(el) -> str:
    """TeX source of a <math> element if it has one, else its text content."""
    for ann in el.iter("{*}annotation", "annotation"):
        if "tex" in (ann.get("encoding") or "").lower() and (ann.text or "").strip():
            return ann.text.strip()
    alt = (el.get("alttext") or "").strip()
    return alt or " ".join(el.text_content().split())


def _flow(text: str | None, pre: bool) -> str:
    # Source line breaks inside a paragraph are just spaces; in <pre> they are lines.
    if not text:
        return ""
    return text if pre else text.replace("\n", " ")


def _walk(el, out: list[str], pre: bool = False, skip: frozenset[str] = frozenset()) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    local = tag.rsplit("}", 1)[-1].lower()
    if local in skip:
        out.append("\n")
        out.append(_flow(el.tail, pre))
        return
    if local == "math":
        out.append(math_text(el))
        out.append(_flow(el.tail, pre))
        return
    if local in ("script", "style", "template", "noscript") or not tag:
        out.append(_flow(el.tail, pre))
        return
    block = local in BLOCK_TAGS
    inner_pre = pre or local == "pre"
    if block:
        out.append("\n")
    out.append(_flow(el.text, inner_pre))
    for child in el:
        _walk(child, out, inner_pre, skip)
    if block:
        out.append("\n")
    out.append(_flow(el.tail, pre))


def tree_text(root, skip: frozenset[str] = frozenset()) -> str:
    """Plain text of an lxml element: one line per block, spaces collapsed;
    elements named in `skip` are left out."""
    out: list[str] = []
    _walk(root, out, skip=skip)
    lines = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


CAPTIONS = frozenset({"figcaption"})


def running_text(root) -> str:
    """An article's text without its figure captions (see the module note)."""
    return tree_text(root, skip=CAPTIONS)


def _body(html: str):
    root = lxml_html.document_fromstring(html)
    body = root.find("body")
    return body if body is not None else root


def html_text(html: str) -> str:
    """Plain text of an HTML fragment or page."""
    return tree_text(_body(html)) if html.strip() else ""


def article_text(root) -> tuple[str, int]:
    """An article's running text and its word count, captions included in
    the count: a reader reads them on paper. On a photo page, where the
    captions hold more words than the rest, the captions are the story and
    the text keeps them."""
    full, running = tree_text(root), running_text(root)
    words, running_words = word_count(full), word_count(running)
    return (running if running_words >= words - running_words else full), words


def printed_text(html: str) -> str:
    """Every word a handout prints of cleaned article HTML, captions
    included: what packet.lock hashes to tell a changed reading, and what
    the terminal preview shows."""
    if not html.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (ValueError, etree.ParserError):
        return html_text(html)
    return tree_text(root)


def html_article_text(html: str) -> tuple[str, int]:
    """`article_text` of cleaned article HTML."""
    return article_text(_body(html)) if html.strip() else ("", 0)


# Chinese and Japanese are written without spaces between words: each
# character (Han, hiragana, katakana) counts as one word, as reading-time
# counters for those scripts do. Korean puts spaces between words.
UNSPACED_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words of a text, for reading times: runs between spaces, and each
    character of Chinese or Japanese text."""
    unspaced = len(UNSPACED_RE.findall(text))
    if not unspaced:
        return len(text.split())
    # What is left between the characters counts when it has a letter or
    # digit: not the full stops and commas of those scripts.
    rest = UNSPACED_RE.sub(" ", text).split()
    return unspaced + sum(1 for token in rest if any(c.isalnum() for c in token))

