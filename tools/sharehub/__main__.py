"""``python -m sharehub``: the same as the ``sharehub`` command."""

from sharehub.cli import run

run()
