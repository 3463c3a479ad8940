"""Length of a post the way each network counts it.

The text counted is the one that lands in the composer: the share text, its
hashtags and disclosure, and the link. ``static/sharehub.js`` implements the
same rules for live counts in the browser; both are held to
``tests/data/share_vectors.json``.

* X: twitter-text v3 weighted length. After NFC, code points in
  U+0000-10FF, U+2000-200D, U+2010-201F and U+2032-2037 weigh 1
  (``_HEAVY_RE`` matches the others), every other code point weighs 2, an emoji (one
  grapheme, however many code points) weighs 2 and each URL weighs 23.
* Bluesky: 300 graphemes (user-perceived characters), each http(s) link
  shortened the way the Bluesky app's composer does before posting:
  host + the first 13 characters of path, query and fragment + "..."
  when those are longer than 15.
* Mastodon: 500 code points, each URL counting 23.
* Threads: 500 code points. LinkedIn: 3,000 code points.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

#: Limits of the networks that have one.
LIMITS = {"x": 280, "bluesky": 300, "mastodon": 500, "threads": 500, "linkedin": 3000}
#: Length a URL counts for where the network shortens links.
SHORT_URL_LENGTH = 23

# A URL as twitter-text and Mastodon find them: a scheme, or www., then no spaces.
URL_RE = regex.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"]+")
_TRAILING_PUNCT = ".,;:!?)]}'\""
_GRAPHEME_RE = regex.compile(r"\X")
# Pictographs below U+2000 (such as (c)) only count as emoji with VS16 after them.
_EMOJI_RE = regex.compile(r"(?=\p{Extended_Pictographic})[^\x00-\u1fff]|\p{Regional_Indicator}"
                          r"|\u20e3|\ufe0f")


def _url_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in URL_RE.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING_PUNCT:
            end -= 1
        spans.append((start, end))
    return spans


# Code points that weigh 2 on X: everything outside the light ranges.
_HEAVY_RE = regex.compile(r"[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")


def _weight(text: str) -> int:
    """X weight of text without URLs: 1 per light code point, 2 per other, 2 per emoji."""
    if not _EMOJI_RE.search(text):
        return len(text) + len(_HEAVY_RE.findall(text))
    total = 0
    for grapheme in _GRAPHEME_RE.findall(text):
        if len(grapheme) == 1 and grapheme < "\u1100":  # most clusters: one light character
            total += 1
        elif _EMOJI_RE.search(grapheme):
            total += 2
        else:
            total += len(grapheme) + len(_HEAVY_RE.findall(grapheme))
    return total


def x_length(text: str) -> int:
    """Weighted length of ``text`` on X (twitter-text v3)."""
    if text.isascii():  # fast path: every ASCII character weighs 1
        return code_points_with_short_urls(text)
    text = unicodedata.normalize("NFC", text)
    total = 0
    pos = 0
    for start, end in _url_spans(text):
        total += _weight(text[pos:start]) + SHORT_URL_LENGTH
        pos = end
    return total + _weight(text[pos:])


def grapheme_length(text: str) -> int:
    """User-perceived characters (extended grapheme clusters)."""
    if text.isascii():  # in ASCII only CR LF joins two characters into one
        return len(text) - text.count("\r\n")
    return len(_GRAPHEME_RE.findall(text))


def bluesky_short_url(url: str) -> str:
    """How the Bluesky composer displays (and counts) a link it shortened."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url
    if parts.scheme.lower() not in ("http", "https") or not host:
        return url
    default_port = 443 if parts.scheme.lower() == "https" else 80
    if port and port != default_port:
        host = f"{host}:{port}"
    path = ("" if parts.path in ("", "/") else parts.path)
    path += (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return host + (path[:13] + "..." if len(path) > 15 else path)


def bluesky_length(text: str) -> int:
    """Graphemes of ``text`` with its http(s) links shortened as Bluesky does."""
    out, pos = [], 0
    for start, end in _url_spans(text):
        if text[start:start + 4].lower() != "http":
            continue  # bare www. links are posted as written
        out.append(text[pos:start])
        out.append(bluesky_short_url(text[start:end]))
        pos = end
    out.append(text[pos:])
    return grapheme_length("".join(out))


def code_points_with_short_urls(text: str) -> int:
    """Code points, with every URL counted as 23 (Mastodon)."""
    total = len(text)
    for start, end in _url_spans(text):
        total += SHORT_URL_LENGTH - (end - start)
    return total


def network_length(network: str, text: str) -> int:
    """Length of ``text`` as ``network`` counts it."""
    if network == "x":
        return x_length(text)
    if network == "bluesky":
        return bluesky_length(text)
    if network == "mastodon":
        return code_points_with_short_urls(text)
    return len(text)


@dataclass(frozen=True)
class Count:
    """A measured text: its length on a network against that network's limit."""

    network: str
    length: int
    limit: int | None

    @property
    def fits(self) -> bool:
        return self.limit is None or self.length <= self.limit


def count(network: str, text: str) -> Count:
    """Measure ``text`` (as it lands in the composer) for ``network``."""
    return Count(network, network_length(network, text), LIMITS.get(network))
