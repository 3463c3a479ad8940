"""A validated content file and what follows from it: dates, texts, links.

:class:`Item` wraps the validated :class:`~sharehub.content.model.FrontMatter` of
one file with the hub's settings applied (time zone, site URL, networks),
and offers the share links of every text variant through the one builder
in :mod:`sharehub.share.links`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sharehub.config import Hub
from sharehub.share.lengths import network_rules
from sharehub.share.links import (ShareLink, canonical_url, compose_text, landing_text, one_line, share_link,
                    tracked_url)
from sharehub.content.loader import Document
from sharehub.content.model import FrontMatter, aware

#: Stands for the network in a tracked link built once for all networks.
_NETWORK_SLOT = "shnetworkslot"


@dataclass
class Item:
    """One validated content file (an item, or a policy/training/plain page).

    Attributes:
        doc: the loaded document (path, body, field lines).
        meta: the validated front matter.
        hub: the hub it belongs to.
        rel_path: path relative to its root (``content/`` or ``suggestions/``).
    """

    doc: Document
    meta: FrontMatter
    hub: Hub
    rel_path: PurePosixPath
    _links: dict = field(default_factory=dict, repr=False)

    @property
    def path(self) -> Path:
        return self.doc.path

    @property
    def body(self) -> str:
        return self.doc.body

    @property
    def slug(self) -> str:
        return self.rel_path.stem

    @property
    def is_shareable(self) -> bool:
        return self.meta.type == "item"

    @property
    def lang(self) -> str:
        return self.meta.lang or self.hub.site_lang

    @property
    def publish_at(self) -> dt.datetime | None:
        return aware(self.meta.publish, self.hub.tz)

    @property
    def expires_at(self) -> dt.datetime | None:
        return aware(self.meta.expires, self.hub.tz, end_of_day=True)

    def is_live(self, moment: dt.datetime) -> bool:
        """Published and not expired at ``moment`` (an aware datetime)."""
        publish, expires = self.publish_at, self.expires_at
        return (publish is None or publish <= moment) and (expires is None or moment < expires)

    @property
    def page_path(self) -> str:
        """The item's page in the built hub, relative to the site root."""
        parts = self.rel_path.with_suffix("").parts
        if parts[-1] in ("index", "README"):
            parts = parts[:-1]
        return "/".join(parts) + "/" if parts else ""

    @property
    def page_url(self) -> str:
        """The absolute URL of the item's hub page ('' without ``site_url``)."""
        site = self.hub.site_url
        if not site:
            return ""
        return site.rstrip("/") + "/" + self.page_path

    @property
    def target_url(self) -> str:
        """What is shared: the item's ``url``, else its own hub page."""
        return self.meta.url or self.page_url

    @property
    def canonical(self) -> str:
        return canonical_url(self.meta.url) if self.meta.url else ""

    @property
    def campaign(self) -> str:
        return self.hub.options.utm.campaign or self.meta.campaign or self.slug

    def texts(self, network: str) -> list[str]:
        """The share-text variants offered for ``network`` (at least one)."""
        share = self.meta.share
        if network in share:
            return list(share[network])
        if network == "reddit":  # Reddit wants a headline, not a personal note
            return [one_line(self.meta.title)]
        if "default" in share:
            return list(share["default"])
        return [one_line(self.meta.title)]

    def link_for(self, network: str, *, tag: str = "") -> str:
        """The tracked link for ``network`` (``tag`` becomes ``utm_content``)."""
        key = (network, tag)
        if key not in self._links:
            url = self.target_url
            utm = self.hub.options.utm
            if url and utm.enabled:
                # The networks' links differ only in utm_source (a plain word that
                # needs no encoding): build the link once, fill in each network.
                template = self._links.get(("", tag))
                if template is None:
                    template = tracked_url(url, _NETWORK_SLOT, medium=utm.medium,
                                           campaign=self.campaign, content=tag)
                    self._links[("", tag)] = template
                if template.count(_NETWORK_SLOT) == 1 and network.isalnum():
                    url = template.replace(_NETWORK_SLOT, network)
                else:
                    url = tracked_url(url, network, medium=utm.medium, campaign=self.campaign,
                                      content=tag)
            self._links[key] = url
        return self._links[key]

    def _parts(self, network: str, variant: int, text: str | None) -> tuple[str, str]:
        raw = text if text is not None else self.texts(network)[variant]
        composed = compose_text(raw, network, hashtags=self.meta.hashtags,
                                disclosure=self.hub.options.disclosure)
        title = one_line(raw if network == "reddit" else self.meta.title)
        return composed, title

    def landing(self, network: str, variant: int = 0) -> str:
        """One text variant as it lands in ``network``'s composer, link included."""
        composed, title = self._parts(network, variant, None)
        return landing_text(network, composed, self.link_for(network), title=title)

    def share_link(self, network: str, variant: int = 0, *, text: str | None = None,
                   tag: str = "", mastodon_instance: str | None = None) -> ShareLink:
        """The share link of one text variant (or of ``text``) on ``network``."""
        composed, title = self._parts(network, variant, text)
        return share_link(network, composed, self.link_for(network, tag=tag), title=title,
                          mastodon_instance=mastodon_instance or self.hub.options.mastodon_instance,
                          rules=network_rules(self.hub.options))

    def share_links(self, variant: int = 0) -> dict[str, ShareLink]:
        """The configured networks' share links for the default text variant."""
        return {network: self.share_link(network, min(variant, len(self.texts(network)) - 1))
                for network in self.hub.options.networks}

    def all_share_links(self) -> dict[str, list[ShareLink]]:
        """Every configured network's links, one per text variant."""
        return {network: [self.share_link(network, i) for i in range(len(self.texts(network)))]
                for network in self.hub.options.networks}
