"""``sharehub feeds pull``: feeds into drafts."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sharehub.cli import CONTEXT, config_option, main
from sharehub.config import Hub
from sharehub.cli import Group


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
    from sharehub.feeds.pull import Limits, pull

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
