"""Feed entries into draft suggestions: clean text, safe body, valid front matter.

Feed text is hostile until proven otherwise. feedparser sanitises HTML
content but returns titles and links raw, and JSON Feed is not sanitised at
all, so every field goes through here: text fields become plain text (tags
stripped, entities decoded), links must be http(s), the body is cleaned by
the same allowlist as the site (:func:`sharehub.content.safety.sanitize_html`), and
each draft is validated by :func:`sharehub.content.validate.validate_document` on the
exact bytes that will be written.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from sharehub import files
from sharehub.config import FeedConfig, Hub
from sharehub.errors import Problem
from sharehub.feeds.parse import FeedEntry
from sharehub.share.links import strip_tracking
from sharehub.content.loader import parse_document
from sharehub.content.model import is_http_url
from sharehub.content.safety import sanitize_html
from sharehub.text import plain_text

#: Longest summary kept on a draft (the card shows a few lines).
SUMMARY_LENGTH = 280
#: Longest title kept; feeds sometimes put a whole paragraph there.
TITLE_LENGTH = 200
#: Longest guid stored; ids are opaque, but not unbounded.
GUID_LENGTH = 500

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_URL_ATTR_RE = re.compile(r'\b(href|src)="([^"]*)"')
# Markdown syntax that must stay text in a draft body: links, references and
# attribute lists are where script URLs and event handlers hide.
_MARKDOWN_ESCAPES = {"[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;"}
_MARKDOWN_ESCAPE_RE = re.compile(r"[\[\]{}]")


@dataclass
class Draft:
    """A draft ready to be written: where, what, and for which entry."""

    path: Path
    meta: dict
    body: str
    text: str
    stem: str = ""


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters (with …)."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def absolute_http_url(value: str, base: str) -> str:
    """``value`` resolved against ``base`` if it is an http(s) URL, else ''."""
    value = _CONTROL_RE.sub("", html.unescape(value or "")).strip()
    if not value:
        return ""
    try:
        url = urljoin(base, value) if base else value
    except ValueError:
        return ""
    return url if is_http_url(url) else ""


def safe_body(fragment: str, base: str) -> str:
    """Feed HTML as a draft body: allowlisted, links absolute, Markdown inert.

    The result is HTML (which Markdown passes through), with nothing that can
    run script and no ``[``/``]``/``{``/``}`` that Markdown could turn into a
    link or an attribute list.
    """
    if not fragment or not fragment.strip():
        return ""
    cleaned = sanitize_html(fragment)

    def absolute(match: re.Match) -> str:
        url = absolute_http_url(match.group(2), base)
        if not url:
            return "" if match.group(1) == "src" else 'href="#"'
        return f'{match.group(1)}="{html.escape(url, quote=True)}"'

    cleaned = _URL_ATTR_RE.sub(absolute, cleaned)
    cleaned = sanitize_html(cleaned)  # once more: the rewrite must not add anything
    cleaned = _MARKDOWN_ESCAPE_RE.sub(lambda m: _MARKDOWN_ESCAPES[m.group(0)], cleaned)
    return cleaned.strip()


def _validated(meta: dict, body: str, hub: Hub, path: Path) -> tuple[dict, str, list[Problem]]:
    """Pick the longest starting text that fits every network, validating the
    exact text that will be written; returns ``(meta, text, errors)``."""
    from sharehub.content.validate import validate_document

    title = meta["title"]
    words = title.split(" ")
    candidates = [title] + [shorten(title, n) for n in (200, 160, 120, 90, 60, 40)]
    candidates += [" ".join(words[:n]) for n in (3, 1)]
    errors: list[Problem] = []
    final = meta
    for share_text in dict.fromkeys(c for c in candidates if c):
        final = dict(meta, share={"default": share_text})
        rendered = files.render_document(final, body)
        _item, problems = validate_document(parse_document(path, rendered.encode("utf-8")), hub)
        errors = [p for p in problems if p.is_error]
        if not any(p.field.startswith("share") for p in errors):
            return final, rendered, errors
    return final, rendered, errors


def identify(entry: FeedEntry, feed_url: str) -> tuple[str, str, str]:
    """``(link, guid, canonical URL)`` of an entry; ``link`` is '' when unusable.

    Cheap enough to run on every entry before a draft is built, so entries
    seen before cost nothing.
    """
    from sharehub.share.links import canonical_url

    link = absolute_http_url(entry.link, feed_url)
    if not link:
        return "", "", ""
    link = strip_tracking(link)
    guid = shorten(_CONTROL_RE.sub("", entry.guid).strip(), GUID_LENGTH) or link
    return link, guid, canonical_url(link)


def build_draft(entry: FeedEntry, feed: FeedConfig, hub: Hub, *, fetched: dt.datetime,
                feed_url: str) -> tuple[Draft | None, str]:
    """Turn one entry into a validated draft.

    ``draft.path`` is ``stem.md``; the caller picks a free name with
    :func:`sharehub.files.free_path` (and the names it planned already).

    Returns:
        ``(draft, "")``, or ``(None, reason)`` when the entry cannot become a
        valid draft (no http(s) link, nothing to call it, validation failed).
    """
    link, guid, _canonical = identify(entry, feed_url)
    if not link:
        return None, ("its link is not an http(s) URL" if entry.link.strip()
                      else "it has no link")
    summary = shorten(plain_text(entry.summary or entry.content), SUMMARY_LENGTH)
    title = shorten(plain_text(entry.title), TITLE_LENGTH) or shorten(summary, 90) or link

    meta: dict = {"title": title, "url": link}
    if summary and summary != title:
        meta["summary"] = summary
    meta["kind"] = feed.kind
    if feed.topics:
        meta["topics"] = list(feed.topics)
    if feed.departments:
        meta["departments"] = list(feed.departments)
    image = next((u for u in (absolute_http_url(i, link) for i in entry.images) if u), "")
    if image:
        meta["image"] = image
    meta["status"] = "draft"
    meta["source"] = {"feed": plain_text(feed.name) or "feed", "guid": guid,
                      "fetched": fetched.astimezone(dt.timezone.utc).replace(microsecond=0)
                      .isoformat()}

    day = (entry.published or fetched).date()
    stem = files.dated_stem(title, day)
    body = safe_body(entry.content or entry.summary, link)
    meta, rendered, errors = _validated(meta, body, hub, hub.suggestions_dir / f"{stem}.md")
    if errors:
        first = errors[0]
        return None, f"the draft would not pass check: {first.field or 'file'}: {first.message}"
    path = hub.suggestions_dir / f"{stem}.md"
    return Draft(path=path, meta=meta, body=body, text=rendered, stem=stem), ""


def write_draft(draft: Draft) -> Path:
    """Write a draft atomically under a free name (never over an existing file).

    The file is not fsynced: the caller syncs once after a batch
    (:func:`sharehub.files.flush_to_disk`), before recording it as seen.
    """
    path = draft.path
    for _attempt in range(20):
        try:
            return files.write_atomic(path, draft.text, durable=False)
        except files.SharehubError:
            if not path.exists():
                raise
            # Someone took the name meanwhile: pick the next free one.
            stem = re.sub(r"-\d+$", "", path.stem)
            path = files.free_path(path.parent, stem)
            draft.path = path
    return files.write_atomic(path, draft.text, durable=False)
