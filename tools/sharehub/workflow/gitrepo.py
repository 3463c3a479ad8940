"""Git operations for suggestions and approvals, with GitPython.

Everything here is careful with a contributor's working tree: commits take
only the paths they are given (other staged or unstaged changes stay where
they are, uncommitted), branches are created from the current ``HEAD``, and
nothing is ever reset, stashed or checked out over local edits.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sharehub.errors import GitError

try:  # GitPython needs the git binary; fail on use, not on import
    import git
except ImportError:  # pragma: no cover - git missing from the machine
    git = None  # type: ignore[assignment]


def open_repo(path: Path | str = ".") -> "git.Repo":
    """The git repository that contains ``path``.

    Raises:
        GitError: ``path`` is not inside a git working tree.
    """
    if git is None:  # pragma: no cover
        raise GitError("git is not installed (GitPython needs the git command)")
    try:
        return git.Repo(Path(path).resolve(), search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitError("not inside a git repository (run git init, or use --no-commit)",
                       path) from None


def identity(repo: "git.Repo") -> str:
    """``Name <email>`` of the git user (``user.name`` / ``user.email``).

    Raises:
        GitError: no identity is configured.
    """
    reader = repo.config_reader()
    name = os.environ.get("GIT_AUTHOR_NAME") or reader.get_value("user", "name", "")
    email = os.environ.get("GIT_AUTHOR_EMAIL") or reader.get_value("user", "email", "")
    name, email = str(name).strip(), str(email).strip()
    if not name or not email:
        raise GitError("no git identity: run git config user.name \"Your Name\" and "
                       "git config user.email you@example.com")
    return f"{name} <{email}>"


def current_branch(repo: "git.Repo") -> str | None:
    """The checked-out branch name, or ``None`` on a detached ``HEAD``."""
    try:
        return repo.active_branch.name
    except TypeError:
        return None


def has_commits(repo: "git.Repo") -> bool:
    """Whether HEAD points at a commit (a new repository has none)."""
    return repo.head.is_valid()


def relative(repo: "git.Repo", path: Path | str) -> str:
    """``path`` relative to the repository's top folder, with ``/``.

    Raises:
        GitError: ``path`` is outside the repository.
    """
    top = Path(repo.working_tree_dir).resolve()
    try:
        return Path(path).resolve().relative_to(top).as_posix()
    except ValueError:
        raise GitError("the file is outside the git repository", path) from None


def is_tracked(repo: "git.Repo", path: Path | str) -> bool:
    """Whether ``path`` is in the index (``git ls-files``)."""
    rel = relative(repo, path)
    return bool(repo.git.ls_files("--", rel, z=True).strip("\0"))


def branch_exists(repo: "git.Repo", name: str) -> bool:
    return any(head.name == name for head in repo.heads)


def check_branch_name(repo: "git.Repo", name: str) -> None:
    """Refuse a branch name git would refuse, or one that exists already."""
    try:
        repo.git.check_ref_format("--branch", name)
    except git.GitCommandError:
        raise GitError(f"{name!r} is not a valid branch name", field="branch") from None
    if branch_exists(repo, name):
        raise GitError(f"branch {name!r} exists already; pass --branch with another name",
                       field="branch")


def commit_paths(repo: "git.Repo", paths: list[Path | str], message: str) -> str:
    """Commit exactly ``paths`` (new, changed, moved or deleted) and nothing else.

    ``git commit --only -- PATHS`` takes those paths' working-tree state and
    leaves everything else the user staged staged, and everything else
    unstaged unstaged.

    Returns:
        The new commit's hexsha.
    """
    rels = [relative(repo, p) for p in paths]
    present = [r for r in rels if (Path(repo.working_tree_dir) / r).exists()]
    try:
        if present:
            # New files must be known to git before `commit --only` accepts them.
            repo.git.add("--", *present)
        repo.git.commit("--only", "-m", message, "--", *rels)
    except git.GitCommandError as exc:
        raise GitError(f"git commit failed: {_git_message(exc)}") from None
    return repo.head.commit.hexsha


@dataclass
class BranchCommit:
    """A commit made on a new branch: where it is and where the user is now."""

    branch: str
    sha: str
    returned_to: str | None  # the branch (or commit) checked out again, if any


class SwitchBackError(GitError):
    """The commit is made, but the user's branch could not be checked out again."""


