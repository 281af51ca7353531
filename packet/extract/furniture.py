"""Lines a site prints inside the chosen article block that belong to the
site, not the story, recognised by their words and links rather than by a
class name: labels of ad slots and share buttons, teaser links to other
stories between the paragraphs, taxonomy lines, pull quotes, and what a
blog or news template prints after the last paragraph (tags, post stamps,
follow and subscribe calls, comment counts, lists of other headlines).

Each rule is one habit seen across many sites, and each keeps the line when
it could be the article's own words: a labelled line whose rest is prose or
a bare address, a list of links under a "References" label, a wire
service's copyright notice. Every function is an article transform:
`transform(root, base_url) -> None`, mutating `root`.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from packet.extract.tree import drop as _drop
from packet.extract.tree import from_the_end
from packet.extract.tree import is_leaf_block as _is_leaf_block
from packet.extract.tree import leaf_blocks
from packet.extract.tree import link_density as _link_density
from packet.extract.tree import link_words as _link_words
from packet.extract.tree import text_of as _text

LEAF_BLOCKS = ("p", "div", "li", "h2", "h3", "h4", "h5", "h6", "dt", "dd")
SEPARATOR_RE = re.compile(r"^\W+$")
TEASER_MAX_WORDS = 30
# "READ MORE: <a>Another story</a>", "Related: <a>…</a>", "WATCH: <a>…</a>";
# and the same labels as French, German, Spanish, Portuguese, Italian and
# Dutch sites write them ("Lire aussi : <a>…</a>", "Lesen Sie auch: <a>…</a>").
_FOREIGN_TEASER_LABELS = (
    r"(?:à\s+)?lire(?:\s+aussi)?|(?:à\s+)?voir\s+aussi|revivez|lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|siehe\s+auch|"
    r"auch\s+interessant|le[ae]\s+(?:también|más)|leer\s+más|ver\s+también|te\s+puede\s+interesar|"
    r"leia\s+(?:também|mais)|veja\s+também|saiba\s+mais|leggi\s+anche|vedi\s+anche|lees\s+(?:ook|meer)|zie\s+ook"
)
TEASER_LABEL_RE = re.compile(
    r"^\W*(?:read(?:\s+(?:more|next|also))?|also\s+read|related(?:\s+(?:story|stories|article|articles|content|coverage|video|link|links))?|"
    r"see\s+also|more|more\s+(?:from|on|about|in)\b[^:|]{0,40}|watch|listen|recommended|don['’]t\s+miss|must\s+read|trending|"
    r"(?:in\s+case\s+you\s+missed\s+it|icymi)|editor['’]s\s+picks?|top\s+stories|up\s+next|previously|click\s+here|"
    rf"{_FOREIGN_TEASER_LABELS})\s*[:|–—>»]+\s*(?P<rest>\S.*)$",
    re.I,
)

URL_TEXT_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


def _short_lines(root, tags: tuple[str, ...], max_words: int):
    """Each line of `root` (a leaf block with one of `tags`) still in the
    tree, with its text, when that text is at most `max_words` words."""
    for el in leaf_blocks(root, tags):
        if el.getparent() is None:
            continue
        text = _text(el)
        if not text:
            continue
        tokens = text.split()
        # Words, not separators: "Digg | Facebook | E-mail | Print" is four.
        # (Counted only for lines just over the limit: most lines are prose.)
        if len(tokens) <= max_words or (
            len(tokens) <= 2 * max_words and sum(1 for w in tokens if not SEPARATOR_RE.match(w)) <= max_words
        ):
            yield el, text


def drop_inline_teasers(root, base_url: str) -> None:
    """Drop a line between paragraphs that labels a link to another story
    ("READ MORE: …", "Related: …", "WATCH: …", "[Another story]"): on
    paper the link goes nowhere and the line reads as a stray headline.
    Only when the words after the label are (nearly all) the link: "More:
    the council voted…" is the article's own sentence."""
    for el, text in _short_lines(root, LEAF_BLOCKS, TEASER_MAX_WORDS):
        # "[Bardo museum houses amazing Roman treasures]": a whole line in
        # brackets and in a link is an interstitial headline, never prose.
        if text.startswith("[") and text.endswith("]") and _link_words(el) >= len(text.split()) >= 3:
            _drop(el)
            continue
        found = TEASER_LABEL_RE.match(text)
        if found is None:
            continue
        rest = len(found.group("rest").split())
        # A bare address ("More: http://idea-mag.com") is a source the reader can type.
        if any(URL_TEXT_RE.match(a.text_content().strip()) for a in el.iter("a")):
            continue
        if rest and _link_words(el) >= 0.8 * rest:
            _drop(el)


