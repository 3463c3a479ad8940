"""Helpers of the git-workflow tests."""

from __future__ import annotations

from pathlib import Path

import git

FIXTURES = Path(__file__).resolve().parents[1] / "gitflow" / "fixtures"


def status(repo: git.Repo) -> str:
    """``git status --porcelain`` plus the staged and unstaged diffs: the whole dirty state."""
    return "\n".join([repo.git.status("--porcelain", "--untracked-files=all"),
                      repo.git.diff(), repo.git.diff("--cached")])
