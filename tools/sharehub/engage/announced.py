"""What each digest channel has been told already: the ``digest.json`` run-state document.

::

    {"version": 1, "channels": {"all-staff": ["posts/2027-03-01-lyon.md", ...]}}

Items are named by their path in ``content/``. In a git repository the
document lives on the run-state branch (:mod:`sharehub.workflow.runstate`):
fetched before a run and pushed after it when the repository has the
remote, committed locally when it has none, and merged (lists as unions)
when two runs push at once. Outside a repository it is the file
``suggestions/.sharehub-digest.json``, next to the feeds' local state.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sharehub.config import Hub
from sharehub.errors import GitError, SharehubError
from sharehub.files import write_atomic

DOCUMENT = "digest.json"
LOCAL_FILE = ".sharehub-digest.json"
VERSION = 1


@dataclass
class Announced:
    """Item paths announced, by channel name."""

    channels: dict[str, set[str]] = field(default_factory=dict)

    def knows(self, channel: str) -> bool:
        """Whether ``channel`` ran before (its first run only catches up)."""
        return channel in self.channels

    def has(self, channel: str, item_id: str) -> bool:
        return item_id in self.channels.get(channel, ())

    def add(self, channel: str, item_ids) -> None:
        self.channels.setdefault(channel, set()).update(item_ids)

    @classmethod
    def from_json(cls, data: object, source: str) -> "Announced":
        """Read the document.

        Raises:
            SharehubError: it is not what :meth:`to_json` writes.
        """
        channels = data.get("channels", {}) if isinstance(data, dict) else None
        if not isinstance(channels, dict) or not all(
                isinstance(v, list) for v in channels.values()):
            raise SharehubError("not a sharehub digest state (expected an object with "
                                "'channels' mapping names to lists)", source)
        return cls({str(k): {str(i) for i in v} for k, v in channels.items()})

    def to_json(self) -> dict:
        return {"version": VERSION,
                "channels": {k: sorted(v) for k, v in sorted(self.channels.items())}}


class AnnouncedStore:
    """Where :class:`Announced` is kept for one hub (see the module docstring)."""

    def __init__(self, hub: Hub):
        self.hub = hub
        self.state = None
        try:
            from sharehub.workflow.runstate import RunState

            self.state = RunState.for_hub(hub)
        except GitError as exc:
            if "not inside a git repository" not in exc.message:
                raise

    @property
    def local_file(self) -> Path:
        return self.hub.suggestions_dir / LOCAL_FILE

    @property
    def where(self) -> str:
        return (f"{self.state.branch}:{DOCUMENT}" if self.state is not None
                else str(self.local_file))

    def load(self, *, fetch: bool = True) -> Announced:
        """The announced items (fetching the state branch first when there is a remote).

        Raises:
            GitError: the remote cannot be reached or the document is broken.
            SharehubError: the local file is broken.
        """
        if self.state is None:
            try:
                data = json.loads(self.local_file.read_text(encoding="utf-8"))
            except FileNotFoundError:
                return Announced()
            except ValueError:
                raise SharehubError("not valid JSON; fix or delete the file to start afresh",
                                    self.local_file) from None
            return Announced.from_json(data, str(self.local_file))
        if fetch:
            self.state.fetch()
        return Announced.from_json(self.state.load(DOCUMENT), self.where)

    def save(self, announced: Announced, message: str, *, push: bool = True) -> bool:
        """Record ``announced``; returns whether it reached the remote.

        Raises:
            GitError: the push failed (credentials, protected branch).
        """
        if self.state is None:
            text = json.dumps(announced.to_json(), indent=1, sort_keys=True,
                              ensure_ascii=False) + "\n"
            write_atomic(self.local_file, text, overwrite=True)
            return False
        self.state.save({DOCUMENT: announced.to_json()}, message)
        return self.state.push() if push else False
