"""Fetching a curriculum's readings: FetchRequest in, Resource out.

The heart of the fetch stage. Each request is settled without the network
when it can be (a video is skipped, and so is a reading with neither URL nor
file, read from a copy outside the packet; a local file is read, a cached
reading is reused, offline mode reports what is missing); the rest are fetched
concurrently through one Client by the source module their URL calls for,
and stored in the cache. A network fault never escapes: it becomes a
Resource with status "failed" and the reason a person can act on.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from datetime import datetime, timezone
from typing import Callable

import httpx

from packet.errors import FetchError
from packet.fetch.cache import Cache, CacheEntry
from packet.fetch.charset import decode_html
from packet.fetch.client import Client
from packet.fetch.netguard import check_scheme
from packet.fetch.options import FetchOptions
from packet.fetch.sources import Content, Context, NotModified, arxiv, forum, gdocs, landing, page, substack
from packet.fetch.sources.local import read_local
from packet.video import is_video_url
from packet.resource import NOT_IN_PACKET, FetchRequest, Resource

VARIANT = "reading"
OFFLINE_MISSING = "not in the cache (offline)"
NOT_IN_PACKET_REASON = "not in the packet (no url or path): read from a copy outside it, not fetched"


def pick_source(url: str, options: FetchOptions):
    """The source module for a reading URL (the page itself if no site matches)."""
    for module in (gdocs, arxiv, forum, substack):
        if module.matches(url, options):
            return module
    return page


async def fetch_readings(
    requests: list[FetchRequest],
    options: FetchOptions,
    on_done: Callable[[Resource], None] | None = None,
) -> list[Resource]:
    cache = Cache(options.cache_dir)
    results: list[Resource | None] = [None] * len(requests)

    def finish(index: int, resource: Resource) -> None:
        results[index] = resource
        if on_done is not None:
            on_done(resource)

    pending = []
    for index, request in enumerate(requests):
        settled, found = _settle_without_network(request, cache, options)
        if settled is not None:
            finish(index, settled)
        else:
            pending.append((index, request, found))

    if pending:
        async with Client(options) as client:
            # The same URL twice in a curriculum is fetched once.
            tasks: dict[str, asyncio.Task[Resource]] = {}

            async def run(index: int, request: FetchRequest, found) -> None:
                if request.url not in tasks:
                    tasks[request.url] = asyncio.create_task(
                        _fetch_remote(client, request.url, found, cache, options, request.kind)
                    )
                try:
                    resource = await tasks[request.url]
                except Exception as exc:  # noqa: BLE001 - one reading's bug must not sink the rest
                    resource = _internal_failure(request, exc)
                finish(index, replace(resource, request=request))

            await asyncio.gather(*(run(*item) for item in pending))
    return results  # type: ignore[return-value]


def is_not_in_packet(request: FetchRequest) -> bool:
    """A reading with neither URL nor file: read from a copy outside the packet."""
    return not request.url and request.path is None


def not_in_packet(request: FetchRequest) -> Resource:
    """What fetching a reading not in the packet comes to: skipped, not failed."""
    return Resource(request, "skipped", reason=NOT_IN_PACKET_REASON, source=NOT_IN_PACKET)


def _internal_failure(request: FetchRequest, exc: Exception) -> Resource:
    """A reading whose fetch hit a fault packet did not foresee: reported as
    failed with what went wrong, so the other readings (fetched in the same
    gather) still arrive and the build prints a placeholder for this one."""
    return Resource(
        request, "failed", url=request.url or "",
        reason=f"packet could not fetch this reading (internal error, please report it: {type(exc).__name__}: {exc})",
    )


def _settle_without_network(request: FetchRequest, cache: Cache, options: FetchOptions):
    """(Resource, None) when no request is needed, else (None, cached entry or None)."""
    if is_not_in_packet(request):
        return not_in_packet(request), None
    if request.kind == "video" or (request.url and is_video_url(request.url)):
        return Resource(request, "skipped", reason="video: linked, not fetched", url=request.url or "", source="video"), None
    if request.path is not None:
        return _read_local(request, options), None
    try:
        check_scheme(request.url)
    except FetchError as exc:
        return Resource(request, "failed", reason=str(exc), url=request.url), None
    found = cache.load(request.url, VARIANT)
    if found is not None and (not options.refresh or options.offline):
        return resource_from_entry(request, *found, status="cached"), None
    failure = cache.failure(request.url) if found is None and not options.refresh else None
    if failure is not None:
        # A reading that failed last time is reported the same way without
        # asking the site again, so a rebuild makes no request at all.
        return Resource(
            request, "failed", reason=failure["reason"], url=request.url,
            http_status=failure.get("http_status"), meta={"failed_at": failure.get("at")},
        ), None
    if options.offline:
        return Resource(request, "missing", reason=OFFLINE_MISSING, url=request.url), None
    return None, found


def _read_local(request: FetchRequest, options: FetchOptions) -> Resource:
    assert request.path is not None
    try:
        content = read_local(request.path, options)
    except FetchError as exc:
        return Resource(request, "failed", reason=str(exc), url=request.path.as_uri(), source="local")
    return resource_from_content(request, content, "ok", datetime.now(timezone.utc))


async def _fetch_remote(
    client: Client,
    url: str,
    found: tuple[CacheEntry, bytes] | None,
    cache: Cache,
    options: FetchOptions,
    kind: str = "article",
) -> Resource:
    request = FetchRequest(id="", url=url)
    source = pick_source(url, options)
    validators: dict[str, dict[str, str]] = {}
    if found is not None:
        entry = found[0]
        headers = {}
        if entry.etag:
            headers["If-None-Match"] = entry.etag
        if entry.last_modified:
            headers["If-Modified-Since"] = entry.last_modified
        if entry.upstream and headers:
            validators[entry.upstream] = headers
    try:
        context = Context(options, client, validators)
        content = await source.fetch(context, url)
        if kind in ("report", "pdf"):
            content = await landing.follow_to_pdf(context, content)
    except NotModified:
        entry, body = found  # type: ignore[misc]
        entry.fetched_at = datetime.now(timezone.utc).isoformat()
        cache.write_sidecar(entry)
        return resource_from_entry(request, entry, body, status="revalidated")
    except (FetchError, httpx.HTTPError, OSError) as exc:
        reason = str(exc) or type(exc).__name__
        status = int(reason[:3]) if re.match(r"^[45]\d\d ", reason) else None
        if found is not None:
            # A refresh that fails keeps the reading printable; the status
            # says what the site answers now (packet.lock reports it dead).
            entry, body = found
            kept = resource_from_entry(
                request, entry, body, status="cached", reason=f"refresh failed ({reason}); kept the cached copy"
            )
            kept.http_status = status or kept.http_status
            return kept
        try:
            cache.remember_failure(url, reason, status, datetime.now(timezone.utc).isoformat())
        except OSError:
            pass
        return Resource(
            request, "failed", reason=reason, url=url, source=source.__name__.rsplit(".", 1)[-1], http_status=status
        )

    fetched_at = datetime.now(timezone.utc)
    cache.forget_failure(url)
    resource = resource_from_content(request, content, "ok", fetched_at)
    try:
        cache.store(_entry_for(url, content, fetched_at), content.body)
    except OSError as exc:
        resource.reason = f"fetched but not cached: {exc.strerror or exc}"
    return resource


def _entry_for(url: str, content: Content, fetched_at: datetime) -> CacheEntry:
    return CacheEntry(
        url=url,
        variant=VARIANT,
        final_url=content.final_url,
        content_type=content.mime,
        declared_type=content.declared_type,
        fetched_at=fetched_at.isoformat(),
        size=0,
        sha256="",
        source=content.source,
        http_status=content.http_status,
        etag=content.etag,
        last_modified=content.last_modified,
        upstream=content.upstream,
        redirects=[list(hop) for hop in content.redirects],
        meta=content.meta,
    )


def resource_from_content(request: FetchRequest, content: Content, status, fetched_at: datetime) -> Resource:
    text = content.text
    if text is None and content.mime == "text/html":
        text = decode_html(content.body, content.declared_type)
    return Resource(
        request=request,
        status=status,
        url=content.final_url,
        content_type=content.mime,
        body=content.body,
        text=text,
        fetched_at=fetched_at,
        source=content.source,
        meta=dict(content.meta),
        redirects=list(content.redirects),
        http_status=content.http_status,
    )


def resource_from_entry(request: FetchRequest, entry: CacheEntry, body: bytes, status, reason: str | None = None) -> Resource:
    return Resource(
        request=request,
        status=status,
        reason=reason,
        url=entry.final_url,
        content_type=entry.content_type,
        body=body,
        text=decode_html(body, entry.declared_type) if entry.content_type == "text/html" else None,
        fetched_at=entry.fetched_time,
        source=entry.source,
        meta=dict(entry.meta),
        redirects=[(int(code), str(target)) for code, target in entry.redirects],
        http_status=entry.http_status,
    )


def load_cached(url: str, options: FetchOptions) -> Resource | None:
    """The cached reading for `url` as a Resource (status "cached"), or None
    when it is absent or damaged. For frozen builds and the lock file."""
    found = Cache(options.cache_dir).load(url, VARIANT)
    if found is None:
        return None
    return resource_from_entry(FetchRequest(id=url, url=url), *found, status="cached")


def cache_lookup(url: str, options: FetchOptions) -> CacheEntry | None:
    """The verified cache record for `url` (sha256, size, fetched_at, final
    URL), or None; what a lock file pins."""
    return Cache(options.cache_dir).lookup(url, VARIANT)
