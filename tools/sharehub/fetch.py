"""Fetching remote resources with limits: timeouts, size cap, few redirects.

feedparser's own fetching has no timeout and ``suggest`` reads pages from
anywhere, so every network read in sharehub goes through :func:`fetch`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from sharehub import __version__
from sharehub.errors import FetchError

USER_AGENT = f"sharehub/{__version__} (+https://github.com/sharehub; employee-advocacy hub)"
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 10.0
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


def fetch(url: str, *, headers: dict[str, str] | None = None, max_bytes: int = MAX_BYTES,
          connect_timeout: float = CONNECT_TIMEOUT, read_timeout: float = READ_TIMEOUT,
          max_redirects: int = MAX_REDIRECTS, total_timeout: float | None = 30.0,
          client: httpx.Client | None = None) -> Response:
    """GET ``url`` with an honest User-Agent and hard limits.

    Args:
        headers: extra request headers (``If-None-Match``, ``Accept``...).
        max_bytes: bodies larger than this are refused while streaming.
        total_timeout: wall-clock cap for the whole request, so a server
            that trickles one byte per second cannot hold us forever.
        client: reuse a client (connection pooling for many feeds).

    Raises:
        FetchError: DNS/connection failure, timeout, too many redirects,
            HTTP status >= 400, or a body over ``max_bytes``.
    """
    import time

    request_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    request_headers.update(headers or {})
    timeout = httpx.Timeout(connect=connect_timeout, read=read_timeout, write=read_timeout,
                            pool=connect_timeout)
    own_client = client is None
    if own_client:
        client = httpx.Client(follow_redirects=True, max_redirects=max_redirects,
                              timeout=timeout)
    started = time.monotonic()
    try:
        with client.stream("GET", url, headers=request_headers, timeout=timeout) as reply:
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
                if total_timeout is not None and time.monotonic() - started > total_timeout:
                    raise FetchError(f"took longer than {total_timeout:g} s", url)
                chunks.append(chunk)
            return Response(str(reply.url), reply.status_code,
                            {k.lower(): v for k, v in reply.headers.items()}, b"".join(chunks))
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {max_redirects} redirects", url) from None
    except httpx.TimeoutException:
        raise FetchError("timed out", url) from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL: {exc}", url) from None
    except httpx.DecodingError as exc:
        raise FetchError(f"cannot decode the response: {exc}", url) from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot connect: {exc.__class__.__name__}: {exc}".rstrip(": "), url) from None
    finally:
        if own_client:
            client.close()
