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
from sharehub.site.labels import Labels
from sharehub.site.plan import SitePlan, listing_url, nearby_pages
from sharehub.site.i18n import language_of, translator
from sharehub.site.images import CardImage, is_remote
from sharehub.site.syndication import card_record

#: Folder of the fragments inside a template folder.
FRAGMENTS = "sharehub"
#: Icons that ship with Material for MkDocs (``.icons/``), per network.
NETWORK_ICONS = {
    "linkedin": "fontawesome/brands/linkedin", "x": "fontawesome/brands/x-twitter",
    "facebook": "fontawesome/brands/facebook", "bluesky": "fontawesome/brands/bluesky",
    "mastodon": "fontawesome/brands/mastodon", "threads": "fontawesome/brands/threads",
    "reddit": "fontawesome/brands/reddit", "whatsapp": "fontawesome/brands/whatsapp",
    "telegram": "fontawesome/brands/telegram", "xing": "fontawesome/brands/xing",
    "teams": "material/microsoft-teams", "email": "material/email-outline",
}
#: Networks that never take a text in the share URL: the composer copies it first.
COPY_FIRST = ("facebook", "xing")
#: Networks that take a text on a desktop but not on a touch device (LinkedIn's
#: ``shareActive`` opens an empty feed in its mobile site and app).
COPY_FIRST_ON_TOUCH = ("linkedin",)


def page_data(hub, facets: dict | None = None) -> dict:
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
        "copyFirst": list(COPY_FIRST),
        "copyFirstOnTouch": list(COPY_FIRST_ON_TOUCH),
        "facets": facets or {},
    }


@dataclass
class CardView:
    """What a card shows (from :func:`~sharehub.site.syndication.card_record`)."""

    title: str = ""
    href: str = ""
    u: str = ""
    kind: str = ""
    kind_name: str = ""
    audience: str = ""
    topic_names: list = field(default_factory=list)
    shareable: bool = True
    width: int = 0
    height: int = 0
    topics: list = field(default_factory=list)
    departments: list = field(default_factory=list)
    campaign: str = ""
    lang: str = ""
    summary: str = ""
    featured: bool = False
    image: str = ""
    image_alt: str = ""
    #: The card's ``translation_key`` ("" without one).
    key: str = ""
    #: A translation of the card shown instead (without JavaScript: not in the site's language).
    hidden: bool = False
    #: The card's translations, ``(lang, language name, href, title)``.
    others: list = field(default_factory=list)
    #: The image is the first screen's largest paint: fetched at once, not lazily.
    eager: bool = False


def audience(labels: Labels, departments, _) -> str:
    """Whom an item is for: "For everyone" or its departments by name."""
    if not departments:
        return _("For everyone")
    return _("For {who}", who=", ".join(labels.name("department", d) for d in departments))


def card_view(item: Item, url, item_url: str, labels: Labels,
              image: CardImage | None = None, _=translator("en")) -> CardView:
    record = card_record(item, item_url, image)
    image = record["i"]
    return CardView(title=record["t"], href=url(item_url), u=item_url, kind=record["k"],
                    kind_name=labels.name("kind", record["k"]),
                    audience=audience(labels, record["d"], _), topics=record["tp"],
                    topic_names=[labels.name("topic", t) for t in record["tp"]],
                    departments=record["d"], campaign=record["c"], lang=record["l"],
                    summary=record["s"], featured=record["f"], shareable=bool(record["x"]),
                    image=image if not image or is_remote(image) else url(image),
                    image_alt=record["ia"], width=record["iw"], height=record["ih"])