def check_not_busy(repo: "git.Repo") -> None:
    """Refuse to start while git is busy: a lock, a merge, rebase, cherry-pick or revert.

    Checked before anything is written, so that a refusal leaves the
    repository and the working tree exactly as they were.

    Raises:
        GitError: naming what is in progress and what to do.
    """
    git_dir = Path(repo.git_dir)
    if (git_dir / "index.lock").exists():
        raise GitError("git is busy: .git/index.lock exists (another git command is running; "
                       "if none is, remove .git/index.lock)")
    for marker, what in (("MERGE_HEAD", "a merge"), ("rebase-merge", "a rebase"),
                         ("rebase-apply", "a rebase or git am"),
                         ("CHERRY_PICK_HEAD", "a cherry-pick"), ("REVERT_HEAD", "a revert")):
        if (git_dir / marker).exists():
            raise GitError(f"{what} is in progress: finish or abort it first")
    try:
        unmerged = repo.git.ls_files("--unmerged")
    except git.GitCommandError as exc:
        raise GitError(f"git ls-files failed: {_git_message(exc)}") from None
    if unmerged:
        raise GitError("the index has unresolved conflicts: resolve them first")


def commit_on_new_branch(repo: "git.Repo", branch: str, paths: list[Path | str],
                         message: str, *, stay: bool = False) -> BranchCommit:
    """Create ``branch`` from ``HEAD``, commit only ``paths`` there.

    ``git switch -c`` from the current commit never touches local changes;
    switching back afterwards only removes the committed files from the
    working tree (they are safe on ``branch``), so the user's other edits,
    staged or not, are exactly as they were. When anything fails before the
    commit exists, the original branch is checked out again, the new branch
    deleted and ``paths`` unstaged: nothing is left of the attempt.

    Args:
        stay: remain on ``branch`` instead of returning to the original one.
    """
    if not has_commits(repo):
        raise GitError("the repository has no commit yet: commit something first, "
                       "or use --no-commit")
    check_branch_name(repo, branch)
    check_not_busy(repo)
    original = current_branch(repo)
    original_sha = repo.head.commit.hexsha
    try:
        repo.git.switch("-c", branch)
    except git.GitCommandError as exc:
        raise GitError(f"cannot create branch {branch!r}: {_git_message(exc)}") from None
    try:
        sha = commit_paths(repo, paths, message)
    except GitError:
        _undo_branch(repo, branch, original, original_sha, paths)
        raise
    if stay:
        return BranchCommit(branch, sha, None)
    try:
        _switch(repo, original, original_sha)
    except git.GitCommandError as exc:
        raise SwitchBackError(f"committed on {branch}, but could not switch back to "
                       f"{original or original_sha}: {_git_message(exc)}") from None
    return BranchCommit(branch, sha, original or original_sha)


def _switch(repo: "git.Repo", original: str | None, original_sha: str) -> None:
    if original:
        repo.git.switch(original)
    else:
        repo.git.switch("--detach", original_sha)


def _undo_branch(repo: "git.Repo", branch: str, original: str | None, original_sha: str,
                 paths: list[Path | str]) -> None:
    """Return to where the user was after a failure on a new branch (no commit made)."""
    try:
        _switch(repo, original, original_sha)
    except git.GitCommandError:
        # The branch points at the original commit, so moving HEAD alone
        # (no index or tree update, no lock needed) is a complete return.
        if original:
            repo.git.symbolic_ref("HEAD", f"refs/heads/{original}")
        else:
            repo.git.update_ref("--no-deref", "HEAD", original_sha)
    try:
        repo.git.branch("-D", branch)
    except git.GitCommandError:
        pass
    try:
        repo.git.restore("--staged", "--", *[relative(repo, p) for p in paths])
    except git.GitCommandError:
        pass


def push(repo: "git.Repo", branch: str, remote: str = "origin") -> None:
    """Push ``branch`` to ``remote`` and make it the branch's upstream."""
    if remote not in [r.name for r in repo.remotes]:
        raise GitError(f"no remote named {remote!r} to push to", field="push")
    try:
        repo.git.push("--set-upstream", remote, f"refs/heads/{branch}:refs/heads/{branch}")
    except git.GitCommandError as exc:
        raise GitError(f"git push to {remote} failed: {_git_message(exc)}") from None


def move(repo: "git.Repo", source: Path | str, target: Path | str) -> None:
    """``git mv`` a tracked file (its history follows it); rename an untracked one."""
    source, target = Path(source), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if is_tracked(repo, source):
        try:
            repo.git.mv("--", relative(repo, source), relative(repo, target))
        except git.GitCommandError as exc:
            raise GitError(f"git mv failed: {_git_message(exc)}", source) from None
    else:
        if target.exists():
            raise GitError("file exists already; not overwriting it", target)
        os.rename(source, target)


def _git_message(exc: "git.GitCommandError") -> str:
    text = (exc.stderr or exc.stdout or str(exc)).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    lines = [line.removeprefix("stderr: ").strip("'\" ") for line in lines]
    return " ".join(lines)[:300] or "unknown error"
