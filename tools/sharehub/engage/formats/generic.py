"""The generic CSV: ``date, utm_source, utm_medium, utm_campaign, utm_content, visits``.

``utm_content`` (the employee's own tag) may be missing; the other columns
are required, in any order. Dates are ISO (``2027-03-01``). A file whose
header has ``network`` and ``shares`` holds share actions instead:
``date, network, item, shares``.

This is the format of large exports, so its loop is kept lean: values are
passed on raw (:func:`sharehub.engage.stats.aggregate` cleans each
distinct value once) and dates are parsed once per distinct text.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator

from sharehub.engage.formats import (SHARES, VISITS, Cells, Columns, Export, StatsError, bad_cell,
                                     csv_rows, iso_date, open_text, parse_count)


def read(path: Path, *, default_date: str | None = None) -> Export:
    """The visits (or share actions) of a generic CSV export, streamed.

    Raises:
        StatsError: a required column is missing, or a date or count is not one.
    """
    with open_text(path) as handle:
        header = next(csv_rows(path, handle), (1, []))[1]
    if {"network", "shares"} <= {cell.strip().lower() for cell in header}:
        return Export(SHARES, _shares(path, default_date))
    return Export(VISITS, _visits(path, default_date))


def _shares(path: Path, default_date: str | None) -> Iterator[tuple]:
    with open_text(path) as handle:
        rows = csv_rows(path, handle)
        columns = Columns(path, next(rows)[1])
        i_date = columns.index("date", required=default_date is None)
        i_network = columns.index("network")
        i_item = columns.index("item", required=False)
        i_shares = columns.index("shares")
        where = Cells(path, i_date, default_date, i_shares, count_name="shares")
        for line, cells in rows:
            cells = cells + [""] * (len(columns.header) - len(cells))
            date, shares = where.day_and_count(line, cells)
            yield (date, cells[i_network], cells[i_item] if i_item is not None else "", shares)


def _visits(path: Path, default_date: str | None) -> Iterator[tuple]:
    with open_text(path) as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None:
                raise StatsError("the file is empty (expected a header row)", path, 1)
            columns = Columns(path, header)
            i_date = columns.index("date", required=default_date is None)
            i_source = columns.index("utm_source")
            i_medium = columns.index("utm_medium")
            i_campaign = columns.index("utm_campaign")
            i_content = columns.index("utm_content", required=False)
            i_visits = columns.index("visits")
            width = max(i for i in (i_date, i_source, i_medium, i_campaign, i_content, i_visits)
                        if i is not None) + 1
            dates: dict[str, str] = {}
            i_tag = i_content if i_content is not None else i_source
            for cells in reader:
                # The common row costs two lookups and an int(); anything unusual
                # (a new date, a short row, "1,200") takes the careful path below.
                try:
                    date = dates[cells[i_date]] if i_date is not None else default_date
                    visits = int(cells[i_visits])
                    if visits < 0:
                        raise ValueError
                    yield (date, cells[i_source], cells[i_medium], cells[i_campaign],
                           cells[i_tag] if i_content is not None else "", visits)
                    continue
                except (KeyError, ValueError, IndexError):
                    if not cells:
                        continue
                if len(cells) < width:
                    cells = cells + [""] * (width - len(cells))
                if i_date is not None:
                    raw = cells[i_date]
                    date = dates.get(raw) or iso_date(raw)
                    if date is None:
                        raise bad_cell(path, reader.line_num, "date", raw,
                                       "a date such as 2027-03-01")
                    dates[raw] = date
                raw = cells[i_visits]
                visits = parse_count(raw)
                if visits is None:
                    raise bad_cell(path, reader.line_num, "visits", raw,
                                   "a whole number of visits")
                yield (date, cells[i_source], cells[i_medium], cells[i_campaign],
                       cells[i_content] if i_content is not None else "", visits)
        except csv.Error as exc:
            raise StatsError(f"not valid CSV: {exc}", path, reader.line_num) from None
        except UnicodeDecodeError:
            raise StatsError("not UTF-8 text (export the file as UTF-8 CSV)", path,
                             reader.line_num) from None
