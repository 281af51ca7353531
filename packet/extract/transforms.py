"""Small named clean-ups over an lxml tree, each undoing one site habit.

The extract stage runs two lists in order. PAGE_TRANSFORMS work on the whole
fetched page before the article block is chosen, so the chooser sees real
images and no hidden or boilerplate blocks. ARTICLE_TRANSFORMS work on the
chosen article before it is sanitised, shaping it for paper.

Every transform is `transform(root, base_url) -> None` and mutates `root`.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin

from lxml import etree
from lxml import html as lxml_html

from packet.extract.furniture import (
    drop_image_controls,
    drop_inline_teasers,
    drop_promo_labels,
    drop_pull_quotes,
    drop_taxonomy_lines,
    drop_trailing_furniture,
)
from packet.extract.links import unwrap_redirect_links
from packet.extract.mathjax import mathjax_to_math
from packet.extract.paragraphs import join_split_sentences
from packet.extract.tree import drop as _drop
from packet.extract.tree import link_density as _link_density

# Class/id words of blocks that are never article text: share bars, subscribe
# boxes, related posts, comment threads, cookie notices, pop-ups, author bios.
BOILERPLATE_WORDS = (
    "share|shares|sharing|sharedaddy|sharebar|social|socials|social-links|"
    "subscribe|subscription|newsletter|signup|sign-up|related\\w*|jp-relatedposts|recommended|"
    "recirc|more-stories|comments?|comment-list|commentlist|disqus|respond|"
    "cookies?|cookie-banner|consent|gdpr|popup|pop-up|modal|overlay|"
    "author-bio|authorbio|author-box|about-author|about-the-author|bio-box|"
    "promo|sponsored|advert|advertisement|ads?|adsbygoogle|breadcrumbs?|"
    "read-more|readmore|paywall|skip-link|print-hide|noprint|hidden-print"
)
BOILERPLATE_RE = re.compile(rf"(?:^|[-_])(?:{BOILERPLATE_WORDS})(?:[-_]|$)", re.I)
# Classes a site's own print stylesheet hides, said outright: "noprint"
# (MediaWiki, the IETF's rfcmarkup toolbar), Bootstrap's "d-print-none",
# and MediaWiki's article message boxes ("This section needs expansion.
# You can help by adding to it."), which Wikipedia does not print either.
# Taken on any element, inline ones too: the page's author chose them.
PRINT_HIDDEN_CLASSES = frozenset("noprint no-print print-hide print-hidden hidden-print d-print-none ambox".split())
EXPANDER_TOKEN_RE = re.compile(r"(?:^|[-_])(?:read-?more|readmore)(?:[-_]|$)", re.I)
# Blocks marked like boilerplate but holding the article itself.
ARTICLE_MARKER_RE = re.compile(r"article-?body|post-?body|entry-content|post-content|articleBody", re.I)
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# The classes CSS frameworks and CMSs define as "visually hidden", text for
# screen readers only (Bootstrap's sr-only and visually-hidden, WordPress's
# screen-reader-text, Drupal's element-invisible, Foundation's show-for-sr,
# HTML5 Boilerplate's visuallyhidden): "Photo" over a picture, "Credit" glued
# to a photographer's name, "Opens in a new window". A browser never shows
# it, so paper does not either. Plain "hidden" is not among them: scripts
# and responsive classes ("hidden md:block") show what it hides.
SCREEN_READER_CLASSES = frozenset(
    "sr-only visually-hidden visuallyhidden screen-reader-text screenreader-only "
    "element-invisible show-for-sr u-visually-hidden u-hidden-visually a11y-hidden "
    "assistive-text".split()
)
SCREEN_READER_CLASS_RE = re.compile(
    r"(?:^|\s)(?:" + "|".join(map(re.escape, sorted(SCREEN_READER_CLASSES))) + r")(?:\s|$)", re.I
)
READ_MORE_RE = re.compile(
    r"^\s*(read|see|view|show|load)\s+(more|the full|full)\b|^\s*continue\s+reading\b|^\s*read\s+next\b",
    re.I,
)
PLACEHOLDER_SRC_RE = re.compile(r"^data:|placeholder|blank\.|spacer|lazy|1x1|pixel\.|transparent\.", re.I)
LAZY_SRC_ATTRS = (
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-orig-file",
    "data-hi-res-src",
    "data-full-src",
    "data-url",
    "data-lazyload",
)
LAZY_SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset")
ICON_MAX_PX = 32
KEEP_WHOLE = ("html", "body", "main", "article")
INLINE_TAGS = frozenset("a abbr b cite code em font i kbd mark q s small span strong sub sup time u var".split())


def _tokens(el) -> list[str]:
    return ((el.get("class") or "") + " " + (el.get("id") or "")).split()


def _inside(el, tags: tuple[str, ...]) -> bool:
    return any(a.tag in tags for a in el.iterancestors())


def _px(value: str | None) -> int | None:
    match = re.match(r"\s*(\d+(?:\.\d+)?)\s*(px)?\s*$", value or "")
    return int(float(match.group(1))) if match else None


def best_srcset_candidate(srcset: str) -> str | None:
    """The widest (or densest) URL named in a srcset attribute."""
    best, best_size = None, -1.0
    # URLs may hold commas; candidates are separated by a comma after whitespace or a descriptor.
    for part in re.split(r",\s+(?=\S)|,(?=\s*https?:|\s*/)", srcset.strip()):
        bits = part.strip().split()
        if not bits:
            continue
        size = 1.0
        if len(bits) > 1:
            match = re.match(r"(\d+(?:\.\d+)?)([wx])$", bits[1])
            if match:
                size = float(match.group(1)) * (1 if match.group(2) == "w" else 1000)
        if size > best_size:
            best, best_size = bits[0].rstrip(","), size
    return best


def _is_placeholder(img) -> bool:
    src = img.get("src") or ""
    lazy = any(img.get(a) for a in (*LAZY_SRC_ATTRS, *LAZY_SRCSET_ATTRS))
    return not src or lazy or bool(PLACEHOLDER_SRC_RE.search(src))


def drop_scripts_and_styles(root, base_url: str) -> None:
    """Drop scripts, styles, stylesheet links and HTML comments: code and
    presentation, never article text (metadata and TeX were read first)."""
    for el in list(root.iter("script", "style", "link", etree.Comment, etree.ProcessingInstruction)):
        _drop(el)


def drop_hidden(root, base_url: str) -> None:
    """Drop blocks the site hides (hidden, display:none, aria-hidden, a
    screen-reader-only class): pop-up templates, screen-reader duplicates and
    collapsed menus never show in a browser, so they must not print."""
    hidden = [
        el for el in root.xpath('//*[@hidden or @aria-hidden="true" or @style]')
        if el.get("hidden") is not None or el.get("aria-hidden") == "true" or HIDDEN_STYLE_RE.search(el.get("style") or "")
    ]
    # (One regular expression over the class attributes: an XPath contains()
    # per class name was five times slower on a whole page.)
    hidden += [el for el in root.xpath("//*[@class]") if SCREEN_READER_CLASS_RE.search(el.get("class"))]
    for el in hidden:
        if el.tag not in KEEP_WHOLE:
            _drop(el)


# Blog engines label a post with its categories and tags (WordPress's
# post_class(): "category-social-media tag-comments"; Typepad's
# "entry-category-social_media"): words that say what the post is about.
TAXONOMY_TOKEN_RE = re.compile(r"^(?:(?:entry|post)[-_](?:category|tag|author|format|type)|category|tag|format)[-_]", re.I)


def _boilerplate_token(token: str) -> bool:
    # Long slugs ("sharing-with-a-single-developer", "gigya-share-btns-2_gig_container")
    # are heading anchors or widget wrappers around the article, not boilerplate names.
    if TAXONOMY_TOKEN_RE.match(token):
        return False
    return len(re.split(r"[-_]", token)) <= 4 and bool(BOILERPLATE_RE.search(token))


COMMENTS_HEADING_RE = re.compile(
    r"^(?:(?:\d+|no|one)\s+)?(?:reader\s+|user\s+)?comments(?:\s*\(\d+\))?\s*[:»]?$"
    r"|^(?:\d+|one)\s+(?:comment|response|reply|responses|replies)\s*[:»]?$"
    r"|^(?:leave|post|add|write)\s+(?:a|an|your|new)\s+(?:new\s+)?(?:comment|reply|response)\b"
    r"|^(?:\d+|one)\s+thoughts?\s+on\b|^(?:have|had)\s+your\s+say\b|^join\s+the\s+(?:discussion|conversation)\b",
    re.I,
)
COMMENTS_ANCHOR_RE = re.compile(r"^(?:comments?|respond|reactions|discussion|disqus_thread)$", re.I)
# Words of text before a comments heading, inside one block, that make the
# block the article's own container (not a sidebar listing comments).
COMMENTS_AFTER_WORDS = 60
# What a reader-comment thread is made of, unlike an article's section on
# comments in code: blocks classed as comments or replies, a reply form, or
# comment bylines ("Posted by: Andrew | Mar 26, 2007 2:00:18 PM", "says:",
# "Reply", "Report this comment").
COMMENT_TOKEN_RE = re.compile(r"(?:^|[-_])(?:comments?|commentlist|respond|repl(?:y|ies)|disqus\w*|discussion)(?:[-_]|$)", re.I)
COMMENT_BYLINE_RE = re.compile(
    r"^(?:posted|written|submitted)\s+by\b|\bsays:?$|^(?:reply|report)\b|\b\d{1,2}:\d{2}\s*(?:am|pm)?\b",
    re.I,
)
COMMENT_BLOCKS = frozenset("div li ol ul dl dt dd p article section aside footer header table tr td".split())
#: Comment bylines that make a thread of what follows a heading.
COMMENT_BYLINES = 2
#: Elements after a heading looked at for the thread's marks: a thread shows
#: them from its first comment, and a page of such headings stays linear.
COMMENT_LOOKAHEAD = 300
COMMENT_LINE_CHILDREN = 20
#: Headings looked behind for a thread: past these, a page of "Comments"
#: headings is a page about comments.
COMMENT_HEADINGS_CHECKED = 20


def _words_ahead(root) -> dict:
    """For every element, the words of text before it in the document,
    leaving out link text: the words in a block before one of its
    elements are the difference of the two counts. One pass."""
    ahead: dict = {}
    count, in_link = 0, 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        if event == "start":
            ahead[el] = count
            in_link += el.tag == "a"
            if not in_link:
                count += len((el.text or "").split())
        else:
            in_link -= el.tag == "a"
            if not in_link:
                count += len((el.tail or "").split())
    return ahead


def _after(heading, container):
    """The elements after `heading` up to the end of `container`, in document order."""
    node = heading
    while node is not container:
        for later in node.itersiblings():
            yield from later.iter()
        node = node.getparent()


def _is_comment_block(el) -> bool:
    return el.tag in COMMENT_BLOCKS and any(COMMENT_TOKEN_RE.search(t) for t in _tokens(el))


def _starts_a_thread(heading, container) -> bool:
    """Whether what follows `heading` in `container` is a reader-comment
    thread: the heading sits in a block classed as comments, or a comment
    block, a reply form or two comment bylines come soon after it."""
    for block in heading.iterancestors():
        if block is container:
            break
        if _is_comment_block(block):
            return True
    bylines = 0
    for seen, el in enumerate(_after(heading, container)):
        if seen >= COMMENT_LOOKAHEAD:
            break
        if not isinstance(el.tag, str):
            continue
        if el.tag in ("form", "textarea") or _is_comment_block(el):
            return True
        # The block's own line: its text and that of its first inline children.
        own = [el.text] + [t for child in el[:COMMENT_LINE_CHILDREN] for t in (child.text, child.tail)]
        bylines += bool(COMMENT_BYLINE_RE.search(" ".join(" ".join(t for t in own if t).split())))
        if bylines >= COMMENT_BYLINES:
            return True
    return False


def drop_comment_threads(root, base_url: str) -> None:
    """Drop a reader comment thread that follows the article under a
    "Comments" / "Leave a reply" / "12 responses" heading, or after the
    empty <a name="comments"> its links jump to, as blog engines and old
    news templates print it in the article's own block with no class to
    recognise it by: the heading and everything after it in the block that
    holds the article text before it. The heading's words alone are not
    enough (a tutorial's section on comments in code has the same title):
    what follows must look like a thread."""
    ahead, checked = None, 0
    for heading in list(root.iter("h1", "h2", "h3", "h4", "h5", "h6", "a")):
        if heading.tag == "a":
            # The target of the page's "#comments" links: an empty <a name=comments>.
            if not COMMENTS_ANCHOR_RE.match(heading.get("name") or heading.get("id") or "") or heading.text_content().strip() or heading.get("href"):
                continue
        elif not COMMENTS_HEADING_RE.match(" ".join(heading.text_content().split())):
            continue
        # A heading that is a link ("12 comments" jumping down the page) only counts them.
        elif _inside(heading, ("a",)) or _link_density(heading) > 0.5:
            continue
        if ahead is None:
            ahead = _words_ahead(root)
        for container in heading.iterancestors():
            if container.tag in ("html",):
                break
            if ahead[heading] - ahead[container] < COMMENTS_AFTER_WORDS:
                continue
            checked += 1
            if checked > COMMENT_HEADINGS_CHECKED:
                return
            if not _starts_a_thread(heading, container):
                break
            node = heading
            while node is not container:
                parent = node.getparent()
                for later in list(node.itersiblings()):
                    _drop(later)
                node = parent
            _drop(heading)
            # One thread a page; the counts above no longer hold after a drop.
            return


def drop_boilerplate(root, base_url: str) -> None:
    """Drop share bars, subscribe boxes, related posts, comment threads,
    cookie notices, newsletter pop-ups and author-bio boxes, recognised by
    their class, id or dialog role. A marked block holding much of the
    page's text is a mislabelled article wrapper and stays. What the site's
    own print stylesheet hides (PRINT_HIDDEN_CLASSES) goes whatever it is."""
    total_words = len(root.text_content().split()) or 1
    for el in root.xpath("//*[@class or @id or @role]"):
        # Inline elements carry sentence text ("<a class=popup>rather elderly</a>");
        # widgets are blocks.
        if el.tag in KEEP_WHOLE or el.getparent() is None:
            continue
        tokens = _tokens(el)
        if PRINT_HIDDEN_CLASSES.intersection(t.casefold() for t in (el.get("class") or "").split()):
            _drop(el)
            continue
        if el.tag in INLINE_TAGS:
            continue
        marked = any(_boilerplate_token(t) for t in tokens) or el.get("role") in ("dialog", "alertdialog")
        if not marked or any(ARTICLE_MARKER_RE.search(t) for t in tokens):
            continue
        # Syntax highlighters mark code comments with class "comment".
        if el.tag in ("pre", "code") or _inside(el, ("pre", "code")):
            continue
        if el.find(".//article") is not None or el.find(".//h1") is not None:
            continue
        if len(el.text_content().split()) > 0.3 * total_words and _link_density(el) < 0.3:
            # A "read more" expander holding the rest of the story: its
            # paragraphs belong with the opening ones above it.
            if el.tag in ("div", "section") and any(EXPANDER_TOKEN_RE.search(t) for t in tokens):
                el.drop_tag()
            continue
        _drop(el)


def unlazy_images(root, base_url: str) -> None:
    """Give lazily loaded images their real source: data-src and friends,
    data-srcset, srcset's best candidate, <picture> sources and <noscript>
    fallbacks all become a plain <img src>."""
    for noscript in list(root.iter("noscript")):
        real = noscript.find(".//img")
        if real is None:
            _drop(noscript)
            continue
        # The noscript copy is the real image; drop the script-driven placeholder before it.
        prev = noscript.getprevious()
        if prev is not None and prev.tag in ("img", "picture", "span", "div") and not prev.text_content().strip():
            if prev.tag != "img" or _is_placeholder(prev):
                _drop(prev)
        real.tail = noscript.tail
        noscript.getparent().replace(noscript, real)
    for picture in list(root.iter("picture")):
        img = picture.find(".//img")
        if img is None:
            _drop(picture)
            continue
        if not img.get("src") or PLACEHOLDER_SRC_RE.search(img.get("src", "")):
            for source in picture.iter("source"):
                url = best_srcset_candidate(source.get("srcset") or source.get("data-srcset") or "")
                if url:
                    img.set("src", url)
                    break
        img.tail = picture.tail
        picture.getparent().replace(picture, img)
    for img in root.iter("img"):
        src = img.get("src") or ""
        lazy = next((img.get(a) for a in LAZY_SRC_ATTRS if img.get(a)), None)
        srcset = next((img.get(a) for a in LAZY_SRCSET_ATTRS if img.get(a)), None) or img.get("srcset")
        if not src or PLACEHOLDER_SRC_RE.search(src):
            candidate = lazy or (best_srcset_candidate(srcset) if srcset else None)
            if candidate:
                img.set("src", candidate)
        elif srcset:
            best = best_srcset_candidate(srcset)
            if best:
                img.set("src", best)
        for attr in (*LAZY_SRC_ATTRS, *LAZY_SRCSET_ATTRS, "srcset", "sizes", "loading"):
            img.attrib.pop(attr, None)


def tex_to_math(root, base_url: str) -> None:
    """Turn TeX the site left for a script to typeset (MathJax's
    <script type="math/tex">, pandoc's <span class="math">\\(...\\)</span>)
    into MathML, which survives sanitising and is typeset for print."""
    from packet.extract.math import TEX_DELIMITERS_RE, TexConverter, tex_as_code

    convert = TexConverter()
    for el in list(root.iter("script", "span", "div")):
        kind = (el.get("type") or "").lower()
        if el.tag == "script" and kind.startswith("math/tex"):
            tex, display = el.text or "", "mode=display" in kind
        elif el.tag != "script" and "math" in _tokens(el) and len(el) == 0:
            match = TEX_DELIMITERS_RE.match(el.text or "")
            if not match:
                continue
            tex, display = match.group(1), "display" in _tokens(el) or el.text.strip().startswith(("\\[", "$$"))
        else:
            continue
        tex = tex.strip()
        if not tex:
            continue
        math = convert(tex, display)
        if math is None:
            math = tex_as_code(tex)
        math.tail = el.tail
        el.getparent().replace(el, math)


def show_hidden_mathml(root, base_url: str) -> None:
    """Show MathML a site hides behind an image of the same formula
    (Wikipedia keeps <math> in a display:none span for screen readers and
    shows an SVG); the MathML typesets crisply and keeps its TeX."""
    for math in list(root.iter("math", "{http://www.w3.org/1998/Math/MathML}math")):
        holder = math.getparent()
        if holder is None or not HIDDEN_STYLE_RE.search(holder.get("style") or ""):
            continue
        group = holder.getparent()
        images = group.iter("img") if group is not None else ()
        fallback = [img for img in images if "math" in (img.get("class") or "")]
        if not fallback:
            continue
        for img in fallback:
            _drop(img)
        holder.attrib.pop("style")


def drop_tiny_icons(root, base_url: str) -> None:
    """Drop icons (declared 32 px or smaller, inline <svg>, svg images named
    as icons) which print as page-wide arrows once their CSS is gone."""
    for svg in list(root.iter("svg", "{http://www.w3.org/2000/svg}svg")):
        _drop(svg)
    for img in list(root.iter("img")):
        sizes = [_px(img.get("width")), _px(img.get("height"))]
        tokens = " ".join(_tokens(img)).lower()
        src = (img.get("src") or "").lower()
        small = any(s is not None and s <= ICON_MAX_PX for s in sizes)
        is_svg = ".svg" in src or src.startswith("data:image/svg")
        svg_icon = is_svg and ("icon" in tokens or "icon" in src or "logo" in tokens)
        if small or svg_icon or not src:
            _drop(img)


def expand_details(root, base_url: str) -> None:
    """Open collapsed <details> blocks: paper cannot be clicked, so the
    summary becomes a bold paragraph followed by the hidden content."""
    for details in list(root.iter("details")):
        details.tag = "div"
        details.attrib.clear()
        for summary in details.findall("summary"):
            summary.tag = "p"
            summary.attrib.clear()
            strong = lxml_html.Element("strong")
            strong.text, summary.text = summary.text, None
            for child in list(summary):
                strong.append(child)
            summary.append(strong)


def page_base_url(doc, url: str) -> str:
    """The address relative links in a page resolve against (<base href> wins)."""
    base = doc.find(".//base[@href]")
    if base is not None:
        try:
            return urljoin(url, base.get("href").strip())
        except ValueError:
            return url
    return url


def absolutize_urls(root, base_url: str) -> None:
    """Resolve relative links and image sources so they still work once the
    page's own address is gone (`base_url` already honours <base href>)."""
    for el, attr in ((e, "href") for e in root.iter("a")):
        _resolve(el, attr, base_url)
    for el in root.iter("img", "source"):
        _resolve(el, "src", base_url)


def _resolve(el, attr: str, base_url: str) -> None:
    value = (el.get(attr) or "").strip()
    if not value or value.startswith(("data:", "#", "mailto:", "javascript:")):
        return
    try:
        el.set(attr, urljoin(base_url, value))
    except ValueError:
        el.attrib.pop(attr, None)


def lone_image_to_figure(root, base_url: str) -> None:
    """Wrap an image that stands alone in its paragraph or div in a
    <figure>, taking a following caption-like block as its <figcaption>,
    so it is printed as a figure and kept whole on one page."""
    for img in list(root.iter("img")):
        if _inside(img, ("figure",)):
            continue
        holder = img
        parent = img.getparent()
        if parent is not None and parent.tag == "a" and not (parent.text or "").strip() and len(parent) == 1:
            # A link around an image only points at the same picture, larger.
            holder = parent
            parent = parent.getparent()
        if parent is None or parent.tag not in ("p", "div", "span", "center") or parent is root:
            continue
        if len(parent) != 1 or (parent.text or "").strip() or (holder.tail or "").strip():
            continue
        figure = lxml_html.Element("figure")
        img.tail = None
        figure.append(img)
        caption = parent.getnext()
        if caption is not None and any("caption" in t.lower() for t in _tokens(caption)):
            caption.tag = "figcaption"
            caption.attrib.clear()
            figure.append(caption)
        figure.tail = parent.tail
        parent.getparent().replace(parent, figure)
    for fig in root.iter("figure"):
        for cap in list(fig.iter("div", "p", "span")):
            if any("caption" in t.lower() for t in _tokens(cap)) and not _in_caption_or_holds_media(cap, fig):
                cap.tag = "figcaption"


def _in_caption_or_holds_media(el, figure) -> bool:
    """Whether `el` already sits in a caption (a "caption-credit" line inside
    one is part of it, not a second caption) or holds the figure's picture
    (WordPress's "wp-caption" box wraps image and text alike)."""
    for anc in el.iterancestors():
        if anc is figure:
            break
        if anc.tag == "figcaption":
            return True
    return any(True for _ in el.iter("img", "picture", "svg", "video", "iframe", "table"))


def drop_read_more_links(root, base_url: str) -> None:
    """Drop "read more" / "continue reading" teaser links: on paper they
    lead nowhere, and the article is already whole."""
    for a in list(root.iter("a")):
        text = a.text_content().strip()
        if not text or len(text) > 60 or not READ_MORE_RE.search(text):
            continue
        parent = a.getparent()
        if parent is not None and parent.tag in ("p", "div", "li") and parent.text_content().strip() == text:
            _drop(parent)
        else:
            _drop(a)


_BYLINE_RE = re.compile(r"byline|author|dateline|writtenby|p-author", re.IGNORECASE)


def drop_byline(root, base_url: str) -> None:
    """Drop the article's byline block ("By Jane Doe, March 2024"): the
    source card prints the authors, so on paper it would say them twice.
    Like Readability.js: the first short element marked as a byline."""
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "article", "main"):
            continue
        marked = (
            el.get("rel") == "author"
            or "author" in (el.get("itemprop") or "")
            or _BYLINE_RE.search(" ".join(_tokens(el)))
        )
        if not marked:
            continue
        text = " ".join(el.text_content().split())
        if 0 < len(text) < 100 and not any(child.tag in ("h1", "h2", "h3", "p", "img", "figure") for child in el.iterdescendants()):
            _drop(el)
            return


_EDIT_RE = re.compile(r"^\[?\s*edit(\s+source)?\s*\]?$", re.IGNORECASE)


def drop_edit_links(root, base_url: str) -> None:
    """Drop wiki "[edit]" links beside headings (MediaWiki's mw-editsection
    and the like): on paper they are noise in every heading."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if any("editsection" in token or token == "edit-link" for token in _tokens(el)):
            _drop(el)
        elif el.tag == "a" and _inside(el, ("h1", "h2", "h3", "h4", "h5", "h6")) and _EDIT_RE.match(el.text_content().strip()):
            _drop(el)


def unwrap_heading_permalinks(root, base_url: str) -> None:
    """Keep the words of a heading that links to itself (a permalink or
    table-of-contents anchor: <h2 id=x><a href="#x">Title</a></h2>) and drop
    the link: on paper it points where the reader already is. A self-link
    that is only a mark (Sphinx's "¶", a blog's "#", "§", "🔗") goes whole:
    on paper it is a stray symbol after every heading."""
    page = urldefrag(base_url)[0]
    for heading in root.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        ids = {el.get("id") for el in (heading, *heading.iterancestors()) if el.get("id")}
        for a in list(heading.iter("a")):
            target, frag = urldefrag(a.get("href") or "")
            if frag and frag in ids and target in ("", page):
                if _is_only_a_mark(a.text_content()):
                    _drop(a)
                else:
                    a.drop_tag()


def _is_only_a_mark(text: str) -> bool:
    """Whether `text` is symbols and nothing a reader would read: no letter
    or digit ("¶", "#", "§", "🔗", or nothing at all)."""
    return not any(ch.isalnum() for ch in text)


def link_footnotes(root, base_url: str) -> None:
    """Keep footnote references working in print: links to the page itself
    become in-document "#id" links, old <a name> targets become ids, and
    references whose target was cut away lose their link but keep the mark."""
    page = urldefrag(base_url)[0]
    for a in root.iter("a"):
        if a.get("name") and not a.get("id"):
            a.set("id", a.get("name"))
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    for a in list(root.iter("a")):
        href = a.get("href") or ""
        target, frag = urldefrag(href)
        if not frag or (target and target != page):
            continue
        if frag in ids:
            a.set("href", "#" + frag)
        else:
            a.attrib.pop("href")


def normalize_headings(root, base_url: str) -> None:
    """Shift heading levels so the article's top level is <h2> under the
    printed title, whatever level the site chose; deep levels stop at h6."""
    headings = [el for el in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    if not headings:
        return
    top = min(int(h.tag[1]) for h in headings)
    shift = 2 - top
    for h in headings:
        h.tag = f"h{min(6, max(2, int(h.tag[1]) + shift))}"


#: Empty on purpose: the cells an aligned derivation is laid out with
#: (packet/extract/latexml.py), its padding and the empty left side of a
#: continued line.
_LAYOUT_CELLS = ("ltx_eqn_pad", "ltx_eqn_lhs", "ltx_eqn_rhs", "ltx_eqn_no")


def drop_empty_blocks(root, base_url: str) -> None:
    """Drop paragraphs and divs left empty once ads, icons and widgets went,
    so they do not print as blank gaps."""
    keep = {"img", "math", "br", "hr", "table", "figure", "video", "iframe"}
    for el in reversed(list(root.iter("p", "div", "span", "section", "li", "figure"))):
        if el is root or el.getparent() is None:
            continue
        if el.text_content().strip() or (el.get("class") or "").startswith(_LAYOUT_CELLS):
            continue
        if any(d.tag in keep or (isinstance(d.tag, str) and d.tag.endswith("}math")) for d in el.iter()):
            continue
        _drop(el)


def _is_line_numbers(cell) -> bool:
    """Whether `cell` is a highlighter's gutter: the numbers 1, 2, 3 ... (or
    from any first line on), one a line and counting up."""
    numbers = cell.text_content().split()
    return bool(numbers) and all(n.isdigit() for n in numbers) and all(
        int(b) == int(a) + 1 for a, b in zip(numbers, numbers[1:])
    )


def unwrap_code_tables(root, base_url: str) -> None:
    """A code sample that a highlighter laid out as a one-row table (WordPress's
    wp_syntax, Pygments' "highlighttable", GeSHi: a cell of line numbers
    beside a cell of code, or the code cell alone) becomes its <pre>: as a
    table it printed with a cell's padding and rule, its lines wrapped
    though sized to fit the page, and the line numbers came out as a
    column of text beside it. Only a table that holds nothing else: one
    code cell with one <pre> and no other words, at most a gutter before
    it, no caption (a table of code beside its output stays a table)."""
    for table in list(root.iter("table")):
        rows = table.xpath("./tr|./tbody/tr|./thead/tr")
        if len(rows) != 1 or table.xpath(".//table|.//caption"):
            continue
        cells = [cell for cell in rows[0] if cell.tag in ("td", "th")]
        if not cells or len(cells) > 2 or (len(cells) == 2 and not _is_line_numbers(cells[0])):
            continue
        pres = cells[-1].findall(".//pre")
        if len(pres) != 1 or " ".join(pres[0].text_content().split()) != " ".join(cells[-1].text_content().split()):
            continue
        pre = pres[0]
        pre.tail = table.tail
        table.getparent().replace(table, pre)


# What prints even without words: a heading over any of these heads something.
_SHOWN_WITHOUT_WORDS = ("img", "table", "figure", "pre", "video", "iframe", "svg", "hr")


def _reading_order(root) -> list:
    """The article as a reader meets it: ("heading", level, element) for
    each heading, ("content",) for any words or picture between them."""
    events: list = []
    walk = etree.iterwalk(root, events=("start", "end"))
    for action, el in walk:
        tag = el.tag if isinstance(el.tag, str) else ""
        if action == "start":
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                events.append(("heading", int(tag[1]), el))
                if _holds_media(el):
                    events.append(("content",))  # a picture set in a heading
                walk.skip_subtree()
            elif (el.text or "").strip() or tag in _SHOWN_WITHOUT_WORDS or tag.endswith("math"):
                events.append(("content",))
        elif el is not root and (el.tail or "").strip():
            events.append(("content",))
    return events


def drop_empty_headings(root, base_url: str) -> None:
    """Drop headings left with nothing under them once the furniture went:
    Wikipedia's "See also", "References" and "External links" printed as
    three bare headings at the end when their lists were cut. A heading goes
    when nothing follows it up to the end of the article, or up to a heading
    of higher rank after some of the article (a subsection left empty). One
    followed straight by a heading of its own rank stays, as does a smaller
    one above the article's first text: stacked headings are often a kicker
    and its title ("Part I" / "The Beginning", "Analysis" over the title)."""
    events = _reading_order(root)
    # Whether any of the article comes before each event (a heading above all
    # of it is a kicker, not an emptied subsection).
    text_before, seen = [], False
    for event in events:
        text_before.append(seen)
        seen = seen or event[0] == "content"
    # From the end, so that a heading whose only followers were dropped
    # ("See also" before a bare "References") is judged without them.
    for i in reversed(range(len(events))):
        event = events[i]
        if event[0] != "heading":
            continue
        following = next((events[j] for j in range(i + 1, len(events)) if events[j][0] == "content" or events[j][1] <= event[1]), None)
        emptied = following is not None and following[0] == "heading" and following[1] < event[1] and text_before[i]
        if following is None or emptied:
            if _is_a_title(event[2]):
                _drop(event[2])
                del events[i]


#: A heading longer than this, or one that ends a sentence, is the site
#: setting a line of its text as a heading ("This post originally appeared
#: at …", "Associated Press writers … contributed to this report."): text.
#: So is one with a figure or ©: the post's date, "© Reuters 2007".
TITLE_MAX_WORDS = 8
_NOT_A_TITLE_RE = re.compile(r"[.!?]$|[\d©]")


def _holds_media(el) -> bool:
    return any(isinstance(d.tag, str) and (d.tag in _SHOWN_WITHOUT_WORDS or d.tag.endswith("math")) for d in el.iterdescendants())


def _is_a_title(heading) -> bool:
    """Whether `heading` is a short title and nothing else: no sentence, no
    date, no picture or formula inside it (a CMS's <h2><img></h2>)."""
    if _holds_media(heading):
        return False
    text = " ".join(heading.text_content().split())
    return 0 < len(text.split()) <= TITLE_MAX_WORDS and not _NOT_A_TITLE_RE.search(text)


#: Math as sites leave it (TeX for a script to typeset, MathJax 2 and 3
#: output, MathML hidden behind an image) made <math>, on every page before
#: its format is known, so every path keeps its formulas: they read the
#: scripts that the other steps drop.
MATH_TRANSFORMS = [
    mathjax_to_math,
    tex_to_math,
    show_hidden_mathml,
]

PAGE_TRANSFORMS = [
    drop_scripts_and_styles,
    drop_hidden,
    drop_comment_threads,
    drop_boilerplate,
    drop_byline,
    drop_edit_links,
    unlazy_images,
    drop_tiny_icons,
    expand_details,
]

ARTICLE_TRANSFORMS = [
    unwrap_redirect_links,
    absolutize_urls,
    drop_read_more_links,
    drop_image_controls,
    drop_inline_teasers,
    drop_taxonomy_lines,
    unwrap_heading_permalinks,
    drop_promo_labels,
    drop_trailing_furniture,
    drop_pull_quotes,
    unwrap_code_tables,
    lone_image_to_figure,
    link_footnotes,
    drop_empty_blocks,
    join_split_sentences,
    drop_empty_headings,
    normalize_headings,
]


def apply(transforms, root, base_url: str) -> None:
    """Run `transforms` over `root` in list order."""
    for transform in transforms:
        transform(root, base_url)
