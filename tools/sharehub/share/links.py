"""The share-link builder: (text, link, network, options) -> share URL.

This is the only place share URLs are made. The site renders them as plain
``<a href>`` links, ``sharehub links`` prints them, reviews show them, and
the browser (``site/assets/share-core.js``) re-implements exactly these rules
to personalise links as an employee edits the text. Both are held to the
vectors in ``tests/data/share_vectors.json``.

Formats as the networks document them today: Reddit's submit form needs
``type=LINK`` (else it opens as a text post); Teams takes the link as
``href`` and at most 200 characters of ``msgText``; Mastodon without a chosen
instance goes to Mastodon's own instance picker, share.joinmastodon.org, with
the text in the fragment (never sent to its server); Threads takes the first
hashtag as its topic ``tag``.

Encoding: every parameter value is percent-encoded with RFC 3986's
unreserved set only (``quote(safe="")``), which is what JavaScript's
``encodeURIComponent`` gives once ``!'()*`` are escaped too. Spaces are
``%20`` everywhere, as RFC 6068 requires for ``mailto:``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import regex

from sharehub.share.lengths import count

#: Display names, in the default order.
NETWORK_LABELS = {
    "linkedin": "LinkedIn", "x": "X", "facebook": "Facebook", "bluesky": "Bluesky",
    "mastodon": "Mastodon", "threads": "Threads", "reddit": "Reddit",
    "whatsapp": "WhatsApp", "telegram": "Telegram", "xing": "XING", "teams": "Microsoft Teams",
    "email": "Email",
}
#: Mastodon's own instance picker (github.com/mastodon/share): it reads
#: ``text`` from the fragment and sends the employee to their instance.
MASTODON_PICKER = "https://share.joinmastodon.org/"
#: Networks whose composer receives the hashtags (not Reddit titles or email).
HASHTAG_NETWORKS = frozenset({"linkedin", "x", "bluesky", "mastodon", "threads",
                              "whatsapp", "telegram"})
#: Query parameters that only track, dropped from canonical URLs.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid",
    "igshid", "yclid", "twclid", "li_fat_id", "_hsenc", "_hsmi", "mkt_tok", "srsltid",
    "ref_src", "oly_enc_id", "oly_anon_id", "vero_id", "wickedid",
})
_TRAILING_PUNCT = ".,;:!?)]}'\""
# A hashtag Threads takes as a topic tag: after white space, at most 50
# letters, marks, digits or underscores (Threads refuses ".", "&", tabs and
# line breaks in tags). The white space is spelled out so that share-core.js
# uses the same.
_TOPIC_TAG_RE = regex.compile(
    r"(?:^|(?<=[\t\n\x0b\x0c\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]))"
    r"#([\p{L}\p{M}\p{N}_]{1,50})(?![\p{L}\p{M}\p{N}_])")


_UNRESERVED_RE = re.compile(r"[A-Za-z0-9_.~-]*")


# Every ASCII character's encoding, for str.translate (one C call instead of quote's loop).
_ASCII_ENCODED = {c: (chr(c) if _UNRESERVED_RE.fullmatch(chr(c)) else f"%{c:02X}")
                  for c in range(128)}


def encode(value: str) -> str:
    """Percent-encode a query value (everything but RFC 3986 unreserved)."""
    if _UNRESERVED_RE.fullmatch(value):  # fast path: slugs and names need nothing
        return value
    if value.isascii():
        return value.translate(_ASCII_ENCODED)
    return quote(value, safe="")


def is_tracking_param(name: str) -> bool:
    """Whether a query parameter only tracks clicks (``utm_*``, ``fbclid``...)."""
    name = name.lower()
    return name.startswith("utm_") or name in TRACKING_PARAMS


def _query_names(query: str) -> set[str]:
    return {unquote(part.split("=", 1)[0]).replace("+", " ")
            for part in query.split("&") if part}


def add_query_params(url: str, params: list[tuple[str, str]]) -> str:
    """Append parameters to ``url``, keeping its query and fragment as written.

    A parameter already in the URL is left as it is (never duplicated or
    overwritten); empty values are not added.
    """
    base, hash_sign, fragment = url.partition("#")
    path, _question, query = base.partition("?")
    present = _query_names(query)
    added = [f"{encode(name)}={encode(value)}" for name, value in params
             if value and name not in present]
    if not added:
        return url
    joined = query + ("&" if query and not query.endswith("&") else "") + "&".join(added)
    return f"{path}?{joined}" + (f"#{fragment}" if hash_sign else "")


def tracked_url(url: str, network: str, *, medium: str = "", campaign: str = "",
                content: str = "") -> str:
    """The link to share on ``network``, with its ``utm_*`` parameters."""
    return add_query_params(url, [("utm_source", network), ("utm_medium", medium),
                                  ("utm_campaign", campaign), ("utm_content", content)])


def _kept_params(query: str) -> list[str]:
    return [part for part in query.split("&")
            if part and not is_tracking_param(unquote(part.split("=", 1)[0]))]


def strip_tracking(url: str) -> str:
    """``url`` without click-tracking parameters (``utm_*``, ``fbclid``...);
    the rest (path, other parameters in their order, fragment) as written."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(_kept_params(parts.query)),
                       parts.fragment))


