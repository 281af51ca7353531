"""What the fetch stage hands on: a Resource per reading (or per image).

The fetch stage (packet/fetch) turns a FetchRequest into a Resource; the
extract stage reads Resource.text (HTML) and the render stage merges
Resource.body when it is a PDF. Nothing downstream touches the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

Status = Literal["ok", "cached", "revalidated", "failed", "missing", "skipped"]

#: Statuses meaning the reading's content is available to print.
HAD = frozenset({"ok", "cached", "revalidated"})

#: A reading with neither URL nor file, read from a copy outside the packet:
#: the fetch stage's Resource.source for it, and its status in report.json.
NOT_IN_PACKET = "not-in-packet"


@dataclass(frozen=True)
class FetchRequest:
    """One thing to fetch: a reading of the curriculum, or a source given to
    `packet extract` / `packet print`."""

    id: str
    url: str | None = None
    path: Path | None = None
    kind: str = "article"


@dataclass
class Resource:
    """The outcome of fetching one FetchRequest, whether it worked or not."""

    request: FetchRequest
    status: Status
    reason: str | None = None
    url: str = ""
    content_type: str = ""
    body: bytes | None = None
    text: str | None = None
    fetched_at: datetime | None = None
    source: str = ""
    meta: dict = field(default_factory=dict)
    redirects: list[tuple[int, str]] = field(default_factory=list)
    http_status: int | None = None

    @property
    def had(self) -> bool:
        return self.status in HAD

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"