TAXONOMY_RE = re.compile(r"(?:^|\|\s*)(?:tags?|tagged(?:\s+(?:as|with|in))?|categor(?:y|ies)|filed\s+(?:under|in)|posted\s+in|topics)\s*:", re.I)
TAXONOMY_MAX_WORDS = 80


def drop_taxonomy_lines(root, base_url: str) -> None:
    """Drop the site's taxonomy line wherever the article block holds it
    ("Tags: NFL, Colts, Andrew Luck", "Published: Nov 5 | Filed under:
    Politics"), not only after the last paragraph: the words after the
    label are links to the site's index pages."""
    for el, text in _short_lines(root, LEAF_BLOCKS, TAXONOMY_MAX_WORDS):
        found = TAXONOMY_RE.search(text)
        if found is None:
            continue
        after = text[found.end():]
        after_words = len(after.split()) or 1
        if _link_words(el) >= 0.6 * after_words:
            _drop(el)


# Labels a site prints between the paragraphs of an article, for its own
# purposes: ad slots, share and print buttons ("Email to a friend Printer
# friendly", often glued together), "story continues below", the titles of
# widgets already gone ("Sponsored links", "Photos of the day"), trackback
# and follow calls, skip links ("Skip to next paragraph", "‹ Back to Story").
_BUTTON = (
    r"(?:(?:e-?mail|send)(?:\s+this)?(?:\s+(?:story|article|page|post))?(?:\s+to\s+a\s+friend)?|e-?mail-a-friend|"
    r"printer[-\s]?friendly(?:\s+(?:version|page|format))?|print(?:\s+this(?:\s+(?:story|article|page|post))?)?|save|share|respond)"
)
# Share buttons named for their sites count only beside another button:
# "Digg | Facebook | E-mail | Print", never "Facebook" alone.
_SOCIAL = r"(?:digg|facebook|twitter|reddit|linkedin|whatsapp|pinterest|stumbleupon|delicious|google\+?)"
PROMO_LABEL_RE = re.compile(
    r"^\W*(?:advertisement|advertising|sponsored(?:\s+(?:content|links?))?|(?:story|article)\s+continues(?:\s+below)?(?:\s+(?:this\s+)?advertisement)?|"
    r"continue\s+reading(?:\s+the\s+main\s+story)?(?:\s+below)?|share\s+(?:this|on)\b.*|tweet|pin\s+it|"
    rf"{_BUTTON}(?:\W*{_BUTTON})*|(?:{_BUTTON}|{_SOCIAL})(?:\W*(?:{_BUTTON}|{_SOCIAL}))+|"
    r"skip\s+(?:to\s+(?:the\s+)?(?:next\s+paragraph|(?:main\s+)?content|article|story)|ad(?:vertisement)?)|back\s+to\s+(?:the\s+)?(?:story|article)|"
    r"featured\s+content|our\s+top\s+stories|photos?\s+of\s+the\s+day|trackback(?:\s+url(?:\s+for\s+this\s+(?:entry|post))?)?|"
    r"follow\s+us|have\s+your\s+say(?:\s+read\s+comments)?|"
    # A comment count, between the stories of a multi-story page too
    # ("Comments (5 posted)", "12 comments").
    r"comments?\s*\(\d+(?:\s+posted)?\)|\d+\s+comments?)\W*$",
    re.I,
)
LABEL_MAX_WORDS = 6
# A link to the thread, as a line of its own ("Read all 40 comments", "Add a
# comment"); the same words in a list or as plain text may be the article's.
COMMENT_CALL_RE = re.compile(
    r"^\W*(?:read|view|show|see|add|post|leave|write)\s+(?:a\s+|all\s+|the\s+)?(?:\d+\s+)?comments?(?:\s*\(\d+\))?\W*$", re.I
)


