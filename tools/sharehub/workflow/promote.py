"""Approval: move suggestions into ``content/posts/`` with ``git mv``.

``promote`` drops the inbox-only fields (``status``, ``source``), records who
approved and when, applies the publishing options, and validates every
result (and duplicates across the whole hub) *before* touching anything:
if one file fails, nothing is moved. The file's current text is what gets
promoted, so uncommitted edits to a suggestion travel with it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from sharehub.config import Hub
from sharehub.errors import ContentError, Problem, SharehubError
from sharehub.files import free_path, render_document, write_atomic
from sharehub.content.index import HubIndex
from sharehub.content.loader import parse_document, read_document
from sharehub.content import model
#: Inbox-only fields that promote removes.
INBOX_FIELDS = ("status", "source")


@dataclass
class Promotion:
    """One suggestion moved into content/."""

    source: Path
    target: Path
    title: str
    tracked: bool = True


@dataclass
class PromoteResult:
    promoted: list[Promotion] = field(default_factory=list)
    sha: str = ""
    warnings: list[str] = field(default_factory=list)


def option_date(value: str, option: str) -> dt.date | dt.datetime:
    """A ``--publish``/``--expires`` value (``2027-03-01`` or ``2027-03-01T09:00[:00][+01:00]``).

    Raises:
        SharehubError: not a date, naming the option.
    """
    try:
        return model.parse_when(value)
    except ValueError:
        raise SharehubError(f"{value!r} is not a date: write 2027-03-01 or 2027-03-01T09:00",
                            field=option) from None


def target_for(hub: Hub, source: Path, taken: set[Path], folder: str = "posts") -> Path:
    """``content/<folder>/<name>.md``: the same name, another free one if taken."""
    return free_path(hub.content_dir / folder, source.stem, taken=taken)


def promote(hub: Hub, paths: list[Path | str], *, publish: str | None = None,
            expires: str | None = None, featured: bool = False, commit: bool = False,
            approver: str | None = None, today: dt.date | None = None,
            folder: str = "posts") -> PromoteResult:
    """Approve suggestions: validate all, then ``git mv`` each into content/posts/.

    Args:
        publish, expires: set these dates on every promoted item.
        featured: mark every promoted item as featured.
        commit: commit the moves (and only them) in one commit.
        approver: ``approved_by``; default is the git identity.
        folder: where in content/ the items go (``posts``; ``jobs`` for job
            posts routed to recruiting by CODEOWNERS).

    Raises:
        ContentError: a result would not pass ``sharehub check`` (nothing changed).
        SharehubError / GitError: a path is not a suggestion, or git trouble.
    """
    from sharehub.workflow import gitrepo
    from sharehub.content.validate import validate_document

    if not paths:
        raise SharehubError("name at least one suggestion to promote")
    repo = gitrepo.open_repo(hub.root)
    approver = approver or gitrepo.identity(repo)
    when_publish = option_date(publish, "publish") if publish else None
    when_expires = option_date(expires, "expires") if expires else None
    approved_on = today or dt.datetime.now(hub.tz).date()

    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*", folder):
        raise SharehubError(f"{folder!r} is not a folder name such as posts or jobs", field="to")
    inbox = hub.suggestions_dir.resolve()
    index = HubIndex.from_hub(hub)
    planned: list[tuple[Promotion, str]] = []
    problems: list[Problem] = []
    taken: set[Path] = set()
    sources: set[Path] = set()
    for raw in paths:
        source = Path(raw)
        if not source.is_file():
            raise SharehubError("no such file", source)
        resolved = source.resolve()
        if inbox not in resolved.parents:
            raise SharehubError(f"not a suggestion: only files in {hub.suggestions_dir} "
                                f"can be promoted", source)
        if resolved in sources:
            continue
        sources.add(resolved)
        doc = read_document(source)
        if not doc.ok:
            problems.extend(doc.problems)
            continue
        meta = {k: v for k, v in doc.meta.items() if k not in INBOX_FIELDS}
        if when_publish is not None:
            meta["publish"] = when_publish
        if when_expires is not None:
            meta["expires"] = when_expires
        if featured:
            meta["featured"] = True
        meta["approved_by"] = approver
        meta["approved"] = approved_on
        target = target_for(hub, source, taken, folder)
        taken.add(target)
        text = render_document(meta, doc.body)
        new_doc = parse_document(target, text.encode("utf-8"))
        item, found = validate_document(new_doc, hub)
        # Report against the file the user named, so they know what to fix.
        problems.extend(Problem(str(source), p.line, p.field, p.message, p.severity)
                        for p in found)
        title = str(meta.get("title", source.stem))
        planned.append((Promotion(source, target, title, gitrepo.is_tracked(repo, source)), text))
        if item is not None and item.canonical:
            others = index.files_with_url(item.canonical, exclude=sources)
            if others:
                problems.append(Problem(str(source), new_doc.line_of("url"), "url",
                                        f"same link as {others[0]} (duplicate item)"))
            index.add(str(source), url=item.canonical)

    errors = [p for p in problems if p.is_error]
    if errors:
        raise ContentError(errors)

    result = PromoteResult(warnings=[str(p) for p in problems])
    for promotion, text in planned:
        gitrepo.move(repo, promotion.source, promotion.target)
        write_atomic(promotion.target, text, overwrite=True)
        result.promoted.append(promotion)
    if commit:
        commit_paths = []
        for promotion in result.promoted:
            if promotion.tracked:
                commit_paths.append(promotion.source)
            commit_paths.append(promotion.target)
        titles = ", ".join(p.title for p in result.promoted)
        message = (f"Promote: {titles}" if len(titles) < 60
                   else f"Promote {len(result.promoted)} suggestions")
        message += f"\n\nApproved-by: {approver}"
        result.sha = gitrepo.commit_paths(repo, commit_paths, message)
    return result
