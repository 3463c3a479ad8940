"""What a web page says about itself: fetched with limits, read as hostile.

``sharehub suggest URL`` reads the page's Open Graph, Twitter-card,
``<title>`` and canonical metadata here. Everything taken from the page is
reduced to plain text (:func:`sharehub.text.plain_text`) and every URL must
be an absolute http(s) URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import nh3

from sharehub.content.model import is_http_url
from sharehub.errors import FetchError
from sharehub.text import plain_text

#: Pages larger than this are not read (a suggestion needs the <head> only).
PAGE_MAX_BYTES = 2 * 1024 * 1024
PAGE_TIMEOUT = 10.0
TITLE_MAX = 200
SUMMARY_MAX = 500


def http_url(value: str | None) -> str:
    """``value`` if it is an absolute http(s) URL with a host (and no quotes or
    angle brackets that could break out of markup), else ``''``."""
    value = (value or "").strip()
    if not is_http_url(value) or any(c in value for c in "<>\"'`"):
        return ""
    return value


def site_of(url: str) -> str:
    """The host of ``url`` without ``www.`` (to compare sites)."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")



@dataclass
class PageMeta:
    """What a web page says about itself (all plain text / http(s) URLs)."""

    title: str = ""
    summary: str = ""
    image: str = ""
    canonical: str = ""
    site_name: str = ""
    lang: str = ""


class _HeadParser(HTMLParser):
    """Collects <meta>, <link rel=canonical>, <title> and <html lang>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.title_parts: list[str] = []
        self.lang = ""
        self._in_title = False
        self.done = False

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and not self.lang:
            self.lang = attrs.get("lang", "")
        elif tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or "").strip().lower()
            if key and "content" in attrs:
                self.meta.setdefault(key, attrs["content"])
        elif tag == "link":
            rels = attrs.get("rel", "").lower().split()
            if "canonical" in rels and not self.canonical:
                self.canonical = attrs.get("href", "")
        elif tag == "title":
            self._in_title = True
        elif tag == "body":
            self.done = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self.done = True

    def handle_data(self, data):
        if self._in_title and len(self.title_parts) < 50:
            self.title_parts.append(data)


_BODY_START_RE = re.compile(r"<body[\s>/]|</head[\s>]", re.I)
_HTML_TAG_RE = re.compile(r"<html\b[^<>]*+>?", re.I)
#: Metadata past this point is not looked for (a <head> is rarely over 100 KB).
HEAD_MAX_CHARS = 512 * 1024


def _html_lang(head: str) -> str:
    """The ``lang`` of the page's ``<html>`` tag (read on that tag alone)."""
    match = _HTML_TAG_RE.search(head)
    if not match:
        return ""
    parser = _HeadParser()
    parser.feed(match.group())
    parser.close()
    return parser.lang


def head_end(markup: str) -> int:
    """Where the page's head ends: the first ``<body``/``</head>``, at most :data:`HEAD_MAX_CHARS`."""
    match = _BODY_START_RE.search(markup, 0, HEAD_MAX_CHARS)
    return match.start() if match else min(len(markup), HEAD_MAX_CHARS)


def parse_page(markup: str, page_url: str) -> PageMeta:
    """Read Open Graph, Twitter-card, ``<title>`` and canonical metadata.

    Args:
        markup: the page's HTML (hostile: everything is reduced to text).
        page_url: where it came from, to resolve relative URLs.
    """
    parser = _HeadParser()
    try:
        # Metadata lives in <head>: the page is cut where the body starts. An
        # HTML5 parser (nh3, linear) keeps only the elements read here; Python's
        # HTMLParser then reads well-formed markup (on raw hostile markup such
        # as `<a b=c b=c …` or `<<<<…` its time grows faster than the input).
        head = markup[:head_end(markup)]
        parser.lang = _html_lang(head)
        parser.feed(nh3.clean(head, tags={"title", "meta", "link"},
                              attributes={"meta": {"name", "property", "content"},
                                          "link": {"rel", "href"}},
                              url_schemes={"http", "https"}, link_rel=None,
                              strip_comments=True))
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; never fail on a page
        pass
    meta = parser.meta

    def first(*keys: str) -> str:
        for key in keys:
            if meta.get(key, "").strip():
                return meta[key]
        return ""

    def url(value: str) -> str:
        return http_url(urljoin(page_url, value.strip())) if value.strip() else ""

    found = PageMeta(
        title=plain_text(first("og:title", "twitter:title") or "".join(parser.title_parts),
                         TITLE_MAX),
        summary=plain_text(first("og:description", "twitter:description", "description"),
                           SUMMARY_MAX),
        image=url(first("og:image:secure_url", "og:image", "twitter:image", "twitter:image:src")),
        canonical=url(parser.canonical) or url(first("og:url")),
        site_name=plain_text(first("og:site_name"), 100),
        lang=plain_text(parser.lang, 35),
    )
    return found


def _charset(content_type: str, data: bytes) -> str:
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
    if not match:
        match = re.search(rb"<meta[^<>]+charset=[\"']?([\w.:-]+)", data[:4096], re.I)
        name = match.group(1).decode("ascii", "ignore") if match else "utf-8"
    else:
        name = match.group(1)
    try:
        "".encode(name)
    except LookupError:
        return "utf-8"
    return name


def fetch_page(url: str, *, timeout: float = PAGE_TIMEOUT,
               max_bytes: int = PAGE_MAX_BYTES, public_only: bool = False) -> PageMeta:
    """Fetch ``url`` (size cap, timeouts) and read its metadata.

    Args:
        public_only: refuse hosts that resolve to loopback, private,
            link-local or reserved addresses, redirects included (CI).

    Raises:
        FetchError: the page cannot be fetched, is too large, is not HTML,
            or (``public_only``) is on a private network.
    """
    from sharehub.fetch import AddressGuard, fetch

    reply = fetch(url, headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"},
                  max_bytes=max_bytes, connect_timeout=min(timeout, 5.0), read_timeout=timeout,
                  total_timeout=timeout * 2, guard=AddressGuard() if public_only else None)
    kind = reply.headers.get("content-type", "text/html").split(";")[0].strip().lower()
    if kind not in ("text/html", "application/xhtml+xml", ""):
        raise FetchError(f"not a web page ({kind})", url)
    markup = reply.content.decode(_charset(reply.headers.get("content-type", ""), reply.content),
                                  errors="replace")
    return parse_page(markup, reply.url)
