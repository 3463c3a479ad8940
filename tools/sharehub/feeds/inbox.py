"""``sharehub feeds pull --push``: drafts onto one rolling branch, state onto the state branch.

A scheduled CI run starts from a fresh checkout, so what a pull has seen
cannot live in the working tree, and must not live in the drafts' pull
request either (closing it would make every rejected draft come back). So:

1. the run-state branch (:mod:`sharehub.workflow.runstate`) is fetched and
   its ``feeds.json`` is the pull's state (a ``suggestions/.sharehub-feeds.json``
   left from local pulls is merged in);
2. the feeds are pulled into a scratch folder: the working tree is never
   touched, entries the hub already has (working tree) or the inbox already
   proposes are skipped;
3. the drafts become one commit on top of the rolling branch (default
   ``feeds/inbox``; created from the default branch when it does not exist
   or was merged), kept as ``refs/sharehub/pending/<branch>`` until pushed;
4. what the pull saw is committed on the state branch;
5. the inbox is pushed, then the state. When another run pushed first, the
   drafts are replayed on top of its branch (dropping those it proposed
   already) and the state documents are merged.

Steps 1–4 are :func:`commit_pull` (``feeds pull --commit``: no network git,
it uses what the checkout fetched) and step 5 is :func:`push_pull`
(``feeds push``), so that in CI the step that reads untrusted feeds holds no
token. ``feeds pull --push`` does all five. The order makes an interruption
harmless: drafts pushed without their state are recognised in the inbox by
the next run (and recorded then); state is never pushed for drafts that
were not.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sharehub.config import Hub
from sharehub.content.index import HubIndex
from sharehub.content.loader import parse_document
from sharehub.errors import GitError
from sharehub.feeds.pull import (FeedResult, Limits, PullReport, feed_workers, pull_feeds,
                                  selected_feeds)
from sharehub.feeds.state import STATE_DOCUMENT, FeedState, load_state_file, pull_lock
from sharehub.files import free_path
from sharehub.share.links import canonical_url
from sharehub.workflow.runstate import PUSH_ATTEMPTS, GitPlumbing, RunState, merge_json

PENDING_PREFIX = "refs/sharehub/pending/"


@dataclass
class Inbox:
    """The rolling branch of one hub's repository and where its drafts go."""

    git: GitPlumbing
    branch: str
    remote: str
    folder: str  # the suggestions folder, as a repository path

    @classmethod
    def for_hub(cls, hub: Hub) -> "Inbox":
        git = GitPlumbing(hub.root)
        top = git.top()
        try:
            folder = hub.suggestions_dir.resolve().relative_to(top.resolve()).as_posix()
        except ValueError:
            raise GitError("the suggestions folder is outside the git repository",
                           hub.suggestions_dir) from None
        branch = hub.options.feeds_pull.inbox_branch
        if git.run("check-ref-format", "--branch", branch, check=False).returncode != 0:
            raise GitError(f"{branch!r} is not a valid branch name",
                           field="feeds_pull.inbox_branch")
        return cls(git, branch, hub.options.run_state.remote, folder)

    @property
    def pending_ref(self) -> str:
        return PENDING_PREFIX + self.branch

    @property
    def tracking_ref(self) -> str:
        return f"refs/remotes/{self.remote}/{self.branch}"

    def default_tip(self) -> str:
        """The default branch: the remote's ``HEAD`` as fetched, else the checkout's."""
        for ref in (f"refs/remotes/{self.remote}/HEAD", "HEAD"):
            commit = self.git.rev(ref)
            if commit:
                return commit
        raise GitError("the repository has no commit yet")

    def fetch(self) -> None:
        """Fetch the default branch (the remote's ``HEAD``) and the rolling branch."""
        done = self.git.run("ls-remote", "--symref", self.remote, "HEAD")
        for line in done.stdout.decode().splitlines():
            if line.startswith("ref: refs/heads/") and line.endswith("\tHEAD"):
                name = line[len("ref: refs/heads/"):-len("\tHEAD")]
                if self.git.fetch_branch(self.remote, name):
                    self.git.run("symbolic-ref", f"refs/remotes/{self.remote}/HEAD",
                                 f"refs/remotes/{self.remote}/{name}")
        self.git.fetch_branch(self.remote, self.branch)

    def base(self) -> str:
        """Where new drafts go: the rolling branch, unless it is gone or merged."""
        default = self.default_tip()
        remote = self.git.rev(self.tracking_ref)
        if remote is None or self.git.is_ancestor(remote, default):
            return default
        return remote

    def draft_names(self, commit: str | None) -> set[str]:
        return set(self.git.tree_entries(commit, self.folder)) if commit else set()

    def index(self, commit: str) -> HubIndex:
        """The drafts of ``commit``'s suggestions folder, indexed by guid and URL."""
        import git

        return HubIndex.from_tree(git.Repo(self.git.top()).commit(commit), [self.folder])


