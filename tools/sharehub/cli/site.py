"""``sharehub build`` and ``serve``: the hub site."""

from __future__ import annotations

import click

from sharehub.cli import CONTEXT, main
from sharehub.moment import AS_OF_ENV


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
    from sharehub.site.build import build_site

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
    from sharehub.site.build import serve_site

    serve_site(config_file, dev_addr=dev_addr, as_of=as_of)
