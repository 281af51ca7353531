"""packet.lock: a record of what was printed, and what changed since.

Written next to the curriculum after every `packet build`, one entry per
reading (URL, final URL, fetch time, hash of the extracted text, words,
printed pages), as YAML sorted by id so it diffs well in version control.
The next build compares against it and reports "moved (301 to ...)",
"text changed: about 23% of words differ", "dead since 2026-09-01 (404)" or
"new reading". The fetched bodies the lock names are kept content-addressed
beside the cache, so `packet build --frozen` can print exactly them later.
A lock that is damaged (bad YAML, a merge conflict left in it) is reported
and kept as packet.lock.damaged-DATE, never silently replaced.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from packet.errors import FrozenError, LockError, ReadError
from packet.render.pdf import write_atomically
from packet.resource import FetchRequest, Resource

LOCK_NAME = "packet.lock"
HEADER = (
    "# packet.lock: what `packet build` printed, reading by reading.\n"
    "# Written by packet; commit it with the curriculum. `packet build --frozen`\n"
    "# prints exactly this content again.\n"
)


@dataclass
class Change:
    id: str
    what: str


def lock_path(curriculum_path: Path) -> Path:
    return Path(curriculum_path).resolve().parent / LOCK_NAME


def read_lock(path: Path) -> dict[str, dict]:
    """The readings packet.lock records, by id; {} when there is no lock yet.

    Raises LockError when the file is there but is not a lock packet wrote
    (bad YAML, a merge conflict, an entry that is not a mapping), and
    ReadError when it cannot be read at all.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ReadError.from_os_error(exc, path) from None
    return _parse_lock(raw)


