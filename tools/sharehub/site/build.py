"""Building and previewing the hub: ``mkdocs build``/``serve`` with our options.

The MkDocs plugin does the work during the build; these functions only
load the hub's mkdocs.yml, pass ``--as-of`` on and turn MkDocs' own
failures into :class:`~sharehub.errors.SharehubError`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sharehub.errors import ConfigError, SharehubError
from sharehub.moment import AS_OF_ENV, parse_moment

class _FirstError(logging.Handler):
    """Remembers the first error MkDocs or a plugin logs during a build."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.first = ""

    def emit(self, record):
        if not self.first:
            message = " ".join(record.getMessage().split())
            self.first = message.removeprefix("sharehub: ")


def _with_as_of(as_of: str | None):
    if as_of:
        parse_moment(as_of)  # fail early, before MkDocs starts
        os.environ[AS_OF_ENV] = as_of


def build_site(config_file: str | Path = "mkdocs.yml", *, strict: bool = False,
               site_dir: str | Path | None = None, as_of: str | None = None) -> Path:
    """Build the hub like ``mkdocs build``; returns the site folder."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    path = Path(config_file)
    if not path.is_file():
        raise ConfigError("no such file: run sharehub in the hub's folder or pass -f", path)
    overrides = {"strict": strict or None}
    if site_dir:
        overrides["site_dir"] = str(site_dir)
    previous = os.environ.get(AS_OF_ENV)
    _with_as_of(as_of)
    errors = _FirstError()
    logging.getLogger("mkdocs").addHandler(errors)
    try:
        config = load_config(str(path), **overrides)
        build(config)
    except exceptions.Abort as exc:
        # MkDocs says only "Aborted with a BuildError!": name the first logged error.
        message = errors.first or " ".join(str(exc).split()) or "build failed"
        raise SharehubError(message, None if errors.first else path) from None
    except exceptions.ConfigurationError as exc:
        raise ConfigError(" ".join(str(exc).split()), path) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)
        # --as-of applies to this build only (tests and callers build several times).
        if as_of:
            if previous is None:
                os.environ.pop(AS_OF_ENV, None)
            else:
                os.environ[AS_OF_ENV] = previous
    return Path(config.site_dir)


def serve_site(config_file: str | Path = "mkdocs.yml", *, dev_addr: str = "127.0.0.1:8000",
               as_of: str | None = None) -> None:
    """Preview the hub with live reload, like ``mkdocs serve``."""
    from mkdocs import exceptions
    from mkdocs.commands.serve import serve

    _with_as_of(as_of)
    if not Path(config_file).is_file():
        raise ConfigError("no such file: run sharehub in the hub's folder or pass -f", config_file)
    try:
        serve(config_file=str(config_file), dev_addr=dev_addr)
    except exceptions.Abort as exc:
        raise SharehubError(" ".join(str(exc).split()) or "serve failed", config_file) from None
