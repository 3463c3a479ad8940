"""``sharehub check``, ``links`` and ``schema``: validation and what it knows."""

from __future__ import annotations

import json
import sys

import click

from sharehub.cli import CONTEXT, config_option, main
from sharehub.config import Hub
from sharehub.cli import format_problems


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
    from sharehub.content.validate import check_paths

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
    from sharehub.content.validate import check_paths

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
    from sharehub.content.model import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))
