"""The readings of the semester as the import meets them: each once, by
address, with a readable id made from its title."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from packet.authoring.draft import Noted
from packet.authoring.mentions import Mention, local_path

STOPWORDS = {
    "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "with", "from", "is", "are", "be", "by",
    "at", "as", "its", "it", "that", "this", "why", "how", "what", "when", "can", "could", "might", "we", "you",
}


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text)
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_text.lower()) if w]
    significant = [w for w in words if w not in STOPWORDS] or words
    slug = "-".join(significant[:4])
    return slug[:40].strip("-")


def normal_url(url: str) -> str:
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower().removeprefix("www."), path, parts.query, ""))


def normal_title(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


class ReadingList:
    """Every reading once, by address; ids readable and unique."""

    def __init__(self) -> None:
        self.entries: list[Noted] = []
        self.weeks: list[int] = []  # the week each reading first appears in
        self._by_url: dict[str, str] = {}
        self._by_title: dict[str, str] = {}
        self._ids: set[str] = set()

    def add(self, mention: Mention, week: int) -> str:
        key = normal_url(mention.url)
        if key in self._by_url:
            return self._by_url[key]
        base = slug(mention.title) or slug(urlsplit(mention.url).netloc) or "reading"
        rid, n = base, 2
        while rid in self._ids:
            rid, n = f"{base}-{n}", n + 1
        self._ids.add(rid)
        entry: dict[str, Any] = {"id": rid, "title": mention.title}
        if mention.authors:
            entry["authors"] = mention.authors
        if mention.year:
            entry["year"] = mention.year
        if mention.site:
            entry["site"] = mention.site
        if mention.reading_kind:
            entry["kind"] = mention.reading_kind
        path = local_path(mention.url)
        if path:
            entry["path"] = path
            guesses = [*mention.guesses, f"a file beside the guide: path {path!r} is read relative to this curriculum"]
        else:
            entry["url"] = mention.url
            guesses = list(mention.guesses)
        if mention.sections:
            entry["sections"] = {k: v for k, v in mention.sections.items() if v}
        self.entries.append(Noted(entry, guesses))
        self.weeks.append(week)
        self._by_url[key] = rid
        self._by_title.setdefault(normal_title(mention.title), rid)
        return rid

    def give_minutes(self, rid: str, minutes: float, note: str | None) -> None:
        """The minutes a guide gives one reading of a list ("(15 min)" after
        it, a table's Time column): the reading's own, for the run-sheet to
        add up, unless it has them already."""
        entry = next(e for e in self.entries if e.value["id"] == rid)
        if "minutes" not in entry.value:
            entry.value["minutes"] = minutes
            if note:
                entry.notes.append(note)

    def by_url(self, url: str) -> str | None:
        return self._by_url.get(normal_url(url))

    def by_title(self, title: str) -> str | None:
        return self._by_title.get(normal_title(title))
