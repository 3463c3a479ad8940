"""Finding and removing markup that could run script.

Python-Markdown passes raw HTML through, and links may carry any scheme.
``find_unsafe_markup`` reports what in a Markdown body could execute (for
``sharehub check``); ``sanitize_html`` is the allowlist applied to every
piece of rendered HTML that reaches the hub, whatever check said.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

#: Elements that run script, embed other documents or rewrite the page.
DANGEROUS_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed",
                            "applet", "base", "meta", "link", "style", "form", "svg",
                            "math", "template", "noscript", "portal", "xmp", "plaintext"})
#: Attributes holding a URL.
URL_ATTRS = frozenset({"href", "src", "action", "formaction", "xlink:href", "data",
                       "poster", "background", "srcset", "ping", "codebase", "cite"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_CONTROL_RE = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
_MD_LINK_RE = re.compile(r"\]\(\s*<?([^)\s>]*)")
_MD_REF_RE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_AUTOLINK_RE = re.compile(r"<([a-z][a-z0-9+.\-]*:[^\s>]*)>", re.I)
_ATTR_LIST_RE = re.compile(r"\{[^{}\n]*?\bon[a-z]+\s*=|\{[^{}\n]*?\b(?:href|src)\s*=\s*"
                           r"[\"']?\s*(?:javascript|vbscript|data):", re.I)
_SUSPECT_RE = re.compile(r"<|\]\(|\]:|\{|&#|&[a-z]+;", re.I)


def unsafe_url(url: str) -> bool:
    """Whether a link target uses a scheme other than http(s), mailto or tel.

    Entities and control characters are removed first, the way a browser
    reads ``jav&#x61;script:`` or ``java\\tscript:``.
    """
    cleaned = _CONTROL_RE.sub("", html.unescape(html.unescape(url)))
    match = _SCHEME_RE.match(cleaned)
    return bool(match) and match.group(1).lower() not in SAFE_SCHEMES


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[tuple[int, int], str]] = []

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        where = self.getpos()
        if tag in DANGEROUS_TAGS:
            self.found.append((where, f"<{tag}> is not allowed in content"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((where, f"event handler attribute {name}= is not allowed"))
            elif name in URL_ATTRS and value and unsafe_url(value):
                self.found.append((where, f"{name}= uses a script or data URL"))
            elif name == "style" and value and re.search(r"expression\s*\(|url\s*\(\s*['\"]?\s*"
                                                         r"(?:javascript|data):", value, re.I):
                self.found.append((where, "style= runs script"))


def find_unsafe_markup(markdown_text: str) -> list[tuple[int, str]]:
    """Everything in a Markdown body that could run script in a browser.

    Returns:
        ``(line, message)`` pairs, ``line`` 1-based within ``markdown_text``.
    """
    if not _SUSPECT_RE.search(markdown_text):
        return []  # fast path: plain prose has none of the markers
    found: list[tuple[int, str]] = []
    finder = _Finder()
    try:
        finder.feed(markdown_text)
        finder.close()
    except Exception:  # HTMLParser is lenient; never let odd input crash a check
        pass
    found.extend((line, message) for (line, _col), message in finder.found)

    def line_of(offset: int) -> int:
        return markdown_text.count("\n", 0, offset) + 1

    for regex in (_MD_LINK_RE, _MD_REF_RE, _AUTOLINK_RE):
        for match in regex.finditer(markdown_text):
            if unsafe_url(match.group(1)):
                found.append((line_of(match.start(1)),
                              f"link to {match.group(1)[:40]!r} uses a script or data URL"))
    for match in _ATTR_LIST_RE.finditer(markdown_text):
        found.append((line_of(match.start()), "attribute list sets an event handler "
                                              "or a script URL"))
    return sorted(set(found))


#: Tags allowed in rendered bodies (Markdown output and harmless inline HTML).
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
})
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "details": {"open"},
}


def sanitize_html(fragment: str) -> str:
    """Keep only allowlisted tags, attributes and URL schemes (nh3/ammonia)."""
    return nh3.clean(fragment, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=set(SAFE_SCHEMES), link_rel="noopener noreferrer nofollow",
                     strip_comments=True)