def _wholly_link(el, text: str) -> bool:
    links = el.findall(".//a")
    return len(links) == 1 and " ".join(links[0].text_content().split()) == text


def drop_promo_labels(root, base_url: str) -> None:
    """Drop the labels a site prints between paragraphs ("Advertisement",
    "Story continues below advertisement", "Share this article", a comment
    count or a link to the comments): the ad, buttons or thread they stood
    for are gone."""
    # Not headings: "Print" may title a section of an article about printing.
    for el, text in _short_lines(root, ("p", "div", "li", "section", "aside"), LABEL_MAX_WORDS):
        if PROMO_LABEL_RE.match(text) or (el.tag != "li" and COMMENT_CALL_RE.match(text) and _wholly_link(el, text)):
            _drop(el)


# The controls a site sets beside a picture or a map for the screen: a link
# to a larger copy ("Enlarge This Image", "View Larger Image", "Click for
# larger version", "[click to enlarge]", Ars Technica's "Enlarge /") and a
# caption's own switch ("HIDE CAPTION"). On paper they point at nothing.
_CONTROL = (
    r"(?:enlarge(?:\s+this)?(?:\s+(?:image|photo|picture|map|graphic|chart))?"
    r"|(?:view|see|show)\s+(?:a\s+)?(?:larger|bigger|full[-\s]?size[d]?)(?:\s+(?:image|photo|picture|map|version|graphic|chart))?"
    r"|click\s+(?:here\s+)?(?:to|for)\s+(?:enlarge|(?:a\s+)?(?:larger|bigger|full[-\s]?size)(?:\s+(?:image|photo|picture|map|version|view))?)"
    r"|(?:hide|show|toggle)\s+captions?)"
)
IMAGE_CONTROL_RE = re.compile(rf"^\W*{_CONTROL}\W*$", re.I)
# The same words in brackets at the end of a caption: "Figure 2. … [click to enlarge]".
# (It starts at the bracket, not at the spaces before it: a search starting
# with \s* would scan a hostile run of spaces once for every one of them.)
TRAILING_CONTROL_RE = re.compile(rf"[\[(]\s*{_CONTROL}\s*[\])]\W*$", re.I)
CONTROL_SEPARATOR_RE = re.compile(r"^\s*[/|\u00b7\u2022]\s*")
CONTROL_HOLDERS = ("a", "span", "button", "div", "p", "li", "strong", "em", "i", "b", "small", "dd")
MEDIA = ("img", "picture", "svg", "video", "iframe", "table", "math")


def drop_image_controls(root, base_url: str) -> None:
    """Drop the "Enlarge This Image" and "Hide caption" controls around
    pictures, as elements of their own or as bare text beside the image."""
    for el in list(root.iter(*CONTROL_HOLDERS)):
        if el.getparent() is None or any(True for _ in el.iter(*MEDIA)):
            continue
        text = _text(el)
        if text and len(text.split()) <= LABEL_MAX_WORDS and IMAGE_CONTROL_RE.match(text):
            tail = CONTROL_SEPARATOR_RE.sub("", el.tail or "", count=1) if (el.tail or "").strip() else el.tail
            el.tail = tail
            _drop(el)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("text", "tail"):
            value = getattr(el, attr)
            if not value or not value.strip():
                continue
            if len(value.split()) <= LABEL_MAX_WORDS and IMAGE_CONTROL_RE.match(value.strip()):
                setattr(el, attr, " ")
            elif ("[" in value or "(" in value) and (found := TRAILING_CONTROL_RE.search(value)):
                setattr(el, attr, value[: found.start()].rstrip())


