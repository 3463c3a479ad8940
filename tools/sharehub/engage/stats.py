"""``stats/``: aggregated visits from share links, imported from analytics exports.

Share links carry ``utm_source`` (the network), ``utm_medium`` (the hub's
medium), ``utm_campaign`` and, when an employee set one, their own tag as
``utm_content``. :func:`import_export` streams an export (see
:mod:`sharehub.engage.formats`), keeps only rows with the hub's medium,
sums them by day, network, campaign and tag, and merges the sums into one
CSV per month, ``stats/visits/YYYY-MM.csv``. Share actions counted by the
hub's opt-in script (``analytics:``) are summed by day, network and item
into ``stats/shares/YYYY-MM.csv`` the same way.

Aggregates only: tags are dropped at import unless the hub owner opted in
to a leaderboard of tags (``results: {leaderboard: tags}``).

The merge is idempotent: a key (day, network, medium, campaign, tag) the
export holds takes the export's value, replacing what an earlier import
wrote, so importing the same file twice, or two exports that overlap,
never counts a visit twice.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from sharehub.config import Hub
from sharehub.engage.formats import (FORMAT_NAMES, SHARES, ShareRow, StatsError, VisitRow,
                                     clean_value, readers)
from sharehub.files import write_atomic

HEADER = ("date", "utm_source", "utm_medium", "utm_campaign", "utm_content", "visits")
SHARES_HEADER = ("date", "network", "item", "shares")
VISITS_DIR = "visits"
SHARES_DIR = "shares"

Key = tuple[str, str, str, str, str]  # date, source, medium, campaign, content


@dataclass
class ImportSummary:
    """What one import read and changed."""

    kind: str = "visits"     # or "shares": share actions from the opt-in share counting
    rows: int = 0            # data rows read
    kept: int = 0            # rows with the hub's medium (all rows of shares)
    visits: int = 0          # visits (or shares) in the kept rows
    ignored: dict[str, int] = field(default_factory=dict)  # other mediums: rows each
    first: str = ""          # first and last day seen
    last: str = ""
    written: list[Path] = field(default_factory=list)    # month files that changed
    unchanged: list[Path] = field(default_factory=list)  # month files already so

    @property
    def ignored_rows(self) -> int:
        return sum(self.ignored.values())


def stats_dir(hub: Hub) -> Path:
    return hub.root / hub.options.results.stats_dir


def aggregate(rows, medium: str, *, keep_tags: bool, summary: ImportSummary) -> dict[Key, int]:
    """Sum ``rows`` by key, keeping only ``medium`` (compared case-insensitively).

    Rows may carry raw values: each distinct value is cleaned once
    (:func:`~sharehub.engage.formats.clean_value`), after summing.
    """
    wanted = medium.strip().lower()
    raw_totals: dict[tuple, int] = {}
    ignored: dict[str, int] = {}
    ours: set[str] = set()     # raw spellings of the hub's medium seen so far
    theirs: set[str] = set()   # raw spellings of other mediums
    count = kept = 0
    for date, source, row_medium, campaign, content, visits in rows:
        count += 1
        if row_medium not in ours:
            if row_medium in theirs or clean_value(row_medium).lower() != wanted:
                theirs.add(row_medium)
                ignored[row_medium] = ignored.get(row_medium, 0) + 1
                continue
            ours.add(row_medium)
        kept += 1
        key = (date, source, campaign, content) if keep_tags else (date, source, campaign, "")
        raw_totals[key] = raw_totals.get(key, 0) + visits
    totals: dict[Key, int] = {}
    for (date, source, campaign, content), visits in raw_totals.items():
        key = (date, clean_value(source).lower(), wanted, clean_value(campaign),
               clean_value(content))
        totals[key] = totals.get(key, 0) + visits
    for raw, rows_ignored in ignored.items():
        label = clean_value(raw) or "(none)"
        summary.ignored[label] = summary.ignored.get(label, 0) + rows_ignored
    summary.rows += count
    summary.kept += kept
    summary.visits += sum(totals.values())
    dates = sorted({key[0] for key in totals})
    if dates:
        summary.first, summary.last = dates[0], dates[-1]
    return totals


def import_export(hub: Hub, path: Path | str, fmt: str = "csv", *,
                  default_date: str | None = None, dry_run: bool = False) -> ImportSummary:
    """Aggregate one analytics export into ``stats/`` (see the module docstring).

    Args:
        fmt: one of :data:`~sharehub.engage.formats.FORMAT_NAMES`.
        default_date: the day of every row, for exports without a date column.
        dry_run: read and count, write nothing.

    Raises:
        StatsError: the file cannot be read, lacks a column, or holds a bad value;
            nothing is written then.
    """
    path = Path(path)
    if fmt not in FORMAT_NAMES:
        raise StatsError(f"unknown format {fmt!r}; expected one of {', '.join(FORMAT_NAMES)}",
                         path, field="format")
    summary = ImportSummary()
    export = readers()[fmt](path, default_date=default_date)
    summary.kind = export.kind
    if export.kind == SHARES:
        totals = aggregate_shares(export.rows, summary)
        folder, header = stats_dir(hub) / SHARES_DIR, SHARES_HEADER
    else:
        totals = aggregate(export.rows, hub.options.utm.medium,
                           keep_tags=hub.options.results.leaderboard == "tags", summary=summary)
        folder, header = stats_dir(hub) / VISITS_DIR, HEADER
    by_month: dict[str, dict[tuple, int]] = {}
    for key, count in totals.items():
        by_month.setdefault(key[0][:7], {})[key] = count
    for month, fresh in sorted(by_month.items()):
        target = folder / f"{month}.csv"
        merged = read_month(target, header)
        before = month_text(merged, header) if merged else None
        merged.update(fresh)
        text = month_text(merged, header)
        if text == before:
            summary.unchanged.append(target)
            continue
        if not dry_run:
            write_atomic(target, text, overwrite=True)
        summary.written.append(target)
    return summary


def aggregate_shares(rows, summary: ImportSummary) -> dict[tuple, int]:
    """Sum share actions by day, network and item (each distinct value cleaned once)."""
    raw_totals: dict[tuple, int] = {}
    for date, network, item, shares in rows:
        summary.rows += 1
        raw_totals[(date, network, item)] = raw_totals.get((date, network, item), 0) + shares
    totals: dict[tuple, int] = {}
    for (date, network, item), shares in raw_totals.items():
        key = (date, clean_value(network).lower(), clean_value(item))
        totals[key] = totals.get(key, 0) + shares
    summary.kept = summary.rows
    summary.visits = sum(totals.values())
    dates = sorted({key[0] for key in totals})
    if dates:
        summary.first, summary.last = dates[0], dates[-1]
    return totals


def month_text(totals: dict[tuple, int], header: tuple[str, ...] = HEADER) -> str:
    """One month's aggregates as CSV, sorted, so that diffs stay small."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for key in sorted(totals):
        writer.writerow((*key, totals[key]))
    return out.getvalue()


