"""`packet check --links`: does every link of the curriculum still answer?

Readings, videos, presentation sources and block links are asked for once
each (HEAD, then GET where a server refuses HEAD), through the fetch
stage's client (its limits, timeouts and address guard), without building
anything. Each link gets a verdict: ok, moved (a redirect to another
address: update the curriculum), dead (4xx/5xx) or unreachable.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from packet.curriculum import Curriculum, Presentation, Video
from packet.errors import FetchError
from packet.render.pdf import write_atomically


@dataclass
class LinkCheck:
    where: str
    url: str
    verdict: str = "ok"
    status: int | None = None
    final_url: str | None = None
    redirects: list[tuple[int, str]] = field(default_factory=list)
    note: str = ""

    @property
    def needs_attention(self) -> bool:
        return self.verdict != "ok"


def curriculum_links(curriculum: Curriculum) -> list[tuple[str, str]]:
    """(where, url) for every link, each URL once, in curriculum order."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(where: str, url: str | None) -> None:
        if url and url not in seen:
            seen.add(url)
            found.append((where, url))

    for reading in curriculum.readings:
        add(f"reading {reading.id}", reading.url)
    for week in curriculum.weeks:
        for number, item in enumerate(week.agenda):
            label = f"week {week.number}, {item.title or item.kind}"
            if isinstance(item, Video):
                add(label, item.url)
            if isinstance(item, Presentation):
                for source in item.sources:
                    add(f"{label}: {source.title}", source.url)
            for link in item.links:
                add(f"{label}: {link.title}", link.url)
    return found


def _same_place(a: str, b: str) -> bool:
    """True when a redirect only changes scheme, `www.` or a trailing slash."""
    pa, pb = urlsplit(a), urlsplit(b)
    host = lambda p: (p.hostname or "").removeprefix("www.")  # noqa: E731
    return host(pa) == host(pb) and pa.path.rstrip("/") == pb.path.rstrip("/") and pa.query == pb.query


async def _check_one(client, where: str, url: str) -> LinkCheck:
    from packet.fetch.client import status_reason

    check = LinkCheck(where=where, url=url)
    try:
        response = await client.fetch(url, method="HEAD")
        if response.status in (403, 405, 501):
            response = await client.fetch(url, method="GET")
    except FetchError as exc:
        check.verdict, check.note = "unreachable", str(exc)
        return check
    check.status = response.status
    check.final_url = response.url
    check.redirects = list(response.redirects)
    if response.status >= 400:
        check.verdict, check.note = "dead", status_reason(response.status)
    elif response.redirects and not _same_place(url, response.url):
        first = response.redirects[0][0]
        check.verdict = "moved"
        check.note = f"moved ({first} to {response.url})"
    return check


async def _check_all(links: list[tuple[str, str]], options) -> list[LinkCheck]:
    from packet.fetch.client import Client

    async with Client(options) as client:
        return list(await asyncio.gather(*(_check_one(client, w, u) for w, u in links)))


def check_links(curriculum: Curriculum, options) -> list[LinkCheck]:
    return asyncio.run(_check_all(curriculum_links(curriculum), options))


def write_links_json(checks: list[LinkCheck], path: Path) -> None:
    data = [asdict(c) | {"needs_attention": c.needs_attention} for c in checks]
    write_atomically(path, json.dumps(data, indent=2).encode("utf-8"))
