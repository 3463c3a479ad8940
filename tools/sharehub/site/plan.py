"""Planning: which content the hub shows at one moment, in what order, on which page.

Everything here works on validated :class:`~sharehub.content.items.Item`
objects and plain values; nothing renders HTML or touches MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from sharehub.config import Hub
from sharehub.content.items import Item
from sharehub.content.model import aware
from sharehub.moment import current_moment

#: The owner's own home page (``content/index.md``): an introduction shown
#: above the feed, never an item.
HOME_SOURCE = "index.md"
_LAST = 1 << 30


def build_moment(hub: Hub, environ=os.environ) -> dt.datetime:
    """The moment the hub is built as of: ``SHAREHUB_AS_OF`` or now."""
    return current_moment(hub.tz, environ)


def sort_moment(item: Item) -> dt.datetime:
    """When an item counts as new: ``publish``, else ``approved``, else the file time."""
    if item.publish_at is not None:
        return item.publish_at
    approved = aware(item.meta.approved, item.hub.tz)
    if approved is not None:
        return approved
    try:
        return dt.datetime.fromtimestamp(item.path.stat().st_mtime, dt.timezone.utc)
    except OSError:
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)


@dataclass
class SitePlan:
    """What the hub contains at one moment.

    Attributes:
        moment: the build moment.
        live: shareable items to publish, featured first, then newest.
        archived: expired items kept in the archive (only with ``archive: true``).
        hidden: items absent from the site (scheduled, or expired without archive).
        policies: ``type: policy`` pages.
        training: ``type: training`` pages in ``order``.
        cards: the live items as the listings show them: one card per item, except
            that translations (one ``translation_key``) share one card, whose
            first item speaks the site's language (see :func:`translation_cards`).
    """

    moment: dt.datetime
    live: list[Item] = field(default_factory=list)
    archived: list[Item] = field(default_factory=list)
    hidden: list[Item] = field(default_factory=list)
    policies: list[Item] = field(default_factory=list)
    training: list[Item] = field(default_factory=list)
    cards: list[list[Item]] = field(default_factory=list)

    @property
    def newest_first(self) -> list[Item]:
        """The live items by date alone (feeds), newest first."""
        return sorted(self.live, key=lambda i: -sort_moment(i).timestamp())


def _in_order(item: Item) -> tuple:
    return (item.meta.order if item.meta.order is not None else _LAST, str(item.rel_path))


def plan_site(items: list[Item], hub: Hub, moment: dt.datetime) -> SitePlan:
    """Sort validated content into what the site shows at ``moment``."""
    plan = SitePlan(moment=moment)
    for item in items:
        kind = item.meta.type
        if kind == "policy":
            plan.policies.append(item)
        elif kind == "training":
            plan.training.append(item)
        elif item.is_shareable and item.rel_path.as_posix() != HOME_SOURCE:
            if item.is_live(moment):
                plan.live.append(item)
            elif (hub.options.archive and item.expires_at is not None
                  and item.expires_at <= moment):
                plan.archived.append(item)
            else:
                plan.hidden.append(item)
    plan.live.sort(key=lambda i: (not i.meta.featured, -sort_moment(i).timestamp(), i.slug))
    plan.archived.sort(key=lambda i: (-sort_moment(i).timestamp(), i.slug))
    plan.policies.sort(key=_in_order)
    plan.training.sort(key=_in_order)
    plan.cards = translation_cards(plan.live, hub.site_lang)
    return plan


def translation_cards(items: list[Item], site_lang: str) -> list[list[Item]]:
    """``items`` (in listing order) grouped by ``translation_key``, each group where its
    first item stands; in a group the item in ``site_lang`` comes first (the card shown
    without JavaScript), else the one first in order."""
    groups: dict[str, list[Item]] = {}
    cards: list[list[Item]] = []
    for item in items:
        key = item.meta.translation_key
        if key is None:
            cards.append([item])
        elif key in groups:
            groups[key].append(item)
        else:
            groups[key] = [item]
            cards.append(groups[key])
    site = site_lang.lower()
    base = site.split("-")[0]
    for group in groups.values():
        rank = [(i.lang.lower() != site, i.lang.lower().split("-")[0] != base) for i in group]
        best = rank.index(min(rank))
        group.insert(0, group.pop(best))
    return cards


def pages_of(items: list, size: int) -> list[list]:
    """Split a list into pages of ``size`` (always at least one page)."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def listing_path(number: int) -> str:
    """Source path of listing page ``number`` (1 is the home page)."""
    return HOME_SOURCE if number == 1 else f"page/{number}.md"


def listing_url(number: int) -> str:
    """Site-relative URL of listing page ``number``."""
    return "" if number == 1 else f"page/{number}/"


def nearby_pages(number: int, total: int) -> list[int | None]:
    """Page numbers a pager shows around ``number``; ``None`` marks a gap."""
    shown = sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})
    out: list[int | None] = []
    last = 0
    for n in shown:
        if n - last > 1:
            out.append(None)
        out.append(n)
        last = n
    return out
