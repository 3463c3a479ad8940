"""``sharehub promote``: approve suggestions into content/."""

from __future__ import annotations

import os

import click

from sharehub.cli import CONTEXT, config_option, main
from sharehub.config import Hub


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
    from sharehub.workflow.promote import promote as run_promote

    result = run_promote(hub, list(paths), publish=publish, expires=expires,
                         featured=featured, commit=commit, folder=folder)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for done in result.promoted:
        click.echo(f"{done.source} -> {os.path.relpath(done.target)}")
    if result.sha:
        click.echo(f"committed {result.sha[:10]}")
