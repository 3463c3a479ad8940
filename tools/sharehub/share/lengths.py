"""Length of a post the way each network counts it.

The text counted is the one that lands in the composer: the share text, its
hashtags and disclosure, and the link. ``site/assets/share-core.js`` ports
these rules to the browser; both are held to ``tests/data/share_vectors.json``
and to the networks' own test material in ``tests/share/fixtures/``.

* X (twitter-text v3): links found the way twitter-text finds them (with
  twitter-text-parser, a Python port that passes twitter-text's conformance
  suite), each weighing 23; after NFC, code points in the light ranges weigh
  1, every other code point 2, an emoji sequence 2. Texts with U+FFFE, U+FEFF
  or U+FFFF are refused.
* Bluesky: links found as atproto's ``detectFacets`` finds them (a link
  starts at the start, after white space or ``(``; bare domains need a known
  TLD; one trailing ``.,;:!?`` is dropped, a ``)`` only when unbalanced),
  shortened as the app's composer does (WHATWG URL: punycode host,
  percent-encoded path; host + 13 characters + "..."), then 300 graphemes
  and, for the post record, 3,000 UTF-8 bytes.
* Mastodon: links with a scheme found as twitter-text finds them, each
  counting ``characters_reserved_per_url`` (23), the rest in graphemes,
  against ``max_characters`` (500): both configurable, as instances differ.
* Threads 500, LinkedIn 3,000 code points; Teams 200 (its ``msgText``).

:func:`network_rules` gives all of this as data for the browser;
:func:`count` measures one text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

import idna
import regex

from sharehub.share.tlds import tlds

#: Rules per network, as JSON the browser receives (see :func:`network_rules`).
#: ``x`` mirrors twitter-text's config v3 (weights scaled by ``scale``).
DEFAULT_RULES: dict[str, dict] = {
    "x": {"limit": 280, "url_length": 23, "scale": 100, "default_weight": 200,
          "ranges": ((0, 4351, 100), (8192, 8205, 100), (8208, 8223, 100), (8242, 8247, 100)),
          "emoji": True},
    "bluesky": {"limit": 300, "byte_limit": 3000},
    "mastodon": {"limit": 500, "url_length": 23},
    "threads": {"limit": 500},
    "linkedin": {"limit": 3000},
    "teams": {"limit": 200},
}
#: Limits of the networks that have one (default rules).
LIMITS = {network: rules["limit"] for network, rules in DEFAULT_RULES.items()}
#: Length a URL counts for on X (and by default on Mastodon).
SHORT_URL_LENGTH = 23
#: Characters X refuses in a post (twitter-text ``invalidChars``).
X_INVALID_CHARS = "\ufffe\ufeff\uffff"
_X_INVALID_RE = re.compile(f"[{X_INVALID_CHARS}]")


@functools.cache
def _twitter_urls():
    """twitter-text's URL extractor, imported when first needed (its emoji tables
    take a third of a second to load; a site build's main process never counts)."""
    from twitter_text import extract_urls_with_indices
    return extract_urls_with_indices


_RULES_OF: dict[int, tuple[object, dict]] = {}


def network_rules(options=None) -> dict:
    """Every network's counting rules as JSON-serialisable data.

    The page hands this dict to ``sharehubShare.count`` so that the browser
    counts with the hub's own settings. One dict per options object (do not
    change it; the defaults, ``None``, are a fresh copy): share links ask for
    it once per link, and reading MkDocs options is slow.

    Args:
        options: the hub's plugin options (``SharehubConfig``); ``None`` for
            the defaults. Only ``mastodon.max_characters`` and
            ``mastodon.characters_reserved_per_url`` change anything today.
    """
    cached = _RULES_OF.get(id(options)) if options is not None else None
    if cached is not None and cached[0] is options:
        return cached[1]
    rules = {network: dict(net_rules) for network, net_rules in DEFAULT_RULES.items()}
    mastodon = getattr(options, "mastodon", None)
    if mastodon is not None:
        rules["mastodon"].update(limit=mastodon.max_characters,
                                 url_length=mastodon.characters_reserved_per_url)
    if options is not None:
        if len(_RULES_OF) > 64:
            _RULES_OF.clear()
        _RULES_OF[id(options)] = (options, rules)  # the options are kept: their id stays theirs
    return rules


