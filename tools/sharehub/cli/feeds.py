"""``sharehub feeds pull`` and ``sharehub feeds push``: feeds into drafts."""

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
      sharehub feeds pull --push
    """


@feeds.command("pull", context_settings=CONTEXT)
@click.option("--feed", "names", multiple=True, metavar="NAME",
              help="Pull only this feed (repeatable); default: every configured feed.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("--push", is_flag=True,
              help="Propose the drafts on the rolling branch (feeds/inbox) and record what "
                   "was seen on the state branch (sharehub/state), then push both to origin.")
@click.option("--commit", "commit_only", is_flag=True,
              help="As --push, but only commit (no git network access); `sharehub feeds "
                   "push` pushes later.")
@click.option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Feeds fetched at the same time.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=10.0, show_default=True,
              help="Seconds to wait for a server to connect or send data.")
@click.option("--max-time", type=click.FloatRange(0.1, 3600), default=None,
              help="Seconds a feed may take in all, from connect to last byte "
                   "(default: 30, or 3 × --timeout if that is more).")
@config_option
def feeds_pull(hub: Hub, names, dry_run, push, commit_only, concurrency, timeout, max_time):
    """Fetch every configured feed and write new entries as drafts.

    Each new entry becomes suggestions/YYYY-MM-DD-slug.md with status: draft,
    ready for review. Entries already in content/ or suggestions/, or seen by
    an earlier pull, are skipped, so a deleted draft never comes back. A
    broken feed is reported and the others are still pulled; the exit code
    is 1 when any feed failed.

    Without --push, drafts are written in suggestions/ and what was seen in
    suggestions/.sharehub-feeds.json (commit both). With --push (as the
    scheduled workflow runs), the working tree is not touched: drafts are
    committed onto the rolling branch, what was seen onto the state branch,
    and both are pushed, so a closed pull request never brings drafts back.

    \b
    Example:
      sharehub feeds pull
      sharehub feeds pull --feed newsroom --dry-run
      sharehub feeds pull --push
    """
    from sharehub.feeds.pull import Limits, pull

    if dry_run and (push or commit_only):
        raise click.UsageError("--dry-run writes nothing: drop --push/--commit")
    if push and commit_only:
        raise click.UsageError("--push already commits: use one of --push and --commit")
    show_progress = sys.stderr.isatty()

    def progress(done, total, result):
        click.echo(f"\r[{done}/{total}] {result.name}".ljust(60), err=True,
                   nl=done == total)

    limits = Limits(connect_timeout=timeout, read_timeout=timeout,
                    total_timeout=max_time or max(30.0, 3 * timeout))
    options = dict(names=list(names), concurrency=concurrency, limits=limits,
                   progress=progress if show_progress else None)
    if push or commit_only:
        from sharehub.feeds.inbox import commit_pull, push_pull

        committed = commit_pull(hub, fetch=push, **options)
        report = committed.report
        _print_report(report, "proposed")
        if committed.pending:
            click.echo(f"drafts committed for {committed.inbox_branch}: "
                       f"{committed.pending[:10]}")
        if committed.state_commit:
            click.echo(f"state committed on {committed.state_branch}: "
                       f"{committed.state_commit[:10]}")
        if push:
            _print_push(push_pull(hub))
        else:
            click.echo("run `sharehub feeds push` to push them")
    else:
        report = pull(hub, dry_run=dry_run, **options)
        _print_report(report, "would write" if dry_run else "wrote")
    if not report.ok:
        sys.exit(1)


@feeds.command("push", context_settings=CONTEXT)
@config_option
def feeds_push(hub: Hub):
    """Push what `sharehub feeds pull --commit` committed: drafts, then state.

    The drafts go to the rolling branch (feeds/inbox, or feeds_pull:
    inbox_branch), replayed on top of it when another run pushed first
    (without the drafts it already proposed); what was seen goes to the
    state branch (sharehub/state, or run_state: branch), merged with
    concurrent runs. The scheduled workflow runs this in the only step that
    holds a token, after a step that pulled the feeds without one.

    \b
    Example:
      sharehub feeds pull --commit && sharehub feeds push
    """
    from sharehub.feeds.inbox import push_pull

    _print_push(push_pull(hub))


def _print_report(report, verb: str) -> None:
    for result in report.feeds:
        click.echo(result.summary())
        for path in result.new:
            click.echo(f"  {verb} {_shown_path(path)}")
    total = len(report.new)
    failed = sum(not r.ok for r in report.feeds)
    done = {"wrote": "written", "would write": "would be written"}.get(verb, verb)
    click.echo(f"{total} draft{'s' * (total != 1)} {done}; {len(report.feeds)} "
               f"feed{'s' * (len(report.feeds) != 1)}, {failed} failed")


def _print_push(result) -> None:
    for path in result.dropped:
        click.echo(f"  dropped {path} (another run proposed it already)")
    if result.inbox_pushed:
        count = len(result.proposed)
        click.echo(f"pushed {result.inbox_branch}: {count} new draft{'s' * (count != 1)}")
    else:
        click.echo(f"nothing new for {result.inbox_branch}")
    if result.state_pushed:
        click.echo(f"pushed {result.state_branch}")


def _shown_path(path: Path) -> str:
    if not path.is_absolute():
        return path.as_posix()
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
