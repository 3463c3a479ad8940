"""The ``sharehub`` command line: a thin front over the library.

Each command parses options, calls the library and prints. Library errors
(:class:`~sharehub.errors.SharehubError`) become one-line click errors with
exit code 1; nothing a user can type produces a traceback.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .config import Hub, load_hub
from .errors import Problem, SharehubError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
AS_OF_ENV = "SHAREHUB_AS_OF"


def config_option(command):
    """Adds ``-f/--config-file`` and hands the loaded hub to the command as ``hub``."""

    @click.option("-f", "--config-file", "config_file", type=click.Path(dir_okay=False),
                  default="mkdocs.yml", show_default=True,
                  help="The hub's mkdocs.yml (site and sharehub options).")
    @functools.wraps(command)
    def wrapper(config_file, **kwargs):
        hub = load_hub(config_file)
        for warning in hub.config_warnings:
            click.echo(f"{config_file}: warning: {warning}", err=True)
        return command(hub=hub, **kwargs)

    return wrapper


class Group(click.Group):
    """A command group that turns library errors into one line and exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except SharehubError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version")
def main():
    """sharehub: an employee-advocacy share hub that lives in a git repository.

    Content and guidelines are Markdown files in content/, suggestions wait
    in suggestions/, and the hub is a static site built with MkDocs. Every
    command reads the hub's mkdocs.yml (-f to point at another one).
    """


def _github_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_problems(problems: list[Problem], fmt: str, files: int) -> str:
    """Render problems as text lines, one JSON document or GitHub annotations."""
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if fmt == "json":
        return json.dumps({"files": files, "errors": errors, "warnings": warnings,
                           "problems": [p.as_dict() for p in problems]},
                          indent=2, ensure_ascii=False)
    lines = []
    for p in problems:
        if fmt == "github":
            title = f"sharehub: {p.field}" if p.field else "sharehub"
            lines.append(f"::{p.severity} file={_github_escape(p.path, True)},line={p.line},"
                         f"title={_github_escape(title, True)}::{_github_escape(p.message)}")
        else:
            lines.append(str(p))
    summary = (f"{files} file{'s' * (files != 1)} checked: {errors} error{'s' * (errors != 1)}, "
               f"{warnings} warning{'s' * (warnings != 1)}")
    lines.append(summary if fmt == "text" else f"::notice::{summary}")
    return "\n".join(lines)


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="github prints GitHub Actions annotations.")
@config_option
def check(hub: Hub, paths, fmt):
    """Validate content and suggestions; exit 1 on any error.

    Checks every Markdown file under content/ and suggestions/ (or PATHS)
    and reports every problem at once as path:line: field: message.

    \b
    Example:
      sharehub check
      sharehub check suggestions/2027-03-01-new-office.md --format github
    """
    from .validate import check_paths

    report = check_paths(paths, hub, keep_items=False)
    click.echo(format_problems(report.problems, fmt, report.files))
    if not report.ok:
        sys.exit(1)


@main.command(context_settings=CONTEXT)
@click.argument("path", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--variant", type=int, default=0, show_default=True,
              help="Which text variant to use where a network has several (0 = first).")
@config_option
def links(hub: Hub, path, fmt, variant):
    """Print the share URL of one item for each configured network.

    \b
    Example:
      sharehub links content/posts/2026-11-02-lyon-data-engineers.md --format json
    """
    from .validate import check_paths

    report = check_paths([path], hub)
    if not report.items or report.errors:
        click.echo(format_problems(report.errors, "text", report.files), err=True)
        sys.exit(1)
    item = report.items[0]
    if not item.is_shareable:
        raise click.ClickException(f"{path}: type: a {item.meta.type} page has no share links")
    if not item.target_url:
        raise click.ClickException(f"{path}: url: no url, and no site_url in mkdocs.yml "
                                   f"to share the item's own page")
    found = item.share_links(variant)
    if fmt == "json":
        click.echo(json.dumps({name: link.href for name, link in found.items()}, indent=2,
                              ensure_ascii=False))
    else:
        for link in found.values():
            counted = link.count
            limit = f" ({counted.length}/{counted.limit})" if counted.limit else ""
            click.echo(f"{link.label}{limit}: {link.href}")


@main.command(context_settings=CONTEXT)
def schema():
    """Print the JSON Schema of the front matter (for editors).

    \b
    Example:
      sharehub schema > .vscode/sharehub.schema.json
    """
    from .model import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


def _as_of_option(command):
    return click.option("--as-of", "as_of", metavar="DATETIME", envvar=AS_OF_ENV,
                        help=f"Build the hub as it will be at that moment (also ${AS_OF_ENV}), "
                             f"e.g. 2027-03-01T09:00.")(command)


@main.command(context_settings=CONTEXT)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("-d", "--site-dir", type=click.Path(file_okay=False), help="Where to write the site.")
@_as_of_option
@click.option("-f", "--config-file", "config_file", type=click.Path(dir_okay=False),
              default="mkdocs.yml", show_default=True, help="The hub's mkdocs.yml.")
