"""``sharehub feeds pull``: fetch → parse → filter → draft, for every configured feed.

Feeds are fetched concurrently with :func:`sharehub.fetch.fetch` (one time
limit from connect to last byte, size cap, few redirects, conditional
requests, the private-address guard), parsed by :mod:`sharehub.feeds.parse`
in forked workers (:class:`sharehub.parallel.ForkPool`), filtered by the
feed's include/exclude words, by what the state remembers
(:mod:`sharehub.feeds.state`) and by what the hub already holds
(:class:`sharehub.content.index.HubIndex`), and written as drafts by
:mod:`sharehub.feeds.drafts`. Like feedparser's ``bozo`` flag, a broken feed
or entry is recorded and reported; it never stops the others.

:func:`pull` is the local pull (drafts in ``suggestions/``, state in its
file, the hub locked); :func:`pull_feeds` is the engine, which
:mod:`sharehub.feeds.inbox` also drives for ``--push``.
"""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import httpx

from sharehub import fetch as fetching
from sharehub.config import FeedConfig, Hub
from sharehub.content.index import HubIndex
from sharehub.errors import FetchError, SharehubError
from sharehub.feeds.drafts import Draft, build_draft, identify, write_draft
from sharehub.feeds.parse import FeedEntry, parse_feed
from sharehub.feeds.state import (FeedState, SeenFeed, load_state_file, pull_lock,
                                  remove_stray_temp_files, save_state_file)
from sharehub.files import flush_to_disk, free_path
from sharehub.parallel import ForkPool, default_workers
from sharehub.text import plain_text

ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
          "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
DEFAULT_CONCURRENCY = 8


@dataclass
class Limits:
    """Network limits of one pull (small ones in tests, defaults otherwise)."""

    connect_timeout: float = fetching.CONNECT_TIMEOUT
    read_timeout: float = fetching.READ_TIMEOUT
    #: Per feed, from connect to last byte, redirects included.
    total_timeout: float = fetching.TOTAL_TIMEOUT
    max_bytes: int = fetching.MAX_BYTES
    max_redirects: int = fetching.MAX_REDIRECTS


@dataclass
class Fetched:
    """A feed's bytes, or the fact that nothing changed since the last pull."""

    not_modified: bool = False
    etag: str = ""
    last_modified: str = ""
    url: str = ""
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FeedResult:
    """What one feed gave: new drafts, skipped entries (and why), or a failure."""

    name: str
    new: list[Path] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    failed: str = ""
    not_modified: bool = False
    warning: str = ""

    @property
    def ok(self) -> bool:
        return not self.failed and not self.errors

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def summary(self) -> str:
        """One line: ``newsroom: 3 new, 2 skipped (2 seen before)``."""
        if self.failed:
            return f"{self.name}: failed: {self.failed}"
        if self.not_modified:
            return f"{self.name}: nothing new (not modified since the last pull)"
        total = sum(self.skipped.values())
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
        line = f"{self.name}: {len(self.new)} new, {total} skipped" + (f" ({reasons})" if total else "")
        if self.errors:
            line += f", {len(self.errors)} failed ({'; '.join(self.errors[:3])})"
        if self.warning:
            line += f"; warning: {self.warning}"
        return line


@dataclass
class PullReport:
    """Every feed's result, in configuration order."""

    feeds: list[FeedResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.feeds)

    @property
    def new(self) -> list[Path]:
        return [p for r in self.feeds for p in r.new]


# -- which feeds, and how each one is fetched -------------------------------------------

def selected_feeds(hub: Hub, names: Iterable[str] | None) -> list[FeedConfig]:
    """The configured feeds, or those named.

    Raises:
        SharehubError: no feeds configured, or an unknown name.
    """
    where = hub.config_file or "mkdocs.yml"
    feeds = list(hub.options.feeds or [])
    if not feeds:
        raise SharehubError("no feeds configured: add plugins: - sharehub: feeds: [...]",
                            where, field="plugins.sharehub.feeds")
    names = list(names or [])
    if names:
        known = {f.name for f in feeds}
        unknown = [n for n in names if n not in known]
        if unknown:
            raise SharehubError(f"no feed named {unknown[0]!r}; configured: "
                                f"{', '.join(sorted(known))}", where,
                                field="plugins.sharehub.feeds")
        feeds = [f for f in feeds if f.name in names]
    return feeds