_TT_SPACES = r"\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_RUN_WITH = {needle: re.compile(rf"(?<![^{_TT_SPACES}])[^{_TT_SPACES}{needle}]*{needle}[^{_TT_SPACES}]*")
             for needle in (r"\.", ":")}
# An emoji as twitter-text v3 weighs it (one unit of default weight): a flag,
# a keycap, a pictograph (those below U+2000, such as (c), only with VS16)
# with its modifier, tags and ZWJ sequence.
_PICTO = r"(?:(?=\p{Extended_Pictographic})[^\x00-\u1fff]|[\xa9\xae]\ufe0f)"
_EMOJI_RE = regex.compile(
    r"\p{Regional_Indicator}{2}|[#*0-9]\ufe0f?\u20e3"
    rf"|{_PICTO}(?:\ufe0f|\p{{Emoji_Modifier}})?[\U000e0020-\U000e007e]*\U000e007f?"
    rf"(?:\u200d{_PICTO}(?:\ufe0f|\p{{Emoji_Modifier}})?)*")
_GRAPHEME_RE = regex.compile(r"\X")
_NON_ASCII_RE = regex.compile(r"[^\x00-\x7f]")
_LAST_NON_ASCII_RE = regex.compile(r"[^\x00-\x7f](?=[\x00-\x7f]*\Z)")


def x_url_spans(text: str, *, without_protocol: bool = True) -> list[tuple[int, int]]:
    """Code-point spans of the URLs twitter-text extracts from ``text``.

    Args:
        without_protocol: also bare domains such as ``northwind.com`` (X);
            Mastodon only counts links with a scheme.
    """
    spans = []
    for run in _RUN_WITH[r"\." if without_protocol else ":"].finditer(text):
        offset = run.start()
        for entity in _extract(run.group(), without_protocol):
            spans.append((offset + entity[0], offset + entity[1]))
    return spans


@functools.lru_cache(maxsize=8192)
def _extract(run: str, without_protocol: bool) -> tuple[tuple[int, int], ...]:
    return tuple(tuple(e["indices"]) for e in
                 _twitter_urls()(run, extract_urls_without_protocol=without_protocol))


@functools.lru_cache(maxsize=16)
def _light_re(ranges: tuple[tuple[int, int, int], ...], default: int) -> tuple[regex.Pattern, int]:
    """A pattern of the code points that do not weigh ``light`` (twitter-text's ranges)."""
    weights = {w for _s, _e, w in ranges} or {default}
    if len(weights) != 1:
        raise ValueError("X rules with ranges of different weights are not supported")
    light = weights.pop()
    classes = "".join(f"\\U{start:08x}-\\U{end:08x}" for start, end, _w in ranges)
    return regex.compile(f"[^{classes}]" if classes else r"[\s\S]"), light


def _weigh(text: str, rules: dict) -> int:
    """Scaled weight of ``text`` (no URLs in it)."""
    heavy_re, light = _light_re(tuple(tuple(r) for r in rules["ranges"]), rules["default_weight"])
    heavy = rules["default_weight"]
    if not rules.get("emoji") or text.isascii():
        n_heavy = len(heavy_re.findall(text))
        return (len(text) - n_heavy) * light + n_heavy * heavy
    total, pos = 0, 0
    for match in _EMOJI_RE.finditer(text):
        total += _weigh(text[pos:match.start()], dict(rules, emoji=False)) + heavy
        pos = match.end()
    return total + _weigh(text[pos:], dict(rules, emoji=False))


