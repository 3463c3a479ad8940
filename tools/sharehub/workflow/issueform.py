"""The "Suggest content" GitHub issue form: its URL and its answers as data.

The hub's button opens the form (:func:`issue_form_url`); the suggest
workflow saves an issue's body to a file, and :func:`read_issue_body` turns
the answers into plain data. Nothing in an answer is interpreted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from sharehub.content.model import KINDS
from sharehub.errors import SharehubError
from sharehub.text import plain_text
from sharehub.workflow.webpage import TITLE_MAX, http_url

TEXT_MAX = 2000
BODY_MAX = 5000
#: The issue form's file name in .github/ISSUE_TEMPLATE/.
ISSUE_FORM = "suggest-content.yml"
#: Issue-form headings (lower case, first word is enough) -> suggestion field.
ISSUE_FIELDS = {"link": "url", "title": "title", "why": "body", "suggested": "text",
                "topic": "topics", "topics": "topics", "department": "departments",
                "departments": "departments", "kind": "kind"}
NO_RESPONSE = "_No response_"


def parse_issue_form(body: str) -> dict[str, str]:
    """Sections of a GitHub issue-form body: ``{field: text}``.

    An issue form arrives as ``### Label`` headings each followed by the
    answer; ``_No response_`` means the field was left empty. Labels are
    mapped by their first word (see :data:`ISSUE_FIELDS`); unknown ones are
    ignored. Nothing here is interpreted: the values are data.
    """
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.startswith("### "):
            words = re.findall(r"[a-z]+", line[4:].lower())
            current = ISSUE_FIELDS.get(words[0]) if words else None
            if current is not None and current in sections:
                current = None  # a second heading with the same meaning is user text
            if current is not None:
                sections[current] = []
            continue
        if current is not None:
            sections[current].append(line)
    out = {}
    for key, lines in sections.items():
        value = "\n".join(lines).strip()
        if value and value != NO_RESPONSE:
            out[key] = value
    return out


def _split_list(value: str) -> list[str]:
    parts = re.split(r"[,\n;]", value)
    cleaned = [plain_text(p.strip().lstrip("-* ").strip(), 60) for p in parts]
    everyone = {NO_RESPONSE.lower(), "everyone", "all", "none"}
    return list(dict.fromkeys(p for p in cleaned if p and p.lower() not in everyone))[:10]


@dataclass
class IssueSuggestion:
    """The answers of one suggestion issue, as plain data."""

    url: str
    title: str = ""
    text: str = ""
    why: str = ""
    topics: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    kind: str = ""


def read_issue_body(path: Path | str) -> IssueSuggestion:
    """Read an issue-form body saved to a file (by the suggest workflow).

    Raises:
        SharehubError: the file is unreadable or has no usable link.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()[:256 * 1024].decode("utf-8", errors="replace")
    except OSError as exc:
        raise SharehubError(f"cannot read the issue body: {exc.strerror}", path) from None
    fields = parse_issue_form(raw)
    link_text = fields.get("url", "")
    link = http_url(link_text.split()[0] if link_text.split() else "")
    if not link:
        shown = plain_text(link_text, 80) or "nothing"
        raise SharehubError(f"the Link answer must be an http(s) URL, got {shown!r}",
                            path, field="Link")
    kind = plain_text(fields.get("kind", ""), 20).lower()
    return IssueSuggestion(
        url=link,
        title=plain_text(fields.get("title", ""), TITLE_MAX),
        text=plain_text(fields.get("text", ""), TEXT_MAX, lines=True),
        why=plain_text(fields.get("body", ""), BODY_MAX, lines=True),
        topics=_split_list(fields.get("topics", "")),
        departments=_split_list(fields.get("departments", "")),
        kind=kind if kind in KINDS else "",
    )


def issue_form_url(repo_url: str | None, link: str = "", title: str = "") -> str:
    """The "Suggest content" button's target: the issue form, prefilled.

    Args:
        repo_url: ``repo_url`` from mkdocs.yml (``https://github.com/OWNER/REPO``).
        link, title: values to prefill (the form's ``link`` and the issue title).

    Returns:
        ``https://github.com/OWNER/REPO/issues/new?template=suggest-content.yml&...``,
        or ``''`` when ``repo_url`` is not a GitHub repository.
    """
    if not repo_url:
        return ""
    parts = urlsplit(repo_url.strip())
    segments = [s for s in parts.path.split("/") if s]
    if (parts.scheme != "https" or (parts.hostname or "").lower() != "github.com"
            or len(segments) < 2):
        return ""
    owner, repo = segments[0], segments[1].removesuffix(".git")
    if not all(re.fullmatch(r"[A-Za-z0-9_.-]+", s) for s in (owner, repo)):
        return ""
    query = f"template={ISSUE_FORM}"
    link = http_url(link)
    if link:
        query += f"&link={quote(link, safe='')}"
    if title:
        query += f"&title={quote('Suggest: ' + plain_text(title, TITLE_MAX), safe='')}"
    return f"https://github.com/{owner}/{repo}/issues/new?{query}"
