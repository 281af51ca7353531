"""What the render stage receives for each reading: the curriculum's entry and
whatever the fetch and extract stages made of it."""

from __future__ import annotations

from dataclasses import dataclass, field

from packet.article import Article
from packet.curriculum import Reading
from packet.render.pdf import Asset


@dataclass
class ReadingMaterial:
    """One reading, ready to lay out.

    Exactly one of `article` (an HTML reading) or `pdf` (a PDF reading, page
    ranges already applied) is set when the reading was had; neither when it
    was not, and `reason` says why (the handout prints a placeholder page).
    `selection` describes what part is printed ("Section 2 only"), or that a
    selection matched nothing and the whole reading is printed.
    """

    reading: Reading
    url: str
    article: Article | None = None
    pdf: bytes | None = None
    reason: str | None = None
    selection: str | None = None
    assets: dict[str, Asset] = field(default_factory=dict)

    @property
    def had(self) -> bool:
        return self.article is not None or self.pdf is not None

    @property
    def words(self) -> int | None:
        if self.article is not None:
            return self.article.word_count
        return self.reading.words
