"""Run state outside pull requests: JSON documents on a branch of their own.

Some commands must remember what they did between runs that each start from
a fresh CI checkout: ``feeds pull --push`` the feed entries it has seen
(``feeds.json``), ``digest`` what it announced on each channel
(``digest.json``). That memory must never travel inside a pull request — a
closed pull request would make everything in it come back — so it lives on a
dedicated branch (default ``sharehub/state``; plugin option
``run_state: {branch: ..., remote: ...}``) whose tree is a flat folder of
JSON documents and a README. The branch is read and written with git
plumbing (``hash-object``, ``mktree``, ``commit-tree``, ``update-ref``): no
checkout, and the working tree and the index are never touched.

Concurrent runs never lose each other's state: :meth:`RunState.push` pushes
without force, and when the remote branch moved meanwhile it fetches it,
merges every document that differs (:func:`merge_json` unless the document
has its own merge function), commits the merge on top of both, and pushes
again. With :func:`merge_json`, objects merge key by key, lists merge as
sorted unions (sets of seen guids, URLs or announced ids), and any other
value is this run's. Sets only grow: a value removed by one run comes back
from the other side of a merge, so a document that needs pruning keeps
a merge function of its own.

API (``digest.json`` as the example)::

    from sharehub.workflow.runstate import RunState

    state = RunState.for_hub(hub)            # the hub's repository, options run_state.*
    state.fetch()                            # bring the remote branch (network)
    seen = state.load("digest.json")         # {} when the document does not exist yet
    seen.setdefault("slack", []).append("posts/2027-03-01-lyon")
    state.save({"digest.json": seen}, "digest: 1 item announced on slack")  # local commit
    state.push()                             # push, merging with concurrent runs

:meth:`RunState.save` commits on the local branch ``refs/heads/<branch>``
(on top of what was fetched); :meth:`RunState.push` sends it (without a
remote, the state stays local). :meth:`RunState.load` and
:meth:`RunState.save` fold in a remote-tracking branch that is ahead (a CI
checkout with ``fetch-depth: 0`` has one), so a step without credentials can
read and commit, and a later step push. Document names are plain file names
ending in ``.json``. :class:`GitPlumbing` is the small git runner this
module (and :mod:`sharehub.feeds.inbox`) builds on.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mkdocs.config import base
from mkdocs.config import config_options as c

from sharehub.errors import GitError

DEFAULT_BRANCH = "sharehub/state"
DEFAULT_REMOTE = "origin"
PUSH_ATTEMPTS = 6
_DOCUMENT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.json$")
README = """\
# sharehub run state

