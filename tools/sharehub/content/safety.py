"""Finding and removing markup that could run script.

Python-Markdown passes raw HTML through, and links may carry any scheme.
``sanitize_html`` is the allowlist applied to every piece of rendered HTML
that reaches the hub, whatever check said; ``find_unsafe_markup`` reports
(for ``sharehub check``) everything in a Markdown body that the sanitiser
would remove or rewrite, so that check rejects what the build neutralises.

Both read HTML the way browsers do: check lets nh3 (html5ever, an HTML5
parser) parse the body first and judges the elements it finds, so comment
tricks such as ``<!--->`` or ``--!>`` cannot hide a tag from check.

Two things the allowlist alone does not make safe, and which every kept
element is held to:

* ``title`` attributes: Material's ``content.tooltips`` (and any theme that
  builds tooltips with ``innerHTML``) renders a title as HTML, so every title
  becomes inert text, the same whether it is read as text or as HTML.
* ``class`` attributes: the hub's own classes (``sh-*``) and the theme's
  (``md-*``) are removed, so a body cannot pose as a share button or break
  the share panel.

Every regular expression here is linear in the length of its input.
"""

from __future__ import annotations

import functools
import html
import re
import string
from html.parser import HTMLParser

import nh3

from sharehub.text import plain_text

#: Elements that run script, embed other documents or rewrite the page.
DANGEROUS_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed",
                            "applet", "base", "meta", "link", "style", "form", "svg",
                            "math", "template", "noscript", "portal", "xmp", "plaintext"})
