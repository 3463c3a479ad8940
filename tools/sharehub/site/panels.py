"""An item page's own parts (head, Open Graph tags, share section), built ahead.

The share section holds a link for every text variant of every network: the
costliest HTML of the hub. On large hubs a forked worker
(:class:`sharehub.parallel.ForkPool`) builds every item page's parts in the
order MkDocs renders the pages, on the second core, while MkDocs renders
Markdown and templates on the first; the main process only pastes them in.
Small hubs and ``serve`` build them on the spot with the same code (a pool
without workers).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from markupsafe import Markup

from sharehub.content.items import Item
from sharehub.parallel import ForkPool, Task
from sharehub.site.render import Renderer
from sharehub.site.images import image_site_path, is_remote
from sharehub.site.syndication import card_record

#: From this many live items on, panels are built in forked workers during the build.
PARALLEL_FROM = 300
#: Largest chunk of items per task (the first chunks are smaller: the first pages need them at once).
CHUNK = 50


@dataclass
class PanelState:
    """What the workers inherit: the items in page order and how to render them."""

    items: list[Item]
    policy_urls: list[str | None]
    item_urls: list[str]
    renderer: Renderer
    #: Per item, the composer dialog of its page.
    composers: list[Markup]
    #: Card images by item source path (:func:`sharehub.site.images.plan_card_images`).
    images: dict
    #: Turns a site path into one relative to the page at a site-relative URL.
    url_from: object = None
    site_name: str = ""
    site_url: str = ""
    #: The URL of a listing page after the first (page/N/: they all have the same depth).
    listing_url: str = "page/2/"


@dataclass
class PageParts:
    """What an item page gets from the hub: head, Open Graph tags and share section."""

    head: str
    og: str
    panel: str
    #: The item's card as listing pages after the first show it.
    card: str


def page_parts(state: PanelState, n: int) -> PageParts:
    """Item ``n``'s page parts (its share links built once)."""
    item, item_url = state.items[n], state.item_urls[n]
    render = state.renderer
    image = state.images.get(item.rel_path.as_posix())
    page_url = (state.site_url.rstrip("/") + "/" + item_url) if state.site_url else ""
    source = image_site_path(item)
    image_url = source if is_remote(source) else (
        state.site_url.rstrip("/") + "/" + source if source and state.site_url else "")
    return PageParts(
        head=str(render.item_head(item, state.url_from(item_url), image=image)),
        og=str(render.og_tags(item, page_url=page_url or item.page_url,
                              site_name=state.site_name, image_url=image_url)),
        panel=str(render.share_panel(item, item.all_share_links(),
                                     policy_url=state.policy_urls[n],
                                     record=card_record(item, item_url, image),
                                     composer=state.composers[n])),
        card=str(render.card(item, state.url_from(state.listing_url), item_url=item_url,
                             image=image)))


def _render_chunk(work, start: int, stop: int) -> list[PageParts]:
    state = work.panels
    return [page_parts(state, n) for n in range(start, stop)]


def chunks(total: int, first: int = 4, largest: int | None = None) -> list[tuple[int, int]]:
    """``(start, stop)`` ranges that double in size up to ``largest`` (:data:`CHUNK`)."""
    largest = largest or CHUNK
    out, start, size = [], 0, min(first, largest)
    while start < total:
        out.append((start, min(start + size, total)))
        start, size = start + size, min(size * 2, largest)
    return out


def build_workers(live: int, parallel: bool) -> int:
    """How many processes to fork for a build with ``live`` items (0: none).

    One: MkDocs keeps the first core busy, and a worker's share of the work is
    well below MkDocs'; a second worker would only take turns with MkDocs.
    """
    if parallel and live >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        return 1
    return 0


class SharePanels:
    """Item pages' parts, ready when pages need them.

    Args:
        pool: the build's pool; its state has ``panels``, a :class:`PanelState`
            (items in the order MkDocs renders their pages). Without workers
            every panel is built on the spot, when its page asks.
    """

    def __init__(self, pool: ForkPool):
        self.pool = pool
        self.state: PanelState = pool.state.panels
        self.index = {id(item): n for n, item in enumerate(self.state.items)}
        self.task_of: dict[int, tuple[Task, int]] = {}
        self.done: dict[int, PageParts] = {}
        if pool.forked:
            for start, stop in chunks(len(self.state.items)):
                task = pool.submit(_render_chunk, start, stop)
                self.task_of.update((n, (task, start)) for n in range(start, stop))

    def parts(self, item: Item) -> PageParts:
        """The page parts of one live item (asked by its page and its listing page)."""
        n = self.index[id(item)]
        if n not in self.done:
            found = self.task_of.pop(n, None)
            if found is None:
                self.done[n] = page_parts(self.state, n)
            else:
                task, start = found
                self.done[n] = task.result()[n - start]
        return self.done[n]
