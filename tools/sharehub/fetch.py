"""Fetching remote resources with limits, and the private-address guard.

feedparser's own fetching has no timeout and ``suggest`` reads pages from
anywhere, so every network read in sharehub goes through :func:`fetch`:

- **One time limit from connect to last byte.** httpx's timeouts hold for
  one socket operation each, so a server that sends a header byte every
  second would never trip them. Every connect, TLS handshake, read and write
  here is given at most the time left before the request's deadline
  (``total_timeout``, redirects included).
- **A size cap** while streaming, and **few redirects**.
- **The private-address guard** (:class:`AddressGuard`): in CI, feed and
  page addresses come from strangers, and a link (or a redirect) to
  ``http://169.254.169.254/`` or ``http://127.0.0.1:8080/`` would have the
  runner read internal pages and publish them in a pull request. With a
  guard, a host name is resolved **once**, every address it resolves to
  must be public, and the connection goes to that checked address (the
  ``Host`` header and TLS server name stay the host name), so DNS rebinding
  has no window. Every redirect hop is checked again when it connects.

Name resolution itself is left to the system resolver and its own timeouts.
Without a guard, proxies from the environment (``HTTP_PROXY``,
``HTTPS_PROXY``, ``ALL_PROXY``, ``NO_PROXY``) are used as usual; with a
guard they are not: a proxy would resolve names itself, out of its sight.
"""

from __future__ import annotations

import contextlib
import contextvars
import ipaddress
import os
import socket
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import httpcore
import httpx

from sharehub import __version__
from sharehub.errors import FetchError

USER_AGENT = f"sharehub/{__version__} (+https://github.com/sharehub; employee-advocacy hub)"
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 10.0
#: Default limit for a whole request, from connect to last byte.
TOTAL_TIMEOUT = 30.0
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5


@dataclass
class Response:
    """What came back: final URL, status, headers (lower-case keys) and body bytes."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class AddressRefused(FetchError):
    """The guard refused to connect: the host is on a private or local network."""


# -- the private-address guard -------------------------------------------------------

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# IPv6 prefixes that carry an IPv4 address in their last 32 bits: the
# deprecated IPv4-compatible form (::a.b.c.d), NAT64's well-known and
# local-use prefixes (RFC 6052, RFC 8215). Python's ``is_global`` calls them
# global whatever the IPv4 address inside.
_LAST_32_BITS = (ipaddress.IPv6Network("::/96"), ipaddress.IPv6Network("64:ff9b::/96"),
                 ipaddress.IPv6Network("64:ff9b:1::/48"))


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address leads to (mapped, 6to4, Teredo, NAT64, ISATAP...)."""
    found = []
    if address.ipv4_mapped:
        found.append(address.ipv4_mapped)
    if address.sixtofour:
        found.append(address.sixtofour)
    if address.teredo:
        found.extend(address.teredo)  # (server, client)
    value = int(address)
    if any(address in net for net in _LAST_32_BITS):
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    if (value >> 32) & 0xFDFFFFFF == 0x00005EFE:  # ISATAP interface identifier
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    return found


def is_public_address(address: IPAddress | str) -> bool:
    """Whether ``address`` is a public unicast address, whatever form it takes.

    Loopback, private, shared (CGNAT), link-local, reserved, documentation,
    multicast and unspecified addresses are not public, nor is an IPv6
    address that embeds such an IPv4 address (``::ffff:127.0.0.1``,
    ``::127.0.0.1``, ``64:ff9b::7f00:1``, ``2002:7f00:1::``, Teredo...).
    """
    if isinstance(address, str):
        address = ipaddress.ip_address(address.split("%", 1)[0])
    if not address.is_global or address.is_multicast:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        return all(is_public_address(inner) for inner in embedded_ipv4(address))
    return True


