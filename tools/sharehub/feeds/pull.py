"""``sharehub feeds pull``: fetch → parse → filter → draft, for every configured feed.

Feeds are fetched concurrently with :func:`sharehub.fetch.fetch` (timeouts,
size cap, few redirects, conditional requests), parsed with feedparser (RSS
0.9x/1.0/2.0, Atom) or the json module (JSON Feed), filtered by the feed's
include/exclude words and by what the hub has already seen, and written as
drafts by :mod:`sharehub.feeds.drafts`. Like feedparser's ``bozo`` flag, a broken
feed or entry is recorded and reported; it never stops the others.

What was seen is kept in ``suggestions/.sharehub-feeds.json`` (committed with
the drafts): per feed the ETag/Last-Modified validators and every guid and
canonical URL ever drafted, so a draft a reviewer deleted does not come back.
"""

from __future__ import annotations

import calendar
import functools
import datetime as dt
import json
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import httpx

from sharehub import fetch as fetching
from sharehub.config import FeedConfig, Hub
from sharehub.feeds.drafts import Draft, Entry, build_draft, identify, write_draft
from sharehub.errors import FetchError, SharehubError
from sharehub.files import flush_to_disk, free_path
from sharehub.content.index import HubIndex
from sharehub.text import plain_text

STATE_FILE = ".sharehub-feeds.json"
STATE_VERSION = 1
ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
          "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
DEFAULT_CONCURRENCY = 8


@dataclass
class Limits:
    """Network limits of one pull (small ones in tests, defaults otherwise)."""

    connect_timeout: float = fetching.CONNECT_TIMEOUT
    read_timeout: float = fetching.READ_TIMEOUT
    total_timeout: float = 30.0
    max_bytes: int = fetching.MAX_BYTES
    max_redirects: int = fetching.MAX_REDIRECTS


@dataclass
class Fetched:
    """A feed's parsed entries, or the fact that nothing changed."""

    entries: list[Entry] = field(default_factory=list)
    not_modified: bool = False
    etag: str = ""
    last_modified: str = ""
    url: str = ""
    warning: str = ""
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
        """One line: ``newsroom: 3 new, 2 skipped (2 already seen)``."""
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
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.feeds)

    @property
    def new(self) -> list[Path]:
        return [p for r in self.feeds for p in r.new]


# -- state ------------------------------------------------------------------

def state_path(hub: Hub) -> Path:
    return hub.suggestions_dir / STATE_FILE


def load_state(hub: Hub) -> dict:
    """The state file as ``{"feeds": {name: {...}}}`` (empty when missing).

    Raises:
        SharehubError: the file exists but is not the JSON we wrote.
    """
    path = state_path(hub)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {"version": STATE_VERSION, "feeds": {}}
    except OSError as exc:
        raise SharehubError(f"cannot read the feed state: {exc.strerror}", path) from None
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise SharehubError(f"not valid JSON (line {getattr(exc, 'lineno', 1)}); fix or delete "
                            f"the file to start afresh", path) from None
    if not isinstance(data, dict) or not isinstance(data.get("feeds", {}), dict):
        raise SharehubError("not a sharehub feed state file (expected an object with 'feeds')",
                            path)
    data.setdefault("feeds", {})
    return data


def save_state(hub: Hub, state: dict) -> Path:
    """Write the state atomically, sorted so diffs stay small."""
    from sharehub.files import write_atomic

    state["version"] = STATE_VERSION
    for entry in state["feeds"].values():
        for key in ("guids", "urls"):
            entry[key] = sorted(set(entry.get(key, [])))
    text = json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    return write_atomic(state_path(hub), text, overwrite=True)


# -- fetch and parse --------------------------------------------------------

