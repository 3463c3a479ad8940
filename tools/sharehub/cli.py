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

    report = check_paths(paths, hub)
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
      sharehub links content/posts/hiring-lyon.md --format json
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
        for name, link in found.items():
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


def run():  # pragma: no cover - console-script entry point
    """Entry point of the ``sharehub`` console script."""
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    main(prog_name="sharehub")


if __name__ == "__main__":  # pragma: no cover
    run()