@dataclass
class PullCommit:
    """What :func:`commit_pull` did."""

    report: PullReport
    inbox_branch: str
    state_branch: str
    pending: str | None = None      # the commit proposing the drafts, if any
    state_commit: str | None = None


@dataclass
class PushResult:
    """What :func:`push_pull` did."""

    inbox_branch: str
    state_branch: str
    proposed: list[str] = field(default_factory=list)  # drafts pushed to the inbox
    dropped: list[str] = field(default_factory=list)   # proposed by another run already
    inbox_pushed: bool = False
    state_pushed: bool = False


def commit_pull(hub: Hub, *, names: list[str] | None = None, concurrency: int = 8,
                limits: Limits | None = None, now=None, fetch: bool = False,
                progress: Callable[[int, int, FeedResult], None] | None = None) -> PullCommit:
    """Pull into commits: drafts on the pending inbox commit, state on the state branch.

    Args:
        fetch: fetch the state branch, the inbox and the default branch
            first (``--push``); without it, use the refs the checkout has.

    Raises:
        SharehubError: bad configuration, another pull running, git trouble.
    """
    feeds = selected_feeds(hub, names)
    inbox = Inbox.for_hub(hub)
    store = RunState.for_hub(hub)
    with tempfile.TemporaryDirectory(prefix="sharehub-drafts-") as scratch:
        folder = Path(scratch) / "suggestions"
        folder.mkdir()
        scratch_hub = dataclasses.replace(hub, suggestions_dir=folder)
        with feed_workers(scratch_hub, feeds, concurrency) as workers, pull_lock(hub):
            return _commit_pull(hub, scratch_hub, inbox, store, feeds, workers, fetch=fetch,
                                concurrency=concurrency, limits=limits, now=now,
                                progress=progress)


def _commit_pull(hub: Hub, scratch_hub: Hub, inbox: Inbox, store: RunState, feeds, workers,
                 *, fetch: bool, **options) -> PullCommit:
    if fetch:
        store.fetch()
        inbox.fetch()
    state = FeedState.from_json(merge_json(load_state_file(hub).to_json(),
                                           store.load(STATE_DOCUMENT)),
                                f"{store.branch}:{STATE_DOCUMENT}")
    pending = inbox.git.rev(inbox.pending_ref)
    base = inbox.git.parent(pending) if pending else inbox.base()
    proposal = pending or base
    taken = inbox.draft_names(proposal) | {
        p.name for p in hub.suggestions_dir.glob("*") if p.is_file()}
    folder = scratch_hub.suggestions_dir
    report = pull_feeds(scratch_hub, state, feeds, workers, **options,
                        reserved={folder / name for name in taken},
                        known=lambda: [HubIndex.from_hub(hub), inbox.index(proposal)])
    files = {f"{inbox.folder}/{path.name}": path.read_bytes() for path in report.new}
    for result in report.feeds:  # report repository paths, not the scratch folder's
        result.new = [Path(inbox.folder, path.name) for path in result.new]
    done = PullCommit(report, inbox.branch, store.branch, pending=pending)
    if files:
        # One pending commit on the base: this run's drafts and any still unpushed.
        earlier = _own_drafts(inbox, pending) if pending else {}
        done.pending = inbox.git.commit_files(base, _inbox_message([*files, *earlier]),
                                              files=files, blobs=earlier)
        if not inbox.git.update_ref(inbox.pending_ref, done.pending, pending):
            raise GitError(f"{inbox.pending_ref} changed during the pull")
    done.state_commit = store.save({STATE_DOCUMENT: state.to_json()}, _state_message(report))
    return done