def fetch_feed(feed: FeedConfig, saved: dict, limits: Limits,
               client: httpx.Client | None = None, parse: bool = True) -> Fetched:
    """Fetch and parse one feed, conditionally when validators were saved.

    Args:
        parse: parse the entries; without it the bytes and headers are
            returned for the caller to parse (in a worker process).

    Raises:
        FetchError: the feed could not be fetched or is not a feed.
    """
    headers = {"Accept": ACCEPT}
    if saved.get("url") == feed.url:
        if saved.get("etag"):
            headers["If-None-Match"] = saved["etag"]
        if saved.get("last_modified"):
            headers["If-Modified-Since"] = saved["last_modified"]
    reply = fetching.fetch(feed.url, headers=headers, max_bytes=limits.max_bytes,
                           connect_timeout=limits.connect_timeout,
                           read_timeout=limits.read_timeout, max_redirects=limits.max_redirects,
                           total_timeout=limits.total_timeout, client=client)
    if reply.not_modified:
        return Fetched(not_modified=True, etag=saved.get("etag", ""),
                       last_modified=saved.get("last_modified", ""), url=reply.url)
    if reply.status != 200:
        raise FetchError(f"HTTP {reply.status}: expected 200 with a feed", feed.url)
    fetched = Fetched(etag=reply.headers.get("etag", ""),
                      last_modified=reply.headers.get("last-modified", ""), url=reply.url,
                      content=reply.content, headers=reply.headers)
    if parse:
        fetched.entries, fetched.warning = parse_feed(reply.content, reply.headers, reply.url)
    return fetched


def _looks_like_json(content: bytes, content_type: str) -> bool:
    head = content[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "json" in content_type or head.startswith(b"{")


def parse_feed(content: bytes, headers: dict[str, str], url: str) -> tuple[list[Entry], str]:
    """Entries of an RSS, Atom or JSON feed, with links made absolute.

    Returns:
        ``(entries, warning)``; the warning says what feedparser tolerated
        (a wrong encoding declaration, malformed XML with entries).

    Raises:
        FetchError: it is not a feed (an HTML page, JSON that is not a JSON
            Feed), or it is malformed and yields no entries.
    """
    content_type = headers.get("content-type", "").lower()
    if _looks_like_json(content, content_type):
        return parse_json_feed(content, url), ""
    import feedparser

    parsed = feedparser.parse(content, response_headers={
        "content-type": headers.get("content-type", "application/xml"),
        "content-location": url})
    if not parsed.version and not parsed.entries:
        head = content[:512].lower()
        if "html" in content_type or b"<html" in head or b"<!doctype html" in head:
            raise FetchError("not a feed: the address serves an HTML page", url)
        if parsed.bozo:
            raise FetchError(f"not a feed: {_bozo(parsed)}", url)
        raise FetchError("not a feed: no RSS, Atom or JSON Feed found", url)
    if parsed.bozo and not parsed.entries:
        raise FetchError(f"malformed feed with no entries: {_bozo(parsed)}", url)
    entries = [_entry_from_feedparser(e) for e in parsed.entries]
    return entries, (_bozo(parsed) if parsed.bozo else "")


def _bozo(parsed) -> str:
    exc = parsed.get("bozo_exception")
    text = " ".join(str(exc).split()) if exc else "malformed"
    return f"{exc.__class__.__name__}: {text}"[:200] if exc else text


def _when(parsed_time) -> dt.datetime | None:
    if not parsed_time:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed_time), dt.timezone.utc)
    except (OverflowError, ValueError, TypeError):
        return None


def _entry_from_feedparser(e) -> Entry:
    content = ""
    if e.get("content"):
        content = "\n".join(c.get("value", "") for c in e["content"] if c.get("value"))
    images = []
    for media in (e.get("media_content") or []):
        if media.get("url") and (media.get("medium") == "image"
                                 or str(media.get("type", "")).startswith("image/")
                                 or (not media.get("medium") and not media.get("type"))):
            images.append(media["url"])
    images += [m["url"] for m in (e.get("media_thumbnail") or []) if m.get("url")]
    for link in (e.get("links") or []):
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            images.append(link.get("href", ""))
    if e.get("image") and isinstance(e["image"], dict) and e["image"].get("href"):
        images.append(e["image"]["href"])
    return Entry(guid=str(e.get("id") or ""), title=str(e.get("title") or ""),
                 link=str(e.get("link") or ""), summary=str(e.get("summary") or ""),
                 content=content,
                 published=_when(e.get("published_parsed") or e.get("updated_parsed")),
                 images=[str(i) for i in images if i])


