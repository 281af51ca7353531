"""The one way the fetch stage talks HTTP.

Every source (packet/fetch/sources) and the image fetcher ask this client;
it alone knows the rules that keep a build polite and bounded: at most
`concurrency` requests at once and `per_host` per origin, connect/read/total
timeouts (the total one covers body streaming, so a server dripping bytes
forever still ends), redirects followed by hand with the address guard
re-checked on every hop (httpx's own following would skip the guard, the
WeasyPrint CVE-2025-68616 pattern), retries with backoff and jitter on
connection errors, 429 and 5xx (honouring Retry-After up to a ceiling, and
giving up at once when the site asks for a longer pause),
size caps enforced while streaming and on decompressed bytes, and
Content-Encoding decoded here so that a truncated gzip body is an error, not
a silently shortened page. Failures raise FetchError with the reason a
person reads in the fetch report.
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import random
import ssl
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from typing import Literal
from urllib.parse import urljoin, urlsplit

import brotli
import httpx

from packet.errors import FetchError
from packet.fetch.netguard import check_named_host, check_not_metadata, check_scheme, check_url, is_private_address, origin_of
from packet.fetch.options import MB, FetchOptions

REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: Where a redirect's Location waits while httpx handles the answer (see _set_location_aside).
_LOCATION_ASIDE = "x-packet-location"
#: Cloudflare marks its bot-check answers with this header (value "challenge");
#: retrying never passes the check, and the page is no article.
_CHALLENGE_HEADER = "cf-mitigated"

#: What the body is expected to be, which decides its size cap.
BodyKind = Literal["page", "image"]


@dataclass
class Response:
    """A complete HTTP answer after redirects: status, headers, whole body."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes = b""
    redirects: list[tuple[int, str]] = field(default_factory=list)
    #: The URL first asked for, before any redirect.
    requested: str = ""
    #: How many times the last hop was asked (more than 1 after retries).
    attempts: int = 1
    #: Seconds the site asked to wait (Retry-After) when that was past the
    #: cap and packet gave up instead of waiting.
    retry_after: float | None = None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def mime(self) -> str:
        return mime_of(self.content_type)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def mime_of(content_type: str) -> str:
    """`text/html; charset=utf-8` -> `text/html`."""
    return content_type.split(";", 1)[0].strip().lower()


def status_reason(status: int) -> str:
    """`404` -> `404 Not Found`, the way the fetch report prints it."""
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def is_challenge(response: Response) -> bool:
    """A bot check (Cloudflare's "Just a moment...") instead of the page."""
    return response.headers.get(_CHALLENGE_HEADER, "").strip().lower() == "challenge"


def refusal_reason(response: Response) -> str:
    """Why a final non-2xx answer gave no reading, for the fetch report: the
    status first (packet.lock reads it there), then what it means for the
    organizer: a bot check, a block, rate limiting, how often it was retried."""
    notes = []
    if is_challenge(response):
        notes.append("blocked by the site's bot check, a Cloudflare challenge")
    elif response.status == 403:
        notes.append("blocked by the site")
    elif response.status == 429:
        notes.append("rate-limited by the site")
    if response.retry_after is not None:
        notes.append(f"it asks to wait {_duration(response.retry_after)}")
    if response.attempts > 1:
        retries = response.attempts - 1
        notes.append(f"retried {retries} time{'s' if retries > 1 else ''}")
    reason = status_reason(response.status)
    return f"{reason} ({'; '.join(notes)})" if notes else reason


def _duration(seconds: float) -> str:
    """3600 -> "1 h", 90 -> "2 min": how long a site asks to be left alone."""
    if seconds >= 3600:
        return f"{seconds / 3600:.0f} h"
    if seconds >= 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds:.0f} s"


def redirect_target(url: str, location: str) -> str:
    """The absolute address a redirect from `url` points at; FetchError when
    `location` is no usable address (an unclosed IPv6 bracket, a port past
    65535, a "javascript:" link)."""
    location = location.strip()
    try:
        target = urljoin(url, location)
    except ValueError:
        raise FetchError(f"redirected to an address that is not valid: {location}") from None
    check_scheme(target)
    try:
        httpx.URL(target)
    except httpx.InvalidURL:
        raise FetchError(f"redirected to an address that is not valid: {location}") from None
    return target


