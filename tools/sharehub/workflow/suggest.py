"""Suggestions: a link (and what its page says about itself) becomes a draft.

``sharehub suggest URL`` and the web form (a GitHub issue form turned into a
pull request by a workflow, see :mod:`sharehub.workflow.issueform`) both end
here. Everything that comes from the outside — the page's HTML
(:mod:`sharehub.workflow.webpage`), the issue's text — is hostile until
proven otherwise: it is reduced to plain text, URLs must be http(s), and the
draft is validated with the same rules as ``sharehub check`` before it is
written (atomically, never over an existing file).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from sharehub.config import Hub
from sharehub.content.index import HubIndex
from sharehub.content.loader import parse_document
from sharehub.errors import ContentError, FetchError, SharehubError
from sharehub.files import dated_stem, free_path, render_document, slugify, write_atomic
from sharehub.share.links import strip_tracking
from sharehub.text import markdown_text, plain_text
from sharehub.workflow.issueform import BODY_MAX, TEXT_MAX
from sharehub.workflow.webpage import (PAGE_TIMEOUT, SUMMARY_MAX, TITLE_MAX, PageMeta,
                                       fetch_page, http_url, site_of)

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]++@[A-Za-z0-9.-]++")


def person(value: str | None) -> str:
    """``Name <email>`` as git writes it (only the email may sit in ``<>``)."""
    text = (value or "").rstrip()
    # Split at the last '<' rather than with a pattern: linear on any input.
    start = text.rfind("<")
    if text.endswith(">") and start >= 0 and _EMAIL_RE.fullmatch(text, start + 1, len(text) - 1):
        email = text[start + 1:-1]
        name = plain_text(text[:start], 100)
        return f"{name} <{email}>" if name else f"<{email}>"
    return plain_text(value, 100)


# ---------------------------------------------------------------- the draft

@dataclass
class SuggestResult:
    """What ``suggest`` did."""

    path: Path
    meta: dict
    warnings: list[str] = field(default_factory=list)
    branch: str = ""
    sha: str = ""
    returned_to: str | None = None
    pushed: bool = False


def build_meta(*, url: str, title: str, summary: str = "", image: str = "", kind: str = "",
               topics: list[str] | None = None, departments: list[str] | None = None,
               text: str = "", lang: str = "", site_lang: str = "en",
               suggested_by: str = "") -> dict:
    """The front matter of a suggestion, keys in the order people read them."""
    meta: dict = {"title": title, "url": url}
    if summary:
        meta["summary"] = summary
    meta["kind"] = kind or "news"
    if topics:
        meta["topics"] = list(topics)
    if departments:
        meta["departments"] = list(departments)
    if image:
        meta["image"] = image
    if lang:
        import langcodes
        if langcodes.tag_is_valid(lang) and lang.split("-")[0].lower() != site_lang.split("-")[0].lower():
            meta["lang"] = lang
    if text:
        meta["share"] = {"default": text}
    meta["status"] = "suggested"
    if suggested_by:
        meta["suggested_by"] = suggested_by
    return meta


def suggest(hub: Hub, url: str, *, title: str = "", text: str = "", summary: str = "",
            why: str = "", topics: list[str] | None = None, departments: list[str] | None = None,
            kind: str = "", fetch: bool = True, commit: bool = True, branch: str | None = None,
            push: bool = False, stay: bool = False, suggested_by: str = "",
            timeout: float = PAGE_TIMEOUT, public_only: bool = False,
            today: dt.date | None = None) -> SuggestResult:
    """Write ``suggestions/YYYY-MM-DD-slug.md`` for ``url`` and commit it on a branch.

    Every check (URL, duplicates, git state, branch name, validation) runs
    before anything is written, so a refusal changes nothing.

    Args:
        fetch: read the page's metadata; a failure is a warning, not an error.
        commit: create branch ``suggest/<slug>`` (or ``branch``) from HEAD and
            commit only the new file there; the user's checkout is restored
            afterwards unless ``stay``.
        push: push the branch to ``origin``.
        suggested_by: who suggested it; default is the git identity.
        public_only: do not fetch pages on private or local networks (CI).

    Raises:
        SharehubError: bad URL, duplicate, no title, git trouble, invalid draft.
    """
    from sharehub.content.validate import validate_document

    given = http_url(url)
    if not given:
        raise SharehubError(f"{plain_text(url, 100)!r} is not an http(s) URL", field="url")
    result_warnings: list[str] = []
    page = PageMeta()
    unread = ""  # why the page could not be read, told again if it causes a failure
    if fetch:
        try:
            page = fetch_page(given, timeout=timeout, public_only=public_only)
        except FetchError as exc:
            unread = f"could not read the page ({exc})"
            result_warnings.append(f"{unread}; using what you gave")
    final_url = strip_tracking(given)
    if page.canonical and site_of(page.canonical) == site_of(given):
        final_url = strip_tracking(page.canonical)
    elif page.canonical:
        result_warnings.append(f"ignored the page's canonical URL {page.canonical} "
                               f"(another site than the link)")

    index = HubIndex.from_hub(hub)
    for candidate in dict.fromkeys((final_url, given)):
        existing = index.files_with_url(candidate)
        if existing:
            raise SharehubError(f"this link is already in {_shown(Path(existing[0]), hub)}",
                                field="url")

    title = plain_text(title, TITLE_MAX) or page.title
    if not title:
        raise SharehubError(f"no title: {unread or 'the page gave none'}; pass --title",
                            field="title")

    repo = None
    if commit:
        from sharehub.workflow import gitrepo
        repo = gitrepo.open_repo(hub.root)
        if not suggested_by:
            suggested_by = gitrepo.identity(repo)
        branch = branch or f"suggest/{slugify(title)}"
        gitrepo.check_branch_name(repo, branch)
        if not gitrepo.has_commits(repo):
            raise SharehubError("the repository has no commit yet; use --no-commit")
        gitrepo.check_not_busy(repo)
    elif not suggested_by:
        try:
            from sharehub.workflow import gitrepo
            suggested_by = gitrepo.identity(gitrepo.open_repo(hub.root))
        except SharehubError:
            suggested_by = ""

    meta = build_meta(url=final_url, title=title,
                      summary=plain_text(summary, SUMMARY_MAX) or page.summary,
                      image=page.image, kind=kind,
                      topics=[plain_text(t, 60) for t in topics or [] if plain_text(t, 60)],
                      departments=[plain_text(d, 60) for d in departments or []
                                   if plain_text(d, 60)],
                      text=plain_text(text, TEXT_MAX, lines=True), lang=page.lang,
                      site_lang=hub.site_lang,
                      suggested_by=person(suggested_by))
    body = markdown_text(plain_text(why, BODY_MAX, lines=True)) if why else ""
    path = free_path(hub.suggestions_dir, dated_stem(title, today))
    document = render_document(meta, body)

    doc = parse_document(path, document.encode("utf-8"))
    _item, problems = validate_document(doc, hub)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise ContentError(errors)
    result_warnings += [str(p) for p in problems if not p.is_error]

    write_atomic(path, document)
    result = SuggestResult(path=path, meta=meta, warnings=result_warnings)
    if repo is not None:
        from sharehub.workflow import gitrepo
        try:
            done = gitrepo.commit_on_new_branch(repo, branch, [path],
                                                f"Suggest: {meta['title']}\n\n{final_url}",
                                                stay=stay)
        except gitrepo.SwitchBackError:
            raise  # the file is committed on the branch: nothing to take back
        except SharehubError:
            path.unlink(missing_ok=True)  # all or nothing: the attempt leaves no file
            raise
        result.branch, result.sha, result.returned_to = done.branch, done.sha, done.returned_to
        if push:
            gitrepo.push(repo, branch)
            result.pushed = True
    return result


def _shown(path: Path, hub: Hub) -> str:
    try:
        return path.resolve().relative_to(hub.root.resolve()).as_posix()
    except ValueError:
        return str(path)
