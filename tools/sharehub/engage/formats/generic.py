"""The generic CSV: ``date, utm_source, utm_medium, utm_campaign, utm_content, visits``.

``utm_content`` (the employee's own tag) may be missing; the other columns
are required, in any order. Dates are ISO (``2027-03-01``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from sharehub.engage.formats import (Columns, StatsError, VisitRow, bad_cell, clean_value,
                                     csv_rows, iso_date, open_text, parse_count)


def read(path: Path, *, default_date: str | None = None) -> Iterator[VisitRow]:
    """The rows of a generic CSV export (streamed).

    Raises:
        StatsError: a required column is missing, or a date or count is not one.
    """
    with open_text(path) as handle:
        rows = csv_rows(path, handle)
        header = next(rows, None)
        if header is None:
            raise StatsError("the file is empty (expected a header row)", path, 1)
        columns = Columns(path, header[1])
        i_date = columns.index("date", required=default_date is None)
        i_source = columns.index("utm_source")
        i_medium = columns.index("utm_medium")
        i_campaign = columns.index("utm_campaign")
        i_content = columns.index("utm_content", required=False)
        i_visits = columns.index("visits")
        width = max(i for i in (i_date, i_source, i_medium, i_campaign, i_content, i_visits)
                    if i is not None) + 1
        dates: dict[str, str | None] = {}
        for line, cells in rows:
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            if i_date is None:
                date = default_date
            else:
                raw = cells[i_date]
                date = dates.get(raw) or dates.setdefault(raw, iso_date(raw))
                if date is None:
                    raise bad_cell(path, line, "date", raw, "a date such as 2027-03-01")
            raw = cells[i_visits]
            visits = int(raw) if raw.isdigit() else parse_count(raw)
            if visits is None:
                raise bad_cell(path, line, "visits", raw, "a whole number of visits")
            yield VisitRow(date, clean_value(cells[i_source]), clean_value(cells[i_medium]),
                           clean_value(cells[i_campaign]),
                           clean_value(cells[i_content]) if i_content is not None else "",
                           visits)
