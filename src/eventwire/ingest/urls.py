"""http(s) URLs as inputs: fetch one page with httpx, then the HTML path.

A fetch is bounded every way a server could abuse it: connect, read and total
timeouts; a byte limit enforced while streaming (so a lying or absent
Content-Length does not matter); at most five redirects, each hop checked like the
first. Unless ``allow_private`` is set, a host that resolves to any private,
loopback, link-local, multicast, reserved or unspecified address is refused before a
connection is made (E016), so an input list cannot reach the machine's own network.

Residual risk, accepted: the host is resolved once for the check and again by httpx
to connect, so a DNS server that answers differently the second time could still
steer a request; environment proxies are not used, so the check is on the host
actually connected to.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import httpx

from .. import __version__
from ..errors import InputError
from ..model import Article, Failure
from .decode import human_size
from .pages import decode_body, is_html, media_type, page_article

Result = Article | Failure
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
SCHEMES = ("http", "https")
HEADERS = {"User-Agent": f"eventwire/{__version__} (news event coder)",
           "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"}


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How long and how far one fetch may go (seconds; redirects followed)."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_redirects: int = 5


DEFAULT_LIMITS = FetchLimits()


def read_url(url: str, *, published: date | None, max_bytes: int, allow_private: bool = False,
             limits: FetchLimits = DEFAULT_LIMITS) -> Iterator[Result]:
    """The article at ``url`` (doc_id: the URL as given; url: where it was found)."""
    try:
        body, content_type, final_url = fetch(url, max_bytes=max_bytes,
                                              allow_private=allow_private, limits=limits)
        html = decode_body(body, content_type, url)
        yield page_article(html, url, doc_id=url, url=final_url, published=published)
    except InputError as err:
        yield Failure(err.input_name, err.reason, err.code)


def fetch(url: str, *, max_bytes: int, allow_private: bool,
          limits: FetchLimits = DEFAULT_LIMITS) -> tuple[bytes, str, str]:
    """``(body, content type, final url)`` of an HTML page; ``InputError`` otherwise."""
    timeout = httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout)
    deadline = time.monotonic() + limits.total_timeout
    target = url
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                      headers=HEADERS) as client:
        for hop in range(limits.max_redirects + 1):
            check_target(target, url, allow_private=allow_private, hop=hop)
            if time.monotonic() > deadline:
                raise InputError(url, f"took over {limits.total_timeout:g} s in all; stopped "
                                      f"before {target}", code="E017")
            try:
                with client.stream("GET", target) as response:
                    location = response.headers.get("location")
                    if response.is_redirect and location:
                        target = str(response.url.join(location))
                        continue
                    return _read_page(response, url, max_bytes=max_bytes, deadline=deadline,
                                      total=limits.total_timeout)
            except httpx.TimeoutException as exc:
                raise InputError(url, f"timed out fetching {target} ({_kind(exc)})",
                                 code="E017") from exc
            except httpx.HTTPError as exc:
                raise InputError(url, f"could not fetch {target} ({_kind(exc)}: {exc})",
                                 code="E017") from exc
    raise InputError(url, f"more than {limits.max_redirects} redirects (last to {target})",
                     code="E017")


def check_target(target: str, name: str, *, allow_private: bool, hop: int = 0) -> None:
    """Refuse a URL that is not http(s), or whose host is not a public address (E016)."""
    where = f"redirect {hop} to {target}" if hop else target
    try:
        parsed = httpx.URL(target)
    except httpx.InvalidURL as exc:
        raise InputError(name, f"invalid URL {target!r} ({exc})", code="E017") from exc
    if parsed.scheme not in SCHEMES or not parsed.host:
        raise InputError(name, f"refused {where}: only http and https URLs with a host are "
                               "fetched", code="E016")
    if allow_private:
        return
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    for address in host_addresses(parsed.host, port, name):
        if not is_public(address):
            kind = f"{_kind_of(address)} address"
            found = (f"is {kind}" if address == _literal(parsed.host)
                     else f"resolves to {kind} ({address})")
            raise InputError(name, f"refused {where}: {parsed.host} {found}; pass "
                                   "--allow-private to fetch it", code="E016")


def host_addresses(host: str, port: int, name: str) -> list[IPAddress]:
    """Every address ``host`` stands for: itself if a literal, else what DNS answers."""
    literal = _literal(host)
    if literal is not None:
        return [literal]
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise InputError(name, f"cannot resolve host {host!r} ({exc})", code="E017") from exc
    # an IPv6 answer may carry a zone ("fe80::1%eth0"), which ipaddress does not take
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in answers]


def is_public(address: IPAddress) -> bool:
    """A globally routable unicast address; IPv4-mapped IPv6 is judged as its IPv4."""
    address = _unmapped(address)
    return address.is_global and not (
        address.is_private or address.is_loopback or address.is_link_local
        or address.is_multicast or address.is_reserved or address.is_unspecified)


def _read_page(response: httpx.Response, name: str, *, max_bytes: int, deadline: float,
               total: float) -> tuple[bytes, str, str]:
    where = str(response.url)
    if not response.is_success:
        raise InputError(name, f"HTTP {response.status_code} {response.reason_phrase} from "
                               f"{where}", code="E017")
    content_type = response.headers.get("content-type", "")
    if not is_html(content_type):
        shown = media_type(content_type) or "no content type"
        raise InputError(name, f"{where} is {shown}, not an HTML page", code="E018")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputError(name, f"{where} declares {human_size(int(declared))}, over the "
                               f"{human_size(max_bytes)} limit", code="E004")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise InputError(name, f"{where} sent over the {human_size(max_bytes)} limit; "
                                   "stopped reading", code="E004")
        if time.monotonic() > deadline:
            raise InputError(name, f"{where} took over {total:g} s in all; stopped reading",
                             code="E017")
    return bytes(body), content_type, where


def _kind(exc: Exception) -> str:
    return type(exc).__name__


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _unmapped(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _kind_of(address: IPAddress) -> str:
    address = _unmapped(address)
    for label, flag in (("a loopback", address.is_loopback),
                        ("a link-local", address.is_link_local),
                        ("a multicast", address.is_multicast),
                        ("an unspecified", address.is_unspecified),
                        ("a reserved", address.is_reserved),
                        ("a private", address.is_private)):
        if flag:
            return label
    return "a non-public"