def x_length(text: str, rules: dict | None = None) -> int:
    """Weighted length of ``text`` on X (twitter-text ``parseTweet``)."""
    rules = rules or DEFAULT_RULES["x"]
    text = unicodedata.normalize("NFC", text)
    total, pos = 0, 0
    for start, end in x_url_spans(text):
        total += _weigh(text[pos:start], rules) + rules["url_length"] * rules["scale"]
        pos = end
    total += _weigh(text[pos:], rules)
    return total // rules["scale"]


# ---- Bluesky (atproto rich text, social-app composer) -----------------------------------
# JavaScript's \s (atproto's regexes are JavaScript ones).
_JS_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_BSKY_URL_RE = regex.compile(
    rf"(?:^|(?<=[{_JS_SPACE}(]))"
    rf"(?:(?i:https?://)[^{_JS_SPACE}]+|(?P<domain>[a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+)+)"
    rf"[^{_JS_SPACE}]*)", flags=regex.M)


def bluesky_link_spans(text: str) -> list[tuple[int, int]]:
    """Code-point spans of the links atproto's ``detectFacets`` finds."""
    spans = []
    for match in _BSKY_URL_RE.finditer(text):
        uri, (start, end) = match.group(), match.span()
        if not uri.startswith("http"):
            domain = match.group("domain")
            if not domain or not _known_domain(domain):
                continue
        if uri[-1] in ".,;:!?":
            end -= 1
            uri = uri[:-1]
        if uri.endswith(")") and "(" not in uri:
            end -= 1
        spans.append((start, end))
    return spans


def _known_domain(domain: str) -> bool:
    last = domain.rsplit(".", 1)[1]
    return last in tlds("bluesky")


def bluesky_short_url(url: str) -> str:
    """How the Bluesky composer shows (and counts) a link: ``toShortUrl``.

    The browser's URL parser first normalises the link (punycode host,
    lower case, default port dropped, dot segments resolved, path, query and
    fragment percent-encoded); links it cannot parse stay as written.
    """
    parsed = whatwg_url(url)
    if parsed is None:
        return url
    host, pathname, search, hash_ = parsed
    rest = ("" if pathname == "/" else pathname) + search + hash_
    return host + (rest[:13] + "..." if len(rest) > 15 else rest)


def bluesky_shortened(text: str) -> str:
    """``text`` with its links shortened as the composer posts it."""
    out, pos = [], 0
    for start, end in bluesky_link_spans(text):
        out += [text[pos:start], bluesky_short_url(text[start:end])]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def grapheme_length(text: str) -> int:
    """User-perceived characters (extended grapheme clusters)."""
    if text.isascii():  # in ASCII only CR LF joins two characters into one
        return len(text) - text.count("\r\n")
    # Only the stretch from the character before the first non-ASCII one to
    # the character after the last needs segmenting: outside it, every pair of
    # characters is a boundary but CR LF (counted on the whole text).
    start = max(_NON_ASCII_RE.search(text).start() - 1, 0)
    end = min(_LAST_NON_ASCII_RE.search(text).end() + 1, len(text))
    middle = text[start:end]
    return (start + len(text) - end + len(_GRAPHEME_RE.findall(middle))
            - text.count("\r\n") + middle.count("\r\n"))


def bluesky_length(text: str) -> int:
    """Graphemes of ``text`` once the composer shortened its links."""
    return grapheme_length(bluesky_shortened(text))


# ---- WHATWG URL (the subset toShortUrl relies on) ----------------------------------
_SCHEME_RE = regex.compile(r"(?i)^(https?):[/\\]*")
_URL_PLAIN_RE = regex.compile(r"[A-Za-z0-9!$%&()*+,\-./:;=?@_~\[\]]*")
_PLAIN_HOST_RE = regex.compile(r"[A-Za-z0-9.-]+")
_FORBIDDEN_HOST_RE = regex.compile(r"[\x00-\x20#/:<>?@\[\\\]^|%\x7f]")
_SLASH_RE = regex.compile(r"[/\\]")
_NUMBER_RE = regex.compile(r"(?i)0x[0-9a-f]*|[0-9]+")
_HEX_RE = regex.compile(r"(?i)0x[0-9a-f]*")
_QUERY_UNSAFE = set(" \"#<>'")
_FRAGMENT_UNSAFE = set(" \"<>`")


