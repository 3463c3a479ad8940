"""Review: what a pull request changes in the hub, as a reviewer needs to see it.

For every item added, changed, moved or removed between a base ref and
``HEAD`` (git diff with rename detection, limited to content/ and
suggestions/), the report shows each share text per network as it will be
posted, its length against the network's limit, the share links,
validation errors and warnings, duplicates, banned phrases, the disclosure,
and when the item goes live or expires.

The Markdown is posted into pull-request comments and job summaries by CI,
and every piece of it that comes from a contributor is escaped: no HTML,
no @mentions, no code fences that can be closed from inside.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from sharehub.config import Hub
from sharehub.errors import GitError
from sharehub.content.index import HubIndex
from sharehub.text import code_span, fenced_block, markdown_text
from sharehub.content.loader import MARKDOWN_SUFFIXES, parse_document
from sharehub.content.model import URL_ONLY_NETWORKS

CHANGES = {"A": "added", "C": "added", "M": "changed", "T": "changed", "R": "moved",
           "D": "removed"}
ICONS = {"added": "➕", "changed": "✏️", "moved": "🚚", "removed": "🗑️"}
#: GitHub refuses comments over 65,536 characters.
MAX_MARKDOWN = 60000


@dataclass
class ReviewEntry:
    """One changed file, with everything the reviewer needs about it."""

    change: str
    path: str
    old_path: str = ""
    title: str = ""
    type: str = ""
    kind: str = ""
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    banned: list[str] = field(default_factory=list)
    disclosure: str = ""
    disclosure_added: list[str] = field(default_factory=list)
    publish: str = ""
    expires: str = ""
    state: str = ""
    changed_fields: list[str] = field(default_factory=list)
    networks: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class ReviewReport:
    base: str
    head: str
    #: The commit reviewed (``head`` resolved), named in the comment.
    head_sha: str = ""
    entries: list[ReviewEntry] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(len(e.errors) for e in self.entries)

    def as_dict(self) -> dict:
        return {"base": self.base, "head": self.head, "head_sha": self.head_sha,
                "errors": self.errors,
                "entries": [e.as_dict() for e in self.entries]}


def _is_markdown(path: str | None) -> bool:
    return bool(path) and path.endswith(MARKDOWN_SUFFIXES) and not Path(path).name.startswith(".")


def _blob_bytes(blob) -> bytes:
    return blob.data_stream.read() if blob is not None else b""


def review(hub: Hub, base: str = "origin/main", head: str = "HEAD",
           now: dt.datetime | None = None) -> ReviewReport:
    """Compare ``base`` (its merge base with ``head``) and ``head``.

    Raises:
        GitError: not a repository, or ``base``/``head`` cannot be resolved.
    """
    from sharehub.workflow import gitrepo
    from sharehub.content.validate import validate_document

    repo = gitrepo.open_repo(hub.root)
    try:
        base_commit = repo.commit(base)
        head_commit = repo.commit(head)
    except Exception:  # noqa: BLE001 - gitdb/GitPython raise several types here
        raise GitError(f"cannot resolve {base!r} or {head!r}: fetch it first "
                       f"(git fetch origin main) or pass --base", field="base") from None
    bases = repo.merge_base(base_commit, head_commit)
    start = bases[0] if bases else base_commit
    top = Path(repo.working_tree_dir)
    roots = [gitrepo.relative(repo, p) for p in (hub.content_dir, hub.suggestions_dir)]
    now = now or dt.datetime.now(hub.tz)

    report = ReviewReport(base=base, head=head, head_sha=head_commit.hexsha)
    pending: list[tuple[ReviewEntry, object, object]] = []  # (entry, item, doc) awaiting duplicates
    diffs = start.diff(head_commit, paths=roots, M=True)
    for diff in sorted(diffs, key=lambda d: d.b_path or d.a_path or ""):
        change = CHANGES.get(diff.change_type, "changed")
        if change == "moved" and diff.a_path == diff.b_path:
            change = "changed"
        new_path, old_path = diff.b_path, diff.a_path
        if not (_is_markdown(new_path) or _is_markdown(old_path)):
            continue
        if change == "removed":
            old = parse_document(top / old_path, _blob_bytes(diff.a_blob))
            report.entries.append(ReviewEntry(change, old_path, title=str(old.meta.get("title", ""))))
            continue
        entry = ReviewEntry(change, new_path, old_path=old_path if change == "moved" else "")
        doc = parse_document(top / new_path, _blob_bytes(diff.b_blob))
        if change in ("changed", "moved") and diff.a_blob is not None:
            old = parse_document(top / old_path, _blob_bytes(diff.a_blob))
            keys = list(dict.fromkeys(list(old.meta) + list(doc.meta)))
            entry.changed_fields = [k for k in keys if old.meta.get(k) != doc.meta.get(k)]
            if old.body != doc.body:
                entry.changed_fields.append("(talking points)")
        item, problems = validate_document(doc, hub)
        for p in problems:
            shown = {"line": p.line, "field": p.field, "message": p.message}
            (entry.errors if p.is_error else entry.warnings).append(shown)
            if "banned phrase" in p.message:
                entry.banned.append(p.message.split("banned phrase", 1)[1].strip())
        entry.title = str(doc.meta.get("title", "")) if doc.ok else ""
        if item is None:
            report.entries.append(entry)
            continue
        entry.type, entry.kind = item.meta.type, item.meta.kind
        if item.is_shareable:
            _describe_item(entry, item, now)
        report.entries.append(entry)
        if item.canonical:
            pending.append((entry, item, doc))
    index = HubIndex.from_tree(head_commit, roots) if pending else None
    for entry, item, doc in pending:
        entry.duplicates = index.files_with_url(item.canonical, exclude=[entry.path])
        for other in entry.duplicates:
            entry.errors.append({"line": doc.line_of("url"), "field": "url",
                                 "message": f"same link as {other} (duplicate item)"})
    return report


def _moment(value: dt.datetime | None, tz) -> str:
    if value is None:
        return ""
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")


def _describe_item(entry: ReviewEntry, item, now: dt.datetime) -> None:
    hub = item.hub
    entry.publish = _moment(item.publish_at, hub.tz)
    entry.expires = _moment(item.expires_at, hub.tz)
    if item.expires_at is not None and now >= item.expires_at:
        entry.state = "expired"
    elif item.publish_at is not None and now < item.publish_at:
        entry.state = "scheduled"
    else:
        entry.state = "live"
    entry.disclosure = hub.options.disclosure
    if not item.target_url:
        return
    for network, links in item.all_share_links().items():
        variants = []
        for i, link in enumerate(links):
            counted = link.count
            raw = item.texts(network)[i]
            if entry.disclosure and entry.disclosure.lower() not in raw.lower() \
                    and network not in entry.disclosure_added and link.text != link.link:
                entry.disclosure_added.append(network)
            variants.append({"text": link.text, "length": counted.length,
                             "limit": counted.limit, "fits": counted.fits, "href": link.href})
        entry.networks.append({"network": network, "label": links[0].label,
                               "variants": variants})


# ------------------------------------------------------------------ rendering

def md_text(text: str) -> str:
    """Contributor text made inert for GitHub Markdown, on one line."""
    return markdown_text(text, one_line=True)


def to_markdown(report: ReviewReport) -> str:
    """The reviewer's summary (safe to post as a PR comment or job summary)."""
    entries = report.entries
    out = ["## sharehub review", ""]
    if report.head_sha:
        out += [f"Reviewed commit {code_span(report.head_sha)} against {code_span(report.base)}.",
                ""]
    if not entries:
        out.append(f"No changes to content/ or suggestions/ since {code_span(report.base)}.")
        return "\n".join(out) + "\n"
    counts = {}
    for e in entries:
        counts[e.change] = counts.get(e.change, 0) + 1
    summary = ", ".join(f"{n} {change}" for change, n in counts.items())
    verdict = (f"❌ {report.errors} error{'s' * (report.errors != 1)}" if report.errors
               else "✅ no errors")
    out += [f"{len(entries)} file{'s' * (len(entries) != 1)} ({summary}) · {verdict}", "",
            "| | file | title | errors | warnings | when |", "|---|---|---|---|---|---|"]
    for e in entries:
        when = {"live": "live", "scheduled": f"from {e.publish}", "expired": "expired"}.get(e.state, "")
        # In a table cell a '|' ends the cell even inside code: every value is cell-escaped.
        out.append(f"| {ICONS[e.change]} {e.change} | {code_span(e.path, table_cell=True)} "
                   f"| {md_text(e.title)} "
                   f"| {len(e.errors) or ''} | {len(e.warnings) or ''} | {md_text(when)} |")
    for e in entries:
        out += ["", f"### {ICONS[e.change]} {md_text(e.title) or code_span(e.path)}", ""]
        where = code_span(e.path)
        if e.old_path:
            where = f"{code_span(e.old_path)} → {where}"
        out.append(f"{e.change}: {where}" + (f" · {md_text(e.kind)}" if e.kind else ""))
        if e.change == "removed":
            continue
        if e.changed_fields:
            out.append(f"changed: {', '.join(code_span(f) for f in e.changed_fields)}")
        if e.state:
            live = {"live": "🟢 live when merged", "scheduled": f"🕒 goes live {e.publish}",
                    "expired": f"⚪ already expired ({e.expires})"}[e.state]
            if e.expires and e.state != "expired":
                live += f" · expires {e.expires}"
            out.append(md_text(live))
        out.append("")
        for title, problems in (("Errors", e.errors), ("Warnings", e.warnings)):
            if problems:
                out.append(f"**{title}**")
                out += [f"- line {p['line']}: " + (f"{code_span(p['field'])}: " if p["field"] else "")
                        + md_text(p["message"]) for p in problems]
                out.append("")
        if e.duplicates:
            out.append("**Duplicate of** " + ", ".join(code_span(d) for d in e.duplicates))
        if e.banned:
            out.append("**Banned phrases:** " + ", ".join(md_text(b) for b in e.banned))
        if e.disclosure_added:
            out.append(f"**Disclosure:** the text lacks {code_span(e.disclosure)}; it is added on "
                       + ", ".join(md_text(n) for n in e.disclosure_added))
        elif e.networks and not e.disclosure:
            out.append("**Disclosure:** none configured in mkdocs.yml")
        if e.networks:
            out += ["", "<details><summary>Share texts and links</summary>", ""]
            for net in e.networks:
                for i, v in enumerate(net["variants"]):
                    mark = "✅" if v["fits"] else "❌"
                    limit = f"{v['length']}/{v['limit']} {mark}" if v["limit"] else f"{v['length']} characters"
                    name = net["label"] + (f" (variant {i + 1})" if len(net["variants"]) > 1 else "")
                    out += [f"**{md_text(name)}** · {limit} · [share link](<{v['href']}>)", ""]
                    if net["network"] not in URL_ONLY_NETWORKS:  # those share the link alone
                        out += [fenced_block(v["text"]), ""]
            out.append("</details>")
    text = "\n".join(out) + "\n"
    if len(text) > MAX_MARKDOWN:
        cut = text[:MAX_MARKDOWN].rsplit("\n### ", 1)[0]
        text = cut + "\n\n… (truncated: run `sharehub review` locally for the rest)\n"
    return text


def to_json(report: ReviewReport) -> str:
    return json.dumps(report.as_dict(), indent=2, ensure_ascii=False)
