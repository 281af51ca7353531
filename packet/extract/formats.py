"""Markup with a known shape gets its own extraction path, however it arrived.

Some documents say what made them: a LaTeXML paper (arXiv HTML, ar5iv), a
Google Docs HTML export, a forum post (ForumMagnum's page or its API's
body), a Substack post page. For those the article is not guessed by
readability-lxml: the format's own structure names it, whether the page
came from the service, a mirror, or a saved file. `dedicated_article` is
asked first by the extract stage; it returns None for every other page,
which then takes the general path.
"""

from __future__ import annotations

from dataclasses import dataclass

from packet.extract.metadata import Metadata


@dataclass
class Dedicated:
    """The article block of a recognised document and what it says of itself."""

    #: Name of the format, reported with the article ("latexml", "gdocs", ...).
    format: str
    #: The article element (its tree may be the page's own).
    root: object
    meta: Metadata
    #: The title is no heading of the body (a Docs export without a title
    #: paragraph is titled by its file name or first heading): every heading prints.
    keep_title_heading: bool = False


def _formats():
    from packet.extract.forum import forum_article
    from packet.extract.gdocs import gdocs_article
    from packet.extract.latexml import latexml_article
    from packet.extract.substack import substack_article

    return (latexml_article, gdocs_article, forum_article, substack_article)


def dedicated_article(doc, url: str, meta: Metadata) -> Dedicated | None:
    """The article of `doc` when its markup is a known format; else None.

    `meta` is what the general metadata reader found; a format returns it
    corrected (e.g. authors from LaTeXML's own markup)."""
    for reader in _formats():
        found = reader(doc, url, meta)
        if found is not None:
            return found
    return None
