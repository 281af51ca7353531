"""Images of a reading, fetched for the render stage.

The renderer's URL fetcher serves only files returned here, so this is
where an image URL from untrusted HTML meets the network: http(s) only,
size-capped, and every hop (the first and every redirect) must resolve to
public addresses or stay on the reading's own origin, so a page can never
make packet reach into the machine's network (cloud metadata, a router, a
local service). Images share the readings' cache and client rules.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import httpx

from packet.errors import FetchError
from packet.fetch.cache import Cache, CacheEntry
from packet.fetch.client import Client, Response, status_reason
from packet.fetch.netguard import check_scheme, origin_of
from packet.fetch.options import FetchOptions

VARIANT = "asset"
#: Recorded with each cached image: "public" when every hop was a public
#: address, else the one reading origin allowed to serve it.
GUARD_PUBLIC = "public"
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


@dataclass(frozen=True)
class AssetResult:
    """One image: a cached file to serve, or why there is none."""

    url: str
    path: Path | None = None
    mime: str | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.path is not None


def sniff_image(body: bytes, declared: str) -> str | None:
    """The image type of `body`, trusting the bytes over the header; None
    when it is not an image."""
    for magic, mime in _MAGIC:
        if body.startswith(magic):
            return mime
    if body[:4] == b"RIFF" and body[8:12] == b"WEBP":
        return "image/webp"
    if declared == "image/svg+xml" or body[:1024].lstrip().lower().startswith((b"<svg", b"<?xml")):
        return "image/svg+xml" if b"<svg" in body[:4096].lower() else None
    if declared.startswith("image/"):
        return declared
    return None


async def fetch_assets_async(urls: list[str], origin: str, options: FetchOptions) -> dict[str, AssetResult]:
    cache = Cache(options.cache_dir)
    allowed = origin_of(origin)
    results: dict[str, AssetResult] = {}
    pending: list[str] = []
    for url in dict.fromkeys(urls):
        try:
            check_scheme(url)
        except FetchError as exc:
            results[url] = AssetResult(url, reason=str(exc))
            continue
        entry = cache.lookup(url, VARIANT)
        usable = entry is not None and entry.meta.get("guard") in (GUARD_PUBLIC, allowed)
        if usable and (not options.refresh or options.offline):
            results[url] = AssetResult(url, cache.body_path(url, VARIANT), entry.content_type)
        elif options.offline:
            results[url] = AssetResult(url, reason="not in the cache (offline)")
        else:
            pending.append(url)
    if pending:
        async with Client(options) as client:
            fetched = await asyncio.gather(*(_fetch_asset(client, cache, url, allowed) for url in pending))
        results.update(zip(pending, fetched))
    return {url: results[url] for url in urls}


async def _fetch_asset(client: Client, cache: Cache, url: str, allowed: str) -> AssetResult:
    try:
        response = await client.fetch(url, kind="image", trusted=False, allowed_origin=allowed)
    except (FetchError, httpx.HTTPError, OSError) as exc:
        return AssetResult(url, reason=str(exc) or type(exc).__name__)
    if not response.ok:
        return AssetResult(url, reason=status_reason(response.status))
    mime = sniff_image(response.body, response.mime)
    if mime is None:
        return AssetResult(url, reason=f"not an image ({response.mime or 'no content type'})")
    entry = CacheEntry(
        url=url,
        variant=VARIANT,
        final_url=response.url,
        content_type=mime,
        declared_type=response.content_type,
        fetched_at=datetime.now(timezone.utc).isoformat(),
        size=0,
        sha256="",
        http_status=response.status,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        upstream=url,
        redirects=[list(hop) for hop in response.redirects],
        meta={"guard": _guard_for(response, url, allowed)},
    )
    try:
        cache.store(entry, response.body)
    except OSError as exc:
        return AssetResult(url, reason=f"could not cache: {exc.strerror or exc}")
    return AssetResult(url, cache.body_path(url, VARIANT), mime)


def _guard_for(response: Response, url: str, allowed: str) -> str:
    hops = [url] + [target for _, target in response.redirects]
    return allowed if any(origin_of(hop) == allowed for hop in hops) else GUARD_PUBLIC