This branch holds what sharehub's scheduled commands remember between runs
(feed entries already proposed, items already announced), as JSON documents.
It is written by `sharehub` itself with git plumbing; never merge it into the
default branch, and do not delete it (everything would be proposed again).
"""

Merge = Callable[[dict, dict], dict]


class RunStateConfig(base.Config):
    """Where run state lives (``plugins: - sharehub: run_state: {...}``)."""

    #: The branch of the JSON documents (never merged anywhere).
    branch = c.Type(str, default=DEFAULT_BRANCH)
    #: The remote it is fetched from and pushed to.
    remote = c.Type(str, default=DEFAULT_REMOTE)


def merge_json(theirs: object, ours: object) -> object:
    """Merge two JSON values: objects by key, lists as unions, else ``ours``.

    Lists of strings and numbers come back sorted; lists holding objects keep
    ``theirs`` in order followed by what only ``ours`` has.
    """
    if isinstance(theirs, dict) and isinstance(ours, dict):
        merged = dict(theirs)
        for key, value in ours.items():
            merged[key] = merge_json(theirs[key], value) if key in theirs else value
        return merged
    if isinstance(theirs, list) and isinstance(ours, list):
        if all(isinstance(v, str) for v in theirs + ours) or all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in theirs + ours):
            return sorted(set(theirs) | set(ours))
        merged = list(theirs)
        merged += [value for value in ours if value not in merged]
        return merged
    return ours


def document_text(document: dict) -> str:
    """A document as stored: sorted keys, one-space indent, UTF-8, final newline."""
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


@dataclass
class PushOutcome:
    """What :meth:`GitPlumbing.push` got: pushed, rejected (the remote moved), or neither."""

    ok: bool
    rejected: bool = False
    message: str = ""


class GitPlumbing:
    """git commands on one repository, for refs and objects (never the working tree)."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self._identity: dict[str, str] | None = None

    def run(self, *args: str, data: bytes | None = None, check: bool = True,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """``git ARGS`` in the repository; stdout and stderr are captured.

        Raises:
            GitError: git failed (and ``check``) or is not installed.
        """
        full_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})}
        try:
            done = subprocess.run(["git", "-C", str(self.root), *args], input=data,
                                  capture_output=True, env=full_env)
        except FileNotFoundError:
            raise GitError("git is not installed") from None
        if check and done.returncode != 0:
            raise GitError(f"git {args[0]} failed: {self.message(done)}")
        return done

    @staticmethod
    def message(done: subprocess.CompletedProcess) -> str:
        text = (done.stderr or done.stdout or b"").decode("utf-8", "replace")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return " ".join(lines)[:300] or f"exit code {done.returncode}"

    def out(self, *args: str, data: bytes | None = None,
            env: dict[str, str] | None = None) -> str:
        return self.run(*args, data=data, env=env).stdout.decode("utf-8", "replace").strip()

    def top(self) -> Path:
        """The repository's top folder.

        Raises:
            GitError: not inside a git working tree.
        """
        done = self.run("rev-parse", "--show-toplevel", check=False)
        if done.returncode != 0:
            raise GitError("not inside a git repository", self.root)
        return Path(done.stdout.decode().strip())

    def rev(self, ref: str) -> str | None:
        """The commit ``ref`` points at, or ``None``."""
        done = self.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
        if done.returncode != 0:
            return None
        return done.stdout.decode().strip() or None

    def is_ancestor(self, older: str, newer: str) -> bool:
        return self.run("merge-base", "--is-ancestor", older, newer, check=False).returncode == 0

    def parent(self, commit: str) -> str | None:
        return self.rev(f"{commit}^")

    def tree_entries(self, commit: str | None, folder: str = "") -> dict[str, tuple[str, str]]:
        """``{name: (mode, blob sha)}`` of the files in ``folder`` of ``commit``."""
        if commit is None:
            return {}
        path = f"{commit}:{folder}" if folder else f"{commit}^{{tree}}"
        done = self.run("ls-tree", "-z", path, check=False)
        if done.returncode != 0:
            return {}
        entries = {}
        for record in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
            if record:
                meta, name = record.split("\t", 1)
                mode, kind, sha = meta.split(" ")
                if kind == "blob":
                    entries[name] = (mode, sha)
        return entries

    def blob(self, sha: str) -> bytes:
        return self.run("cat-file", "blob", sha).stdout

    def write_blob(self, data: bytes) -> str:
        return self.out("hash-object", "-w", "--stdin", data=data)

    def write_flat_tree(self, entries: dict[str, tuple[str, str]]) -> str:
        lines = "".join(f"{mode} blob {sha}\t{name}\n" for name, (mode, sha) in sorted(entries.items()))
        return self.out("mktree", data=lines.encode("utf-8"))

    def commit_files(self, base: str, message: str, *, files: dict[str, bytes] | None = None,
                     blobs: dict[str, str] | None = None) -> str:
        """A commit on ``base`` whose tree is ``base``'s plus some files.

        ``git fast-import`` writes it in one call and one pack, however many
        files (thousands of drafts), without an index or a working tree.

        Args:
            files: ``{repository path: content}``.
            blobs: ``{repository path: sha}`` of blobs already stored.
        """
        paths = list(files or {}) + list(blobs or {})
        if any("\n" in p or p.startswith('"') or not p for p in paths):
            raise GitError("a file name git fast-import cannot take as it is")
        ref = f"refs/sharehub/import/{os.getpid()}"
        ident = self.out("var", "GIT_COMMITTER_IDENT", env=self._identity_env())
        text = message.encode("utf-8")
        stream = [f"commit {ref}\ncommitter {ident}\ndata {len(text)}\n".encode(), text,
                  f"\nfrom {base}\n".encode()]
        stream += [f"M 100644 {sha} {path}\n".encode() for path, sha in sorted((blobs or {}).items())]
        for path, data in sorted((files or {}).items()):
            stream += [f"M 100644 inline {path}\ndata {len(data)}\n".encode(), data, b"\n"]
        stream.append(b"done\n")
        self.run("fast-import", "--quiet", "--done", "--force", data=b"".join(stream))
        commit = self.rev(ref)
        self.delete_ref(ref)
        if commit is None:  # pragma: no cover - fast-import failed without saying so
            raise GitError("git fast-import made no commit")
        return commit

    def tree_of(self, commit: str) -> str:
        return self.out("rev-parse", f"{commit}^{{tree}}")

    def commit(self, tree: str, parents: list[str], message: str) -> str:
        """A new commit (author: the git identity, else ``sharehub``)."""
        args = ["commit-tree", tree]
        for parent in parents:
            args += ["-p", parent]
        return self.out(*args, "-F", "-", data=message.encode("utf-8"), env=self._identity_env())

    def update_ref(self, ref: str, new: str, old: str | None) -> bool:
        """Move ``ref`` to ``new`` if it still points at ``old`` (``None``: must not exist)."""
        expected = old if old is not None else "0" * 40
        return self.run("update-ref", ref, new, expected, check=False).returncode == 0

    def delete_ref(self, ref: str) -> None:
        self.run("update-ref", "-d", ref, check=False)

    def has_remote(self, remote: str) -> bool:
        return remote in self.out("remote").split()

    def remote_branch(self, remote: str, branch: str) -> str | None:
        """The commit of ``branch`` on ``remote`` (network), or ``None`` when it has none."""
        done = self.run("ls-remote", "--heads", remote, f"refs/heads/{branch}")
        for line in done.stdout.decode().splitlines():
            sha, _, ref = line.partition("\t")
            if ref == f"refs/heads/{branch}":
                return sha
        return None

    def fetch_branch(self, remote: str, branch: str) -> str | None:
        """Fetch ``branch`` into ``refs/remotes/<remote>/<branch>``; drop that ref when the
        remote has no such branch (it was deleted). Returns the commit, or ``None``."""
        tracking = f"refs/remotes/{remote}/{branch}"
        if self.remote_branch(remote, branch) is None:
            self.delete_ref(tracking)
            return None
        self.run("fetch", "--no-tags", "--quiet", remote, f"+refs/heads/{branch}:{tracking}")
        return self.rev(tracking)

    def push(self, remote: str, commit: str, branch: str) -> PushOutcome:
        """Push ``commit`` to ``branch`` on ``remote``, never forcing.

        A refusal counts as ``rejected`` (try again after fetching) when the
        remote branch moved since it was last fetched: git says so with
        ``[rejected] (fetch first)``, or, when two pushes create the branch at
        once, with ``[remote rejected] (cannot lock ref)``. A refusal with
        the branch where it was (credentials, a protected branch) is not.
        """
        tracking = f"refs/remotes/{remote}/{branch}"
        expected = self.rev(tracking)
        done = self.run("push", "--porcelain", remote, f"{commit}:refs/heads/{branch}",
                        check=False)
        if done.returncode == 0:
            self.run("update-ref", tracking, commit, check=False)
            return PushOutcome(True)
        report = done.stdout.decode("utf-8", "replace")
        moved = any(line.startswith("!") and "[rejected]" in line
                    for line in report.splitlines())
        if not moved:
            try:
                moved = self.remote_branch(remote, branch) != expected
            except GitError:  # the remote cannot be read either: not a race
                moved = False
        return PushOutcome(False, rejected=moved, message=self.message(done))

    def _identity_env(self) -> dict[str, str]:
        """An author for commits when git has none configured (a bare CI runner)."""
        if self._identity is None:
            self._identity = {}
            if self.run("var", "GIT_COMMITTER_IDENT", check=False).returncode != 0:
                for role in ("AUTHOR", "COMMITTER"):
                    self._identity[f"GIT_{role}_NAME"] = os.environ.get(f"GIT_{role}_NAME",
                                                                        "sharehub")
                    self._identity[f"GIT_{role}_EMAIL"] = os.environ.get(f"GIT_{role}_EMAIL",
                                                                         "sharehub@localhost")
        return self._identity