def _json_text(item: dict, key: str) -> str:
    """A JSON Feed string field, or '' when missing or not a string."""
    value = item.get(key)
    return value if isinstance(value, str) else ""


def parse_json_feed(content: bytes, url: str) -> list[Entry]:
    """Entries of a JSON Feed (https://jsonfeed.org, versions 1 and 1.1).

    Raises:
        FetchError: the JSON is invalid or is not a JSON Feed.
    """
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FetchError(f"not a feed: invalid JSON ({exc.__class__.__name__})", url) from None
    if (not isinstance(data, dict) or not str(data.get("version", "")).startswith(
            "https://jsonfeed.org/version/") or not isinstance(data.get("items", []), list)):
        raise FetchError("not a feed: JSON without a jsonfeed.org version and items", url)
    entries = []
    for item in data.get("items", []):
        if not isinstance(item, dict):
            continue
        text = functools.partial(_json_text, item)
        content_html = text("content_html")
        if not content_html and text("content_text"):
            import html as html_lib
            content_html = "<p>" + html_lib.escape(text("content_text")) + "</p>"
        images = [text("image"), text("banner_image")]
        for attachment in item.get("attachments") or []:
            if isinstance(attachment, dict) and str(attachment.get("mime_type", "")).startswith("image/"):
                images.append(str(attachment.get("url") or ""))
        link = text("url") or text("external_url")
        entries.append(Entry(
            guid=str(item.get("id") or "") if isinstance(item.get("id"), (str, int)) else "",
            title=text("title"), link=_join(url, link), summary=text("summary"),
            content=content_html, published=_iso(text("date_published") or text("date_modified")),
            images=[_join(url, i) for i in images if i]))
    return entries


def _join(base: str, link: str) -> str:
    from urllib.parse import urljoin
    try:
        return urljoin(base, link) if link else ""
    except ValueError:
        return link


def _iso(value: str) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


# -- filter and draft -------------------------------------------------------

def matches(feed: FeedConfig, entry: Entry) -> bool:
    """Whether an entry passes the feed's include/exclude words (case-insensitive)."""
    if not feed.include and not feed.exclude:
        return True
    haystack = plain_text(f"{entry.title} {entry.summary}").lower()
    if feed.include and not any(word.lower() in haystack for word in feed.include):
        return False
    return not any(word.lower() in haystack for word in feed.exclude)


