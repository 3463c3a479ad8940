"""``sharehub digest``: announce what went live, once per channel."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sharehub.cli import CONTEXT, config_option, main
from sharehub.config import Hub


@main.command(context_settings=CONTEXT)
@click.option("--dry-run", is_flag=True,
              help="Send nothing and record nothing; with --out, write each channel's message.")
@click.option("--as-of", "as_of", metavar="MOMENT", default=None,
              help="Judge what is live at this moment (ISO date or time; default: now, or "
                   "SHAREHUB_AS_OF).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --dry-run: folder for NAME.html (the e-mail), NAME.txt (its "
                   "plain-text part) and NAME.md (the chat message) of each channel.")
@click.option("--no-push", is_flag=True,
              help="Commit what was announced on the state branch but do not push it.")
@config_option
def digest(hub: Hub, dry_run, as_of, out, no_push):
    """Announce items that went live to every digest channel, once each.

    Channels are configured under digest: channels: in mkdocs.yml; each
    names the environment variable holding its Apprise URL (e-mail, Slack,
    Teams, Mattermost, a JSON webhook…), which is never printed. A channel
    that fails is reported on one line, the others are still served, the
    exit code is 1, and its items are retried by the next run. What was
    announced is kept on the run-state branch (sharehub/state).

    \b
    Example:
      sharehub digest --dry-run --out digest-preview
      SHAREHUB_DIGEST_ALL='mailtos://…' sharehub digest
      sharehub digest --as-of 2027-03-01T09:00
    """
    from sharehub.engage.digest import run_digest
    from sharehub.moment import current_moment, parse_moment

    if out is not None and not dry_run:
        raise click.UsageError("--out writes the messages of a --dry-run: add --dry-run")
    moment = parse_moment(as_of, hub.tz) if as_of else current_moment(hub.tz)
    report = run_digest(hub, moment=moment, dry_run=dry_run, out=out, push=not no_push)
    if not report.plans:
        click.echo("no digest channels configured (plugins: sharehub: digest: channels: in "
                   "mkdocs.yml): nothing to do")
        return
    if report.invalid_files:
        click.echo(f"{report.invalid_files} content file{'s' * (report.invalid_files != 1)} "
                   f"with errors skipped (run `sharehub check`)", err=True)
    for plan in report.plans:
        count = len(plan.items)
        what = f"{count} item{'s' * (count != 1)}" + (f" (+{plan.more} next run)" if plan.more else "")
        if plan.caught_up:
            older = len(plan.caught_up)
            what += (f"; first run: {older} older item{'s' * (older != 1)} recorded as "
                     f"announced")
        if dry_run:
            click.echo(f"{plan.name}: would announce {what}")
        elif plan.delivery is None:
            click.echo(f"{plan.name}: nothing new" + (f" to send; {what}" if plan.caught_up
                                                       else ""))
        elif plan.delivery.ok:
            click.echo(f"{plan.name}: announced {what}")
    for path in report.written:
        click.echo(f"  wrote {path}")
    if not dry_run:
        click.echo(f"state: {report.state_where}" + (" (pushed)" if report.state_pushed else ""))
    for plan in report.failed:
        click.echo(f"error: {plan.name}: not delivered, retried next run: "
                   f"{plan.delivery.error}", err=True)
    if not report.ok:
        sys.exit(1)