def read_month(path: Path, header: tuple[str, ...] = HEADER) -> dict[tuple, int]:
    """One month file of ``stats/`` (``{}`` when it does not exist).

    Raises:
        StatsError: the file is not what :func:`month_text` writes.
    """
    try:
        handle = open(path, encoding="utf-8", newline="")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise StatsError(f"cannot read the file: {exc.strerror}", path) from None
    totals: dict[tuple, int] = {}
    width = len(header)
    with handle:
        reader = csv.reader(handle)
        try:
            found = next(reader, None)
            if found is not None and tuple(found) != header:
                raise StatsError(f"unexpected header; expected {','.join(header)}", path, 1)
            for cells in reader:
                if not cells:
                    continue
                if len(cells) != width or not cells[-1].isdigit():
                    raise StatsError(f"expected {width} cells ending with a count", path,
                                     reader.line_num)
                totals[tuple(cells[:-1])] = int(cells[-1])
        except csv.Error as exc:
            raise StatsError(f"not valid CSV: {exc}", path, reader.line_num) from None
    return totals


def load_visits(hub: Hub) -> list[VisitRow]:
    """Every visits aggregate in ``stats/``, oldest month first (``[]`` when there is none)."""
    return [VisitRow(*key, count) for key, count in _load(stats_dir(hub) / VISITS_DIR, HEADER)]


def load_shares(hub: Hub) -> list[ShareRow]:
    """Every share-actions aggregate in ``stats/``, oldest month first."""
    return [ShareRow(*key, count) for key, count in _load(stats_dir(hub) / SHARES_DIR,
                                                          SHARES_HEADER)]


def _load(folder: Path, header: tuple[str, ...]) -> list[tuple[tuple, int]]:
    if not folder.is_dir():
        return []
    rows = []
    for path in sorted(folder.glob("*.csv")):
        rows.extend(sorted(read_month(path, header).items()))
    return rows