def pull(hub: Hub, *, names: list[str] | None = None, dry_run: bool = False,
         concurrency: int = DEFAULT_CONCURRENCY, limits: Limits | None = None,
         now: dt.datetime | None = None,
         progress: Callable[[int, int, FeedResult], None] | None = None) -> PullReport:
    """Pull the hub's feeds (or those in ``names``) into draft suggestions.

    Args:
        names: feed names to pull; all configured feeds when empty.
        dry_run: build and validate drafts but write nothing, state included.
        concurrency: feeds fetched at the same time.
        limits: timeouts and size caps of each request.
        now: the ``fetched`` moment (and the date of undated entries).
        progress: called after each feed as ``progress(done, total, result)``.

    Raises:
        SharehubError: an unknown feed name, no feeds configured, or an
            unreadable state file. Problems with one feed never raise.
    """
    feeds = list(hub.options.feeds or [])
    if not feeds:
        raise SharehubError("no feeds configured: add plugins: - sharehub: feeds: [...]",
                            hub.config_file or "mkdocs.yml", field="plugins.sharehub.feeds")
    if names:
        known = {f.name for f in feeds}
        unknown = [n for n in names if n not in known]
        if unknown:
            raise SharehubError(f"no feed named {unknown[0]!r}; configured: "
                                f"{', '.join(sorted(known))}", hub.config_file or "mkdocs.yml",
                                field="plugins.sharehub.feeds")
        feeds = [f for f in feeds if f.name in names]
    limits = limits or Limits()
    now = now or dt.datetime.now(dt.timezone.utc)
    run = _Run(hub=hub, state=load_state(hub), now=now, dry_run=dry_run)
    results = {feed.name: FeedResult(feed.name) for feed in feeds}

    import os

    processes = min(os.cpu_count() or 1, max(1, concurrency), len(feeds))
    run.cpu = _CpuPool(hub, processes)  # before the first thread: see _CpuPool
    client = httpx.Client(follow_redirects=True, max_redirects=limits.max_redirects,
                          limits=httpx.Limits(max_connections=max(1, concurrency)))
    try:
        with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
            # Each worker fetches, parses and writes its feed's drafts: writing
            # (fsync) waits on the disk, so it overlaps like the network does.
            futures = {pool.submit(_pull_one, run, feed, results[feed.name], limits, client):
                       feed for feed in feeds}
            for done, future in enumerate(as_completed(futures), 1):
                result = results[futures[future].name]
                try:
                    future.result()
                except Exception as exc:  # one odd feed must not stop the pull
                    result.failed = f"unexpected {exc.__class__.__name__}: {exc}"
                if progress:
                    progress(done, len(feeds), result)
    finally:
        client.close()
        run.cpu.close()
    report = PullReport(feeds=[results[feed.name] for feed in feeds], dry_run=dry_run)
    if not dry_run:
        if report.new:
            flush_to_disk()  # drafts are on disk before the state says they were seen
        save_state(hub, run.state)
    return report


@dataclass
class _Row:
    """One entry of a fetched feed, as the drafting stage left it."""

    link: str
    guid: str
    canonical: str
    skip: str = ""                 # why it is skipped before any hub-wide check
    draft: Draft | None = None     # drafted ahead (the first max_items candidates)
    why: str = ""                  # why drafting failed
    entry: Entry | None = None     # kept for candidates not drafted ahead


def prepare_entries(hub: Hub, feed: FeedConfig, fetched: Fetched, seen_guids: set[str],
                    seen_urls: set[str], now: dt.datetime) -> tuple[str, list[_Row]]:
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
    seen_guids, seen_urls = set(seen_guids), set(seen_urls)  # + this feed's own repeats
    for entry in entries:
        if not matches(feed, entry):
            rows.append(_Row("", "", "", skip="filtered out"))
            continue
        link, guid, canonical = identify(entry, base)
        row = _Row(link, guid, canonical)
        if not link:
            row.skip = "no http(s) link"
        elif guid in seen_guids or canonical in seen_urls:
            row.skip = "seen before"
        else:
            seen_guids.add(guid)
            seen_urls.add(canonical)
        if row.skip:
            pass
        elif drafted < feed.max_items:
            row.draft, row.why = build_draft(entry, feed, hub, fetched=now, feed_url=base)
            drafted += 1
        else:
            row.entry = entry
        rows.append(row)
    return warning, rows


_POOL_HUB: Hub | None = None


def _prepare_in_worker(feed_name: str, fetched: Fetched, seen_guids, seen_urls, now):
    feed = next(f for f in _POOL_HUB.options.feeds if f.name == feed_name)
    try:
        return "ok", prepare_entries(_POOL_HUB, feed, fetched, seen_guids, seen_urls, now)
    except FetchError as exc:  # sent back as data: exceptions do not all pickle
        return "error", (exc.message, exc.path)


