"""Links to places in the guide itself, which are never readings or videos.

A guide links to its own headings: a Google Docs export's table of contents
and its "see Week 3" links point at "#h.xxxx", a Markdown copy of a Doc at
"#heading=h.xxxx" or "#bookmark=id.xxxx", Word's contents at "#_Toc123".
A Doc's own address with such a place ("https://docs.google.com/document/
d/<id>/edit#heading=h.xxxx", as a person copies a link to a heading) is
the guide too when the place is one of the guide's own: a heading's id in
the export, or the place a "#" link of the guide points at. `blocks.tidy`
makes such a link the plain words it is, with no address, keeping where it
pointed (Run.place) so that a table of contents can be told by it
(contents.linked_in_document).
"""

from __future__ import annotations

import re

# A Google Doc's address with a place in it: the document's id and the place.
DOCS_PLACE_RE = re.compile(
    r"^https?://docs\.google\.com/document/(?:u/\d+/)?d/([\w-]{10,})(?:/[^#?]*)?(?:\?[^#]*)?"
    r"#(?:heading=|bookmark=)?((?:h|id|kix)\.[\w-]+)$",
    re.I,
)


def place(url: str) -> str | None:
    """The place an in-document link points at ("h.abc" for "#h.abc",
    "#heading=h.abc" and a Doc's address ending so), else None."""
    url = url.strip()
    if url.startswith("#"):
        return re.sub(r"^(?:heading|bookmark)=", "", url[1:], flags=re.I) or None
    docs = DOCS_PLACE_RE.match(url)
    return docs.group(2) if docs else None


def in_document(url: str) -> bool:
    """A link to a place in the document it is written in: "#...", the only
    kind a link can be without knowing the guide's other links."""
    return url.strip().startswith("#")


def own_docs(urls: list[str], places: set[str]) -> set[str]:
    """The ids of the Google Docs that are the guide itself: a Doc address
    whose place is one of the guide's own `places`."""
    return {m.group(1) for url in urls if (m := DOCS_PLACE_RE.match(url.strip())) and m.group(2) in places}


def points_home(url: str, docs: set[str]) -> bool:
    """Whether a link goes to a place in the guide itself (`docs`: the ids
    of the Google Docs the guide is, from `own_docs`)."""
    if in_document(url):
        return True
    match = DOCS_PLACE_RE.match(url.strip())
    return bool(match) and match.group(1) in docs
