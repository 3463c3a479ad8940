"""Feed bytes into entries: RSS 0.9x/1.0/2.0 and Atom (feedparser), JSON Feed (json).

Every format becomes the same :class:`FeedEntry`. Nothing here cleans text:
titles and summaries are what the feed said, possibly HTML and hostile;
:mod:`sharehub.feeds.drafts` makes them safe. feedparser is only handed bytes
and headers (never a URL: its own fetching has no timeout).
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import json
from dataclasses import dataclass, field
from urllib.parse import urljoin

from sharehub.errors import FetchError


@dataclass
class FeedEntry:
    """One feed entry, the same shape for RSS, Atom and JSON Feed.

    Text fields hold what the feed said (possibly HTML);
    :func:`sharehub.feeds.drafts.build_draft` cleans them. ``link`` is
    already absolute.
    """

    guid: str = ""
    title: str = ""
    link: str = ""
    summary: str = ""
    content: str = ""
    published: dt.datetime | None = None
    images: list[str] = field(default_factory=list)


def parse_feed(content: bytes, headers: dict[str, str], url: str) -> tuple[list[FeedEntry], str]:
    """Entries of an RSS, Atom or JSON feed, with links made absolute.

    Args:
        headers: the response headers (lower-case keys); ``content-type``
            picks JSON Feed or XML and gives the XML its encoding.
        url: where the bytes came from (after redirects), for relative links.

    Returns:
        ``(entries, warning)``; the warning says what feedparser tolerated
        (a wrong encoding declaration, malformed XML with entries).

    Raises:
        FetchError: it is not a feed (an HTML page, JSON that is not a JSON
            Feed), or it is malformed and yields no entries.
    """
    content_type = headers.get("content-type", "").lower()
    if _looks_like_json(content, content_type):
        return parse_json_feed(content, url), ""
    import feedparser

    parsed = feedparser.parse(content, response_headers={
        "content-type": headers.get("content-type", "application/xml"),
        "content-location": url})
    if not parsed.get("version") and not parsed.get("entries"):
        head = content[:512].lower()
        if "html" in content_type or b"<html" in head or b"<!doctype html" in head:
            raise FetchError("not a feed: the address serves an HTML page", url)
        if parsed.get("bozo"):
            raise FetchError(f"not a feed: {_bozo(parsed)}", url)
        raise FetchError("not a feed: no RSS, Atom or JSON Feed found", url)
    if parsed.get("bozo") and not parsed.get("entries"):
        raise FetchError(f"malformed feed with no entries: {_bozo(parsed)}", url)
    entries = [_from_feedparser(e) for e in parsed.entries]
    return entries, (_bozo(parsed) if parsed.bozo else "")


def parse_json_feed(content: bytes, url: str) -> list[FeedEntry]:
    """Entries of a JSON Feed (https://jsonfeed.org, versions 1 and 1.1).

    Raises:
        FetchError: the JSON is invalid or is not a JSON Feed.
    """
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FetchError(f"not a feed: invalid JSON ({exc.__class__.__name__})", url) from None
    if (not isinstance(data, dict) or not str(data.get("version", "")).startswith(
            "https://jsonfeed.org/version/") or not isinstance(data.get("items", []), list)):
        raise FetchError("not a feed: JSON without a jsonfeed.org version and items", url)
    return [_from_json_item(item, url) for item in data.get("items", []) if isinstance(item, dict)]


def _looks_like_json(content: bytes, content_type: str) -> bool:
    head = content[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "json" in content_type or head.startswith(b"{")


def _bozo(parsed) -> str:
    exc = parsed.get("bozo_exception")
    text = " ".join(str(exc).split()) if exc else "malformed"
    return f"{exc.__class__.__name__}: {text}"[:200] if exc else text


def _when(parsed_time) -> dt.datetime | None:
    if not parsed_time:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed_time), dt.timezone.utc)
    except (OverflowError, ValueError, TypeError):
        return None


def _from_feedparser(e) -> FeedEntry:
    content = ""
    if e.get("content"):
        content = "\n".join(c.get("value", "") for c in e["content"] if c.get("value"))
    images = []
    for media in (e.get("media_content") or []):
        if media.get("url") and (media.get("medium") == "image"
                                 or str(media.get("type", "")).startswith("image/")
                                 or (not media.get("medium") and not media.get("type"))):
            images.append(media["url"])
    images += [m["url"] for m in (e.get("media_thumbnail") or []) if m.get("url")]
    for link in (e.get("links") or []):
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            images.append(link.get("href", ""))
    if e.get("image") and isinstance(e["image"], dict) and e["image"].get("href"):
        images.append(e["image"]["href"])
    return FeedEntry(guid=str(e.get("id") or ""), title=str(e.get("title") or ""),
                     link=str(e.get("link") or ""), summary=str(e.get("summary") or ""),
                     content=content,
                     published=_when(e.get("published_parsed") or e.get("updated_parsed")),
                     images=[str(i) for i in images if i])


def _from_json_item(item: dict, url: str) -> FeedEntry:
    def text(key: str) -> str:  # a string field, or '' when missing or not a string
        value = item.get(key)
        return value if isinstance(value, str) else ""

    content_html = text("content_html")
    if not content_html and text("content_text"):
        content_html = "<p>" + html.escape(text("content_text")) + "</p>"
    images = [text("image"), text("banner_image")]
    for attachment in item.get("attachments") or []:
        if isinstance(attachment, dict) and str(attachment.get("mime_type", "")).startswith(
                "image/"):
            images.append(str(attachment.get("url") or ""))
    guid = item.get("id")
    return FeedEntry(
        guid=str(guid) if isinstance(guid, (str, int)) and guid != "" else "",
        title=text("title"), link=_join(url, text("url") or text("external_url")),
        summary=text("summary"), content=content_html,
        published=_iso(text("date_published") or text("date_modified")),
        images=[_join(url, i) for i in images if i])


def _join(base: str, link: str) -> str:
    try:
        return urljoin(base, link) if link else ""
    except ValueError:
        return link


def _iso(value: str) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