#: Attributes holding a URL.
URL_ATTRS = frozenset({"href", "src", "action", "formaction", "xlink:href", "data",
                       "poster", "background", "srcset", "ping", "codebase", "cite"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Class-name prefixes that belong to the hub (``sh-``) and to the theme (``md-``).
RESERVED_CLASS_PREFIXES = ("sh-", "md-")

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

_CONTROL_RE = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*+):", re.I)
# Each repeated class excludes the character the pattern starts with, so the
# scans from two starts never overlap (linear, whatever the input).
_MD_LINK_RE = re.compile(r"\]\(\s*+<?([^)\s<>\]]*+)")
_MD_REF_RE = re.compile(r"^[ ]{0,3}\[[^\]\n]++\]:[ \t]*+<?([^\s<>]++)", re.M)
_AUTOLINK_RE = re.compile(r"<([a-z][a-z0-9+.\-]*+:[^\s<>]*+)>", re.I)
_ATTR_LIST_RE = re.compile(r"\{[^{}\n]*?\bon[a-z]++\s*+=|\{[^{}\n]*?\b(?:href|src)\s*+=\s*+"
                           r"[\"']?+\s*+(?:javascript|vbscript|data):", re.I)
_STYLE_SCRIPT_RE = re.compile(r"expression\s*+\(|url\s*+\(\s*+['\"]?+\s*+(?:javascript|data):",
                              re.I)
_SUSPECT_RE = re.compile(r"<|\]\(|\]:|\{|&#|&[a-z]+;", re.I)
#: Markdown that renders into attributes (attr_list, link titles, abbreviations).
_MARKDOWN_ATTRS_RE = re.compile(r"\{[^{}\n]*+\}|^\*\[|\]\([^()\s\]]*+\s++[\"'(]|"
                                r"^[ ]{0,3}\[[^\]\n]++\]:[ \t]*+\S++[ \t]++[\"'(]", re.M)
#: A '&' that could start a character reference.
_ENTITY_START_RE = re.compile(r"&(?=[#A-Za-z])")
_INERT = str.maketrans({"<": "‹", ">": "›"})


def unsafe_url(url: str) -> bool:
    """Whether a link target uses a scheme other than http(s), mailto or tel.

    Entities and control characters are removed first, the way a browser
    reads ``jav&#x61;script:`` or ``java\\tscript:``.
    """
    cleaned = _CONTROL_RE.sub("", html.unescape(html.unescape(url)))
    match = _SCHEME_RE.match(cleaned)
    return bool(match) and match.group(1).lower() not in SAFE_SCHEMES


def inert_text(value: str) -> str:
    """Text that shows the same whether a page reads it as text or as HTML.

    For attributes a theme may hand to ``innerHTML`` (tooltips): markup is
    removed (:func:`sharehub.text.plain_text`), ``<``/``>`` become ``‹``/``›``
    and a ``&`` that could start an entity becomes ``＆``.
    """
    return _ENTITY_START_RE.sub("＆", plain_text(value).translate(_INERT))


def _hub_free_classes(value: str) -> str:
    return " ".join(name for name in value.split()
                    if not name.lower().startswith(RESERVED_CLASS_PREFIXES))


def _filter_attribute(tag: str, name: str, value: str, *, hub_page: bool = False) -> str | None:
    """nh3's attribute filter: inert titles, no hub or theme classes (unless ``hub_page``)."""
    if name == "title":
        return inert_text(value) or None
    if name == "class" and not hub_page:
        return _hub_free_classes(value) or None
    return value


def sanitize_html(fragment: str, *, hub_page: bool = False) -> str:
    """Keep only allowlisted tags, attributes and URL schemes (nh3/ammonia).

    Titles become inert text and the hub's and theme's class names are
    removed (see the module's documentation), except on a page the hub
    generates from its own templates (``hub_page``: Results, Contributors),
    whose values are escaped by the template and whose classes are its own.
    """
    return nh3.clean(fragment, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=set(SAFE_SCHEMES), link_rel="noopener noreferrer nofollow",
                     strip_comments=True,
                     attribute_filter=functools.partial(_filter_attribute, hub_page=hub_page))


def inert_toc(toc) -> None:
    """Make the titles of a page's table of contents inert text, in place.

    Material puts the text of a truncated table-of-contents entry into a
    tooltip as HTML; a heading that shows ``<img onerror=…>`` as text would
    run there. ``toc`` is MkDocs' ``TableOfContents`` (anchors with
    ``title`` and ``children``).
    """
    for anchor in toc or ():
        anchor.title = html.escape(inert_text(html.unescape(anchor.title)), quote=False)
        inert_toc(anchor.children)


#: Browsers read ``<![`` outside foreign content as a bogus comment;
#: Python-Markdown's HTML block parser fails on it with an exception.
_MARKED_SECTION_RE = re.compile(r"<!\[")


def prepare_markdown(markdown_text: str) -> str:
    """A body as Python-Markdown may safely read it (``<![`` shown as text)."""
    return _MARKED_SECTION_RE.sub("&lt;![", markdown_text)


# ------------------------------------------------------------------------ check

# The verdict pass keeps every element and attribute, so that what the
# sanitiser would remove can be seen after an HTML5 parse.
_ALL_TAGS = ALLOWED_TAGS | DANGEROUS_TAGS | frozenset({
    "address", "area", "article", "aside", "audio", "bdi", "bdo", "body", "button", "canvas",
    "col", "colgroup", "data", "datalist", "dfn", "dialog", "fieldset", "footer", "head",
    "header", "hgroup", "html", "input", "keygen", "label", "legend", "main", "map", "menu",
    "meter", "nav", "optgroup", "option", "output", "param", "picture", "progress", "rp", "rt",
    "ruby", "samp", "search", "section", "select", "slot", "source", "textarea", "time",
    "title", "track", "var", "video", "wbr", "image", "isindex", "marquee", "blink",
    "center", "font", "frame", "listing", "nobr", "noembed", "noframes", "tt", "big",
    "strike", "dir", "basefont", "bgsound", "acronym", "applet"})
_ALL_SCHEMES = frozenset({"javascript", "vbscript", "data", "livescript", "mocha", "file",
                          "blob", "filesystem", "feed", "jar", "view-source", "ftp", "ws",
                          "wss", "about", "chrome", "intent"}) | SAFE_SCHEMES


class _Finder(HTMLParser):
    """Judges the elements of an HTML5-normalised fragment against the allowlist."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (needle to find in the source, message)

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.found.append((f"<{tag}", f"<{tag}> is not allowed in content"))
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
        if tag == "a":
            allowed = allowed | {"rel"}  # the sanitiser sets its own
        for name, value in attrs:
            value = value or ""
            if name == "markdown":
                continue  # md_in_html's switch: Python-Markdown removes it
            if name.startswith("on"):
                self.found.append((name, f"event handler attribute {name}= is not allowed"))
            elif name in URL_ATTRS and unsafe_url(value):
                self.found.append((value[:20] or name, f"{name}= uses a script or data URL"))
            elif name == "style" and _STYLE_SCRIPT_RE.search(value):
                self.found.append((name, "style= runs script"))
            elif name == "title" and inert_text(value) != " ".join(value.split()):
                self.found.append((value,
                                   "title= holds markup or entities: themes show titles as "
                                   "HTML tooltips (write plain text)"))
            elif name == "class" and _hub_free_classes(value) != " ".join(value.split()):
                self.found.append((value.split()[0],
                                   "class= uses the hub's own class names (sh-*, md-*)"))
            elif tag in ALLOWED_TAGS and name not in allowed:
                self.found.append((name, f"attribute {name}= is not allowed on <{tag}>"))


def _html_verdict(fragment: str) -> list[tuple[str, str]]:
    """What the sanitiser would change in ``fragment``, read as a browser reads it."""
    normalised = nh3.clean(fragment, tags=set(_ALL_TAGS), clean_content_tags=set(),
                           attributes={}, generic_attribute_prefixes=set(string.ascii_lowercase),
                           url_schemes=set(_ALL_SCHEMES), link_rel=None, strip_comments=True)
    finder = _Finder()
    finder.feed(normalised)
    finder.close()
    return finder.found


def _render_for_check(markdown_text: str) -> str:
    """The body as Python-Markdown renders it with the extensions that make attributes."""
    import markdown

    return markdown.markdown(prepare_markdown(markdown_text),
                             extensions=["attr_list", "abbr", "md_in_html", "def_list",
                                         "footnotes"])


def find_unsafe_markup(markdown_text: str) -> list[tuple[int, str]]:
    """Everything in a Markdown body that could run script or that the build would change.

    Returns:
        ``(line, message)`` pairs, ``line`` 1-based within ``markdown_text``.
    """
    if not _SUSPECT_RE.search(markdown_text):
        return []  # fast path: plain prose has none of the markers
    lowered = markdown_text.lower()

    def line_of(offset: int) -> int:
        return markdown_text.count("\n", 0, offset) + 1

    searched_from: dict[str, int] = {}

    def line_of_needle(needle: str) -> int:
        # Findings come in document order: the same needle twice is the next occurrence.
        for form in (needle, html.escape(needle, quote=True)):
            form = form.lower()
            offset = lowered.find(form, searched_from.get(form, 0))
            if offset >= 0:
                searched_from[form] = offset + 1
                return line_of(offset)
        return 1

    found: set[tuple[int, str]] = set()
    verdict: list[tuple[str, str]] = []
    if "<" in markdown_text:
        verdict += _html_verdict(markdown_text)
        for match in _MARKED_SECTION_RE.finditer(markdown_text):
            found.add((line_of(match.start()), "'<![' is not allowed in content "
                                               "(browsers read it as a comment)"))
    if _MARKDOWN_ATTRS_RE.search(markdown_text):
        verdict += _html_verdict(_render_for_check(markdown_text))
    found.update((line_of_needle(needle), message) for needle, message in verdict)

    for regex in (_MD_LINK_RE, _MD_REF_RE, _AUTOLINK_RE):
        for match in regex.finditer(markdown_text):
            if unsafe_url(match.group(1)):
                found.add((line_of(match.start(1)),
                           f"link to {match.group(1)[:40]!r} uses a script or data URL"))
    for match in _ATTR_LIST_RE.finditer(markdown_text):
        found.add((line_of(match.start()), "attribute list sets an event handler "
                                           "or a script URL"))
    return sorted(found)
