"""``sharehub edit``: the /admin/ web editor on the local working tree."""

from __future__ import annotations

import click

from sharehub.cli import CONTEXT, main
from sharehub.moment import AS_OF_ENV


@main.command(context_settings=CONTEXT)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True,
              metavar="IP:PORT", help="Where the hub and its /admin/ page are served (loopback only).")
@click.option("--backend-port", type=click.IntRange(1, 65535), default=8081, show_default=True,
              help="Port of the editor's local backend on 127.0.0.1.")
@click.option("--as-of", "as_of", metavar="DATETIME", envvar=AS_OF_ENV,
              help=f"Preview the hub as it will be at that moment (also ${AS_OF_ENV}).")
@click.option("-f", "--config-file", "config_file", type=click.Path(dir_okay=False),
              default="mkdocs.yml", show_default=True, help="The hub's mkdocs.yml.")
def edit(config_file, dev_addr, backend_port, as_of):
    """Edit content in the browser, without any account: the /admin/ editor
    on this working tree.

    Starts the editor's local backend on 127.0.0.1 and a live preview of the
    hub; open /admin/ on it. New items are saved as suggestions, edits land
    in the files themselves; review and commit them with git as usual.
    Ctrl-C stops both.

    \b
    Example:
      sharehub edit
      sharehub edit -a 127.0.0.1:8100 --backend-port 8181
    """
    from sharehub.admin.edit import run_editor

    run_editor(config_file, dev_addr=dev_addr, backend_port=backend_port, as_of=as_of,
               announce=lambda line: click.echo(line, err=True))
