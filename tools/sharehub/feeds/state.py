"""What ``sharehub feeds pull`` remembers, and the lock that keeps one pull at a time.

Per feed: its URL, the ETag/Last-Modified validators of the last complete
pull, and every guid and canonical URL ever drafted or found already in the
hub, so that a draft a reviewer deleted never comes back. As JSON::

    {"version": 1, "feeds": {"newsroom": {"url": "...", "etag": "...",
     "last_modified": "...", "guids": [...], "urls": [...]}}}

Where it lives: ``suggestions/.sharehub-feeds.json`` for a local pull, or the
document :data:`STATE_DOCUMENT` on the run-state branch
(:mod:`sharehub.workflow.runstate`) for ``feeds pull --push``, where
concurrent runs merge their documents (sets by union).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from sharehub.config import Hub
from sharehub.errors import SharehubError
from sharehub.files import write_atomic

STATE_FILE = ".sharehub-feeds.json"
#: The feeds' document on the run-state branch.
STATE_DOCUMENT = "feeds.json"
STATE_VERSION = 1
#: Temporary files of :func:`sharehub.files.write_atomic` (``.NAME.xxxxxxxx.tmp``).
_TEMP_FILE_RE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


@dataclass
class SeenFeed:
    """What one feed gave so far."""

    url: str = ""
    etag: str = ""
    last_modified: str = ""
    guids: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)

    def seen(self, guid: str, canonical: str) -> bool:
        return guid in self.guids or canonical in self.urls

    def remember(self, guid: str, canonical: str) -> None:
        self.guids.add(guid)
        self.urls.add(canonical)


@dataclass
class FeedState:
    """Every feed's :class:`SeenFeed`, by feed name."""

    feeds: dict[str, SeenFeed] = field(default_factory=dict)

    def feed(self, name: str, url: str) -> SeenFeed:
        """The record of feed ``name``; validators are dropped when its URL changed."""
        seen = self.feeds.setdefault(name, SeenFeed(url=url))
        if seen.url != url:
            seen.url, seen.etag, seen.last_modified = url, "", ""
        return seen

    @classmethod
    def from_json(cls, data: object, source: str | Path) -> "FeedState":
        """Read the JSON form (see the module docstring).

        Raises:
            SharehubError: ``data`` is not what :meth:`to_json` writes.
        """
        feeds = data.get("feeds", {}) if isinstance(data, dict) else None
        if not isinstance(feeds, dict):
            raise SharehubError("not a sharehub feed state (expected an object with 'feeds')",
                                source)
        state = cls()
        for name, record in feeds.items():
            if not isinstance(record, dict):
                raise SharehubError(f"feeds.{name}: expected an object", source)
            state.feeds[str(name)] = SeenFeed(
                url=str(record.get("url") or ""), etag=str(record.get("etag") or ""),
                last_modified=str(record.get("last_modified") or ""),
                guids={str(g) for g in record.get("guids") or []},
                urls={str(u) for u in record.get("urls") or []})
        return state

    def to_json(self) -> dict:
        """The JSON form, lists sorted so that diffs stay small."""
        return {"version": STATE_VERSION, "feeds": {
            name: {"url": seen.url, "etag": seen.etag, "last_modified": seen.last_modified,
                   "guids": sorted(seen.guids), "urls": sorted(seen.urls)}
            for name, seen in sorted(self.feeds.items())}}


def state_path(hub: Hub) -> Path:
    return hub.suggestions_dir / STATE_FILE


def load_state_file(hub: Hub) -> FeedState:
    """The local state file (an empty state when it does not exist).

    Raises:
        SharehubError: the file exists but is not the JSON we wrote.
    """
    path = state_path(hub)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return FeedState()
    except OSError as exc:
        raise SharehubError(f"cannot read the feed state: {exc.strerror}", path) from None
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise SharehubError(f"not valid JSON (line {getattr(exc, 'lineno', 1)}); fix or delete "
                            f"the file to start afresh", path) from None
    return FeedState.from_json(data, path)


def state_text(state: FeedState) -> str:
    """The state as the text of its file or run-state document."""
    return json.dumps(state.to_json(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def save_state_file(hub: Hub, state: FeedState) -> Path:
    """Write the local state file atomically."""
    return write_atomic(state_path(hub), state_text(state), overwrite=True)


@contextlib.contextmanager
def pull_lock(hub: Hub) -> Iterator[None]:
    """Hold the hub's pull lock, or refuse at once if another pull holds it.

    The lock is ``flock`` on the suggestions folder itself: no lock file to
    commit by mistake, and a killed pull releases it with its last breath.
    (Where ``fcntl`` does not exist, pulls are not locked.)

    Raises:
        SharehubError: another ``sharehub feeds pull`` is running on this hub.
    """
    folder = hub.suggestions_dir
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SharehubError("another sharehub feeds pull is running on this hub; try again "
                                "when it has finished", folder) from None
        yield
    finally:
        os.close(handle)


def remove_stray_temp_files(folder: Path) -> list[Path]:
    """Delete the temporary files an interrupted write left in ``folder``.

    Call with the pull lock held: a temporary file lives for the moment of a
    write, so one found before the pull starts writing belongs to a process
    that was killed mid-write.
    """
    removed = []
    for path in folder.glob(".*.tmp"):
        if _TEMP_FILE_RE.match(path.name) and path.is_file():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    return removed
