"""Share panels and card actions of the live items, built ahead in a forked worker.

A panel holds every text variant of every network with its share link and
count: the costliest HTML of the hub. On large hubs forked workers
(:class:`sharehub.parallel.ForkPool`) build them in the order MkDocs renders
the pages, on the second core, while MkDocs renders Markdown and templates
on the first; the main process only collects. Small hubs and ``serve`` build
them on the spot with the same code (a pool without workers).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from markupsafe import Markup

from sharehub.content.items import Item
from sharehub.parallel import ForkPool, Task
from sharehub.site.render import Renderer
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


def share_panel(state: PanelState, n: int) -> str:
    """Item ``n``'s share panel."""
    item = state.items[n]
    return str(state.renderer.share_panel(
        item, item.all_share_links(), policy_url=state.policy_urls[n],
        record=card_record(item, state.item_urls[n], state.images.get(item.rel_path.as_posix())),
        composer=state.composers[n]))


def _render_chunk(work, start: int, stop: int) -> list[str]:
    state = work.panels
    return [share_panel(state, n) for n in range(start, stop)]


def chunks(total: int, first: int = 4, largest: int | None = None) -> list[tuple[int, int]]:
    """``(start, stop)`` ranges that double in size up to ``largest`` (:data:`CHUNK`)."""
    largest = largest or CHUNK
    out, start, size = [], 0, min(first, largest)
    while start < total:
        out.append((start, min(start + size, total)))
        start, size = start + size, min(size * 2, largest)
    return out


def build_workers(live: int, parallel: bool) -> int:
    """How many processes to fork for a build with ``live`` items (0: none)."""
    if parallel and live >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        return 2
    return 0


class SharePanels:
    """Share panels and card actions, ready when pages need them.

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
        if pool.forked:
            for start, stop in chunks(len(self.state.items)):
                task = pool.submit(_render_chunk, start, stop)
                self.task_of.update((n, (task, start)) for n in range(start, stop))

    def panel(self, item: Item) -> str:
        """The share panel of one live item (asked once, by its page)."""
        n = self.index[id(item)]
        found = self.task_of.pop(n, None)
        if found is None:
            return share_panel(self.state, n)
        task, start = found
        return task.result()[n - start]
