"""Matomo: the campaign report by source and medium, with campaign names, as CSV.

Export it from the Reporting API (Matomo 5, or the Marketing Campaigns
Reporting plugin)::

    index.php?module=API&method=MarketingCampaignsReporting.getSourceMedium
      &idSite=1&period=day&date=2027-03-01,2027-03-31&flat=1&format=CSV

With ``flat=1`` each row's ``label`` is ``source - medium - campaign name``
(the campaign names are the report's subtable); over a date range Matomo
puts the day in a first ``date`` column. ``nb_visits`` are the visits.
Matomo's ``-`` for an empty value and its UTF-16 exports are understood.
A single-day export has no ``date`` column: pass ``--date``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from sharehub.engage.formats import (VISITS, Cells, Columns, Export, StatsError, VisitRow,
                                     bad_cell, clean_value, csv_rows, open_text)

SEPARATOR = " - "


def read(path: Path, *, default_date: str | None = None) -> Export:
    """The visits of a Matomo campaign report (streamed).

    Raises:
        StatsError: a needed column is missing, or a label, date or count is not one.
    """
    return Export(VISITS, _rows(path, default_date))


def _rows(path: Path, default_date: str | None) -> Iterator[VisitRow]:
    with open_text(path) as handle:
        rows = csv_rows(path, handle)
        header = next(rows, None)
        if header is None:
            raise StatsError("the file is empty (expected a header row)", path, 1)
        columns = Columns(path, header[1])
        i_date = columns.index("date", required=False)
        if i_date is None and default_date is None:
            raise StatsError("no 'date' column: export a date range with period=day, or "
                             "pass --date for a single day", path, 1, field="date")
        i_label = columns.index("label")
        i_visits = columns.index("nb_visits")
        where = Cells(path, i_date, default_date, i_visits, count_name="nb_visits")
        for line, cells in rows:
            if len(cells) <= max(i_label, i_visits, i_date or 0):
                raise StatsError("fewer cells than the header has", path, line)
            date, visits = where.day_and_count(line, cells)
            parts = cells[i_label].split(SEPARATOR, 2)
            if len(parts) != 3:
                raise bad_cell(path, line, "label", cells[i_label],
                               "'source - medium - campaign' (export with flat=1)")
            source, medium, campaign = ("" if p.strip() == "-" else clean_value(p) for p in parts)
            yield VisitRow(date, source, medium, campaign, "", visits)