class Renderer:
    """Renders the hub's fragments.

    Args:
        dirs: template folders, first match wins (the theme's, with the
            owner's ``custom_dir`` first and the plugin's ``templates/``).
    """

    def __init__(self, dirs, labels: Labels, lang: str = "en"):
        self.labels = labels
        self.lang = language_of(lang)
        self._translators = {}
        self._composers: dict[tuple, str] = {}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in dirs]), autoescape=True,
            trim_blocks=True, lstrip_blocks=True, auto_reload=False,
            undefined=jinja2.StrictUndefined)
        self._templates: dict[str, jinja2.Template] = {}
        #: Per item source path, its translation group's ``[(item, item_url)]``, the
        #: one shown without JavaScript first (see :meth:`set_translations`).
        self.translations: dict[str, list] = {}

    def set_translations(self, cards: list[list[Item]], url_of) -> None:
        """Tell cards about their translations (``SitePlan.cards``, before rendering)."""
        self.translations = {}
        for group in cards:
            if len(group) > 1:
                members = [(item, url_of(item)) for item in group]
                for item in group:
                    self.translations[item.rel_path.as_posix()] = members

    def render(self, name: str, lang: str | None = None, **context) -> Markup:
        """Render ``templates/sharehub/<name>.html`` with ``context``, its strings in ``lang``."""
        template = self._templates.get(name)
        if template is None:
            template = self._templates[name] = self.env.get_template(f"{FRAGMENTS}/{name}.html")
        lang = language_of(lang) if lang else self.lang
        if lang not in self._translators:
            self._translators[lang] = translator(lang)
        return Markup(template.render(context, _=self._translators[lang]))

    # -- pieces --------------------------------------------------------------------------

    def card(self, item: Item, url, *, item_url: str, share: bool = True,
             image: CardImage | None = None, eager: bool = False) -> Markup:
        """One card, in its item's language: image, kind, audience, title, topics, summary,
        one Share control and links to its translations (the card of one translation shows)."""
        view = card_view(item, url, item_url, self.labels, image, translator(item.lang))
        view.eager = eager
        group = self.translations.get(item.rel_path.as_posix()) if share else None
        if group:
            view.key = item.meta.translation_key
            view.hidden = group[0][0] is not item
            view.others = [(other.lang, self.labels.name("lang", other.lang), url(other_url),
                            other.meta.title) for other, other_url in group if other is not item]
        return self.render("card", item.lang, card=view, blank=False, share=share)

    def card_templates(self, languages) -> Markup:
        """The card as a ``<template>`` per language, for the browser to fill (filtered
        results): a record's card takes the strings of the record's language."""
        return Markup("").join(
            self.render("card-template", lang, card=CardView(lang=lang), blank=True, share=True)
            for lang in dict.fromkeys([self.lang, *map(language_of, languages)]))

    def composer(self, url, networks, policy_url: str | None, lang: str | None = None) -> Markup:
        """The composer dialog (the same for every page at one depth, in one language)."""
        icons = url("assets/sharehub/icons/")
        key = (icons, policy_url or "", lang)
        if key not in self._composers:
            choices = [(n, NETWORK_LABELS[n], f"{icons}{n}.svg") for n in networks]
            self._composers[key] = str(self.render("composer", lang, networks=choices,
                                                   policy_url=policy_url))
        return Markup(self._composers[key])

    def share_panel(self, item: Item, links: dict, *, policy_url: str | None,
                    record: dict, composer: Markup) -> Markup:
        """An item page's share section: the composer and a plain link per network and variant."""
        networks = []
        for network in item.hub.options.networks:
            url_only = network in URL_ONLY_NETWORKS
            texts = [""] if url_only else item.texts(network)
            # Plain tuples: attribute lookups are the costliest part of a Jinja render.
            variants = [(i, raw, links[network][i].href) for i, raw in enumerate(texts)]
            networks.append((network, NETWORK_LABELS[network], url_only, variants))
        return self.render("share-panel", item.lang, record=record, policy_url=policy_url,
                           networks=networks, copy_link=item.link_for("copy"), composer=composer)

    def item_head(self, item: Item, url, *, live: bool = True,
                  image: CardImage | None = None) -> Markup:
        """Above an item's talking points: image, kind, topics, summary, target link."""
        image = image or CardImage("")
        src = image.src if not image.src or is_remote(image.src) else url(image.src)
        return self.render("item-head", item.lang, item=item, live=live, image=src, width=image.width,
                           height=image.height)

    def archived_note(self, lang: str | None = None) -> Markup:
        return self.render("archived-note", lang)

    def og_tags(self, item: Item, *, page_url: str, site_name: str, image_url: str = "") -> Markup:
        """Open Graph and Twitter card meta tags of an item page."""
        return self.render("og-tags", item=item, page_url=page_url, site_name=site_name,
                           image_url=image_url)

    def quiz(self, item: Item) -> Markup:
        """A training page's quiz (checked in the browser)."""
        if not item.meta.quiz:
            return Markup("")
        questions = [(q, q.choices.index(q.answer)) for q in item.meta.quiz]
        return self.render("quiz", item.lang, item=item, questions=questions)

    def training_progress(self, item: Item, plan: SitePlan, url, url_of) -> Markup:
        """Progress through the training section (ticked off in the browser)."""
        steps = [(t, url(url_of(t)), t is item) for t in plan.training]
        return self.render("training-progress", item.lang, item=item, steps=steps)

    def last_changed(self, when: dt.datetime, lang: str | None = None) -> Markup:
        return self.render("last-changed", lang, when=when)

    def pagination(self, number: int, total: int, url) -> Markup:
        """Previous/next links and nearby page numbers of a listing."""
        if total <= 1:
            return Markup("")
        pages = [(n, url(listing_url(n)) if n else "") for n in nearby_pages(number, total)]
        return self.render("pagination", number=number, total=total, pages=pages,
                           prev=url(listing_url(number - 1)) if number > 1 else "",
                           next=url(listing_url(number + 1)) if number < total else "")

    def facets(self, items: list[Item]) -> dict[str, dict[str, str]]:
        """Every value the live items use, per facet, with its human name."""
        labels = self.labels
        return {
            "topic": labels.table("topic", sorted({t for i in items for t in i.meta.topics},
                                                  key=str.lower)),
            "department": labels.table("department", sorted(
                {d for i in items for d in i.meta.departments}, key=str.lower)),
            "campaign": labels.table("campaign", sorted({i.meta.campaign for i in items
                                                         if i.meta.campaign})),
            "kind": labels.table("kind", sorted({i.meta.kind for i in items})),
            "lang": labels.table("lang", sorted({i.lang for i in items})),
        }

    def filters(self, facets: dict, *, cards_url: str, root: str, networks) -> Markup:
        """The filter bar (see ``filters.html``)."""
        names = {"topic": "Topic", "department": "Department", "campaign": "Campaign",
                 "kind": "Kind", "lang": "Language"}
        shown = [(key, names[key], sorted(values.items(), key=lambda kv: kv[1].lower()))
                 for key, values in facets.items()]
        return self.render("filters", facets=shown, cards_url=cards_url, root=root,
                           card_template=self.card_templates(facets.get("lang", {})),
                           departments=shown[1][2], languages=shown[4][2],
                           networks=[(n, NETWORK_LABELS[n]) for n in networks])

    def listing(self, **context) -> Markup:
        """The hub part of a home or listing page (see ``listing.html``)."""
        return self.render("listing", **context)

    def archive(self, cards: list[Markup]) -> Markup:
        return self.render("archive", cards=cards)