async def _set_location_aside(response: httpx.Response) -> None:
    """Hide a redirect's Location from httpx while it handles the answer.

    packet follows redirects by hand (Client.fetch), but httpx still parses
    every Location to prepare a next request it will never send; a malformed
    one raised from inside httpx (InvalidURL, or a protocol error that read as
    a dropped connection and was retried). Client._attempt puts it back.
    """
    if "location" in response.headers:
        response.headers[_LOCATION_ASIDE] = response.headers.pop("location")


def size_reason(limit: int) -> str:
    if limit >= MB:
        return f"larger than {limit / MB:g} MB"
    return f"larger than {limit / 1024:g} KB"


def retry_after_seconds(value: str | None, cap: float, now: datetime | None = None) -> float | None:
    """Seconds to wait according to a Retry-After header (delay seconds or
    an HTTP date), never more than `cap`; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # not "²", which isdigit() accepts
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    delay = (when - (now or datetime.now(timezone.utc))).total_seconds()
    return min(max(delay, 0.0), cap)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    # Loading the CA bundle takes a noticeable fraction of a second; one
    # context serves every client a process opens.
    return httpx.create_ssl_context()


class _Retryable(Exception):
    """A connection-level fault worth another attempt; carries the reason."""


class Client:
    """An httpx.AsyncClient with packet's limits; use as `async with`."""

    def __init__(self, options: FetchOptions):
        self.options = options
        self._all = asyncio.Semaphore(max(options.concurrency, 1))
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._http: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Client:
        o = self.options
        self._http = httpx.AsyncClient(
            follow_redirects=False,
            # Proxy settings from the environment could route loopback or
            # private traffic around the address guard.
            trust_env=False,
            verify=_tls_context(),
            timeout=httpx.Timeout(connect=o.connect_timeout, read=o.read_timeout, write=o.read_timeout, pool=None),
            limits=httpx.Limits(max_connections=max(o.concurrency, 1), max_keepalive_connections=max(o.concurrency, 1)),
            headers={"User-Agent": o.user_agent, "Accept-Encoding": "gzip, br"},
            event_hooks={"response": [_set_location_aside]},
        )
        return self

    async def __aexit__(self, *exc_info) -> None:
        assert self._http is not None
        await self._http.aclose()

    async def _guard(self, check, *args) -> None:
        """Run an address check (it resolves host names) off the event loop,
        within the connect timeout: a resolver that never answers must not
        stall the reading, and the rest of the build waits on it."""
        limit = self.options.connect_timeout
        try:
            await asyncio.wait_for(asyncio.to_thread(check, *args), timeout=limit)
        except TimeoutError:
            host = urlsplit(args[0]).hostname or args[0]
            raise FetchError(f"could not resolve host {host}: no answer in {limit:g} s") from None

    async def fetch(
        self,
        url: str,
        *,
        kind: BodyKind = "page",
        method: str = "GET",
        json: object = None,
        headers: dict[str, str] | None = None,
        trusted: bool = True,
        allowed_origin: str | None = None,
        follow_redirects: bool = True,
    ) -> Response:
        """Fetch `url`, following redirects by hand.

        A trusted URL (named by the organizer or configured as an endpoint)
        is requested as is, and its redirects may stay on its own origin or
        go to public addresses. An untrusted URL (an image a page points at)
        must itself pass the guard, with `allowed_origin` the only
        non-public origin it may use. With `follow_redirects` off, a
        redirect is returned as the answer (its target in `Location`).
        """
        check_scheme(url)
        try:
            httpx.URL(url)
        except httpx.InvalidURL:
            raise FetchError(f"not a valid address: {url}") from None
        if trusted:
            await self._guard(check_named_host, url)
            allowed_origin = origin_of(url)
        else:
            await self._guard(check_url, url, allowed_origin)
        requested = url
        redirects: list[tuple[int, str]] = []
        while True:
            response = await self._fetch_with_retries(url, kind, method, json, headers, allowed_origin)
            location = response.headers.get("location")
            if response.status not in REDIRECTS or not location or not follow_redirects:
                response.redirects = redirects
                response.requested = requested
                return response
            if len(redirects) >= self.options.max_redirects:
                raise FetchError("too many redirects")
            target = redirect_target(url, location)
            await self._guard(check_url, target, allowed_origin)
            redirects.append((response.status, target))
            if response.status == 303 or (response.status in (301, 302) and method == "POST"):
                method, json = "GET", None
            url = target

    async def _fetch_with_retries(self, url, kind, method, json, headers, allowed_origin=None) -> Response:
        o = self.options
        for attempt in range(o.retries + 1):
            last = attempt == o.retries
            try:
                response = await self._attempt(url, kind, method, json, headers, allowed_origin)
            except _Retryable as exc:
                if last:
                    raise FetchError(str(exc)) from exc
                await asyncio.sleep(self._backoff(attempt))
                continue
            response.attempts = attempt + 1
            if last or is_challenge(response) or not (response.status == 429 or 500 <= response.status <= 599):
                return response
            asked = retry_after_seconds(response.headers.get("retry-after"), float("inf"))
            if asked is not None and asked > o.retry_after_cap:
                # Asking again before the site's own time only spends the
                # build's minutes (retries x cap) on answers known in advance.
                response.retry_after = asked
                return response
            await asyncio.sleep(self._backoff(attempt) if asked is None else asked)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _backoff(self, attempt: int) -> float:
        # Jitter keeps many readings on one host from retrying in lockstep.
        return self.options.backoff_base * (2**attempt) * random.uniform(0.5, 1.5)

    def _host_slot(self, url: str) -> asyncio.Semaphore:
        key = origin_of(url)
        if key not in self._hosts:
            self._hosts[key] = asyncio.Semaphore(max(self.options.per_host, 1))
        return self._hosts[key]

    async def _attempt(self, url, kind, method, json, headers, allowed_origin=None) -> Response:
        """One request: the body is read only for a final 2xx/304 answer."""
        o = self.options
        assert self._http is not None
        # Host slot first, so a request queued behind a busy host does not
        # hold one of the global slots while it waits.
        async with self._host_slot(url), self._all:
            try:
                async with asyncio.timeout(o.total_timeout):
                    async with self._http.stream(method, url, json=json, headers=headers) as raw:
                        if _LOCATION_ASIDE in raw.headers:
                            raw.headers["location"] = raw.headers.pop(_LOCATION_ASIDE)
                        _check_peer(raw, url, allowed_origin)
                        body = b""
                        if 200 <= raw.status_code < 300:
                            body = await _read_body(raw, self._cap(kind, raw, url))
                        return Response(url=str(raw.url), status=raw.status_code, headers=raw.headers, body=body)
            except TimeoutError as exc:
                raise FetchError(f"timed out after {o.total_timeout:g} s") from exc
            except httpx.ConnectTimeout as exc:
                raise _Retryable(f"timed out connecting after {o.connect_timeout:g} s") from exc
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out after {o.read_timeout:g} s") from exc
            except httpx.ConnectError as exc:
                raise _Retryable(_connect_reason(exc, url)) from exc
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
                raise _Retryable("connection closed before the whole answer arrived") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"could not fetch: {exc}") from exc

    def _cap(self, kind: BodyKind, raw: httpx.Response, url: str) -> int:
        o = self.options
        if kind == "image":
            return o.max_image_bytes
        if mime_of(raw.headers.get("content-type", "")) == "application/pdf" or urlsplit(url).path.lower().endswith(".pdf"):
            return o.max_pdf_bytes
        return o.max_html_bytes