# What a blog or news site prints after the article's last paragraph, about
# the page rather than the story: taxonomy ("Tags: …", "Filed under …",
# "Posted in News | 3 Comments"), the post's own stamp ("Posted on July 10,
# 2012"), follow/share/subscribe calls, comment counts, links to the
# previous and next posts, and the bare labels of lists the other transforms
# emptied ("Related stories:", "More in …"). Copyright lines and "Posted by"
# signatures stay: as often as not they are the article's own last line.
TRAILER_RE = re.compile(
    r"^(?:tags?|tagged(?:\s+(?:as|with|in))?|filed\s+(?:under|in)|posted\s+in|categor(?:y|ies)|"
    r"(?:related\s+)?topics|labels)\b\s*:?\s*\S"
    r"|^posted\s+on\b.{0,80}$"
    r"|^(?:related(?:\s+(?:stories|content|articles|posts|links|reading|coverage))?|more\s+(?:on|in|from|about)\b.{0,60}|"
    r"(?:you\s+(?:may|might)\s+also\s+(?:like|enjoy)|most\s+(?:read|popular|viewed|shared)\b.{0,40}))\s*:?\s*$"
    r"|^(?:(?:be\s+sociable,?\s+)?share|share\s+this\b.{0,30}|back\s+to\s+top|about\s+these\s+ads|buffer|print\s+this|loading\s*\.*)\W*$"
    r"|^archived\s+(?:under|in)\b.{0,80}$"
    r"|^(?:no|\d+)\s+(?:comments?|responses?|replies)(?:\s+yet)?\W*$|^comments?\s*\(\d+\)\W*$|^leave\s+a\s+(?:comment|reply)\W*$"
    r"|\bcomments\s+powered\s+by\b|^view\s+all\s+posts\s+by\b"
    r"|^(?:(?:e-?mail|print|share|save)\s+this\s+(?:story|article|post|page)\W*){1,4}$"
    r"|^follow\s+@?[\w.]+\s+on\s+(?:twitter|facebook|instagram|x)\W*$"
    r"|^\W*(?:previous|next|older|newer)\s+(?:post|article|story|entry)\b.{0,80}$"
    r"|^if\s+you\s+(?:enjoyed|liked)\s+this\s+(?:post|article)\b"
    r"|^(?:follow|find|like|join)\s+us\s+on\s+(?:twitter|facebook|instagram|google\+?)\b.{0,60}$"
    r"|\bsign\s+up\s+for\b.{0,40}\bnewsletter\b.{0,20}$|^subscribe\b.{0,60}$",
    re.I,
)
TRAILER_MAX_WORDS = 40
# The longer stamp a blog engine writes under every post ("This entry was
# posted on … and is filed under …. You can follow any responses to this
# entry through the RSS 2.0 feed."; "… Bookmark the permalink."). A wire
# service's copyright notice stays: it is the terms the story is printed under.
NOTICE_RE = re.compile(
    r"^this\s+(?:entry|post)\s+(?:was|is)\s+(?:posted|written|filed)\b.*\b(?:permalink|responses\s+to\s+this\s+(?:entry|post)|trackback|rss|filed\s+under|tagged)\b"
    r"|^you\s+can\s+follow\s+any\s+responses\s+to\s+this\s+(?:entry|post)\b|\bbookmark\s+the\s+permalink\b"
    r"|^a\s+version\s+of\s+this\s+(?:article|story|review|essay|column|op-ed)\s+appear(?:s|ed)\s+in\s+print\b",
    re.I,
)
NOTICE_MAX_WORDS = 80
TRAILER_BLOCKS = ("p", "div", "li", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "section", "aside", "footer")


def _last_block(root):
    """The last block in `root` with text or an image, or None."""
    for el in from_the_end(root):
        if not isinstance(el.tag, str) or el is root:
            continue
        if el.tag in ("img", "figure", "table", "pre", "math") or el.tag.endswith("}math"):
            return el
        if el.tag in TRAILER_BLOCKS and el.text_content().strip() and _is_leaf_block(el):
            return el
    return None


