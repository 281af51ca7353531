"""Real web pages on loopback hosts, for the benches; its LoopbackServer is
also the server under the tests' stand-in site (tests/standin_site.py).

Pages of the shared readability corpus (Mozilla's readability test pages:
articles saved from news sites, blogs and wikis with all their site chrome)
are served from several loopback addresses, 127.0.0.2, 127.0.0.3, ... (one
per site, so per-host limits apply as they do on the web), every answer
after the same latency.

The corpus keeps no image files. Image URLs in a page's tags (<img>,
<source>, <base>, links to image files...) are rewritten to its own host,
which answers them with stand-in JPEGs of a few sizes; nothing a page
points at is ever asked of the internet. Every other byte of a page is
served as saved.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "readability-test-pages"

#: English long-form pages of the corpus (articles, posts, essays), in the
#: order benches hand them out; 1,000 to 5,000 words each.
ARTICLES = (
    "medium-1", "v8-blog", "quanta-1", "dropbox-blog", "lwn-1", "firefox-nightly-blog", "medium-3",
    "blogger", "seattletimes-1", "gitlab-blog", "keep-images", "citylab-1", "aclu", "ebb-org",
    "engadget", "nytimes-2", "toc-missing", "lifehacker-working", "wapo-1", "guardian-1", "salon-1",
    "nytimes-4", "lemonde-1", "videos-1", "article-author-tag", "topicseed-1", "wapo-2", "iab-1",
    "bbc-1", "nytimes-1", "herald-sun-1", "medium-2", "theverge", "spiceworks", "cnet", "ars-1",
    "wordpress", "ehow-2", "telegraph", "002",
)
#: Long pages with numbered or deep sections, formulas and tables: in place of papers.
PAPERS = ("wikipedia", "google-sre-book-1", "ietf-1", "wikipedia-4", "mercurial")

_IMAGE_SIZES = ((1200, 675), (800, 600), (640, 360), (1600, 900), (480, 480))
_URL = re.compile(r"""(?:https?:)?//([A-Za-z0-9.-]+\.[A-Za-z]{2,})(?::\d+)?([^\s"'<>()]*)""")
_TAG = re.compile(r"<(?!a[\s>])[A-Za-z][^>]*>|<a\s[^>]*>", re.S)
_IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|webp|svg|avif)(?:[?#]|$)", re.I)


def corpus_page(name: str) -> str:
    return (CORPUS / name / "source.html").read_text(encoding="utf-8")


def _local_image_urls(page: str) -> str:
    """`page` with every absolute URL inside a tag moved to /_img/<host>/...
    on the page's own host, except links (<a href>) to anything but images,
    which are printed as link notes and never fetched."""

    def tag(match: re.Match) -> str:
        text = match.group(0)
        if text.startswith("<a") and not _IMAGE_FILE.search(text):
            return text
        return _URL.sub(lambda url: f"/_img/{url.group(1)}{url.group(2)}", text)

    return _TAG.sub(tag, page)


def stand_in_images(seed: int = 0) -> list[bytes]:
    """Photo-like JPEGs (gradients, shapes, grain) of the sizes in _IMAGE_SIZES."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    images = []
    for width, height in _IMAGE_SIZES:
        image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
        draw = ImageDraw.Draw(image)
        for _ in range(40):
            x, y = rng.randrange(width), rng.randrange(height)
            r = rng.randrange(10, max(11, width // 6))
            colour = tuple(rng.randrange(256) for _ in range(3))
            draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
        image = image.filter(ImageFilter.GaussianBlur(3))
        grain = Image.effect_noise((width, height), 24).convert("RGB")
        image = Image.blend(image, grain, 0.15)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=82)
        images.append(out.getvalue())
    return images


class LoopbackServer:
    """One threaded HTTP server on a loopback address, the one server of the
    benches and the tests: GET and HEAD are answered by
    `answer(host, path) -> (status, content type, body)` after `latency`
    seconds, and every request is logged in `log` as (host, method, target)."""

    def __init__(self, answer, address: str = "127.0.0.1", latency: float = 0.0, log: list | None = None):
        self.latency = latency
        self.log: list[tuple[str, str, str]] = [] if log is None else log
        self.server = ThreadingHTTPServer((address, 0), self._handler(answer))
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> LoopbackServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self, answer):
        served = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes; with Nagle on, delayed
            # ACKs would add ~40 ms to each answer.
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def _answer(self, with_body: bool) -> None:
                host = self.headers.get("Host", "")
                served.log.append((host, self.command, self.path))
                if served.latency:
                    time.sleep(served.latency)
                status, content_type, body = answer(host, urlsplit(self.path).path)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if with_body:
                    self.wfile.write(body)

            def do_GET(self):
                self._answer(True)

            def do_HEAD(self):
                self._answer(False)

        return Handler


class LoopbackWeb:
    """Servers on 127.0.0.2, 127.0.0.3, ...: one per site.

    `page()` and `file()` publish a body at a path of a site and return its
    URL; any other path of a site answers with a stand-in image. Every
    request, answered or not, is logged as (host, method, target).
    """

    def __init__(self, latency: float = 0.0):
        self.latency = latency
        self.log: list[tuple[str, str, str]] = []
        self._bodies: dict[tuple[str, str], tuple[str, bytes]] = {}
        self._servers: dict[str, LoopbackServer] = {}
        self._images = stand_in_images()

    def site(self, name: str) -> str:
        """The base URL of site `name` (started on first use)."""
        if name not in self._servers:
            address = f"127.0.0.{len(self._servers) + 2}"
            self._servers[name] = LoopbackServer(self._answer, address, self.latency, self.log).start()
        return self._servers[name].url

    def page(self, site: str, path: str, corpus_name: str, *, head: str = "") -> str:
        """Publish the corpus page `corpus_name` at `path` of `site`; `head`
        is inserted at the start of its <head>."""
        html = _local_image_urls(corpus_page(corpus_name))
        if head:
            html = re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + head, html, count=1, flags=re.I)
        return self.file(site, path, html.encode("utf-8"), "text/html; charset=utf-8")

    def file(self, site: str, path: str, body: bytes, content_type: str) -> str:
        base = self.site(site)
        self._bodies[(urlsplit(base).netloc, path)] = (content_type, body)
        return base + path

    @property
    def requests(self) -> int:
        return len(self.log)

    @property
    def hosts(self) -> int:
        return len(self._servers)

    def _answer(self, host: str, path: str) -> tuple[int, str, bytes]:
        found = self._bodies.get((host, path))
        if found is None:
            digest = hashlib.sha256(path.encode()).digest()
            found = ("image/jpeg", self._images[digest[0] % len(self._images)])
        return (200, *found)

    def __enter__(self) -> LoopbackWeb:
        return self

    def __exit__(self, *exc) -> None:
        for server in self._servers.values():
            server.close()
