"""Fixture files and their expectations.

Every fixture that states what should happen to it does so in one way: a
sidecar ``NAME.expect.json`` next to ``NAME.ext`` (any file type: Markdown,
feeds, JSON, HTML, issue bodies). A new case is two new files, no new code.
"""

from __future__ import annotations

import json
from pathlib import Path


def expectation_path(fixture: Path) -> Path:
    """``dir/NAME.expect.json`` for ``dir/NAME.ext``."""
    return fixture.with_name(fixture.name.split(".", 1)[0] + ".expect.json")


def expectation(fixture: Path) -> dict:
    """The expectation of one fixture (a failing assertion when it has none)."""
    path = expectation_path(fixture)
    assert path.is_file(), f"{fixture.name} has no {path.name}"
    return json.loads(path.read_text("utf-8"))


def fixtures_in(folder: Path, pattern: str = "*") -> list[Path]:
    """The fixtures of a folder (sidecars and hidden files excluded), sorted."""
    return sorted(p for p in folder.glob(pattern)
                  if p.is_file() and not p.name.endswith(".expect.json")
                  and not p.name.startswith("."))