# "Comments are now closed for this story": what follows is the thread.
COMMENTS_CLOSED_RE = re.compile(r"^comments\s+(?:are\s+)?(?:now\s+)?closed\b|^comments\s+(?:on|for)\s+this\s+(?:story|article|post|entry)\s+(?:are|have\s+been)\s+closed\b", re.I)
COMMENTS_CLOSED_WORDS_RE = re.compile(r"\bcomments\b.{0,40}\bclosed\b", re.I | re.S)
COMMENTS_CLOSED_AFTER_WORDS = 50
LINE_TAGS = ("p", "div", "li", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "td")


def _cut_after_comments_closed(root) -> None:
    """Drop a "Comments are closed" line and every line after it: the
    thread a news template prints with no heading to know it by. Only
    after some of the article: the line alone is a page about comments."""
    if not COMMENTS_CLOSED_WORDS_RE.search(root.text_content()):
        return
    lines = [el for el in leaf_blocks(root, LINE_TAGS) if el.text_content().strip()]
    before = 0
    for at, el in enumerate(lines):
        text = _text(el)
        if before >= COMMENTS_CLOSED_AFTER_WORDS and len(text.split()) <= LABEL_MAX_WORDS * 2 and COMMENTS_CLOSED_RE.match(text):
            for later in lines[at:]:
                _drop(later)
            return
        before += len(text.split())


def drop_trailing_furniture(root, base_url: str) -> None:
    """Drop the lines a site prints after the article ends: a reader
    thread after "Comments are closed", tags and categories, "Posted on …",
    follow-us and subscribe calls, lists of links to the site's other
    stories, labels of emptied "Related" lists. Only at the very end, from
    the last line, stopping at the first line of the article's own."""
    _cut_after_comments_closed(root)
    while (el := _last_block(root)) is not None and el.tag in TRAILER_BLOCKS:
        text = _text(el)
        # Text after the block, outside any block, is the real last line.
        block = el.getparent() if el.tag == "li" else el
        if _is_headline_list(block) and not _follows_reference_label(block):
            _drop(block)
            continue
        if run := _headline_run(el):
            for line in run:
                _drop(line)
            continue
        if (el.tail or "").strip():
            return
        words = len(text.split())
        if not ((words <= TRAILER_MAX_WORDS and TRAILER_RE.search(text)) or (words <= NOTICE_MAX_WORDS and NOTICE_RE.search(text))):
            return
        _drop(el)


HEADLINE_MAX_WORDS = 20
REFERENCE_LABEL_RE = re.compile(r"\b(?:references?|notes?|sources?|further\s+reading|bibliography|footnotes?|see\s+also|links|reading\s+list)\b", re.I)


def _is_headline_list(block) -> bool:
    """A list of links to other stories, one a line, with no prose: items
    of a list, or lines of a paragraph broken by <br>."""
    if block is None or block.getparent() is None or (block.tail or "").strip():
        return False
    if block.tag == "ul":
        items = block.findall("li")
        if len(items) != len(block):
            return False
        lines = [_text(li) for li in items]
        links = sum(li.find(".//a") is not None for li in items)
    elif block.tag in ("p", "div") and block.find(".//br") is not None:
        lines = [" ".join(line.split()) for line in _br_text(block).split("\n")]
        lines = [line for line in lines if line]
        links = len(block.findall(".//a"))
    else:
        return False
    if len(lines) < 2 or links < len(lines):
        return False
    # Numbered lines are the article's own list: a round-up, a ranking.
    if any(len(line.split()) > HEADLINE_MAX_WORDS or re.match(r"\d+[.)]", line) for line in lines):
        return False
    return _link_density(block) >= 0.75


