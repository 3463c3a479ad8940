"""Readers of analytics exports: each turns one file into :class:`VisitRow` rows.

A reader streams its file (a generic CSV of a million rows never sits in
memory whole) and raises :class:`StatsError` naming the file, the line and
the column for anything it cannot read. Every text value comes from URLs
strangers may have crafted, so it goes through :func:`clean_value`
(:func:`sharehub.text.plain_text`, cached: exports repeat a few values
millions of times).

A reader returns an :class:`Export`: visits from share links, or share
actions counted by the hub's opt-in script (``analytics:``).

Formats (``sharehub stats import --format NAME``):

* ``csv`` — the generic CSV: ``date, utm_source, utm_medium, utm_campaign,
  utm_content, visits`` (``utm_content`` optional); or, for share actions,
  ``date, network, item, shares``.
* ``plausible`` — a Plausible Stats API v2 query response (JSON): visits by
  ``visit:utm_*``, or share events by ``event:props:network``.
* ``matomo`` — Matomo's campaign report (Source - Medium with campaign
  names, flattened) as CSV.
* ``ga4`` — a Google Analytics 4 exploration exported as CSV.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from sharehub.errors import SharehubError
from sharehub.text import plain_text

#: Longest utm value kept (longer ones are cut).
MAX_VALUE = 100
_SAFE_VALUE_RE = re.compile(r"^[A-Za-z0-9._~+-]{0,100}$")


class StatsError(SharehubError):
    """An analytics export cannot be read (file, line, column)."""


class VisitRow(NamedTuple):
    """Visits of one day from one network, medium, campaign and tag."""

    date: str       # ISO date, YYYY-MM-DD
    source: str     # utm_source: the network
    medium: str     # utm_medium
    campaign: str   # utm_campaign
    content: str    # utm_content: the employee's own tag, or ""
    visits: int


class ShareRow(NamedTuple):
    """Share actions of one day on one network for one item (the opt-in share counting)."""

    date: str
    network: str
    item: str      # the item's slug, as the share script sends it
    shares: int


VISITS = "visits"
SHARES = "shares"


@dataclass
class Export:
    """What a reader found: its kind (:data:`VISITS` or :data:`SHARES`) and its rows.

    Rows are tuples with the fields of :class:`VisitRow` or :class:`ShareRow`,
    streamed; values may still be raw (the aggregation cleans each distinct
    value once).
    """

    kind: str
    rows: Iterator[tuple]


@functools.lru_cache(maxsize=1 << 16)
def clean_value(value: str) -> str:
    """An untrusted utm value as plain one-line text (at most :data:`MAX_VALUE` characters)."""
    value = value.strip()
    if _SAFE_VALUE_RE.match(value):
        return value
    return plain_text(value, MAX_VALUE)


@functools.lru_cache(maxsize=4096)
def iso_date(value: str) -> str | None:
    """``2027-03-01``, ``20270301`` or a datetime's date part, as ISO; ``None`` if not a date."""
    value = value.strip()
    if len(value) == 8 and value.isdigit():
        value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def parse_count(value: str) -> int | None:
    """A count such as ``12``, ``12.0`` or ``1,234``; ``None`` when it is not one."""
    text = value.strip().replace(",", "").replace("\u202f", "").replace(" ", "")
    if text.isdigit():
        return int(text)
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number >= 0 and number == int(number) else None


@dataclass
class Columns:
    """Where the needed columns are in a CSV header."""

    path: Path
    header: list[str]

    def index(self, *names: str, required: bool = True) -> int | None:
        """The position of the first of ``names`` present (case-insensitive)."""
        lowered = [h.strip().lower() for h in self.header]
        for name in names:
            if name.lower() in lowered:
                return lowered.index(name.lower())
        if required:
            raise StatsError(f"no {names[0]!r} column (the header has: "
                             f"{', '.join(h.strip() for h in self.header) or 'nothing'})",
                             self.path, 1, field=names[0])
        return None


def open_text(path: Path) -> io.TextIOBase:
    """The file as text: UTF-8 (with or without BOM) or UTF-16 with a BOM (Excel exports).

    Raises:
        StatsError: the file cannot be opened.
    """
    try:
        with open(path, "rb") as probe:
            start = probe.read(2)
        encoding = "utf-16" if start in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else "utf-8-sig"
        return open(path, encoding=encoding, newline="", errors="strict")
    except OSError as exc:
        raise StatsError(f"cannot read the file: {exc.strerror}", path) from None


def csv_rows(path: Path, handle, skip: Callable[[list[str]], bool] | None = None
             ) -> Iterator[tuple[int, list[str]]]:
    """``(line number, cells)`` of a CSV file, skipping blank rows (and rows ``skip`` says)."""
    reader = csv.reader(handle)
    try:
        for cells in reader:
            if not cells or (skip is not None and skip(cells)):
                continue
            yield reader.line_num, cells
    except csv.Error as exc:
        raise StatsError(f"not valid CSV: {exc}", path, reader.line_num) from None
    except UnicodeDecodeError:
        raise StatsError("not UTF-8 text (export the file as UTF-8 CSV)", path,
                         reader.line_num) from None


def bad_cell(path: Path, line: int, column: str, value: str, expected: str) -> StatsError:
    return StatsError(f"{plain_text(value, 40)!r} is not {expected}", path, line, field=column)


@dataclass
class Cells:
    """Where one format keeps a row's day and count, and how to name them in errors."""

    path: Path
    date: int | None          # column of the day; None: every row is ``default_date``
    default_date: str | None
    count: int
    date_name: str = "date"
    count_name: str = "visits"
    date_example: str = "2027-03-01"

    def day_and_count(self, line: int, cells: list[str]) -> tuple[str, int]:
        """The row's ISO day and count.

        Raises:
            StatsError: naming the file, the line and the column.
        """
        date = self.default_date if self.date is None else iso_date(cells[self.date])
        if date is None:
            raise bad_cell(self.path, line, self.date_name, cells[self.date],
                           f"a date such as {self.date_example}")
        count = parse_count(cells[self.count] or "0")
        if count is None:
            raise bad_cell(self.path, line, self.count_name, cells[self.count],
                           f"a whole number of {self.count_name.lower()}")
        return date, count


Reader = Callable[..., Export]


def readers() -> dict[str, Reader]:
    """Every format name and its reader."""
    from sharehub.engage.formats import ga4, generic, matomo, plausible

    return {"csv": generic.read, "plausible": plausible.read, "matomo": matomo.read,
            "ga4": ga4.read}


FORMAT_NAMES = ("csv", "plausible", "matomo", "ga4")
