"""What the extract stage hands on: an Article, cleaned and ready to print."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """A reading's text with the site around it stripped.

    `html` is sanitised article body HTML (no title heading, headings
    starting at h2); `text` its plain running text, without figure
    captions, and `word_count` the words a reader reads, captions
    included (packet/extract/text.py says why). `images` lists the absolute
    URLs of images `html` refers to, for the fetch stage to download.
    """

    url: str
    title: str = ""
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    site: str | None = None
    lang: str | None = None
    html: str = ""
    text: str = ""
    word_count: int = 0
    images: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: The public web address the page declares for itself (its canonical
    #: link, og:url, or the address a browser noted when saving it): where
    #: a reading read from a saved file is online.
    canonical_url: str | None = None
    #: The dedicated format the article was read as ("latexml", "gdocs",
    #: "forum", "substack"), or None for the general path.
    format: str | None = None