def allows_private(hub: Hub, feed: FeedConfig) -> bool:
    """Whether ``feed`` may be fetched from private or local addresses.

    The feed's ``allow_private``, else the hub's ``feeds_pull.allow_private``,
    else: refused in CI (``CI`` set), allowed on a person's machine.
    """
    for choice in (feed.allow_private, hub.options.feeds_pull.allow_private):
        if choice is not None:
            return bool(choice)
    return not fetching.refuse_private_by_default()


def fetch_feed(feed: FeedConfig, saved: SeenFeed, limits: Limits,
               client: httpx.Client | None = None) -> Fetched:
    """Fetch one feed, conditionally when validators were saved for its URL.

    Raises:
        FetchError: the feed could not be fetched (or the guard refused it).
    """
    headers = {"Accept": ACCEPT}
    if saved.url == feed.url:
        if saved.etag:
            headers["If-None-Match"] = saved.etag
        if saved.last_modified:
            headers["If-Modified-Since"] = saved.last_modified
    reply = fetching.fetch(feed.url, headers=headers, max_bytes=limits.max_bytes,
                           connect_timeout=limits.connect_timeout,
                           read_timeout=limits.read_timeout, max_redirects=limits.max_redirects,
                           total_timeout=limits.total_timeout, client=client)
    if reply.not_modified:
        return Fetched(not_modified=True, etag=saved.etag, last_modified=saved.last_modified,
                       url=reply.url)
    if reply.status != 200:
        raise FetchError(f"HTTP {reply.status}: expected 200 with a feed", feed.url)
    return Fetched(etag=reply.headers.get("etag", ""),
                   last_modified=reply.headers.get("last-modified", ""), url=reply.url,
                   content=reply.content, headers=reply.headers)


def matches(feed: FeedConfig, entry: FeedEntry) -> bool:
    """Whether an entry passes the feed's include/exclude words (case-insensitive)."""
    if not feed.include and not feed.exclude:
        return True
    haystack = plain_text(f"{entry.title} {entry.summary}").lower()
    if feed.include and not any(word.lower() in haystack for word in feed.include):
        return False
    return not any(word.lower() in haystack for word in feed.exclude)


# -- parse and draft (CPU-bound: in forked workers) -------------------------------------

@dataclass
class _Row:
    """One entry of a fetched feed, as the drafting stage left it."""

    link: str
    guid: str
    canonical: str
    skip: str = ""                 # why it is skipped before any hub-wide check
    draft: Draft | None = None     # drafted ahead (the first max_items candidates)
    why: str = ""                  # why drafting failed
    entry: FeedEntry | None = None  # kept for candidates not drafted ahead


def prepare_entries(hub: Hub, feed: FeedConfig, fetched: Fetched, seen: SeenFeed,
                    now: dt.datetime) -> tuple[str, list[_Row]]:
    """Parse a fetched feed and draft its first ``max_items`` new entries.

    This is the CPU-heavy part of a pull (feedparser, sanitising, validating),
    done per feed in one go so that a worker process can do it.

    Returns:
        ``(warning, rows)`` in feed order.

    Raises:
        FetchError: the bytes are not a feed.
    """
    entries, warning = parse_feed(fetched.content, fetched.headers, fetched.url)
    base = fetched.url or feed.url
    rows, drafted = [], 0
    listed = SeenFeed()  # this feed's own repeats
    for entry in entries:
        if not matches(feed, entry):
            rows.append(_Row("", "", "", skip="filtered out"))
            continue
        link, guid, canonical = identify(entry, base)
        row = _Row(link, guid, canonical)
        if not link:
            row.skip = "no http(s) link"
        elif seen.seen(guid, canonical) or listed.seen(guid, canonical):
            row.skip = "seen before"
        else:
            listed.remember(guid, canonical)
            if drafted < feed.max_items:
                row.draft, row.why = build_draft(entry, feed, hub, fetched=now, feed_url=base)
                drafted += 1
            else:
                row.entry = entry
        rows.append(row)
    return warning, rows


def _prepare_in_worker(hub: Hub, feed_name: str, fetched: Fetched, seen: SeenFeed,
                       now: dt.datetime):
    feed = next(f for f in hub.options.feeds if f.name == feed_name)
    try:
        return "ok", prepare_entries(hub, feed, fetched, seen, now)
    except FetchError as exc:  # sent back as data: a worker's exception would be re-run inline
        return "error", (exc.message, exc.path)


