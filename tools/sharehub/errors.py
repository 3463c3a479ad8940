"""Errors and problems, carrying the file, line and field they are about.

The library raises :class:`SharehubError` subclasses; the CLI turns them into
one-line ``click`` errors and the MkDocs plugin into ``PluginError``.
Validation does not raise: it collects :class:`Problem` records so that one
run reports everything that is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about one file: ``path:line: field: message``."""

    path: str
    line: int = 1
    field: str = ""
    message: str = ""
    severity: str = dc_field(default=ERROR, compare=False)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        prefix = "" if self.severity == ERROR else f"{self.severity}: "
        return f"{where}: {prefix}{what}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "severity": self.severity,
        }


class SharehubError(Exception):
    """Base class of every error sharehub raises for bad input."""

    def __init__(self, message: str, path: str | Path | None = None,
                 line: int | None = None, field: str = ""):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field

    def __str__(self) -> str:
        parts = []
        if self.path:
            parts.append(self.path if self.line is None else f"{self.path}:{self.line}")
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


class ConfigError(SharehubError):
    """mkdocs.yml or the sharehub plugin options are wrong."""


class ContentError(SharehubError):
    """A content file cannot be loaded or does not pass validation."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{first.field + ': ' if first.field else ''}{first.message}{more}",
                         first.path, first.line)


class FetchError(SharehubError):
    """A remote resource (feed, page) could not be fetched."""


class GitError(SharehubError):
    """The git working tree is not in a state the command can work with."""
