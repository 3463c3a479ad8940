"""Plausible: the JSON response of a Stats API v2 query (``POST /api/v2/query``).

The response repeats its query, so the file says itself which dimension
is which::

    {"results": [{"dimensions": ["2027-03-01", "linkedin", ...], "metrics": [12]}],
     "query": {"metrics": ["visits"], "dimensions": ["time:day", "visit:utm_source", ...],
               "date_range": ["2027-03-01T00:00:00+01:00", "2027-03-31T23:59:59+01:00"],
               "filters": [["is", "visit:utm_medium", ["employee_advocacy"]]]}}

Ask for ``dimensions: ["time:day", "visit:utm_source", "visit:utm_medium",
"visit:utm_campaign"]`` (plus ``visit:utm_content`` for tags) and the metric
``visits`` (``visitors`` is taken when there is no ``visits``). A
dimension left out but fixed by an ``is`` filter with one value takes that
value; without ``time:day`` every row counts on the first day of
``date_range`` (or ``--date``).

Share actions counted by the hub's own script (``analytics: {provider:
plausible}`` sends a ``Share`` event with the props ``network`` and
``item``) come from a query with ``dimensions: ["time:day",
"event:props:network", "event:props:item"]``, the metric ``events`` and the
filter ``["is", "event:goal", ["Share"]]``.
"""

from __future__ import annotations

import json
from pathlib import Path

from sharehub.engage.formats import (SHARES, VISITS, Export, StatsError, iso_date,
                                     parse_count)

_NONE = {"(none)", "(not set)", "none"}
_MAX_BYTES = 200 * 1024 * 1024


def read(path: Path, *, default_date: str | None = None) -> Export:
    """The visits (or share events) of a Plausible v2 query response.

    Raises:
        StatsError: not such a response, or a needed dimension or metric is missing.
    """
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise StatsError("larger than 200 MB: not a Plausible query response", path)
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise StatsError(f"cannot read the file: {exc.strerror}", path) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise StatsError(f"not valid JSON ({exc})", path) from None
    query = data.get("query") if isinstance(data, dict) else None
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(query, dict) or not isinstance(results, list):
        raise StatsError("not a Plausible Stats API v2 response (expected 'results' and "
                         "'query')", path)
    dimensions = [str(d) for d in query.get("dimensions") or []]
    metrics = [str(m) for m in query.get("metrics") or []]
    fixed = _fixed_by_filters(query.get("filters") or [])
    shares = "event:props:network" in dimensions
    wanted = ("events",) if shares else ("visits", "visitors")
    metric = next((m for m in wanted if m in metrics), None)
    if metric is None:
        raise StatsError(f"the query has no {wanted[0]!r} metric", path, field="query.metrics")
    needed = ("event:props:network",) if shares else (
        "visit:utm_source", "visit:utm_medium", "visit:utm_campaign")
    for dimension in needed:
        if dimension not in dimensions and dimension not in fixed:
            raise StatsError(f"the query has no {dimension!r} dimension", path,
                             field="query.dimensions")
    time_dim = "time:day" if "time:day" in dimensions else None
    if time_dim is None:
        date_range = query.get("date_range") or []
        first = str(date_range[0]) if isinstance(date_range, list) and date_range else ""
        default_date = default_date or iso_date(first)
        if default_date is None:
            raise StatsError("the query has no 'time:day' dimension and no date range",
                             path, field="query.dimensions")
    rows = _rows(path, results, dimensions, metrics.index(metric), len(metrics), fixed,
                 time_dim, default_date)
    if shares:
        return Export(SHARES, ((date, by_dim["event:props:network"],
                                by_dim.get("event:props:item", ""), count)
                               for date, by_dim, count in rows))
    return Export(VISITS, ((date, by_dim["visit:utm_source"], by_dim["visit:utm_medium"],
                            by_dim["visit:utm_campaign"], by_dim.get("visit:utm_content", ""),
                            count) for date, by_dim, count in rows))


def _rows(path, results, dimensions, m_index, width, fixed, time_dim, default_date):
    """``(date, {dimension: value}, count)`` of every result ("(none)" as "")."""
    for number, row in enumerate(results, start=1):
        where = f"results[{number - 1}]"
        values = row.get("dimensions") if isinstance(row, dict) else None
        counts = row.get("metrics") if isinstance(row, dict) else None
        if not isinstance(values, list) or not isinstance(counts, list) or \
                len(values) != len(dimensions) or len(counts) != width:
            raise StatsError("does not match the query's dimensions and metrics", path,
                             field=where)
        by_dim = dict(fixed)
        by_dim.update(zip(dimensions, (str(v) for v in values)))
        for key, value in by_dim.items():
            if value.strip().lower() in _NONE:
                by_dim[key] = ""
        date = default_date
        if time_dim is not None:
            date = iso_date(by_dim[time_dim])
            if date is None:
                raise StatsError(f"{by_dim[time_dim][:40]!r} is not a date", path,
                                 field=where + ".dimensions")
        count = parse_count(str(counts[m_index]))
        if count is None:
            raise StatsError(f"{str(counts[m_index])[:40]!r} is not a count", path,
                             field=where + ".metrics")
        yield date, by_dim, count


def _fixed_by_filters(filters: list) -> dict[str, str]:
    """Dimensions an ``["is", dimension, [one value]]`` filter fixes (top level or under ``and``)."""
    fixed = {}
    for entry in filters:
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == "and":
            fixed.update(_fixed_by_filters(entry[1] if isinstance(entry[1], list) else []))
        elif (isinstance(entry, list) and len(entry) >= 3 and entry[0] == "is"
              and isinstance(entry[2], list) and len(entry[2]) == 1):
            fixed[str(entry[1])] = str(entry[2][0])
    return fixed