# -- the pull --------------------------------------------------------------------------

@dataclass
class _Run:
    """What the threads of one pull share (guarded by ``lock``)."""

    hub: Hub
    state: FeedState
    now: dt.datetime
    write: bool
    limits: Limits
    workers: ForkPool
    known: Callable[[], list[HubIndex]]
    lock: threading.Lock = field(default_factory=threading.Lock)
    taken: set[Path] = field(default_factory=set)
    #: Pooled clients, with the guard (``True``) and without it.
    clients: dict[bool, httpx.Client] = field(default_factory=dict)
    _indexes: list[HubIndex] | None = None
    #: Guids and canonical URLs claimed by this pull's drafts so far.
    claimed: SeenFeed = field(default_factory=SeenFeed)

    def open_clients(self, feeds: list[FeedConfig], concurrency: int) -> None:
        """One pooled client per guard setting the feeds need."""
        for guarded in {not allows_private(self.hub, feed) for feed in feeds}:
            guard = (fetching.AddressGuard(self.hub.options.feeds_pull.allowed_networks)
                     if guarded else None)
            self.clients[guarded] = fetching.new_client(
                guard=guard, max_redirects=self.limits.max_redirects,
                max_connections=max(1, concurrency))

    def client(self, feed: FeedConfig) -> httpx.Client:
        return self.clients[not allows_private(self.hub, feed)]

    def in_hub(self, guid: str, canonical: str) -> bool:
        """Whether the hub or this pull already has the entry (call with ``lock`` held).

        The hub is indexed on first need (never when every feed answered 304).
        """
        if self._indexes is None:
            self._indexes = self.known()
        return self.claimed.seen(guid, canonical) or any(
            index.has_guid(guid) or index.has_url(canonical) for index in self._indexes)


def feed_workers(hub: Hub, feeds: list[FeedConfig],
                 concurrency: int = DEFAULT_CONCURRENCY) -> ForkPool:
    """Worker processes that parse and draft ``feeds`` (at most one per core).

    Create them before the pull takes its lock (a fork would inherit the
    lock, and a worker outliving a killed pull would keep holding it) and
    before any thread starts (:class:`~sharehub.parallel.ForkPool`'s rule).
    """
    return ForkPool(hub, min(default_workers(), max(1, concurrency), len(feeds)),
                    name="feeds pull")


def pull_feeds(hub: Hub, state: FeedState, feeds: list[FeedConfig], workers: ForkPool, *,
               write: bool = True, concurrency: int = DEFAULT_CONCURRENCY,
               limits: Limits | None = None, now: dt.datetime | None = None,
               known: Callable[[], list[HubIndex]] | None = None,
               reserved: Iterable[Path] = (),
               progress: Callable[[int, int, FeedResult], None] | None = None) -> PullReport:
    """Pull ``feeds`` into drafts in ``hub.suggestions_dir``, updating ``state`` in place.

    Entries already in the state, or found in the hub (then remembered in the
    state too, so that the state is complete even after an interrupted pull
    whose drafts are on disk but not in the state) are skipped.

    Args:
        workers: from :func:`feed_workers` (the same ``hub``).
        write: write the drafts (a dry run builds and validates them only).
        known: indexes of the files that already exist (default: the hub's
            ``content/`` and ``suggestions/`` on disk); called on first need.
        reserved: draft paths not to use although no file is there.
        progress: called after each feed as ``progress(done, total, result)``.
    """
    limits = limits or Limits()
    now = now or dt.datetime.now(dt.timezone.utc)
    results = {feed.name: FeedResult(feed.name) for feed in feeds}
    run = _Run(hub=hub, state=state, now=now, write=write, limits=limits, workers=workers,
               known=known or (lambda: [HubIndex.from_hub(hub)]), taken=set(reserved))
    try:
        run.open_clients(feeds, concurrency)
        with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
            # Each thread fetches its feed, has a worker parse and draft it, and
            # writes the drafts: network and disk waits overlap.
            futures = {pool.submit(_pull_one, run, feed, results[feed.name]): feed
                       for feed in feeds}
            for done, future in enumerate(as_completed(futures), 1):
                result = results[futures[future].name]
                try:
                    future.result()
                except Exception as exc:  # one odd feed must not stop the pull
                    result.failed = f"unexpected {exc.__class__.__name__}: {exc}"
                if progress:
                    progress(done, len(feeds), result)
    finally:
        for client in run.clients.values():
            client.close()
    return PullReport(feeds=[results[feed.name] for feed in feeds])