def _check_peer(raw: httpx.Response, url: str, allowed_origin: str | None) -> None:
    """Refuse an answer from a private address the guard did not allow.

    check_url resolved the host before the request, but httpx resolves it
    again to connect; a host whose DNS answer changes in between (DNS
    rebinding) would otherwise reach the machine's network. The address
    actually connected to is checked before any body is read. A
    metadata address (netguard.is_metadata_address) is refused on every
    origin, the organizer's own included.
    """
    stream = raw.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer:
        check_not_metadata(str(peer[0]))
    if allowed_origin is not None and origin_of(url) == allowed_origin:
        return
    if peer and is_private_address(str(peer[0])):
        raise FetchError(f"refused: private address {peer[0]}")


def _connect_reason(exc: BaseException, url: str) -> str:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if type(cause).__name__ == "gaierror":
            return f"could not resolve host {urlsplit(url).hostname}"
        cause = cause.__cause__ or cause.__context__
    return f"could not connect: {exc}"


async def _read_body(raw: httpx.Response, cap: int) -> bytes:
    declared = raw.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise FetchError(size_reason(cap))
    decoder = _BodyDecoder(raw.headers.get("content-encoding", ""), cap)
    parts: list[bytes] = []
    size = 0
    async for chunk in raw.aiter_raw():
        data = decoder.feed(chunk)
        size += len(data)
        if size > cap:
            raise FetchError(size_reason(cap))
        parts.append(data)
    parts.append(decoder.finish())
    body = b"".join(parts)
    if len(body) > cap:
        raise FetchError(size_reason(cap))
    return body


