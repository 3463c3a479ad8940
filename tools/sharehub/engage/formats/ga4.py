"""Google Analytics 4: a free-form exploration downloaded as CSV.

Build the exploration with the dimensions *Date*, *Session source*,
*Session medium*, *Session campaign* (and *Session manual ad content* for
tags) and the metric *Sessions*, then *Download data → CSV*. GA4 writes a
few ``#`` comment lines (account, property, date range) before the header,
dates as ``YYYYMMDD``, ``(not set)`` for empty values, and may end with a
totals row; all of that is understood.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from sharehub.engage.formats import (VISITS, Cells, Columns, Export, StatsError, VisitRow,
                                     clean_value, csv_rows, iso_date, open_text)

_NONE = {"(not set)", "(none)", "(direct)"}


def _comment(cells: list[str]) -> bool:
    return cells[0].startswith("#")


def read(path: Path, *, default_date: str | None = None) -> Export:
    """The visits of a GA4 exploration CSV (streamed).

    Raises:
        StatsError: a needed column is missing, or a date or count is not one.
    """
    return Export(VISITS, _rows(path, default_date))


def _rows(path: Path, default_date: str | None) -> Iterator[VisitRow]:
    with open_text(path) as handle:
        rows = csv_rows(path, handle, skip=_comment)
        header = next(rows, None)
        if header is None:
            raise StatsError("the file has no header row", path, 1)
        columns = Columns(path, header[1])
        i_date = columns.index("Date", required=default_date is None)
        i_source = columns.index("Session source", "Source")
        i_medium = columns.index("Session medium", "Medium")
        i_campaign = columns.index("Session campaign", "Campaign")
        i_content = columns.index("Session manual ad content", "Manual ad content",
                                  required=False)
        i_visits = columns.index("Sessions")
        where = Cells(path, i_date, default_date, i_visits, "Date", "Sessions", "20270301")
        for line, cells in rows:
            if not any(c.strip() for c in cells):
                continue
            if i_date is not None and not cells[i_date].strip().isdigit() and \
                    iso_date(cells[i_date]) is None and "total" in " ".join(cells).lower():
                continue  # the totals row
            date, visits = where.day_and_count(line, cells)

            def value(index):
                if index is None:
                    return ""
                raw = cells[index].strip()
                return "" if raw in _NONE else clean_value(raw)

            yield VisitRow(date, value(i_source), value(i_medium), value(i_campaign),
                           value(i_content), visits)