def refuse_private_by_default() -> bool:
    """Whether the guard is on when nothing says otherwise: in CI (``CI`` set)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


class AddressGuard:
    """Refuses connections to addresses that are not public.

    Args:
        allowed: networks (``"10.1.2.0/24"``, ``"127.0.0.1"``) allowed even
            though they are private: an intranet feed server.

    Raises:
        ValueError: a network that does not parse.
    """

    def __init__(self, allowed: Iterable[str] = ()):
        self.allowed = [ipaddress.ip_network(str(net).strip(), strict=False) for net in allowed]

    def permits(self, address: IPAddress) -> bool:
        return is_public_address(address) or any(address in net for net in self.allowed
                                                 if net.version == address.version)

    def check(self, host: str, address: str) -> None:
        """Raise :class:`AddressRefused` unless ``address`` (of ``host``) is allowed."""
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not self.permits(ip):
            shown = host if host == address else f"{host} ({address})"
            raise AddressRefused(f"refused: {shown} is a private or local address")


# -- one deadline per request, and connections to checked addresses -------------------

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "sharehub_fetch_deadline", default=None)


def _time_left(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout`` shortened to what is left before the request's deadline."""
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the request's time limit is over")
    return left if timeout is None else min(timeout, left)


class _BoundedStream(httpcore.NetworkStream):
    """A connection whose every operation ends by the request's deadline."""

    def __init__(self, stream: httpcore.NetworkStream):
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _BoundedStream(self._stream.start_tls(
            ssl_context, server_hostname=server_hostname,
            timeout=_time_left(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


def _resolve(host: str, port: int) -> list[str]:
    """Addresses of ``host``, in the resolver's order, without repeats."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: "
                                    f"{getattr(exc, 'strerror', None) or exc}") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


class _Backend(httpcore.NetworkBackend):
    """Resolves once, checks every address with the guard, connects to a checked one."""

    def __init__(self, guard: AddressGuard | None):
        self.guard = guard
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options=None):
        addresses = _resolve(host, port)
        if self.guard is not None:
            for address in addresses:
                self.guard.check(host, address)
        failure: Exception | None = None
        for address in addresses:
            try:
                stream = self._sockets.connect_tcp(
                    address, port, timeout=_time_left(timeout, httpcore.ConnectTimeout),
                    local_address=local_address, socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            return _BoundedStream(stream)
        raise failure or httpcore.ConnectError(f"{host} has no address")

    def connect_unix_socket(self, *args, **kwargs):  # pragma: no cover - never configured
        raise httpcore.ConnectError("unix sockets are not used")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


_CORE_ERRORS = (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError,
                httpcore.UnsupportedProtocol, httpcore.ProxyError)


@contextlib.contextmanager
def _httpx_errors() -> Iterator[None]:
    """httpcore's exceptions as httpx's classes of the same name."""
    try:
        yield
    except _CORE_ERRORS as exc:
        for cls in type(exc).__mro__:
            mapped = getattr(httpx, cls.__name__, None)
            if isinstance(mapped, type) and issubclass(mapped, httpx.TransportError):
                raise mapped(str(exc)) from exc
        raise httpx.TransportError(str(exc)) from exc


class _Body(httpx.SyncByteStream):
    def __init__(self, reply: httpcore.Response):
        self._reply = reply

    def __iter__(self) -> Iterator[bytes]:
        with _httpx_errors():
            yield from self._reply.iter_stream()

    def close(self) -> None:
        self._reply.close()


class _Transport(httpx.BaseTransport):
    """httpx over httpcore pools whose connections go through :class:`_Backend`.

    Without a guard, a request goes through the environment's proxy for
    its scheme unless ``NO_PROXY`` names its host (the standard library's
    reading of those variables).
    """

    def __init__(self, guard: AddressGuard | None, max_connections: int):
        self._ssl = httpx.create_ssl_context()
        self._backend = _Backend(guard)
        self._max_connections = max_connections
        self._pool = httpcore.ConnectionPool(
            ssl_context=self._ssl, max_connections=max_connections, network_backend=self._backend)
        self._proxies = {} if guard is not None else urllib.request.getproxies_environment()
        self._proxy_pools: dict[str, httpcore.HTTPProxy] = {}

    def _pool_for(self, url: httpx.URL):
        proxy = self._proxies.get(url.scheme) or self._proxies.get("all")
        if not proxy or urllib.request.proxy_bypass_environment(url.host, self._proxies):
            return self._pool
        if proxy not in self._proxy_pools:
            if not proxy.startswith(("http://", "https://")):
                raise httpx.ProxyError(f"unsupported proxy {proxy.split('://')[0]}://")
            self._proxy_pools[proxy] = httpcore.HTTPProxy(
                proxy_url=proxy, ssl_context=self._ssl, max_connections=self._max_connections,
                network_backend=self._backend)
        return self._proxy_pools[proxy]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host,
                             port=request.url.port, target=request.url.raw_path),
            headers=request.headers.raw, content=request.stream, extensions=request.extensions)
        with _httpx_errors():
            reply = self._pool_for(request.url).handle_request(core_request)
        return httpx.Response(status_code=reply.status, headers=reply.headers,
                              stream=_Body(reply), extensions=reply.extensions)

    def close(self) -> None:
        for pool in [self._pool, *self._proxy_pools.values()]:
            pool.close()


def new_client(*, guard: AddressGuard | None = None, max_redirects: int = MAX_REDIRECTS,
           max_connections: int = 10) -> httpx.Client:
    """An httpx client for :func:`fetch` (pooled connections, the guard on every hop).

    Args:
        guard: refuse connections to addresses the guard does not permit;
            ``None`` connects anywhere.
    """
    return httpx.Client(transport=_Transport(guard, max_connections), follow_redirects=True,
                        max_redirects=max_redirects)


def fetch(url: str, *, headers: dict[str, str] | None = None, max_bytes: int = MAX_BYTES,
          connect_timeout: float = CONNECT_TIMEOUT, read_timeout: float = READ_TIMEOUT,
          max_redirects: int = MAX_REDIRECTS, total_timeout: float | None = TOTAL_TIMEOUT,
          client: httpx.Client | None = None, guard: AddressGuard | None = None) -> Response:
    """GET ``url`` with an honest User-Agent and hard limits.

    Args:
        headers: extra request headers (``If-None-Match``, ``Accept``...).
        max_bytes: bodies larger than this are refused while streaming.
        total_timeout: the limit for the whole request, redirects included,
            from the first connect to the last byte: a server that trickles
            one byte a second cannot hold us past it.
        client: a client made by :func:`new_client` (connection pooling for
            many feeds; it carries its own guard).
        guard: without ``client``: refuse private and local addresses.

    Raises:
        AddressRefused: the guard refused the host or a redirect's host.
        FetchError: DNS/connection failure, timeout, too many redirects,
            HTTP status >= 400, or a body over ``max_bytes``.
    """
    request_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    request_headers.update(headers or {})
    timeout = httpx.Timeout(connect=connect_timeout, read=read_timeout, write=read_timeout,
                            pool=connect_timeout)
    own = client is None
    session = new_client(guard=guard, max_redirects=max_redirects) if own else client
    started = time.monotonic()
    token = _deadline.set(started + total_timeout if total_timeout is not None else None)
    try:
        with session.stream("GET", url, headers=request_headers, timeout=timeout) as reply:
            if reply.status_code >= 400:
                raise FetchError(f"HTTP {reply.status_code} {reply.reason_phrase}".strip(), url)
            declared = reply.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"response is {int(declared):,} bytes; the limit is "
                                 f"{max_bytes:,}", url)
            chunks, size = [], 0
            for chunk in reply.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"response is larger than {max_bytes:,} bytes", url)
                chunks.append(chunk)
            return Response(str(reply.url), reply.status_code,
                            {k.lower(): v for k, v in reply.headers.items()}, b"".join(chunks))
    except AddressRefused as exc:
        raise AddressRefused(exc.message, url) from None
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {max_redirects} redirects", url) from None
    except httpx.TimeoutException:
        if total_timeout is not None and time.monotonic() - started >= total_timeout:
            raise FetchError(f"took longer than {total_timeout:g} s (the limit from connect "
                             f"to last byte)", url) from None
        raise FetchError("timed out", url) from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL: {exc}", url) from None
    except httpx.DecodingError as exc:
        raise FetchError(f"cannot decode the response: {exc}", url) from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot connect: {exc.__class__.__name__}: {exc}".rstrip(": "),
                         url) from None
    finally:
        _deadline.reset(token)
        if own:
            session.close()
