"""Suggestions: a link (and what its page says about itself) becomes a draft.

``sharehub suggest URL`` and the web form (a GitHub issue form turned into a
pull request by a workflow) both end here. Everything that comes from the
outside — the page's HTML, the issue's text — is hostile until proven
otherwise: it is reduced to plain text, URLs must be http(s), and the
draft is validated with the same rules as ``sharehub check`` before it is
written (atomically, never over an existing file).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from sharehub.config import Hub
from sharehub.errors import ContentError, FetchError, SharehubError
from sharehub.files import dated_stem, free_path, render_document, slugify, write_atomic
from sharehub.share.links import strip_tracking
from sharehub.content.loader import parse_document
from sharehub.content.model import KINDS, is_http_url
from sharehub.content.index import HubIndex
from sharehub.text import markdown_text, plain_text

#: Pages larger than this are not read (a suggestion needs the <head> only).
PAGE_MAX_BYTES = 2 * 1024 * 1024
PAGE_TIMEOUT = 10.0
TITLE_MAX = 200
SUMMARY_MAX = 500
TEXT_MAX = 2000
BODY_MAX = 5000
#: The issue form's file name in .github/ISSUE_TEMPLATE/.
ISSUE_FORM = "suggest-content.yml"
#: Issue-form headings (lower case, first word is enough) -> suggestion field.
ISSUE_FIELDS = {"link": "url", "title": "title", "why": "body", "suggested": "text",
                "topic": "topics", "topics": "topics", "department": "departments",
                "departments": "departments", "kind": "kind"}
NO_RESPONSE = "_No response_"



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


# ---------------------------------------------------------------------- URLs

def http_url(value: str | None) -> str:
    """``value`` if it is an absolute http(s) URL with a host (and no quotes or
    angle brackets that could break out of markup), else ``''``."""
    value = (value or "").strip()
    if not is_http_url(value) or any(c in value for c in "<>\"'`"):
        return ""
    return value


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


# ---------------------------------------------------------------- page metadata

@dataclass
class PageMeta:
    """What a web page says about itself (all plain text / http(s) URLs)."""

    title: str = ""
    summary: str = ""
    image: str = ""
    canonical: str = ""
    site_name: str = ""
    lang: str = ""


class _HeadParser(HTMLParser):
    """Collects <meta>, <link rel=canonical>, <title> and <html lang>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.title_parts: list[str] = []
        self.lang = ""
        self._in_title = False
        self.done = False

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and not self.lang:
            self.lang = attrs.get("lang", "")
        elif tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or "").strip().lower()
            if key and "content" in attrs:
                self.meta.setdefault(key, attrs["content"])
        elif tag == "link":
            rels = attrs.get("rel", "").lower().split()
            if "canonical" in rels and not self.canonical:
                self.canonical = attrs.get("href", "")
        elif tag == "title":
            self._in_title = True
        elif tag == "body":
            self.done = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self.done = True

    def handle_data(self, data):
        if self._in_title and len(self.title_parts) < 50:
            self.title_parts.append(data)


def parse_page(markup: str, page_url: str) -> PageMeta:
    """Read Open Graph, Twitter-card, ``<title>`` and canonical metadata.

    Args:
        markup: the page's HTML (hostile: everything is reduced to text).
        page_url: where it came from, to resolve relative URLs.
    """
    parser = _HeadParser()
    try:
        # Metadata lives in <head>; feed the parser in slices and stop at <body>.
        for start in range(0, len(markup), 65536):
            parser.feed(markup[start:start + 65536])
            if parser.done:
                break
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; never fail on a page
        pass
    meta = parser.meta

    def first(*keys: str) -> str:
        for key in keys:
            if meta.get(key, "").strip():
                return meta[key]
        return ""

    def url(value: str) -> str:
        return http_url(urljoin(page_url, value.strip())) if value.strip() else ""

    found = PageMeta(
        title=plain_text(first("og:title", "twitter:title") or "".join(parser.title_parts),
                         TITLE_MAX),
        summary=plain_text(first("og:description", "twitter:description", "description"),
                           SUMMARY_MAX),
        image=url(first("og:image:secure_url", "og:image", "twitter:image", "twitter:image:src")),
        canonical=url(parser.canonical) or url(first("og:url")),
        site_name=plain_text(first("og:site_name"), 100),
        lang=plain_text(parser.lang, 35),
    )
    return found


def _charset(content_type: str, data: bytes) -> str:
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
    if not match:
        match = re.search(rb"<meta[^<>]+charset=[\"']?([\w.:-]+)", data[:4096], re.I)
        name = match.group(1).decode("ascii", "ignore") if match else "utf-8"
    else:
        name = match.group(1)
    try:
        "".encode(name)
    except LookupError:
        return "utf-8"
    return name


def fetch_page(url: str, *, timeout: float = PAGE_TIMEOUT,
               max_bytes: int = PAGE_MAX_BYTES, public_only: bool = False) -> PageMeta:
    """Fetch ``url`` (size cap, timeouts) and read its metadata.

    Args:
        public_only: refuse hosts that resolve to loopback, private,
            link-local or reserved addresses, redirects included (CI).

    Raises:
        FetchError: the page cannot be fetched, is too large, is not HTML,
            or (``public_only``) is on a private network.
    """
    from sharehub.fetch import AddressGuard, fetch

    reply = fetch(url, headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"},
                  max_bytes=max_bytes, connect_timeout=min(timeout, 5.0), read_timeout=timeout,
                  total_timeout=timeout * 2, guard=AddressGuard() if public_only else None)
    kind = reply.headers.get("content-type", "text/html").split(";")[0].strip().lower()
    if kind not in ("text/html", "application/xhtml+xml", ""):
        raise FetchError(f"not a web page ({kind})", url)
    markup = reply.content.decode(_charset(reply.headers.get("content-type", ""), reply.content),
                                  errors="replace")
    return parse_page(markup, reply.url)


# ------------------------------------------------------------------- issue form

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
    if page.canonical and _site(page.canonical) == _site(given):
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