def canonical_url(url: str) -> str:
    """The URL used to spot duplicates: lower-case host, no tracking, no fragment.

    Remaining query parameters are sorted and a trailing slash is dropped, so
    ``https://Example.com/a/?utm_source=x&b=1#top`` and
    ``https://example.com/a?b=1`` are the same item.
    """
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = "&".join(sorted(_kept_params(parts.query)))
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, query, ""))




def compose_text(text: str, network: str, *, hashtags: tuple[str, ...] | list[str] = (),
                 disclosure: str = "") -> str:
    """The share text with the hashtags and disclosure it lacks appended."""
    return _compose(text, network in HASHTAG_NETWORKS, tuple(hashtags), disclosure)


@functools.lru_cache(maxsize=4096)
def _compose(text: str, with_hashtags: bool, hashtags: tuple[str, ...], disclosure: str) -> str:
    out = text.strip()
    if with_hashtags and hashtags:
        # A hashtag counts as present when a word of the text is it, ignoring case
        # and trailing punctuation ("#Hiring," has #hiring).
        words = {word.lower().rstrip(_TRAILING_PUNCT) for word in out.split()}
        missing = [f"#{tag}" for tag in hashtags if f"#{tag}".lower() not in words]
        if missing:
            out = f"{out} {' '.join(missing)}".strip()
    disclosure = disclosure.strip()
    if disclosure and disclosure.lower() not in out.lower():
        out = f"{out} {disclosure}".strip()
    return out


@dataclass(frozen=True)
class ShareLink:
    """One network's share action for one text.

    Attributes:
        network: network key (``linkedin``...).
        href: the share URL to put in ``<a href>``.
        text: the text as it will land in the composer (link included).
        link: the tracked link that is shared.
        rules: the hub's counting rules (:func:`sharehub.share.lengths.network_rules`);
            ``None``: the defaults.
    """

    network: str
    href: str
    text: str
    link: str
    rules: dict | None = field(default=None, compare=False, repr=False)

    @property
    def label(self) -> str:
        return NETWORK_LABELS[self.network]

    @property
    def count(self):
        """Length against the network's limit (:class:`sharehub.share.lengths.Count`)."""
        return count(self.network, self.text, self.rules)


def landing_text(network: str, text: str, link: str, *, title: str = "") -> str:
    """The text as it lands in ``network``'s composer (what its limit applies to)."""
    if network in ("linkedin", "email"):
        return f"{text}\n\n{link}"
    if network == "telegram":
        return f"{link}\n{text}"
    if network == "reddit":
        return title or text
    if network in ("facebook", "xing"):
        return link
    if network == "teams":
        return text  # msgText; Teams puts the link (href) after it
    if network in ("x", "threads", "bluesky", "mastodon", "whatsapp"):
        return f"{text} {link}"
    raise ValueError(f"unknown network {network!r}")


def topic_tag(text: str) -> str:
    """The first hashtag of ``text`` that Threads takes as a topic tag, or ""."""
    match = _TOPIC_TAG_RE.search(text)
    return match.group(1) if match else ""


def share_link(network: str, text: str, link: str, *, title: str = "",
               mastodon_instance: str = "", rules: dict | None = None) -> ShareLink:
    """Build the share URL of ``network`` for an already composed ``text``.

    Args:
        network: one of :data:`sharehub.content.model.NETWORKS`.
        text: share text with hashtags and disclosure (see :func:`compose_text`).
        link: the link to share, tracking parameters included.
        title: headline, used as Reddit's title and the email subject.
        mastodon_instance: host of the employee's Mastodon instance; empty:
            Mastodon's instance picker.
        rules: the hub's counting rules, for :attr:`ShareLink.count`.
    """
    e = encode
    landing = landing_text(network, text, link, title=title)
    if network == "linkedin":
        href = f"https://www.linkedin.com/feed/?shareActive=true&text={e(landing)}"
    elif network == "x":
        href = f"https://x.com/intent/tweet?text={e(text)}&url={e(link)}"
    elif network == "threads":
        tag = topic_tag(text)
        href = (f"https://www.threads.com/intent/post?text={e(text)}&url={e(link)}"
                + (f"&tag={e(tag)}" if tag else ""))
    elif network == "telegram":
        href = f"https://t.me/share/url?url={e(link)}&text={e(text)}"
    elif network == "bluesky":
        href = f"https://bsky.app/intent/compose?text={e(landing)}"
    elif network == "mastodon":
        href = (f"https://{mastodon_instance}/share?text={e(landing)}" if mastodon_instance
                else f"{MASTODON_PICKER}#text={e(landing)}")
    elif network == "whatsapp":
        href = f"https://wa.me/?text={e(landing)}"
    elif network == "reddit":
        href = f"https://www.reddit.com/submit?url={e(link)}&title={e(landing)}&type=LINK"
    elif network == "teams":
        href = f"https://teams.microsoft.com/share?href={e(link)}&msgText={e(landing)}"
    elif network == "email":
        # RFC 6068: line breaks in a body are CRLF.
        body = landing.replace("\r\n", "\n").replace("\n", "\r\n")
        href = f"mailto:?subject={e(title or text)}&body={e(body)}"
    elif network == "facebook":
        href = f"https://www.facebook.com/sharer/sharer.php?u={e(link)}"
    else:  # xing
        href = f"https://www.xing.com/spi/shares/new?url={e(link)}"
    return ShareLink(network, href, landing, link, rules)


_SPACE_RE = re.compile(r"\s+")


def one_line(text: str) -> str:
    """Collapse white space (for titles used as subjects)."""
    return _SPACE_RE.sub(" ", text).strip()
