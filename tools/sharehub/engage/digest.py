"""``sharehub digest``: announce what went live, once per channel.

An item is announced on a channel when it is live at the run's moment
(its ``publish`` moment passed, so a scheduled item is announced when it
goes live, not when it is merged; not expired), is meant for the channel
(its ``departments`` meet the channel's, or it is for everyone; its
language is one of the channel's) and was not announced there before.

A channel's first run catches up instead of flooding: items that went live
more than ``digest: lookback_days`` ago (by ``publish``, else ``approved``,
and items with neither) are recorded as announced without a message.

One channel failing (unset variable, refused connection, a service error)
does not stop the others: its items stay unannounced, so the next run
retries them, and the run reports it and exits with 1. What was sent is
recorded in :mod:`sharehub.engage.announced`.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from sharehub.config import Hub
from sharehub.content.items import Item
from sharehub.engage.announced import Announced, AnnouncedStore
from sharehub.engage.channels import Delivery, channel_url, deliver
from sharehub.engage.message import Message, compose
from sharehub.errors import ConfigError
from sharehub.files import write_atomic


@dataclass
class ChannelPlan:
    """What one channel gets in this run."""

    name: str
    url_env: str
    items: list[Item] = field(default_factory=list)      # announced now
    more: int = 0                                        # left for the next run
    caught_up: list[Item] = field(default_factory=list)  # first run: recorded, not sent
    message: Message | None = None
    delivery: Delivery | None = None


@dataclass
class DigestReport:
    """What :func:`run_digest` did."""

    plans: list[ChannelPlan]
    invalid_files: int = 0
    written: list[Path] = field(default_factory=list)   # --out files
    state_where: str = ""
    state_pushed: bool = False

    @property
    def failed(self) -> list[ChannelPlan]:
        return [p for p in self.plans if p.delivery is not None and not p.delivery.ok]

    @property
    def ok(self) -> bool:
        return not self.failed


def item_id(item: Item) -> str:
    """How the run state names an item: its path in ``content/``."""
    return item.rel_path.as_posix()


def went_live(item: Item) -> dt.datetime | None:
    """When an item went live: ``publish``, else ``approved``; ``None`` if neither is known."""
    if item.publish_at is not None:
        return item.publish_at
    approved = item.meta.approved
    if approved is None:
        return None
    from sharehub.content.model import aware

    return aware(approved, item.hub.tz)


def _lang_matches(lang: str, wanted: list[str]) -> bool:
    primary = lang.lower().split("-")[0]
    return any(w.lower() == lang.lower() or w.lower().split("-")[0] == primary
               for w in wanted)


def is_for(item: Item, channel) -> bool:
    """Whether a channel's audience and languages include ``item``."""
    departments = {d.lower() for d in item.meta.departments}
    if channel.departments and departments and not departments & {
            d.lower() for d in channel.departments}:
        return False
    if channel.languages and not _lang_matches(item.lang, list(channel.languages)):
        return False
    return True


def _order(item: Item):
    live = went_live(item)
    return (not item.meta.featured, -(live.timestamp() if live else 0), item_id(item))


def plan_digest(hub: Hub, items: list[Item], announced: Announced,
                moment: dt.datetime) -> list[ChannelPlan]:
    """Every configured channel's items to announce at ``moment``."""
    options = hub.options.digest
    live = sorted((i for i in items if i.is_shareable and i.is_live(moment)), key=_order)
    horizon = moment - dt.timedelta(days=options.lookback_days)
    plans = []
    for channel in options.channels:
        plan = ChannelPlan(channel.name, channel.url_env)
        first_run = not announced.knows(channel.name)
        for item in live:
            if not is_for(item, channel) or announced.has(channel.name, item_id(item)):
                continue
            since = went_live(item)
            if first_run and (since is None or since < horizon):
                plan.caught_up.append(item)
            else:
                plan.items.append(item)
        plan.more = max(0, len(plan.items) - options.max_items)
        plan.items = plan.items[:options.max_items]
        plans.append(plan)
    return plans


def load_items(hub: Hub) -> tuple[list[Item], int]:
    """The valid items of ``content/`` and how many files were invalid (skipped)."""
    from sharehub.content.loader import find_markdown, read_document
    from sharehub.content.validate import check_documents

    report = check_documents([read_document(p) for p in find_markdown([hub.content_dir])],
                             hub, rules=False)
    bad = len({p.path for p in report.errors})
    return report.items, bad


def run_digest(hub: Hub, *, moment: dt.datetime, dry_run: bool = False,
               out: Path | None = None, environ=os.environ, push: bool = True) -> DigestReport:
    """Announce what went live to every channel (see the module docstring).

    Args:
        moment: what is live is judged at this moment (``--as-of``).
        dry_run: send nothing and record nothing; with ``out``, write each
            channel's message there (``NAME.html``, ``NAME.txt``, ``NAME.md``).
        push: push the run state when the repository has a remote.

    Raises:
        ConfigError: no ``site_url`` to link to.
        GitError: the run state cannot be read or pushed.
    """
    if not hub.options.digest.channels:
        return DigestReport([])
    if not hub.site_url:
        raise ConfigError("site_url is needed: digests link to each item's page on the hub",
                          hub.config_file or "mkdocs.yml", field="site_url")
    store = AnnouncedStore(hub)
    announced = store.load(fetch=not dry_run)
    items, invalid = load_items(hub)
    report = DigestReport(plan_digest(hub, items, announced, moment), invalid_files=invalid,
                          state_where=store.where)
    changed = False
    # Channels with the same audience get the same message: compose it once.
    messages: dict[tuple, Message] = {}
    for plan in report.plans:
        if plan.items:
            key = (tuple(item_id(i) for i in plan.items), plan.more)
            if key not in messages:
                messages[key] = compose(hub, plan.items, more=plan.more)
            plan.message = messages[key]
        if dry_run:
            if out is not None and plan.message is not None:
                report.written += _write_out(out, plan.name, plan.message)
            continue
        if plan.message is not None:
            url = channel_url(plan.url_env, environ)
            if url is None:
                plan.delivery = Delivery(plan.name, False,
                                         f"environment variable {plan.url_env} is not set")
            else:
                plan.delivery = deliver(plan.name, url, plan.message)
            if not plan.delivery.ok:
                continue
        if plan.items or plan.caught_up or not announced.knows(plan.name):
            announced.add(plan.name, [item_id(i) for i in plan.items + plan.caught_up])
            changed = True
    if changed and not dry_run:
        sent = sum(len(p.items) for p in report.plans if p.delivery and p.delivery.ok)
        report.state_pushed = store.save(
            announced, f"digest: {sent} item{'s' * (sent != 1)} announced", push=push)
    return report


def _write_out(out: Path, name: str, message: Message) -> list[Path]:
    return [write_atomic(out / f"{name}.html", message.html, overwrite=True),
            write_atomic(out / f"{name}.txt", f"Subject: {message.subject}\n\n{message.text}\n",
                         overwrite=True),
            write_atomic(out / f"{name}.md", message.markdown, overwrite=True)]
