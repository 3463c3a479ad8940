"""When a page last changed: its last git commit, else the file's own time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def last_changed(path: Path, repo_root: Path | None = None) -> dt.datetime:
    """When a file last changed: its last git commit, else its modification time."""
    try:
        import git
        repo = git.Repo(repo_root or path.parent, search_parent_directories=True)
        stamp = repo.git.log("-1", "--format=%cI", "--", str(path.resolve()))
        if stamp.strip():
            return dt.datetime.fromisoformat(stamp.strip())
    except Exception:  # noqa: BLE001 - not a repository, git missing, untracked: the file time
        pass
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
