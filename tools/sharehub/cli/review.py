"""``sharehub review``: the pull-request summary."""

from __future__ import annotations

import sys

import click

from sharehub.cli import CONTEXT, config_option, main
from sharehub.config import Hub


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
    from sharehub.workflow.review import review as run_review, to_json, to_markdown

    report = run_review(hub, base=base, head=head)
    click.echo(to_json(report) if fmt == "json" else to_markdown(report), nl=fmt == "json")
    if fail_on_error and report.errors:
        sys.exit(1)
