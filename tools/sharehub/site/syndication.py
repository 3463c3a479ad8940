"""What the hub publishes as data: card records (``cards.json``), JSON Feed and Atom.

Built as Python data and serialised by ``json`` and ``xml.etree`` (never
assembled as strings), so every value is escaped by the serialiser.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

from sharehub.content.items import Item
from sharehub.files import slugify
from sharehub.site.images import CardImage, image_site_path, is_remote  # noqa: F401 (re-exported)
from sharehub.site.plan import sort_moment

#: Compact data of every live item, loaded by the filters on demand.
CARDS_JSON = "cards.json"
ATOM_NS = "http://www.w3.org/2005/Atom"


def card_record(item: Item, item_url: str, image: CardImage | None = None) -> dict:
    """One card as data: what the card template shows and what the browser shares.

    The browser fills the server's card template with it (filtered results)
    and builds share links from it with share-core.js. Keys are short: the
    file holds every live item.

    Args:
        image: the card's image (:func:`sharehub.site.images.plan_card_images`).
    """
    meta = item.meta
    image = image or CardImage("")
    return {"t": meta.title, "u": item_url, "k": meta.kind, "tp": meta.topics,
            "d": meta.departments, "c": meta.campaign or "", "l": item.lang,
            "s": meta.summary or "", "f": meta.featured, "i": image.src, "iw": image.width,
            "ih": image.height,
            "ia": meta.image_alt or "", "x": item.target_url, "cp": item.campaign,
            "h": meta.hashtags, "sh": meta.share, "tk": meta.translation_key or ""}


def cards_json(items: list[Item], url_of, images: dict) -> str:
    """``cards.json``: the records of ``items`` in listing order (``images`` by source path)."""
    return json.dumps([card_record(i, url_of(i), images.get(i.rel_path.as_posix()))
                       for i in items], ensure_ascii=False, separators=(",", ":"))


def _absolute(site_url: str, path: str) -> str:
    if is_remote(path):
        return path
    return (site_url.rstrip("/") + "/" + path) if site_url else path


def json_feed(items: list[Item], *, site_name: str, site_url: str, url_of,
              description: str = "") -> str:
    """JSON Feed 1.1 of ``items`` (already newest first)."""
    entries = []
    for item in items:
        meta = item.meta
        page = _absolute(site_url, url_of(item))
        entry = {"id": page, "url": page, "title": meta.title,
                 "content_text": meta.summary or meta.title,
                 "date_published": sort_moment(item).isoformat(), "tags": meta.topics,
                 "language": item.lang}
        if meta.url:
            entry["external_url"] = meta.url
        if meta.summary:
            entry["summary"] = meta.summary
        if meta.image:
            entry["image"] = _absolute(site_url, image_site_path(item))
        entries.append(entry)
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": site_name,
            "home_page_url": site_url or "./", "feed_url": _absolute(site_url, "feed.json"),
            "items": entries}
    if description:
        feed["description"] = description
    return json.dumps(feed, ensure_ascii=False, indent=1)


def atom_feed(items: list[Item], *, site_name: str, site_url: str, url_of,
              moment: dt.datetime) -> str:
    """Atom feed of ``items`` (already newest first)."""
    def sub(parent, tag, text=None, **attrs):
        node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        node.text = text
        return node

    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "title", site_name)
    sub(feed, "id", site_url or "urn:sharehub:" + slugify(site_name))
    sub(feed, "link", rel="alternate", href=site_url or "./")
    sub(feed, "link", rel="self", href=_absolute(site_url, "feed.xml"))
    updated = max((sort_moment(i) for i in items), default=moment)
    sub(feed, "updated", updated.isoformat())
    for item in items:
        meta = item.meta
        page = _absolute(site_url, url_of(item))
        entry = sub(feed, "entry")
        sub(entry, "title", meta.title)
        sub(entry, "id", page if site_url else f"urn:sharehub:{slugify(site_name)}:{url_of(item)}")
        sub(entry, "link", rel="alternate", href=page)
        if meta.url:
            sub(entry, "link", rel="related", href=meta.url)
        sub(entry, "updated", sort_moment(item).isoformat())
        sub(sub(entry, "author"), "name", site_name)
        if meta.summary:
            sub(entry, "summary", meta.summary)
        for topic in meta.topics:
            sub(entry, "category", term=topic)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
