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

from sharehub import __version__
from sharehub.config import Hub, load_hub
from sharehub.errors import Problem, SharehubError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


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


def run():  # pragma: no cover - console-script entry point
    """Entry point of the ``sharehub`` console script."""
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    main(prog_name="sharehub")


# Commands register themselves on `main` (one module per command, like twine).
from sharehub.cli import check, feeds, promote, review, site, suggest  # noqa: E402,F401
from sharehub.cli import digest  # noqa: E402,F401
from sharehub.cli import stats  # noqa: E402,F401
from sharehub.cli import edit  # noqa: E402,F401