# The label a site puts over links to its other stories.
RELATED_LABEL_RE = re.compile(
    r"^\W*(?:read\s+more|read\s+next|also\s+read|related(?:\s+\w+)?|more\s+stories|see\s+more|"
    r"more\s+(?:on|from|about|in)\b.{0,40}|you\s+(?:may|might)\s+also\s+(?:like|enjoy))\W*$",
    re.I,
)
HEADLINE_RUN_UNLABELLED = 3


def _is_headline_line(el) -> bool:
    """A paragraph that is one link to a story: a headline, not a sentence
    with a link in it, not a bare address."""
    if el.tag not in ("p", "div") or not _is_leaf_block(el) or (el.tail or "").strip():
        return False
    text = _text(el)
    links = el.findall(".//a")
    return (
        4 <= len(text.split()) <= HEADLINE_MAX_WORDS
        and len(links) == 1
        and not URL_TEXT_RE.match(links[0].text_content().strip())
        and _link_density(el) >= 0.9
        and not re.match(r"\d+[.)]", text)
    )


def _headline_run(last) -> list:
    """The paragraphs of links to other stories that end the article, one
    headline a paragraph, with the label over them ("Read more:"): at least
    three, or any number under such a label. Empty when `last` is not the
    end of such a run, or the run is a reading list ("Further reading")."""
    if not _is_headline_line(last):
        return []
    run, prev = [last], last.getprevious()
    while prev is not None and (_is_headline_line(prev) or not (_text(prev) or prev.find(".//img") is not None)):
        if _text(prev):
            run.append(prev)
        prev = prev.getprevious()
    label = _text(prev) if prev is not None else ""
    short_label = label and len(label.split()) <= LABEL_MAX_WORDS
    if short_label and REFERENCE_LABEL_RE.search(label):
        return []
    if short_label and RELATED_LABEL_RE.match(label):
        return [*run, prev]
    return run if len(run) >= HEADLINE_RUN_UNLABELLED else []


def _br_text(block) -> str:
    clone = lxml_html.fromstring(lxml_html.tostring(block, encoding="unicode"))
    for br in clone.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return clone.text_content()


def _follows_reference_label(block) -> bool:
    prev = block.getprevious()
    while prev is not None and not prev.text_content().strip():
        prev = prev.getprevious()
    if prev is None:
        return False
    text = _text(prev)
    return len(text.split()) <= LABEL_MAX_WORDS and bool(REFERENCE_LABEL_RE.search(text))


# A pull quote repeats a sentence of the article in large type beside it;
# on paper, in the text's own type, it reads as the sentence said twice.
PULL_QUOTE_TAGS = ("blockquote", "aside", "figure", "div")
PULL_QUOTE_MIN_WORDS = 6
PULL_QUOTE_MAX_WORDS = 60
PULL_QUOTE_CANDIDATES = 50


def _folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", text)).casefold()


def drop_pull_quotes(root, base_url: str) -> None:
    """Drop a quote block whose words are all in one of the article's
    paragraphs outside it: a pull quote, not a quotation. Not one with an
    image, code or a table in it or around it, nor a figure's caption."""
    candidates = []
    for el in root.iter(*PULL_QUOTE_TAGS):
        if el.tag == "div" and el.find(".//p") is not None:
            continue
        if any(a.tag in ("pre", "table", "code", "figure", "figcaption") for a in el.iterancestors()):
            continue
        if any(d.tag in ("pre", "table", "code", "img", "picture", "svg", "video", "math") for d in el.iter()):
            continue
        if PULL_QUOTE_MIN_WORDS <= len(_text(el).split()) <= PULL_QUOTE_MAX_WORDS:
            candidates.append(el)
            if len(candidates) >= PULL_QUOTE_CANDIDATES:
                break
    if not candidates:
        return
    # Spaces around the words, so that words match whole.
    paragraphs = [(p, f" {_folded(p.text_content())} ") for p in root.iter("p")]
    for el in candidates:
        if el.getparent() is None:
            continue
        own = f" {_folded(el.text_content())} "
        inside = set(el.iter("p"))
        if any(p not in inside and len(text) > len(own) and own in text for p, text in paragraphs):
            _drop(el)
