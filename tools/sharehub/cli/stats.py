"""``sharehub stats import``: aggregate an analytics export into ``stats/``."""

from __future__ import annotations

from pathlib import Path

import click

from sharehub.cli import CONTEXT, Group, config_option, main
from sharehub.config import Hub
from sharehub.engage.formats import FORMAT_NAMES


@main.group(cls=Group, context_settings=CONTEXT)
def stats():
    """Results without tracking anyone: visits from share links, as aggregates.

    \b
    Example:
      sharehub stats import visits.csv
      sharehub stats import plausible.json --format plausible
    """


@stats.command("import", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="csv",
              show_default=True, help="What exported the file (see README: Results).")
@click.option("--date", "default_date", metavar="YYYY-MM-DD", default=None,
              help="The day of every row, for an export without a date column.")
@click.option("--dry-run", is_flag=True, help="Read and count; write nothing.")
@config_option
def stats_import(hub: Hub, file: Path, fmt: str, default_date, dry_run):
    """Aggregate visits (or counted shares) from an analytics export into stats/.

    Only rows whose utm_medium is the hub's (utm: medium in mkdocs.yml) are
    kept; they are summed by day, network (utm_source), campaign and, when
    results: leaderboard: tags is set, the employee's own tag (utm_content).
    A day and key already in stats/ takes the new value, so importing the
    same file twice changes nothing. Share actions counted with analytics:
    (a CSV of date, network, item, shares, or a Plausible query by
    event:props:network) go to stats/shares/.

    \b
    Example:
      sharehub stats import exports/visits-2027-03.csv
      sharehub stats import query.json --format plausible
      sharehub stats import campaigns.csv --format matomo
      sharehub stats import exploration.csv --format ga4 --dry-run
    """
    from sharehub.engage.formats import iso_date
    from sharehub.engage.stats import import_export

    if default_date is not None and iso_date(default_date) != default_date:
        raise click.BadParameter("expected a date such as 2027-03-01", param_hint="--date")
    summary = import_export(hub, file, fmt, default_date=default_date, dry_run=dry_run)
    span = f" from {summary.first} to {summary.last}" if summary.first else ""
    click.echo(f"{file}: {summary.rows} row{'s' * (summary.rows != 1)} read, "
               f"{summary.kept} kept ({summary.visits} {summary.kind}{span})")
    if summary.ignored:
        listed = ", ".join(f"{medium} ({count})" for medium, count in
                           sorted(summary.ignored.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
        click.echo(f"{summary.ignored_rows} row{'s' * (summary.ignored_rows != 1)} ignored: "
                   f"utm_medium is not {hub.options.utm.medium!r}: {listed}")
    verb = "would write" if dry_run else "wrote"
    for path in summary.written:
        click.echo(f"  {verb} {_shown(path)}")
    if not summary.written:
        click.echo("stats/ unchanged" if summary.kept else "nothing to import")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