class RunState:
    """The JSON documents of one run-state branch (see the module docstring).

    Args:
        root: any folder inside the repository.
        branch: the run-state branch.
        remote: the remote to fetch from and push to (absent: local only).
        merges: merge functions ``merge(theirs, ours) -> merged`` by
            document name; the others merge with :func:`merge_json`.
    """

    def __init__(self, root: Path | str, *, branch: str = DEFAULT_BRANCH,
                 remote: str = DEFAULT_REMOTE, merges: dict[str, Merge] | None = None):
        self.git = GitPlumbing(root)
        self.git.top()
        if self.git.run("check-ref-format", "--branch", branch, check=False).returncode != 0:
            raise GitError(f"{branch!r} is not a valid branch name", field="run_state.branch")
        self.branch = branch
        self.remote = remote
        self.merges = dict(merges or {})

    @classmethod
    def for_hub(cls, hub, **kwargs) -> "RunState":
        """The run state of a hub's repository, as its ``run_state`` options say."""
        options = hub.options.run_state
        return cls(hub.root, branch=options.branch, remote=options.remote, **kwargs)

    @property
    def local_ref(self) -> str:
        return f"refs/heads/{self.branch}"

    @property
    def tracking_ref(self) -> str:
        return f"refs/remotes/{self.remote}/{self.branch}"

    def has_remote(self) -> bool:
        return self.git.has_remote(self.remote)

    # -- reading --------------------------------------------------------------------

    def fetch(self) -> bool:
        """Fetch the branch from the remote. Returns whether the remote has it.

        Raises:
            GitError: the remote cannot be reached.
        """
        if not self.has_remote():
            return False
        return self.git.fetch_branch(self.remote, self.branch) is not None

    def load(self, name: str) -> dict:
        """Document ``name`` as the local branch has it (``{}`` when missing).

        Raises:
            GitError: the document is not a JSON object.
        """
        _check_name(name)
        tip = self._absorb_remote()
        entry = self.git.tree_entries(tip).get(name)
        if entry is None:
            return {}
        return self._parse(name, self.git.blob(entry[1]))

    def _parse(self, name: str, data: bytes) -> dict:
        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            document = None
        if not isinstance(document, dict):
            raise GitError(f"{self.branch}:{name}: not a JSON object; fix it on the branch "
                           f"or delete the document to start afresh")
        return document

    # -- writing --------------------------------------------------------------------

    def save(self, documents: dict[str, dict], message: str) -> str | None:
        """Commit ``documents`` (whole documents, by name) on the local branch.

        Returns:
            The branch's commit (unchanged when the documents were already so),
            or ``None`` when there was nothing to save on a new branch.
        """
        for name in documents:
            _check_name(name)
        for _attempt in range(PUSH_ATTEMPTS):
            parent = self._absorb_remote()
            entries = self.git.tree_entries(parent)
            if parent is None:
                entries["README.md"] = ("100644", self.git.write_blob(README.encode("utf-8")))
            for name, document in documents.items():
                entries[name] = ("100644",
                                 self.git.write_blob(document_text(document).encode("utf-8")))
            tree = self.git.write_flat_tree(entries)
            if parent is not None and tree == self.git.tree_of(parent):
                return parent
            commit = self.git.commit(tree, [parent] if parent else [], message)
            if self.git.update_ref(self.local_ref, commit, parent):
                return commit
        raise GitError(f"could not update {self.branch}: it kept changing under this run")

    def push(self) -> bool:
        """Push the local branch, merging with what other runs pushed meanwhile.

        Returns:
            Whether the remote has the local state now (``False`` without a
            remote or without a local branch).

        Raises:
            GitError: the push failed for another reason than a concurrent
                run (credentials, a protected branch), or kept failing.
        """
        if not self.has_remote():
            return False
        for _attempt in range(PUSH_ATTEMPTS):
            local = self.git.rev(self.local_ref)
            if local is None:
                return False
            outcome = self.git.push(self.remote, local, self.branch)
            if outcome.ok:
                return True
            if not outcome.rejected:
                raise GitError(f"cannot push {self.branch} to {self.remote}: {outcome.message}")
            self.fetch()
            self._absorb_remote()
        raise GitError(f"cannot push {self.branch}: {self.remote} kept moving "
                       f"({PUSH_ATTEMPTS} attempts)")

    # -- merging --------------------------------------------------------------------

    def _absorb_remote(self) -> str | None:
        """Bring the remote-tracking branch into the local one; returns the local tip."""
        for _attempt in range(PUSH_ATTEMPTS):
            local = self.git.rev(self.local_ref)
            remote = self.git.rev(self.tracking_ref)
            if remote is None or remote == local or (
                    local is not None and self.git.is_ancestor(remote, local)):
                return local
            if local is None or self.git.is_ancestor(local, remote):
                new = remote
            else:
                new = self.git.commit(self._merged_tree(local, remote), [local, remote],
                                      f"Merge run state from {self.remote}")
            if self.git.update_ref(self.local_ref, new, local):
                return new
        raise GitError(f"could not update {self.branch}: it kept changing under this run")

    def _merged_tree(self, ours: str, theirs: str) -> str:
        mine, other = self.git.tree_entries(ours), self.git.tree_entries(theirs)
        merged = dict(other)
        for name, entry in mine.items():
            if name not in other or other[name] == entry or not name.endswith(".json"):
                merged[name] = entry
                continue
            merge = self.merges.get(name, merge_json)
            document = merge(self._parse(name, self.git.blob(other[name][1])),
                             self._parse(name, self.git.blob(entry[1])))
            merged[name] = ("100644", self.git.write_blob(document_text(document).encode()))
        return self.git.write_flat_tree(merged)


def _check_name(name: str) -> None:
    if not _DOCUMENT_RE.match(name):
        raise GitError(f"{name!r} is not a run-state document name (a file name ending in "
                       f".json)")