def _encode(text: str, keep) -> str:
    if _URL_PLAIN_RE.fullmatch(text):  # the usual case: nothing to encode
        return text
    out = []
    for char in text:
        if keep(char):
            out.append(char)
        else:
            out.append("".join(f"%{b:02X}" for b in char.encode("utf-8", "surrogatepass")))
    return "".join(out)


def _ascii_keep(unsafe: set[str]):
    return lambda c: " " < c < "\x7f" and c not in unsafe


def _host_to_ascii(host: str) -> str | None:
    host = unquote(host)
    if not host or _FORBIDDEN_HOST_RE.search(host):
        return None
    if _PLAIN_HOST_RE.fullmatch(host) and "xn--" not in host.lower():
        return _ip_or_host(host.lower())  # the usual case: nothing to map
    try:
        ascii_host = idna.encode(host, uts46=True, transitional=False).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        # Browsers are laxer than IDNA 2008 (no DNS length check, symbols
        # allowed): map as UTS 46 does, then punycode label by label.
        try:
            mapped = idna.uts46_remap(host, std3_rules=False, transitional=False)
        except (idna.IDNAError, UnicodeError):
            return None
        labels = []
        for label in mapped.split("."):
            labels.append(label if label.isascii() else "xn--" + label.encode("punycode").decode())
        ascii_host = ".".join(labels)
    return _ip_or_host(ascii_host.lower())


def _ip_or_host(host: str) -> str | None:
    address = _ipv4(host)
    if address == "":
        return None  # ends in a number but is no valid address: new URL() throws
    return address or host


def _ipv4(host: str) -> str | None:
    """WHATWG's IPv4 parser: hosts ending in a number are addresses.

    Returns the dotted address, ``None`` for other hosts, "" when invalid.
    """
    parts = host.split(".")
    if parts and parts[-1] == "" and len(parts) > 1:
        parts = parts[:-1]
    if not _NUMBER_RE.fullmatch(parts[-1] or "x"):
        return None
    numbers = []
    for part in parts:
        try:
            if _HEX_RE.fullmatch(part):
                numbers.append(int(part[2:] or "0", 16))
            elif len(part) > 1 and part.startswith("0"):
                numbers.append(int(part, 8))
            else:
                numbers.append(int(part))
        except ValueError:
            return ""
    if len(numbers) > 4 or any(n > 255 for n in numbers[:-1]) or \
            numbers[-1] >= 256 ** (5 - len(numbers)):
        return ""
    value = numbers[-1] + sum(n << (8 * (3 - i)) for i, n in enumerate(numbers[:-1]))
    return ".".join(str((value >> s) & 255) for s in (24, 16, 8, 0))


def _path(path: str) -> str:
    segments: list[str] = []
    parts = path.replace("\\", "/").split("/")[1:]
    for i, segment in enumerate(parts):
        last = i == len(parts) - 1
        lowered = segment.lower()
        if lowered in ("..", ".%2e", "%2e.", "%2e%2e"):
            if segments:
                segments.pop()
            if last:
                segments.append("")
        elif lowered in (".", "%2e"):
            if last:
                segments.append("")
        else:
            segments.append(segment)
    keep = _ascii_keep(set(" \"#<>?`{}"))
    return "/" + "/".join(_encode(s, keep) for s in segments)


