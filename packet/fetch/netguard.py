"""Which addresses the fetch stage may reach.

Readings named by the organizer are trusted as given (a loopback reading is
how tests and private course sites work), but nothing a fetched page says can
steer packet into the machine's own network: every redirect hop of a reading,
and every hop of an image, must resolve only to public addresses or stay on
the origin the organizer named. The check resolves the host itself and
refuses before any request is sent. One kind of address is refused even
when the organizer names it: a cloud machine's metadata service, where it
hands out its credentials (link-local addresses, AWS's IPv6 one, Alibaba
Cloud's 100.100.100.200), in the spellings a resolver reads (integer, hex,
octal, a trailing dot) and wrapped in IPv4-mapped, 6to4 and NAT64 forms.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

from packet.errors import FetchError

_DEFAULT_PORTS = {"http": 80, "https": 443}

# NAT64 addresses (the well-known prefix and the local-use one) count as
# global in the stdlib but reach IPv4 space through a gateway, which may be
# the private part of it.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


def origin_of(url: str) -> str:
    """Scheme, host and port of `url` as `scheme://host:port` (port always
    spelled out, so http://a and http://a:80 are the same origin)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port or _DEFAULT_PORTS.get(scheme, 0)
    except ValueError:
        port = 0
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}:{port}"


def is_private_address(address: str) -> bool:
    """True for any address a public web page must not make us reach:
    loopback, private, link-local (cloud metadata), CGNAT, multicast,
    unspecified, reserved, IPv6 unique-local, and IPv4-mapped forms of them."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            return is_private_address(str(mapped))
        if ip.teredo:
            return True
        if ip in _NAT64 or ip in _NAT64_LOCAL:
            return True
    # not is_global covers private, loopback, link-local, CGNAT (100.64/10),
    # unspecified, documentation and reserved ranges; multicast is "global"
    # in the stdlib for some scopes, so it is named explicitly.
    return not ip.is_global or ip.is_multicast


# Metadata services outside link-local space: AWS's on IPv6 (unique-local)
# and Alibaba Cloud's (in the carrier-grade NAT range).
_METADATA = {ipaddress.ip_address("fd00:ec2::254"), ipaddress.ip_address("100.100.100.200")}


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    # IPv4-mapped, 6to4 and NAT64 addresses all carry an IPv4 one.
    if ip.ipv4_mapped is not None or ip.sixtofour is not None:
        return ip.ipv4_mapped or ip.sixtofour
    if ip in _NAT64 or ip in _NAT64_LOCAL:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_metadata_address(address: str) -> bool:
    """True for a link-local address (169.254.0.0/16, fe80::/10, and the
    IPv6 forms that carry one), or a cloud's other metadata address: where a
    cloud machine's metadata service answers with its credentials. No
    reading lives there, so it is refused even when the organizer names it."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        ip = _embedded_ipv4(ip) or ip
    return ip.is_link_local or ip in _METADATA


def check_not_metadata(address: str) -> None:
    """Raise FetchError if `address` is a metadata address (above)."""
    if is_metadata_address(address):
        raise FetchError(f"refused: metadata address {address} (a cloud machine's metadata service, never a reading)")


_IPV4_SHORTHAND_RE = re.compile(r"(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]+)){0,3}", re.I)


def literal_address(host: str) -> str | None:
    """The IP address a URL's host spells, in any form a resolver takes:
    "169.254.169.254", "[fe80::1]", a trailing dot, or the integer, hex and
    octal shorthands ("2852039166", "0xa9fea9fe"); None for a name."""
    host = host.strip("[]").rstrip(".")
    try:
        return str(ipaddress.ip_address(host.split("%", 1)[0]))
    except ValueError:
        pass
    if not _IPV4_SHORTHAND_RE.fullmatch(host):
        return None
    try:
        return socket.inet_ntoa(socket.inet_aton(host))
    except OSError:
        return None


def check_named_host(url: str) -> None:
    """Refuse, before any connection, a URL whose host is or resolves to a
    metadata address. A name that does not resolve is left to the
    connection to report; the address connected to is checked again then
    (packet.fetch.client), against DNS answers that change in between."""
    host = urlsplit(url).hostname or ""
    literal = literal_address(host)
    if literal is not None:
        check_not_metadata(literal)
        return
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        return
    for info in infos:
        check_not_metadata(str(info[4][0]))


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (a literal IP resolves to itself)."""
    literal = literal_address(host)
    if literal is not None:
        return [literal]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"could not resolve host {host}") from exc
    return sorted({info[4][0] for info in infos})


def check_scheme(url: str) -> None:
    """Refuse anything but http(s): file:, data:, ftp: and the rest; and an
    address urllib cannot read (an unclosed IPv6 bracket, a port past 65535),
    which would otherwise escape every caller as a ValueError."""
    try:
        parts = urlsplit(url)
        parts.port
    except ValueError:
        raise FetchError(f"not a valid address: {url}") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise FetchError(f"refused: only http and https links are fetched ({scheme or 'no'} scheme)")
    if not parts.hostname:
        raise FetchError(f"refused: no host in {url}")


def check_url(url: str, allowed_origin: str | None) -> None:
    """Raise FetchError unless `url` is http(s) and either has the same
    origin as `allowed_origin` or resolves only to public addresses."""
    check_scheme(url)
    if allowed_origin is not None and origin_of(url) == allowed_origin:
        check_named_host(url)
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or _DEFAULT_PORTS[parts.scheme.lower()]
    for address in resolve(host, port):
        if is_private_address(address):
            raise FetchError(f"refused: private address {address}")
