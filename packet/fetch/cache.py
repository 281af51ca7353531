"""The fetch stage's disk cache: what was fetched once is never fetched again
unless asked (`--refresh`), and a rebuild works with no network at all.

Our own small store rather than hishel 2: hishel implements HTTP caching
(RFC 9111), so it decides freshness from Cache-Control and skips `no-store`
pages, while a handout build wants the opposite: keep every reading as it
was fetched, regardless of what the site says about freshness, reuse it
without a single request, revalidate only when asked, and be able to answer
"what exactly did we print?" for a lock file (the sha256 of each body).
A reading is stored once under its curriculum URL (variant "reading"), as
the final content the source produced (an arXiv HTML rendering, a forum post
wrapped in HTML), so a second build repeats none of the fallbacks; images are
stored under their own URL (variant "asset").

Layout: <cache_dir>/<2 hex>/<sha256 of variant and URL>.body and .json. The
body is written before its sidecar, each through a temporary file and
os.replace, so a crash leaves at worst an orphan body, never a sidecar that
points at half a body. On read the size and sha256 are checked; a damaged
entry is deleted and treated as absent.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass
class CacheEntry:
    """What the sidecar records about one cached body."""

    url: str
    variant: str
    final_url: str
    #: The kind of body as packet treats it: text/html, application/pdf, image/png...
    content_type: str
    fetched_at: str
    size: int
    sha256: str
    source: str = ""
    #: The Content-Type header as served (its charset decodes the body).
    declared_type: str = ""
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    #: The URL the validators belong to (the one a revalidation asks again).
    upstream: str = ""
    redirects: list[list] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    @property
    def fetched_time(self) -> datetime:
        return datetime.fromisoformat(self.fetched_at)


class Cache:
    """A directory of verified bodies keyed by (variant, URL)."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def _paths(self, url: str, variant: str) -> tuple[Path, Path]:
        key = hashlib.sha256(f"{variant}\n{url}".encode()).hexdigest()
        folder = self.root / key[:2]
        return folder / f"{key}.body", folder / f"{key}.json"

    def body_path(self, url: str, variant: str) -> Path:
        return self._paths(url, variant)[0]

    def lookup(self, url: str, variant: str) -> CacheEntry | None:
        """The entry for `url` if its body is intact, else None (and a
        damaged entry is removed so it is refetched)."""
        found = self.load(url, variant)
        return found[0] if found else None

    def load(self, url: str, variant: str) -> tuple[CacheEntry, bytes] | None:
        body_path, meta_path = self._paths(url, variant)
        try:
            record = json.loads(meta_path.read_text(encoding="utf-8"))
            entry = CacheEntry(**record)
            body = body_path.read_bytes()
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError):
            self.discard(url, variant)
            return None
        if len(body) != entry.size or hashlib.sha256(body).hexdigest() != entry.sha256:
            self.discard(url, variant)
            return None
        return entry, body

    def store(self, entry: CacheEntry, body: bytes) -> CacheEntry:
        """Write `body` and its sidecar; size and sha256 are filled in here."""
        entry.size = len(body)
        entry.sha256 = hashlib.sha256(body).hexdigest()
        body_path, meta_path = self._paths(entry.url, entry.variant)
        body_path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(body_path, body)
        self.write_sidecar(entry)
        return entry

    def write_sidecar(self, entry: CacheEntry) -> None:
        """Replace only the sidecar (after a revalidation, the body is unchanged)."""
        _, meta_path = self._paths(entry.url, entry.variant)
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(meta_path, json.dumps(asdict(entry), indent=1, ensure_ascii=False).encode())

    def discard(self, url: str, variant: str) -> None:
        for path in self._paths(url, variant):
            path.unlink(missing_ok=True)

    def _failure_path(self, url: str) -> Path:
        key = hashlib.sha256(f"failure\n{url}".encode()).hexdigest()
        return self.root / "failures" / f"{key}.json"

    def remember_failure(self, url: str, reason: str, http_status: int | None, at: str) -> None:
        """Record that `url` could not be had, so the next build reports it
        again without asking the site (`--refresh` tries again)."""
        path = self._failure_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"url": url, "reason": reason, "http_status": http_status, "at": at}
        _write_atomic(path, json.dumps(record).encode())

    def failure(self, url: str) -> dict | None:
        try:
            record = json.loads(self._failure_path(url).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return record if isinstance(record, dict) and record.get("url") == url else None

    def forget_failure(self, url: str) -> None:
        self._failure_path(url).unlink(missing_ok=True)


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        # No fsync: a body torn by a power cut fails its sha256 check and is
        # refetched, which is cheaper than syncing every reading to disk.
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