def _parse_lock(raw: bytes) -> dict[str, dict]:
    conflict = re.search(rb"^(<{7}|={7}|>{7})( |$)", raw, flags=re.M)
    if conflict:
        line = raw[: conflict.start()].count(b"\n") + 1
        raise LockError(f"line {line}: an unresolved merge conflict")
    try:
        data = YAML(typ="safe").load(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise LockError(f"not UTF-8 text (byte {exc.start})") from None
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise LockError(f"{where}{getattr(exc, 'problem', None) or 'not YAML'}") from None
    if not isinstance(data, dict) or "readings" not in data:
        raise LockError("no `readings:` in it")
    readings = data["readings"] or {}
    if not isinstance(readings, dict):
        raise LockError("`readings:` is not a mapping of reading ids")
    for rid, entry in readings.items():
        if not isinstance(rid, str):
            raise LockError(f"reading id {rid!r} is not text")
        if not isinstance(entry, dict):
            raise LockError(f"the entry of {rid} is not a mapping")
        for field, value in entry.items():
            problem = _field_problem(field, value)
            if problem:
                raise LockError(f"the entry of {rid}: {field} {problem}")
    return readings


_SHA256_RE = re.compile(r"[0-9a-f]{64}")


def _field_problem(field, value) -> str | None:
    """What is wrong with one field of a lock entry, or None. The hashes
    name folders in the content store, so they must be hashes and nothing
    else (never a path)."""
    if not isinstance(field, str):
        return "is not a field name"
    if field in ("body_sha256", "text_sha256"):
        return None if isinstance(value, str) and _SHA256_RE.fullmatch(value) else "is not a SHA-256 hash (64 hex digits)"
    if field in ("words", "pages", "dead_status"):
        ok = value is None or isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return None if ok else "is not a whole number"
    if field in ("url", "final_url", "content_type"):
        return None if value is None or isinstance(value, str) else "is not text"
    if field in ("fetched_at", "dead_since"):
        # a hand edit can leave a date unquoted, and YAML reads it as a date
        return None if value is None or isinstance(value, (str, date, datetime)) else "is not a date"
    return None


def _keep_damaged(path: Path, raw: bytes) -> Path:
    """Copy a damaged lock aside (packet.lock.damaged-DATE, then -2, -3...)
    before a new one replaces it, so no record is lost without a trace."""
    stem = f"{path.name}.damaged-{datetime.now().date().isoformat()}"
    backup, number = path.with_name(stem), 1
    while backup.exists():
        number += 1
        backup = path.with_name(f"{stem}-{number}")
    write_atomically(backup, raw)
    return backup


def _content_dir(fetch_options) -> Path:
    return Path(fetch_options.cache_dir).parent / "locked"


def _words(text: str) -> Counter:
    return Counter(text.lower().split())


def words_differ(old: str, new: str) -> float:
    """Share of words that differ between two texts (0 = same, 1 = disjoint)."""
    a, b = _words(old), _words(new)
    total = max(sum(a.values()), sum(b.values()), 1)
    common = sum((a & b).values())
    return 1 - common / total


def update_lock(curriculum_path: Path, result) -> list[Change]:
    """Compare the build with packet.lock, store the new lock, return changes.

    A damaged lock is copied aside before the new one replaces it, and the
    build's warnings say so; it is never overwritten unseen.
    """
    path = lock_path(curriculum_path)
    try:
        old = read_lock(path)
        damage = None
    except LockError as exc:
        old, damage = {}, exc.reason
    if not old and not any(r.had for r in result.resources):
        if damage:
            result.warnings.append(f"{LOCK_NAME} is damaged ({damage}); left as it is, since nothing was fetched")
        return []  # nothing fetched and nothing locked yet: no lock to write
    if damage:
        backup = _keep_damaged(path, path.read_bytes())
        result.warnings.append(
            f"{LOCK_NAME} was damaged ({damage}); kept as {backup.name}, "
            f"and a new {LOCK_NAME} records this build"
        )
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    by_id = {r.request.id: r for r in result.resources}
    changes: list[Change] = []
    new_entries: dict[str, dict] = dict(old)
    fetch_options = result.fetch_options
    for report in result.readings:
        resource = by_id.get(report.id)
        if resource is None or resource.status in ("skipped",):
            continue
        before = old.get(report.id)
        entry = dict(before or {})
        entry["url"] = report.url
        if resource.had:
            text = result.texts.get(report.id, "")
            body = resource.body if resource.is_pdf else (resource.text or "").encode("utf-8")
            body_sha = hashlib.sha256(body).hexdigest()
            text_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            entry.update({
                "final_url": resource.url or report.url,
                "fetched_at": resource.fetched_at.isoformat() if resource.fetched_at else now,
                "content_type": resource.content_type,
                "body_sha256": body_sha,
                "text_sha256": text_sha,
                "words": report.words,
                "pages": report.pages,
            })
            gone = _refresh_found_gone(resource)
            if gone is not None:
                # The site answered 404/410 but the cached copy was printed:
                # the organizer still needs to hear the page is dead.
                since = (before or {}).get("dead_since") or now[:10]
                entry["dead_since"], entry["dead_status"] = since, gone
                changes.append(Change(report.id, f"dead since {since} ({gone})"))
            else:
                entry.pop("dead_since", None)
                entry.pop("dead_status", None)
            if fetch_options is not None:
                _store_content(_content_dir(fetch_options), resource, body, body_sha, text)
            if before is None:
                changes.append(Change(report.id, "new reading"))
            else:
                if before.get("final_url") and before.get("final_url") != entry["final_url"]:
                    status = resource.redirects[0][0] if resource.redirects else None
                    how = f"{status} to " if status else "now at "
                    changes.append(Change(report.id, f"moved ({how}{entry['final_url']})"))
                if before.get("text_sha256") and before["text_sha256"] != text_sha:
                    old_text = _stored_text(fetch_options, before.get("body_sha256")) if fetch_options else None
                    if old_text is not None:
                        share = words_differ(old_text, text)
                        changes.append(Change(report.id, f"text changed: about {round(share * 100)}% of words differ"))
                    else:
                        changes.append(Change(report.id, "text changed"))
        else:
            reason = report.reason or resource.reason or resource.status
            if resource.status == "missing":
                continue  # offline: nothing learned about the site
            if resource.http_status in (404, 410) or (before and before.get("dead_since")):
                since = (before or {}).get("dead_since") or now[:10]
                entry["dead_since"] = since
                entry["dead_status"] = resource.http_status
                changes.append(Change(report.id, f"dead since {since} ({resource.http_status or reason})"))
            elif before is None:
                changes.append(Change(report.id, f"new reading, not fetched: {reason}"))
            else:
                changes.append(Change(report.id, f"failed this time: {reason}"))
        new_entries[report.id] = entry
    data = {"readings": {k: new_entries[k] for k in sorted(new_entries)}}
    out = io.StringIO()
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.width = 4096
    yaml.dump(data, out)
    write_atomically(path, (HEADER + out.getvalue()).encode("utf-8"))
    return changes


_REFRESH_GONE_RE = re.compile(r"^refresh failed \((404|410) ")


def _refresh_found_gone(resource: Resource) -> int | None:
    """404 or 410 when a --refresh found the page gone and the fetch stage
    kept the cached copy (it says so only in the reason), else None."""
    match = _REFRESH_GONE_RE.match(resource.reason or "")
    return int(match.group(1)) if match else None


def _store_content(folder: Path, resource: Resource, body: bytes, sha: str, text: str) -> None:
    target = folder / sha
    if (target / "meta.json").exists():
        return
    write_atomically(target / "body", body)
    write_atomically(target / "text.txt", text.encode("utf-8"))
    meta = {
        "url": resource.url, "content_type": resource.content_type, "source": resource.source,
        "meta": resource.meta, "fetched_at": resource.fetched_at.isoformat() if resource.fetched_at else None,
    }
    write_atomically(target / "meta.json", json.dumps(meta).encode("utf-8"))


def _stored_text(fetch_options, sha: str | None) -> str | None:
    if not sha:
        return None
    try:
        return (_content_dir(fetch_options) / sha / "text.txt").read_text(encoding="utf-8")
    except OSError:
        return None


def frozen_resources(curriculum_path: Path, requests: list[FetchRequest], fetch_options) -> list[Resource]:
    """The locked content of every reading, or FrozenError naming what is missing."""
    try:
        locked = read_lock(lock_path(curriculum_path))
    except LockError as exc:
        raise FrozenError(f"--frozen: {exc}; it is left as it is") from None
    resources, missing = [], []
    for request in requests:
        if request.kind == "video":
            resources.append(Resource(request=request, status="skipped"))
            continue
        entry = locked.get(request.id)
        if not entry or not entry.get("body_sha256"):
            missing.append(f"{request.id} (not in {LOCK_NAME})")
            continue
        folder = _content_dir(fetch_options) / entry["body_sha256"]
        try:
            body = (folder / "body").read_bytes()
            meta = json.loads((folder / "meta.json").read_text())
        except (OSError, ValueError):
            missing.append(f"{request.id} (locked content not in the cache)")
            continue
        if hashlib.sha256(body).hexdigest() != entry["body_sha256"]:
            missing.append(f"{request.id} (cached content is corrupt)")
            continue
        text = body.decode("utf-8", "replace") if meta.get("content_type") != "application/pdf" else None
        fetched = meta.get("fetched_at")
        resources.append(Resource(
            request=request, status="cached", url=meta.get("url") or request.url or "",
            content_type=meta.get("content_type") or "text/html",
            body=body if text is None else None, text=text, source=meta.get("source") or "",
            meta=meta.get("meta") or {}, fetched_at=datetime.fromisoformat(fetched) if fetched else None,
        ))
    if missing:
        raise FrozenError(f"--frozen: cannot print exactly the locked content: {'; '.join(missing)}")
    return resources
