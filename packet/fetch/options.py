"""How the fetch stage behaves: limits, timeouts, the cache, upstream addresses.

One FetchOptions value is built by the CLI (or a test) and passed to
fetch_resources / fetch_assets; every part of the fetch stage reads its
settings from it and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from packet import __version__

MB = 1024 * 1024


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("packet")) / "http"


@dataclass
class FetchOptions:
    """Settings for one run of the fetch stage.

    `endpoints` overrides a source's upstream base address; keys are
    "arxiv_html", "ar5iv", "arxiv_pdf", "lesswrong", "alignmentforum",
    "eaforum", "substack" (a template with {origin} and {slug}) and "gdocs".
    Tests point them at 127.0.0.1.
    """

    cache_dir: Path = field(default_factory=default_cache_dir)
    refresh: bool = False
    offline: bool = False
    concurrency: int = 8
    per_host: int = 2
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 60.0
    max_redirects: int = 10
    retries: int = 3
    backoff_base: float = 0.5
    retry_after_cap: float = 30.0
    max_html_bytes: int = 25 * MB
    max_pdf_bytes: int = 50 * MB
    max_image_bytes: int = 10 * MB
    endpoints: dict[str, str] = field(default_factory=dict)
    user_agent: str = f"packet/{__version__} (+reading-group handout builder)"

    def endpoint(self, name: str, default: str) -> str:
        """The upstream base address for `name`, without a trailing slash."""
        return self.endpoints.get(name, default).rstrip("/")