class _DeflateStage:
    """Content-Encoding: deflate is zlib data by RFC 9110, but servers (old
    IIS, some CDNs and frameworks) send raw deflate without the zlib header;
    browsers and httpx accept both, so the first bytes decide which it is."""

    def __init__(self):
        self._inner = None
        self._head = b""

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self._inner is None:
            self._head += data
            if len(self._head) < 2:
                return b""
            data, self._head = self._head, b""
            zlib_header = (data[0] & 0x0F) == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self._inner = zlib.decompressobj(zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)
        return self._inner.decompress(data, max_length)

    @property
    def unconsumed_tail(self) -> bytes:
        return self._inner.unconsumed_tail if self._inner is not None else b""

    @property
    def eof(self) -> bool:
        return self._inner is not None and self._inner.eof

    def flush(self) -> bytes:
        return self._inner.flush() if self._inner is not None else b""


class _BodyDecoder:
    """Undo Content-Encoding (gzip, deflate, br), insisting that every
    compressed stream actually ends: httpx's decoders accept a cut-off gzip
    body and return whatever was inflated, which would print half a page."""

    def __init__(self, header: str, cap: int):
        self.cap = cap
        self.seen_input = False
        names = [name.strip().lower() for name in header.split(",") if name.strip()]
        names = [n for n in names if n != "identity"]
        if len(names) > 2:
            raise FetchError(f"refused: {len(names)} layers of content encoding")
        self.stages = []
        for name in reversed(names):
            if name in ("gzip", "x-gzip"):
                self.stages.append((name, zlib.decompressobj(16 + zlib.MAX_WBITS)))
            elif name == "deflate":
                self.stages.append((name, _DeflateStage()))
            elif name == "br":
                self.stages.append((name, brotli.Decompressor()))
            else:
                raise FetchError(f"unsupported content encoding: {name}")
        # Each stage has its own budget: a shared count let an inner stage's
        # budget reach 0, which zlib reads as "no limit".
        self.produced = [0] * len(self.stages)

    def feed(self, data: bytes) -> bytes:
        if data:
            self.seen_input = True
        for index, (name, stage) in enumerate(self.stages):
            if not data:
                break
            data = self._inflate(index, name, stage, data)
        return data

    def _inflate(self, index: int, name: str, stage, data: bytes) -> bytes:
        budget = self.cap - self.produced[index] + 1
        try:
            if isinstance(stage, brotli.Decompressor):
                # Bounded like zlib below: a brotli bomb stops at the cap
                # instead of inflating a gigabyte first.
                out = stage.process(data, output_buffer_limit=budget)
                if len(out) >= budget or not stage.can_accept_more_data():
                    raise FetchError(size_reason(self.cap))
            else:
                out = stage.decompress(data, budget)
                # Output beyond the budget stays in unconsumed_tail: a body that
                # inflates past the cap is refused without inflating it all.
                if stage.unconsumed_tail:
                    raise FetchError(size_reason(self.cap))
        except (zlib.error, brotli.error) as exc:
            raise FetchError(f"damaged download: the {name} data is corrupt") from exc
        self.produced[index] += len(out)
        if self.produced[index] > self.cap:
            raise FetchError(size_reason(self.cap))
        return out

    def finish(self) -> bytes:
        if not self.seen_input:
            return b""
        data = b""
        for index, (name, stage) in enumerate(self.stages):
            if data:
                data = self._inflate(index, name, stage, data)
            ended = stage.is_finished() if isinstance(stage, brotli.Decompressor) else stage.eof
            if not isinstance(stage, brotli.Decompressor):
                data += stage.flush()
            if not ended:
                raise FetchError(f"damaged download: the {name} data ends early (truncated)")
        return data