def _own_drafts(inbox: Inbox, pending: str) -> dict[str, str]:
    """``{repository path: blob sha}`` of the drafts ``pending`` adds to its parent."""
    before = inbox.git.tree_entries(inbox.git.parent(pending), inbox.folder)
    return {f"{inbox.folder}/{name}": sha
            for name, (_mode, sha) in inbox.git.tree_entries(pending, inbox.folder).items()
            if before.get(name, (None, None))[1] != sha}


def _inbox_message(paths: list[str]) -> str:
    return (f"Feeds: {len(paths)} new draft{'s' * (len(paths) != 1)}\n\n"
            + "\n".join(sorted(paths)))


def _state_message(report: PullReport) -> str:
    lines = [f"Feeds state: {len(report.new)} new draft{'s' * (len(report.new) != 1)}", ""]
    lines += [result.summary()[:200] for result in report.feeds]
    return "\n".join(lines)


def push_pull(hub: Hub) -> PushResult:
    """Push what :func:`commit_pull` committed: the inbox first, then the state.

    When the remote inbox moved (another run, a reviewer's commit), the
    pending drafts are replayed on top of it, without those another run
    proposed already (same guid or link). When the state branch moved, the
    documents are merged.

    Raises:
        GitError: no remote, or a push failed for another reason than a
            concurrent run.
    """
    inbox = Inbox.for_hub(hub)
    store = RunState.for_hub(hub)
    if not inbox.git.has_remote(inbox.remote):
        raise GitError(f"no remote named {inbox.remote!r} to push to",
                       field="run_state.remote")
    result = PushResult(inbox.branch, store.branch)
    with pull_lock(hub):
        for _attempt in range(PUSH_ATTEMPTS):
            pending = inbox.git.rev(inbox.pending_ref)
            if pending is None:
                break
            inbox.fetch()
            target = inbox.base()
            if inbox.git.parent(pending) != target:
                pending = _replay(inbox, pending, target, result)
                if pending is None:
                    break
            outcome = inbox.git.push(inbox.remote, pending, inbox.branch)
            if outcome.ok:
                result.proposed = [f"{inbox.folder}/{name}" for name in sorted(
                    inbox.draft_names(pending) - inbox.draft_names(target))]
                result.inbox_pushed = True
                inbox.git.delete_ref(inbox.pending_ref)
                break
            if not outcome.rejected:
                raise GitError(f"cannot push {inbox.branch} to {inbox.remote}: "
                               f"{outcome.message}")
        else:
            raise GitError(f"cannot push {inbox.branch}: {inbox.remote} kept moving")
        result.state_pushed = store.push()
    return result


def _replay(inbox: Inbox, pending: str, target: str, result: PushResult) -> str | None:
    """The pending drafts as one commit on ``target``; ``None`` when none is left."""
    mine = {path.rsplit("/", 1)[1]: sha for path, sha in _own_drafts(inbox, pending).items()}
    there = inbox.index(target)
    names = inbox.draft_names(target)
    files = {}
    with tempfile.TemporaryDirectory() as empty:  # free_path over names, not files
        for name, sha in sorted(mine.items()):
            meta = parse_document(Path(name), inbox.git.blob(sha)).meta or {}
            source = meta.get("source") if isinstance(meta.get("source"), dict) else {}
            guid, url = str(source.get("guid") or ""), str(meta.get("url") or "")
            if (guid and there.has_guid(guid)) or (url and there.has_url(canonical_url(url))):
                result.dropped.append(f"{inbox.folder}/{name}")
                continue
            if name in names:
                name = free_path(empty, Path(name).stem,
                                 taken={Path(empty, n) for n in names}).name
            names.add(name)
            files[f"{inbox.folder}/{name}"] = sha
    if not files:
        inbox.git.delete_ref(inbox.pending_ref)
        return None
    commit = inbox.git.commit_files(target, _inbox_message(list(files)), blobs=files)
    inbox.git.update_ref(inbox.pending_ref, commit, pending)
    return commit