def whatwg_url(url: str) -> tuple[str, str, str, str] | None:
    """``(host, pathname, search, hash)`` of an http(s) URL as a browser's
    ``new URL()`` gives them, or ``None`` where it would throw."""
    match = _SCHEME_RE.match(url)
    if not match:
        return None
    scheme, rest = match.group(1).lower(), url[match.end():]
    rest, hash_sign, fragment = rest.partition("#")
    rest, question, query = rest.partition("?")
    split = _SLASH_RE.search(rest)
    authority, path = (rest[:split.start()], rest[split.end():]) if split else (rest, "")
    authority = authority.rpartition("@")[2]
    host, port = authority, ""
    if not authority.startswith("[") and ":" in authority:
        host, _colon, port = authority.rpartition(":")
    if host.startswith("["):
        return None  # IPv6 hosts: not needed for share texts
    ascii_host = _host_to_ascii(host)
    if not ascii_host:
        return None
    if port:
        if not port.isdigit() or int(port) > 65535:
            return None
        if int(port) != (443 if scheme == "https" else 80):
            ascii_host += f":{int(port)}"
    pathname = _path("/" + path)
    search = "?" + _encode(query, _ascii_keep(_QUERY_UNSAFE)) if question and query else ""
    hash_ = "#" + _encode(fragment, _ascii_keep(_FRAGMENT_UNSAFE)) if hash_sign and fragment else ""
    return ascii_host, pathname, search, hash_


# ---- Mastodon --------------------------------------------------------------------------
def mastodon_length(text: str, rules: dict | None = None) -> int:
    """Graphemes of ``text`` with each link counted as the instance reserves
    for it (Mastodon's ``StatusLengthValidator``)."""
    rules = rules or DEFAULT_RULES["mastodon"]
    spans = x_url_spans(text, without_protocol=False)
    if not spans:
        return grapheme_length(text)
    out, pos = [], 0
    for start, end in spans:
        out += [text[pos:start], "x" * rules["url_length"]]
        pos = end
    out.append(text[pos:])
    return grapheme_length("".join(out))


# ---- all networks ----------------------------------------------------------------------
@dataclass(frozen=True)
class Count:
    """A measured text: its length on a network against that network's limit.

    Attributes:
        length: as the network counts (weighted, graphemes, code points).
        limit: the network's limit, ``None`` where it has none.
        bytes: UTF-8 bytes where the network also limits those (Bluesky).
        byte_limit: that second limit.
        invalid: a character the network refuses (X), empty if none.
    """

    network: str
    length: int
    limit: int | None
    bytes: int | None = None
    byte_limit: int | None = None
    invalid: str = ""

    @property
    def fits(self) -> bool:
        return ((self.limit is None or self.length <= self.limit)
                and (self.byte_limit is None or self.bytes <= self.byte_limit)
                and not self.invalid)

    def describe(self, context: str = "") -> str:
        """Why the text does not fit, in one line ("" when it fits).

        Args:
            context: what was counted, put after the figure (" with link...").
        """
        if self.invalid:
            return (f"{self.network} refuses the invisible character U+{ord(self.invalid):04X}"
                    f"{context}")
        if self.limit is not None and self.length > self.limit:
            return f"too long for {self.network}: {self.length} characters{context} (limit {self.limit})"
        if self.byte_limit is not None and self.bytes > self.byte_limit:
            return (f"too long for {self.network}: {self.bytes} bytes in UTF-8{context} "
                    f"(limit {self.byte_limit} bytes)")
        return ""


def count(network: str, text: str, rules: dict | None = None) -> Count:
    """Measure ``text`` (as it lands in the composer) for ``network``.

    Args:
        rules: :func:`network_rules` of the hub; the defaults when omitted.
    """
    net_rules = (rules or {}).get(network) or DEFAULT_RULES.get(network) or {}
    limit = net_rules.get("limit")
    if network == "x":
        invalid = _X_INVALID_RE.search(text)
        return Count(network, x_length(text, net_rules), limit,
                     invalid=invalid.group() if invalid else "")
    if network == "bluesky":
        shortened = bluesky_shortened(text)
        return Count(network, grapheme_length(shortened), limit,
                     bytes=len(shortened.encode("utf-8", "surrogatepass")),
                     byte_limit=net_rules.get("byte_limit"))
    if network == "mastodon":
        return Count(network, mastodon_length(text, net_rules), limit)
    return Count(network, len(text), limit)
