"""ForumMagnum posts (LessWrong, the Alignment Forum, the EA Forum) read by their markup.

Both the post page and the API's `htmlBody` (which packet wraps in the
page's own `PostsPage-postContent` block) keep the post in one element.
The page around it holds titles, vote counts, tag lists, a table of
contents and hundreds of comments, much of it in blocks whose class names
read like boilerplate, so the general path loses the post (a real
13,000-word post page printed nothing). Here the post block is taken
whole and cleaned by FORUM_STEPS (its server-rendered MathJax is math
already, as on every page): footnote back-links and the forum's
interactive widgets go.
"""

from __future__ import annotations

import re

from packet.extract.formats import Dedicated
from packet.extract.metadata import Metadata
from packet.markup import class_list

#: Widgets inside a post body that only work on screen.
WIDGET_CLASSES = frozenset({"footnote-back-link", "footnote-backlink", "PostsPage-commentsSection",
                            "LWPopover", "InlineReactSelectionWrapper", "reacts", "commentOnSelection-button"})


#: ForumMagnum's component class names ("PostsPage-postContent",
#: "PostsAuthors-authorName", "UsersNameDisplay-noColor"); another page's
#: `div#postContent` carries none of them.
_FORUM_CLASS_RE = re.compile(r"^(?:PostsPage|PostsAuthors|PostsPageTitle|PostsVote|PostsItem|UsersNameDisplay|ContentStyles|"
                             r"CommentsNode|CommentsItem|CommentsSection|LWPopover|FooterTagList|TagsList|SingleColumnSection)\w*(?:-\w+)?$")
#: Distinct ForumMagnum class names that make `div#postContent` the post.
_FORUM_EVIDENCE = 3


def _forum_classes(doc, enough: int) -> int:
    seen: set[str] = set()
    for el in doc.iter():
        if isinstance(el.tag, str):
            seen.update(c for c in class_list(el) if _FORUM_CLASS_RE.match(c))
            if len(seen) >= enough:
                break
    return len(seen)


def find_post(doc):
    """The post body of a ForumMagnum page or API answer, or None."""
    marked = None
    for el in doc.iter("div", "article", "section"):
        if "PostsPage-postContent" in class_list(el):
            return el
        if marked is None and el.tag == "div" and el.get("id") == "postContent":
            marked = el
    if marked is not None and _forum_classes(doc, _FORUM_EVIDENCE) >= _FORUM_EVIDENCE:
        return marked
    return None


def page_authors(doc) -> list[str]:
    """Authors named in the post page's byline (co-authors included)."""
    names: list[str] = []
    for byline in doc.xpath('//*[contains(@class, "PostsAuthors-authorName")]'):
        for link in byline.xpath('.//a[contains(@class, "UsersNameDisplay")] | .//a[contains(@href, "/users/")]'):
            name = " ".join(link.text_content().split())
            if name and name not in names:
                names.append(name)
        if names:
            break
    return names


#: How the forums end a page's <title>: "<post title> — LessWrong".
SITE_SUFFIX = re.compile(r"\s+[—–-]\s+(LessWrong|EA Forum|Effective Altruism Forum|AI Alignment Forum|Alignment Forum)\s*$", re.I)


def page_title(doc, title: str) -> str:
    """The post's title: the page's title heading, else its <title> without
    the forum's name."""
    for heading in doc.xpath('//*[contains(@class, "PostsPageTitle-link") or contains(@class, "PostsPageTitle-root")]'):
        text = " ".join(heading.text_content().split())
        if text:
            return text
    return SITE_SUFFIX.sub("", title or "")


def drop_widgets(root, base_url: str) -> None:
    """Drop footnote back-links, reaction buttons and comment widgets."""
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and set(class_list(el)) & WIDGET_CLASSES:
            el.drop_tree()


def drop_scripts(root, base_url: str) -> None:
    """Drop scripts and inline styles (MathJax ships its CSS inside the body)."""
    for el in list(root.iter("script", "style", "noscript")):
        el.drop_tree()


FORUM_STEPS = [drop_scripts, drop_widgets]


def forum_article(doc, url: str, meta: Metadata) -> Dedicated | None:
    """The post of a ForumMagnum page or API answer and its metadata, or None."""
    root = find_post(doc)
    if root is None:
        return None
    for step in FORUM_STEPS:
        step(root, url)
    authors = meta.authors or page_authors(doc)
    return Dedicated("forum", root, Metadata(title=page_title(doc, meta.title), authors=authors, date=meta.date, site=meta.site, lang=meta.lang))