def build(config_file, strict, site_dir, as_of):
    """Build the hub into site/ (the same as mkdocs build).

    \b
    Example:
      sharehub build --strict
      sharehub build --as-of 2027-03-01T09:00 -d preview/
    """
    from .site import build_site

    build_site(config_file, strict=strict, site_dir=site_dir, as_of=as_of)


@main.command(context_settings=CONTEXT)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True,
              metavar="IP:PORT", help="Address to serve on.")
@_as_of_option
@click.option("-f", "--config-file", "config_file", type=click.Path(dir_okay=False),
              default="mkdocs.yml", show_default=True, help="The hub's mkdocs.yml.")
def serve(config_file, dev_addr, as_of):
    """Preview the hub with live reload (the same as mkdocs serve).

    \b
    Example:
      sharehub serve -a 0.0.0.0:8000
    """
    from .site import serve_site

    serve_site(config_file, dev_addr=dev_addr, as_of=as_of)


# ---- suggest / promote / review (issue 5; library: suggest.py, promote.py, review.py)

@main.command(context_settings=CONTEXT)
@click.argument("url", required=False)
@click.option("--title", default="", help="Headline (default: the page's og:title or <title>).")
@click.option("--text", default="", help="Suggested share text (share.default).")
@click.option("--summary", default="", help="Short context (default: the page's description).")
@click.option("--why", default="", help="Talking points: why colleagues should share it.")
@click.option("--topic", "topics", multiple=True, help="A topic (repeat for several).")
@click.option("--department", "departments", multiple=True,
              help="An audience department (repeat for several).")
@click.option("--kind", type=click.Choice(["news", "job", "event", "campaign", "story",
                                           "product"]), default=None)
@click.option("--no-fetch", is_flag=True, help="Do not read the page; use only what is given.")
@click.option("--timeout", type=float, default=10.0, show_default=True,
              help="Seconds to wait for the page.")
@click.option("--branch", default=None, metavar="NAME",
              help="Branch to commit on (default: suggest/<slug>).")
@click.option("--no-commit", is_flag=True, help="Only write the file: no branch, no commit.")
@click.option("--stay", is_flag=True, help="Stay on the new branch instead of switching back.")
@click.option("--push", is_flag=True, help="Push the branch to origin.")
@click.option("--from-issue-body", "issue_body", type=click.Path(dir_okay=False),
              help="Read link, title, text, why, topics and departments from a GitHub "
                   "issue-form body saved in a file (used by the suggest workflow).")
@click.option("--suggested-by", default="", help="Who suggested it (default: git identity).")
@click.option("--public-only", is_flag=True,
              help="Do not fetch pages on loopback, private or link-local addresses "
                   "(for CI, where links come from strangers).")
@config_option
def suggest(hub: Hub, url, title, text, summary, why, topics, departments, kind, no_fetch,
            timeout, branch, no_commit, stay, push, issue_body, suggested_by, public_only):
    """Suggest a link: write suggestions/YYYY-MM-DD-slug.md on a new branch.

    Reads the page's Open Graph / Twitter-card / <title> metadata (2 MB cap,
    timeouts; a failure only warns), refuses a link already in content/ or
    suggestions/, validates the draft, then creates the branch suggest/<slug>
    from the current HEAD and commits only that file. Your other changes,
    staged or not, are left alone, and you are switched back to the branch
    you were on (the suggestion lives on its branch; --stay to remain there).

    \b
    Example:
      sharehub suggest https://example.com/blog/new-office --topic offices --push
      sharehub suggest https://example.com/jobs/42 --title "We are hiring" --no-commit
      sharehub suggest --from-issue-body issue.md --suggested-by @octocat --push
    """
    from .suggest import read_issue_body, suggest as make_suggestion

    if issue_body:
        answers = read_issue_body(issue_body)
        url = url or answers.url
        title = title or answers.title
        text = text or answers.text
        why = why or answers.why
        topics = topics or tuple(answers.topics)
        departments = departments or tuple(answers.departments)
        kind = kind or answers.kind
    if not url:
        raise click.UsageError("give a URL (or --from-issue-body FILE)")
    if push and no_commit:
        raise click.UsageError("--push needs a commit; drop --no-commit")
    result = make_suggestion(hub, url, title=title, text=text, summary=summary, why=why,
                             topics=list(topics), departments=list(departments),
                             kind=kind or "", fetch=not no_fetch, commit=not no_commit,
                             branch=branch, push=push, stay=stay, suggested_by=suggested_by,
                             timeout=timeout, public_only=public_only)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"wrote {result.path}")
    if result.branch:
        click.echo(f"committed {result.sha[:10]} on branch {result.branch}"
                   + (" (pushed to origin)" if result.pushed else ""))
        if result.returned_to:
            click.echo(f"you are back on {result.returned_to}; "
                       f"git switch {result.branch} to see the suggestion")


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--publish", metavar="DATETIME", help="Hidden before this moment (2027-03-01T09:00).")
@click.option("--expires", metavar="DATETIME", help="Hidden after this moment (2027-04-30).")
@click.option("--featured", is_flag=True, help="Mark as featured (shown first).")
@click.option("--commit", is_flag=True, help="Commit the moves, and nothing else, in one commit.")
@click.option("--to", "folder", default="posts", show_default=True, metavar="FOLDER",
              help="Folder inside content/ (e.g. jobs, which CODEOWNERS routes to recruiting).")
