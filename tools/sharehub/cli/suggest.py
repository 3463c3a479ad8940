"""``sharehub suggest``: a link becomes a suggestion on its own branch."""

from __future__ import annotations

import click

from sharehub.cli import CONTEXT, config_option, main
from sharehub.config import Hub


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
    from sharehub.workflow.issueform import read_issue_body
    from sharehub.workflow.suggest import suggest as make_suggestion

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