def pull(hub: Hub, *, names: list[str] | None = None, dry_run: bool = False,
         concurrency: int = DEFAULT_CONCURRENCY, limits: Limits | None = None,
         now: dt.datetime | None = None,
         progress: Callable[[int, int, FeedResult], None] | None = None) -> PullReport:
    """Pull the hub's feeds (or those in ``names``) into ``suggestions/``.

    The hub is locked for the pull; temporary files that a killed pull left
    behind are removed; drafts are on disk before the state file says they
    were seen, and drafts a killed pull wrote without recording them are
    recognised (and recorded) by the next pull.

    Args:
        names: feed names to pull; all configured feeds when empty.
        dry_run: build and validate drafts but write nothing, state included.
        concurrency: feeds fetched at the same time.
        limits: timeouts and size caps of each request.
        now: the ``fetched`` moment (and the date of undated entries).
        progress: called after each feed as ``progress(done, total, result)``.

    Raises:
        SharehubError: an unknown feed name, no feeds configured, an
            unreadable state file, or another pull running on this hub.
            Problems with one feed never raise.
    """
    feeds = selected_feeds(hub, names)
    options = dict(concurrency=concurrency, limits=limits, now=now, progress=progress)
    with feed_workers(hub, feeds, concurrency) as workers:
        if dry_run:
            return pull_feeds(hub, load_state_file(hub), feeds, workers, write=False, **options)
        with pull_lock(hub):
            remove_stray_temp_files(hub.suggestions_dir)
            state = load_state_file(hub)
            report = pull_feeds(hub, state, feeds, workers, **options)
            if report.new:
                flush_to_disk()  # drafts are on disk before the state says they were seen
            save_state_file(hub, state)
    return report


def _pull_one(run: _Run, feed: FeedConfig, result: FeedResult) -> None:
    with run.lock:
        saved = run.state.feed(feed.name, feed.url)
        seen = SeenFeed(url=saved.url, etag=saved.etag, last_modified=saved.last_modified,
                        guids=set(saved.guids), urls=set(saved.urls))
        client = run.client(feed)
    try:
        fetched = fetch_feed(feed, seen, run.limits, client)
        if fetched.not_modified:
            result.not_modified = True
            return
        status, value = run.workers.submit(_prepare_in_worker, feed.name, fetched, seen,
                                           run.now).result()
        if status == "error":
            raise FetchError(*value)
        result.warning, rows = value
    except fetching.AddressRefused as exc:
        result.failed = (f"{exc.message} (set allow_private: true on this feed if it is an "
                         f"intranet feed)")
        return
    except FetchError as exc:
        result.failed = exc.message
        return
    base = fetched.url or feed.url
    for row in rows:
        if row.skip:
            result.skip(row.skip)
            continue
        guid, canonical = row.guid, row.canonical
        with run.lock:  # claim the entry, so that another feed listing it skips it
            if run.in_hub(guid, canonical):
                result.skip("already in the hub")
                seen.remember(guid, canonical)
                continue
            if len(result.new) >= feed.max_items:
                result.skip("over max_items (next pull)")
                continue
            run.claimed.remember(guid, canonical)
        draft, why = row.draft, row.why
        if draft is None and not why:  # an earlier candidate was in the hub: draft this one now
            draft, why = build_draft(row.entry, feed, run.hub, fetched=run.now, feed_url=base)
        if draft is not None:
            with run.lock:
                draft.path = free_path(run.hub.suggestions_dir, draft.stem, taken=run.taken)
                run.taken.add(draft.path)
            if run.write:
                try:
                    write_draft(draft)
                except SharehubError as exc:
                    draft, why = None, str(exc)
        if draft is None:
            result.errors.append(f"{row.link:.80}: {why}")
            with run.lock:
                run.claimed.guids.discard(guid)
                run.claimed.urls.discard(canonical)
            continue
        result.new.append(draft.path)
        seen.remember(guid, canonical)
    with run.lock:
        saved.guids, saved.urls = seen.guids, seen.urls
        # Keep the validators only once every entry was handled, so a failed
        # draft is retried next time instead of hidden behind a 304.
        if not result.errors:
            saved.etag, saved.last_modified = fetched.etag, fetched.last_modified
