"""The fetch stage: FetchRequest -> Resource, the only part of packet that
touches the network.

    fetch_resources(requests, options)   readings, concurrently, with the cache
    fetch_assets(urls, origin, options)  images for the render stage's fetcher
    load_cached(url, options)            a cached reading, for frozen builds

Layout: client.py (httpx, limits, retries, caps), netguard.py (which
addresses may be reached), cache.py (bodies on disk), charset.py (bytes to
text), sources/ (one module per site), readings.py (putting them together),
assets.py (images), report.py (the fetch report).
"""

from __future__ import annotations

import asyncio
from typing import Callable

from packet.fetch.assets import AssetResult, fetch_assets_async
from packet.fetch.cache import CacheEntry
from packet.fetch.options import FetchOptions
from packet.fetch.readings import cache_lookup, fetch_readings, load_cached
from packet.resource import FetchRequest, Resource

__all__ = [
    "AssetResult",
    "CacheEntry",
    "FetchOptions",
    "cache_lookup",
    "fetch_assets",
    "fetch_resources",
    "load_cached",
]


def fetch_resources(
    requests: list[FetchRequest],
    options: FetchOptions,
    on_done: Callable[[Resource], None] | None = None,
) -> list[Resource]:
    """Fetch every request (concurrently, through the cache) and return one
    Resource per request, in input order. Network faults never raise: they
    come back as status "failed" with a reason. `on_done` is called with
    each Resource as it is settled (for a progress display)."""
    return asyncio.run(fetch_readings(requests, options, on_done))


def fetch_assets(urls: list[str], origin: str, options: FetchOptions) -> dict[str, AssetResult]:
    """Download the images `urls` of the reading at `origin` into the cache;
    for each URL, a cached file and its type, or the reason there is none."""
    return asyncio.run(fetch_assets_async(urls, origin, options))