@config_option
def promote(hub: Hub, paths, publish, expires, featured, commit, folder):
    """Approve suggestions: git mv them into content/posts/.

    Drops status and source, records approved_by (git identity) and
    approved (today), applies the options, and validates every result,
    duplicates included, first: if one fails, nothing is moved. Uncommitted
    edits to a suggestion are kept; other changes are never committed.

    \b
    Example:
      sharehub promote suggestions/2027-03-01-new-office.md --publish 2027-03-02T09:00
      sharehub promote suggestions/*.md --featured --commit
    """
    from .promote import promote as run_promote

    result = run_promote(hub, list(paths), publish=publish, expires=expires,
                         featured=featured, commit=commit, folder=folder)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for done in result.promoted:
        click.echo(f"{done.source} -> {os.path.relpath(done.target)}")
    if result.sha:
        click.echo(f"committed {result.sha[:10]}")


@main.group(cls=Group, context_settings=CONTEXT)
def feeds():
    """Pull the RSS, Atom and JSON feeds configured in mkdocs.yml into drafts.

    \b
    Example:
      sharehub feeds pull --dry-run
    """


@feeds.command("pull", context_settings=CONTEXT)
@click.option("--feed", "names", multiple=True, metavar="NAME",
              help="Pull only this feed (repeatable); default: every configured feed.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Feeds fetched at the same time.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=10.0, show_default=True,
              help="Seconds to wait for a server to connect or send data.")
@config_option
def feeds_pull(hub: Hub, names, dry_run, concurrency, timeout):
    """Fetch every configured feed and write new entries as drafts in suggestions/.

    Each new entry becomes suggestions/YYYY-MM-DD-slug.md with status: draft,
    ready for review. Entries already in content/ or suggestions/, or seen by
    an earlier pull (suggestions/.sharehub-feeds.json), are skipped, so a
    deleted draft never comes back. A broken feed is reported and the others
    are still pulled; the exit code is 1 when any feed failed.

    \b
    Example:
      sharehub feeds pull
      sharehub feeds pull --feed newsroom --dry-run
    """
    from .feeds import Limits, pull

    show_progress = sys.stderr.isatty()

    def progress(done, total, result):
        click.echo(f"\r[{done}/{total}] {result.name}".ljust(60), err=True,
                   nl=done == total)

    limits = Limits(connect_timeout=timeout, read_timeout=timeout,
                    total_timeout=max(30.0, 3 * timeout))
    report = pull(hub, names=list(names), dry_run=dry_run, concurrency=concurrency,
                  limits=limits, progress=progress if show_progress else None)
    for result in report.feeds:
        click.echo(result.summary())
        for path in result.new:
            click.echo(f"  {'would write' if dry_run else 'wrote'} {_shown_path(path)}")
    total = len(report.new)
    failed = sum(not r.ok for r in report.feeds)
    verb = "would be written" if dry_run else "written"
    click.echo(f"{total} draft{'s' * (total != 1)} {verb}; {len(report.feeds)} "
               f"feed{'s' * (len(report.feeds) != 1)}, {failed} failed")
    if not report.ok:
        sys.exit(1)


def _shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@main.command(context_settings=CONTEXT)
@click.option("--base", default="origin/main", show_default=True, metavar="REF",
              help="Compare HEAD with this ref (from their merge base, like a pull request).")
@click.option("--head", default="HEAD", show_default=True, metavar="REF")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown",
              show_default=True)
@click.option("--fail-on-error", is_flag=True, help="Exit 1 when a changed item has errors.")
@config_option
def review(hub: Hub, base, head, fmt, fail_on_error):
    """Summarise changed items for a pull-request review.

    For each item added, changed, moved or removed in content/ and
    suggestions/: share texts per network with counts (✅/❌), share links,
    errors, warnings, duplicates, banned phrases, disclosure, and when it
    goes live or expires. The Markdown escapes all contributor text, so CI
    can post it as a comment or job summary.

    \b
    Example:
      sharehub review --base origin/main >> "$GITHUB_STEP_SUMMARY"
      sharehub review --base HEAD~3 --format json
    """
    from .review import review as run_review, to_json, to_markdown

    report = run_review(hub, base=base, head=head)
    click.echo(to_json(report) if fmt == "json" else to_markdown(report), nl=fmt == "json")
    if fail_on_error and report.errors:
        sys.exit(1)


def run():  # pragma: no cover - console-script entry point
    """Entry point of the ``sharehub`` console script."""
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    main(prog_name="sharehub")


if __name__ == "__main__":  # pragma: no cover
    run()
