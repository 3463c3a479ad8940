"""The Contributors page: who brought what the hub published, and who reviewed it.

Built from the repository itself: the ``suggested_by`` and ``approved_by``
fields that ``sharehub suggest``, the feed puller and ``sharehub promote``
write, grouped by the quarter an item was approved (``approved``, else its
``publish`` moment). Names only — the e-mail part of ``Name <email>`` is
never shown, and an identity that is only an address is left out — and
nobody on the ``contributors: opt_out`` list appears. Only items with a page
on the hub are counted and linked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from sharehub.config import Hub
from sharehub.content.items import Item
from sharehub.content.model import aware
from sharehub.engage.render import render
from sharehub.text import plain_text

_ADDRESS_RE = re.compile(r"<[^<>]*>|\S+@\S+")
UNDATED = "Undated"


def display_name(identity: str | None) -> str:
    """``"Ada Lovelace <ada@example.com>"`` → ``"Ada Lovelace"``; ``""`` when there is no name."""
    if not identity:
        return ""
    return plain_text(_ADDRESS_RE.sub(" ", identity), 80).strip(" ,;\"'")


def quarter_of(item: Item) -> str:
    """``2027 Q1`` for the quarter the item was approved (else published)."""
    when = aware(item.meta.approved, item.hub.tz) if item.meta.approved else item.publish_at
    if when is None:
        return UNDATED
    return f"{when.year} Q{(when.month - 1) // 3 + 1}"


@dataclass
class Person:
    name: str
    items: list[tuple[str, str]] = field(default_factory=list)  # (title, page URL)


@dataclass
class Quarter:
    label: str
    suggested: list[Person]
    reviewed: list[Person]


def quarters(hub: Hub, items: list[Item], url_of: Callable[[Item], str]) -> list[Quarter]:
    """Suggesters and reviewers per quarter, newest quarter first, most items first."""
    hidden = {name.strip().casefold() for name in hub.options.contributors.opt_out}
    table: dict[str, tuple[dict[str, Person], dict[str, Person]]] = {}
    for item in items:
        if not item.is_shareable:
            continue
        label = quarter_of(item)
        suggested, reviewed = table.setdefault(label, ({}, {}))
        for identity, people in ((item.meta.suggested_by, suggested),
                                 (item.meta.approved_by, reviewed)):
            name = display_name(identity)
            if not name or name.casefold() in hidden:
                continue
            person = people.setdefault(name.casefold(), Person(name))
            person.items.append((plain_text(item.meta.title, 120), url_of(item)))

    def ranked(people: dict[str, Person]) -> list[Person]:
        for person in people.values():
            person.items.sort()
        return sorted(people.values(), key=lambda p: (-len(p.items), p.name.casefold()))

    order = sorted((q for q in table if q != UNDATED), reverse=True) + (
        [UNDATED] if UNDATED in table else [])
    return [Quarter(q, ranked(table[q][0]), ranked(table[q][1])) for q in order
            if table[q][0] or table[q][1]]


def contributors_page(hub: Hub, items: list[Item], *, url_of: Callable[[Item], str],
                      rel: Callable[[str], str]) -> str | None:
    """The page's Markdown, or ``None`` when nobody is named on any published item."""
    found = quarters(hub, items, url_of)
    if not found:
        return None
    body = render("contributors.html", quarters=found, rel=rel)
    return "---\ntitle: Contributors\n---\n\n" + body
