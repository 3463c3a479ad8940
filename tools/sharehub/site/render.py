"""Rendering: the hub's HTML, from Jinja fragments under ``templates/sharehub/``.

Every piece of HTML the hub adds (cards, share panels, filters, pagination,
quiz, training progress, listings, Open Graph tags) is a template fragment
with autoescape on, looked up first in the owner's ``custom_dir`` and then
in the plugin's ``templates/``: an owner overrides a fragment by putting a
file of the same name, e.g. ``overrides/sharehub/card.html``, in their theme.
This module only prepares the values the fragments show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup

from sharehub.content.items import Item
from sharehub.content.model import URL_ONLY_NETWORKS
from sharehub.share.lengths import network_rules
from sharehub.share.links import HASHTAG_NETWORKS, NETWORK_LABELS
from sharehub.site.plan import SitePlan, listing_url, nearby_pages
from sharehub.site.syndication import card_record, is_remote

#: Folder of the fragments inside a template folder.
FRAGMENTS = "sharehub"


def page_data(hub) -> dict:
    """The tables the browser needs, handed over as data (never repeated in JS).

    Rendered once per page as JSON (``<script id="sharehub-data">``) and read
    by share-core.js and sharehub.js.
    """
    options = hub.options
    return {
        "networks": list(options.networks),
        "labels": dict(NETWORK_LABELS),
        "rules": network_rules(options),
        "hashtagNetworks": sorted(HASHTAG_NETWORKS),
        "urlOnly": list(URL_ONLY_NETWORKS),
        "utm": {"enabled": options.utm.enabled, "medium": options.utm.medium},
        "disclosure": options.disclosure,
        "mastodon": options.mastodon_instance,
    }


@dataclass
class CardView:
    """What a card shows (from :func:`~sharehub.site.syndication.card_record`)."""

    title: str = ""
    href: str = ""
    kind: str = ""
    topics: list = field(default_factory=list)
    departments: list = field(default_factory=list)
    campaign: str = ""
    lang: str = ""
    summary: str = ""
    featured: bool = False
    image: str = ""
    image_alt: str = ""


def card_view(item: Item, url, item_url: str) -> CardView:
    record = card_record(item, item_url)
    image = record["i"]
    return CardView(title=record["t"], href=url(item_url), kind=record["k"], topics=record["tp"],
                    departments=record["d"], campaign=record["c"], lang=record["l"],
                    summary=record["s"], featured=record["f"],
                    image=image if not image or is_remote(image) else url(image),
                    image_alt=record["ia"])


class Renderer:
    """Renders the hub's fragments.

    Args:
        dirs: template folders, first match wins (the theme's, with the
            owner's ``custom_dir`` first and the plugin's ``templates/``).
    """

    def __init__(self, dirs):
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in dirs]), autoescape=True,
            trim_blocks=True, lstrip_blocks=True, auto_reload=False,
            undefined=jinja2.StrictUndefined)
        self._templates: dict[str, jinja2.Template] = {}

    def render(self, name: str, **context) -> Markup:
        """Render ``templates/sharehub/<name>.html`` with ``context``."""
        template = self._templates.get(name)
        if template is None:
            template = self._templates[name] = self.env.get_template(f"{FRAGMENTS}/{name}.html")
        return Markup(template.render(context))

    # -- pieces --------------------------------------------------------------------------

    def card_actions(self, item: Item, links: dict) -> Markup:
        """A card's share actions: each configured network's first text variant."""
        return self.render("actions", title=item.meta.title,
                           links=[variants[0] for variants in links.values()])

    def card(self, item: Item, url, *, item_url: str, actions: Markup | None,
             share: bool = True) -> Markup:
        """One card: image, title, kind, topics, summary and share actions."""
        return self.render("card", card=card_view(item, url, item_url), blank=False,
                           actions=actions if share and item.target_url else None, share=share)

    def card_template(self, networks) -> Markup:
        """The card as a ``<template>`` that the browser fills for filtered results."""
        links = [BlankLink(n) for n in networks]
        return self.render("card-template", card=CardView(), blank=True, share=True,
                           actions=self.render("actions", title="", links=links))

    def share_panel(self, item: Item, links: dict, *, policy_url: str | None,
                    record: dict) -> Markup:
        """An item page's share panel: every text variant per network, counts, buttons."""
        networks = []
        for network in item.hub.options.networks:
            url_only = network in URL_ONLY_NETWORKS
            texts = [""] if url_only else item.texts(network)
            variants = []
            for i, raw in enumerate(texts):
                link = links[network][i]
                counted = None if url_only else link.count
                shown = ("" if counted is None else f"{counted.length} / {counted.limit}"
                         if counted.limit else f"{counted.length} characters")
                # Plain tuples: attribute lookups are the costliest part of a Jinja render.
                variants.append((i, raw, link.href, shown, counted is None or counted.fits,
                                 counted.limit if counted is not None and counted.limit else ""))
            networks.append((network, NETWORK_LABELS[network], url_only, variants))
        return self.render("share-panel", record=record, policy_url=policy_url,
                           networks=networks, copy_link=item.link_for("copy"))

    def item_head(self, item: Item, url, *, live: bool = True) -> Markup:
        """Above an item's talking points: image, kind, topics, summary, target link."""
        image = item.meta.image or ""
        return self.render("item-head", item=item, live=live,
                           image=image if not image or is_remote(image) else url(image))

    def archived_note(self) -> Markup:
        return self.render("archived-note")

    def og_tags(self, item: Item, *, page_url: str, site_name: str, image_url: str = "") -> Markup:
        """Open Graph and Twitter card meta tags of an item page."""
        return self.render("og-tags", item=item, page_url=page_url, site_name=site_name,
                           image_url=image_url)

    def quiz(self, item: Item) -> Markup:
        """A training page's quiz (checked in the browser)."""
        if not item.meta.quiz:
            return Markup("")
        questions = [(q, q.choices.index(q.answer)) for q in item.meta.quiz]
        return self.render("quiz", item=item, questions=questions)

    def training_progress(self, item: Item, plan: SitePlan, url, url_of) -> Markup:
        """Progress through the training section (ticked off in the browser)."""
        steps = [(t, url(url_of(t)), t is item) for t in plan.training]
        return self.render("training-progress", item=item, steps=steps)

    def last_changed(self, when: dt.datetime) -> Markup:
        return self.render("last-changed", when=when)

    def pagination(self, number: int, total: int, url) -> Markup:
        """Previous/next links and nearby page numbers of a listing."""
        if total <= 1:
            return Markup("")
        pages = [(n, url(listing_url(n)) if n else "") for n in nearby_pages(number, total)]
        return self.render("pagination", number=number, total=total, pages=pages,
                           prev=url(listing_url(number - 1)) if number > 1 else "",
                           next=url(listing_url(number + 1)) if number < total else "")

    def filters(self, items: list[Item], *, cards_url: str, root: str, networks) -> Markup:
        """The filter form (shown by sharehub.js; without JavaScript every card stays listed)."""
        facets = [
            ("topic", "Topic", sorted({t for i in items for t in i.meta.topics}, key=str.lower)),
            ("department", "Department", sorted({d for i in items for d in i.meta.departments},
                                                key=str.lower)),
            ("campaign", "Campaign", sorted({i.meta.campaign for i in items if i.meta.campaign})),
            ("kind", "Kind", sorted({i.meta.kind for i in items})),
            ("lang", "Language", sorted({i.lang for i in items})),
        ]
        return self.render("filters", facets=facets, cards_url=cards_url, root=root,
                           card_template=self.card_template(networks))

    def listing(self, **context) -> Markup:
        """The hub part of a home or listing page (see ``listing.html``)."""
        return self.render("listing", **context)

    def archive(self, cards: list[Markup]) -> Markup:
        return self.render("archive", cards=cards)


@dataclass
class BlankLink:
    """A share action of the card template: the browser sets its ``href``."""

    network: str
    href: str = ""

    @property
    def label(self) -> str:
        return NETWORK_LABELS[self.network]
