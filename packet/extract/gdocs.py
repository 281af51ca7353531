"""Google Docs exports read by their markup, however they arrived.

An export (`/export?format=html`), a published `/pub` page or a saved copy
carries its title in `p.title` and its bold, italics and list levels only
in generated CSS classes. packet/docs_export.py rewrites it into plain
semantic HTML; the document body is then the article, whole.

A document written without a title paragraph is titled by its file name
(the fetch source puts the export's Content-Disposition name in <title>)
or a saved page's title, else by its first heading; its headings all stay
in the body, since none of them is the title.
"""

from __future__ import annotations

from packet.docs_export import normalise_docs_export
from packet.extract.formats import Dedicated
from packet.extract.metadata import Metadata


def gdocs_article(doc, url: str, meta: Metadata) -> Dedicated | None:
    """The body of a Docs export and its metadata, or None for other pages."""
    title = normalise_docs_export(doc)
    if title is None:
        return None
    body = doc.find("body")
    corrected = Metadata(title=title or meta.title, authors=meta.authors, date=meta.date, site=meta.site, lang=meta.lang)
    return Dedicated("gdocs", body, corrected, keep_title_heading=not title)
