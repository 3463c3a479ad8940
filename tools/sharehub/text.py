"""Untrusted text, made safe once: plain text in, and literal Markdown out.

Feed entries, web pages, issue-form answers and analytics exports are written
by strangers. Everything sharehub takes from them goes through
:func:`plain_text` (markup removed, entities decoded, invisible and control
characters dropped, length capped), and everything it writes into Markdown
that a person or GitHub will render goes through :func:`markdown_text`
(displayed exactly as written: no link, image, HTML, heading, list, table,
mention or issue reference can come out of it). Both are held to
``tests/data/attack_strings.txt``.

Every pattern here is linear in the length of its input (no nested or
adjacent unbounded repeats that could backtrack).
"""

from __future__ import annotations

import html
import re

import nh3

#: Block-level tags whose boundaries become a space (or a line break with ``lines``).
_BLOCK_TAGS = frozenset({"address", "article", "aside", "blockquote", "br", "dd", "div", "dl",
                         "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
                         "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
                         "table", "td", "th", "tr", "ul"})
# nh3 writes kept tags without attributes, so these are the only forms left.
_BLOCK_TAG_RE = re.compile(r"</?(?:%s)>" % "|".join(sorted(_BLOCK_TAGS, key=len, reverse=True)))

#: Characters that are invisible or reorder text: bidi controls and embeddings,
#: zero-width space, word joiner, BOM, soft hyphen, invisible operators,
#: interlinear annotations, Mongolian vowel separator and the noncharacters
#: U+FFFE/U+FFFF. ZWNJ/ZWJ (U+200C/D) stay: Persian, Indic scripts and emoji
#: sequences need them.
_INVISIBLE = ("\u00ad\u061c\u180e\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
              "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\ufff9\ufffa"
              "\ufffb\ufffe\uffff")
_DROP = {ord(c): None for c in _INVISIBLE}
_DROP.update({c: None for c in range(0x00, 0x20) if c not in (0x09, 0x0a, 0x0d)})
_DROP.update({c: None for c in range(0x7f, 0xa0)})
_DROP.update({0x09: " ", 0x0d: "\n", 0x2028: "\n", 0x2029: "\n"})

#: A '<' that a browser or Markdown would read as the start of a tag or comment.
TAG_START_RE = re.compile(r"<(?=\s*+(?:/\s*+)?[A-Za-z!?/>])")
_SPACES_RE = re.compile(r"[^\S\n]+")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
#: Longest input looked at; longer text is cut first (sanitising 1 MB of nothing is waste).
MAX_INPUT = 1_000_000


def plain_text(value: object, max_length: int | None = None, *, lines: bool = False) -> str:
    """Untrusted text (HTML or not) as plain text that is safe anywhere.

    Tags are removed and entities decoded, repeatedly, so ``&lt;script&gt;``
    cannot come back as a tag; the content of ``<script>``/``<style>`` is
    dropped; control, bidi and zero-width characters are removed; white
    space is collapsed; a ``<`` that would still read as a tag becomes ``‹``.

    Args:
        max_length: cut at this many characters (ending with ``…``).
        lines: keep line breaks (block tags become line breaks, at most one
            blank line in a row); otherwise everything is one line.
    """
    if value is None:
        return ""
    # With a length cap, text far beyond it (even if mostly markup) cannot show.
    text = str(value)[:MAX_INPUT if max_length is None else min(MAX_INPUT, 64 * max_length + 16384)]
    separator = "\n" if lines else " "
    for _ in range(4):
        cleaned = nh3.clean(text, tags=set(_BLOCK_TAGS), attributes={}, strip_comments=True,
                            link_rel=None)
        cleaned = html.unescape(_BLOCK_TAG_RE.sub(separator, cleaned))
        if cleaned == text:
            break
        text = cleaned
    text = text.replace("\r\n", "\n").translate(_DROP)
    text = TAG_START_RE.sub("‹", text)
    if lines:
        text = "\n".join(_SPACES_RE.sub(" ", line).strip() for line in text.split("\n"))
        text = _BLANK_LINES_RE.sub("\n\n", text).strip()
    else:
        text = " ".join(text.split())
    if max_length is not None and len(text) > max_length:
        text = text[:max_length - 1].rstrip() + "…"
    return text


# ---------------------------------------------------------------------- Markdown

# Escapable with a backslash in CommonMark (GitHub) and in Python-Markdown alike.
_BACKSLASH = frozenset("\\`*_[]()#+-.!")
# Not escapable with a backslash in Python-Markdown: written as entities.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;",
             "{": "&#123;", "}": "&#125;", "$": "&#36;"}
_ZWSP = "\u200b"
_WWW_RE = re.compile(r"(?i)www\\\.")


def _escape_char(ch: str) -> str:
    if ch in _BACKSLASH:
        return "\\" + ch
    return _ENTITIES.get(ch, ch)


def markdown_text(text: object, *, one_line: bool = False) -> str:
    """Plain text as Markdown that renders exactly as written.

    Safe in Python-Markdown (the hub) and in GitHub Markdown (pull-request
    comments, job summaries): every character that could start a link,
    image, code span, emphasis, HTML, attribute list, table cell, heading,
    list or quote is escaped; invisible and bidi characters are dropped (a
    reviewer must see what is there); ``@`` and ``#`` get a zero-width space so
    GitHub links no user, team or issue; ``www.`` and ``://`` likewise, so
    no bare URL becomes a link.

    Args:
        one_line: collapse line breaks (table cells, headings, list items).
    """
    value = ("" if text is None else str(text)).replace("\r\n", "\n").translate(_DROP)
    if one_line:
        value = " ".join(value.split())
    out = []
    for line in value.split("\n"):
        # Leading spaces would make an indented code block; '=' a heading underline.
        line = line.lstrip()
        escaped = "".join(_escape_char(ch) for ch in line)
        escaped = escaped.replace("@", "@" + _ZWSP).replace("\\#", "\\#" + _ZWSP)
        escaped = _WWW_RE.sub("www" + _ZWSP + "\\\\.", escaped).replace("://", ":" + _ZWSP + "//")
        if escaped.startswith("="):
            escaped = "&#61;" + escaped[1:]
        out.append(escaped)
    return "\n".join(out)


def code_span(text: object, *, table_cell: bool = False) -> str:
    """Inline code (one line) that no backtick inside can close.

    Args:
        table_cell: the span sits in a GitHub table cell, where a ``|`` ends
            the cell even inside code; it is written ``\\|`` (shown as ``|``).
    """
    value = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    if table_cell:
        value = value.replace("|", "\\|")
    return f"{fence} {value} {fence}"


def fenced_block(text: object, info: str = "text") -> str:
    """A fenced code block longer than any backtick run in ``text``."""
    value = str(text)
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{value}\n{fence}"