class _CpuPool:
    """Runs :func:`prepare_entries` (CPU-bound) on every core, one call per feed.

    Threads overlap the network, but the GIL serialises feedparser and
    validation. The worker processes are forked before the pull starts any
    thread, and inherit the hub instead of receiving it pickled. With one
    process (or where fork is not available) the work runs inline.
    """

    def __init__(self, hub: Hub, processes: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _POOL_HUB
        self.hub = hub
        self.pool = None
        if processes > 1 and "fork" in multiprocessing.get_all_start_methods():
            _POOL_HUB = hub
            self.pool = ProcessPoolExecutor(processes,
                                            mp_context=multiprocessing.get_context("fork"))
            self.pool.submit(int).result()  # fork every worker now, before any thread

    def prepare(self, feed: FeedConfig, fetched: Fetched, seen_guids: set[str],
                seen_urls: set[str], now: dt.datetime) -> tuple[str, list[_Row]]:
        if self.pool is None:
            return prepare_entries(self.hub, feed, fetched, seen_guids, seen_urls, now)
        status, value = self.pool.submit(_prepare_in_worker, feed.name, fetched, seen_guids,
                                         seen_urls, now).result()
        if status == "error":
            raise FetchError(value[0], value[1])
        return value

    def close(self) -> None:
        global _POOL_HUB
        if self.pool is not None:
            self.pool.shutdown()
            _POOL_HUB = None


@dataclass
class _Run:
    """What the workers of one pull share (guarded by ``lock``)."""

    hub: Hub
    state: dict
    now: dt.datetime
    dry_run: bool
    cpu: _CpuPool | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    taken: set[Path] = field(default_factory=set)
    _index: HubIndex | None = None
    #: Guids and canonical URLs claimed by this pull's drafts so far.
    claimed_guids: set[str] = field(default_factory=set)
    claimed_urls: set[str] = field(default_factory=set)

    def in_hub(self, guid: str, canonical: str) -> bool:
        """Whether the hub or this pull already has the entry (call with ``lock`` held).

        The hub is indexed on first need (never when every feed answered 304).
        """
        if self._index is None:
            self._index = HubIndex.from_hub(self.hub)
        return (guid in self.claimed_guids or canonical in self.claimed_urls
                or self._index.has_guid(guid) or self._index.has_url(canonical))


def _pull_one(run: _Run, feed: FeedConfig, result: FeedResult, limits: Limits,
              client: httpx.Client) -> None:
    with run.lock:
        saved = run.state["feeds"].setdefault(feed.name, {})
        if saved.get("url") != feed.url:
            saved.update(url=feed.url, etag="", last_modified="")
        validators = dict(saved)
        seen_guids = set(saved.get("guids", []))
        seen_urls = set(saved.get("urls", []))
    try:
        fetched = fetch_feed(feed, validators, limits, client, parse=False)
        if fetched.not_modified:
            result.not_modified = True
            return
        result.warning, rows = run.cpu.prepare(feed, fetched, seen_guids, seen_urls, run.now)
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
                continue
            if len(result.new) >= feed.max_items:
                result.skip("over max_items (next pull)")
                continue
            run.claimed_guids.add(guid)
            run.claimed_urls.add(canonical)
        draft, why = row.draft, row.why
        if draft is None and not why:  # an earlier candidate was in the hub: draft this one now
            draft, why = build_draft(row.entry, feed, run.hub, fetched=run.now, feed_url=base)
        if draft is not None:
            with run.lock:
                draft.path = free_path(run.hub.suggestions_dir, draft.stem, taken=run.taken)
                run.taken.add(draft.path)
            if not run.dry_run:
                try:
                    write_draft(draft)
                except SharehubError as exc:
                    draft, why = None, str(exc)
        if draft is None:
            result.errors.append(f"{row.link:.80}: {why}")
            with run.lock:
                run.claimed_guids.discard(guid)
                run.claimed_urls.discard(canonical)
            continue
        result.new.append(draft.path)
        seen_guids.add(guid)
        seen_urls.add(canonical)
    with run.lock:
        saved["guids"] = sorted(seen_guids)
        saved["urls"] = sorted(seen_urls)
        # Keep the validators only once every entry was handled, so a failed
        # draft is retried next time instead of hidden behind a 304.
        if not result.errors:
            saved["etag"], saved["last_modified"] = fetched.etag, fetched.last_modified
