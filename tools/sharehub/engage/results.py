"""The Results page: what shared links brought, from the aggregates in ``stats/``.

Figures are for teams and content only: visits over time, by network, by
campaign, by item (campaigns matched to the items that carry them) and by
department (the audience of those items). Figures by the employees' own
pseudonymous tags appear only when the hub owner opted in
(``results: {leaderboard: tags}``). Each chart is an SVG file drawn at build
time (:mod:`sharehub.engage.charts`) with a data table under it. Share
actions counted by the opt-in script, once imported, add shares by network
and by item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from sharehub.config import Hub
from sharehub.content.items import Item
from sharehub.engage import charts
from sharehub.engage.formats import ShareRow, VisitRow
from sharehub.engage.render import render

#: Rows in the campaign, item and tag tables (the rest is summed as "Other").
TOP = 15
EVERYONE = "Everyone"
NOT_ON_HUB = "Not on the hub"


@dataclass
class Section:
    """One chart and its table."""

    slug: str            # the SVG's file name, without .svg
    title: str
    caption: str
    header: tuple[str, str]
    rows: list[tuple[str, int]]
    svg: str = ""
    links: dict[str, str] = field(default_factory=dict)  # row label -> item page URL
    skip_zero: bool = False  # the table leaves out rows without visits (the chart shows them)


@dataclass
class ResultsPage:
    """The page's Markdown and the SVG files it shows (``{file name: svg}``)."""

    markdown: str
    charts: dict[str, str]
    total: int


def _sum_by(rows: list[VisitRow], key: Callable[[VisitRow], str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in rows:
        label = key(row)
        out[label] = out.get(label, 0) + row.visits
    return out


def _top(totals: dict[str, int], limit: int = TOP) -> list[tuple[str, int]]:
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) <= limit:
        return ranked
    rest = sum(value for _, value in ranked[limit - 1:])
    return ranked[:limit - 1] + [("Other", rest)]


def over_time(rows: list[VisitRow]) -> tuple[str, list[tuple[str, int]]]:
    """Visits per day, or per month when the data spans more than two months (gaps as 0)."""
    days = _sum_by(rows, lambda r: r.date)
    first = dt.date.fromisoformat(min(days))
    last = dt.date.fromisoformat(max(days))
    if (last - first).days <= 62:
        span = [(first + dt.timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]
        return "day", [(day, days.get(day, 0)) for day in span]
    months = _sum_by(rows, lambda r: r.date[:7])
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        label = f"{year:04d}-{month:02d}"
        out.append((label, months.get(label, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return "month", out


def campaign_items(items: list[Item]) -> dict[str, list[Item]]:
    """Shareable items by the ``utm_campaign`` their links carry."""
    out: dict[str, list[Item]] = {}
    for item in items:
        if item.is_shareable:
            out.setdefault(item.campaign, []).append(item)
    return out


def build_sections(hub: Hub, rows: list[VisitRow], items: list[Item],
                   url_of: Callable[[Item], str], shares: list[ShareRow] = ()) -> list[Section]:
    """Every section of the Results page, with its SVG drawn."""
    sections = visit_sections(hub, rows, items, url_of) if rows else []
    if shares:
        sections += share_sections(shares, items, url_of)
    for section in sections:
        if section.slug == "visits-over-time":
            section.svg = charts.line_chart(section.rows, ylabel="Visits")
        else:
            section.svg = charts.bar_chart(section.rows, xlabel=section.header[1])
    return sections


def item_named(value: str, items: list[Item]) -> Item | None:
    """The item a share event names: by its page path (``posts/lyon/``), else its slug."""
    shareable = [item for item in items if item.is_shareable]
    by_path = {item.page_path.strip("/"): item for item in shareable}
    by_slug = {item.slug: item for item in shareable}
    key = value.strip().strip("/").removesuffix(".html").removesuffix("/index")
    return by_path.get(key) or by_slug.get(key.rsplit("/", 1)[-1])


def share_sections(shares: list[ShareRow], items: list[Item],
                   url_of: Callable[[Item], str]) -> list[Section]:
    """Share actions by network and by item (named by page path or slug)."""
    links: dict[str, str] = {}
    by_item: dict[str, int] = {}
    for row in shares:
        item = item_named(row.item, items)
        label = item.meta.title if item is not None else (row.item or "(unknown)")
        if item is not None and url_of(item):
            links[label] = url_of(item)
        by_item[label] = by_item.get(label, 0) + row.shares
    by_network: dict[str, int] = {}
    for row in shares:
        by_network[row.network or "(none)"] = by_network.get(row.network or "(none)", 0) + row.shares
    return [Section("shares-by-network", "Shares by network",
                    "Share actions on the hub by network (counted only where the hub owner "
                    "enabled it, never for a browser that asks not to be tracked).",
                    ("Network", "Shares"), _top(by_network, 20)),
            Section("shares-by-item", "Shares by item", "Share actions on the hub by item.",
                    ("Item", "Shares"), _top(by_item), links=links)]


def visit_sections(hub: Hub, rows: list[VisitRow], items: list[Item],
                   url_of: Callable[[Item], str]) -> list[Section]:
    """Visits over time, by network, campaign, item, department (and tag on opt-in)."""
    unit, timeline = over_time(rows)
    by_campaign = _sum_by(rows, lambda r: r.campaign or "(none)")
    matched = campaign_items(items)
    sections = [
        Section("visits-over-time", "Visits over time",
                f"Visits from shared links per {unit} ({unit}s without visits are not listed "
                f"in the table).", (unit.capitalize(), "Visits"), timeline, skip_zero=True),
        Section("visits-by-network", "By network", "Visits by the network a link was shared on.",
                ("Network", "Visits"), _top(_sum_by(rows, lambda r: r.source or "(none)"), 20)),
        Section("visits-by-campaign", "By campaign", "Visits by campaign (utm_campaign).",
                ("Campaign", "Visits"), _top(by_campaign)),
    ]
    by_item: dict[str, int] = {}
    links: dict[str, str] = {}
    by_department: dict[str, int] = {}
    for campaign, visits in by_campaign.items():
        carriers = matched.get(campaign, [])
        if len(carriers) == 1:
            label = carriers[0].meta.title
            if url_of(carriers[0]):  # scheduled and expired items have no page to link
                links[label] = url_of(carriers[0])
        elif carriers:
            label = f"{campaign} ({len(carriers)} items)"
        else:
            label = f"{campaign} ({NOT_ON_HUB.lower()})"
        by_item[label] = by_item.get(label, 0) + visits
        departments = {d for item in carriers for d in item.meta.departments}
        if carriers and (not departments or any(not i.meta.departments for i in carriers)):
            departments.add(EVERYONE)
        for department in departments or {NOT_ON_HUB}:
            by_department[department] = by_department.get(department, 0) + visits
    sections.append(Section("visits-by-item", "Top items",
                            "Visits by item: a campaign is matched to the items that carry it.",
                            ("Item", "Visits"), _top(by_item), links=links))
    sections.append(Section("visits-by-department", "By department",
                            "Visits by the audience of the items shared (a campaign for two "
                            "departments counts for both).", ("Department", "Visits"),
                            _top(by_department, 20)))
    if hub.options.results.leaderboard == "tags":
        tags = _sum_by([r for r in rows if r.content], lambda r: r.content)
        if tags:
            sections.append(Section(
                "visits-by-tag", "By tag", "Visits by the tags employees chose for themselves "
                "(shown because the hub owner enabled it).", ("Tag", "Visits"), _top(tags)))
    return sections


def results_page(hub: Hub, rows: list[VisitRow], items: list[Item], *,
                 url_of: Callable[[Item], str], rel: Callable[[str], str],
                 chart_dir: str, shares: list[ShareRow] = ()) -> ResultsPage | None:
    """The Results page, or ``None`` when there are neither visits nor shares.

    Args:
        url_of: an item's page URL, relative to the site root ("" when it has no page).
        rel: a site-root-relative URL made relative to the Results page.
        chart_dir: where the SVG files go, relative to the site root.
    """
    if not rows and not shares:
        return None
    sections = build_sections(hub, rows, items, url_of, list(shares))
    total = sum(row.visits for row in rows)
    dates = [r.date for r in rows] + [s.date for s in shares]
    first, last = min(dates), max(dates)
    body = render("results.html", sections=sections, total=total, first=first, last=last,
                  shared=sum(s.shares for s in shares),
                  networks=len({r.source for r in rows}),
                  campaigns=len({r.campaign for r in rows}),
                  chart_src={s.slug: rel(f"{chart_dir}/{s.slug}.svg") for s in sections},
                  item_href={label: rel(url) for s in sections for label, url in s.links.items()})
    front = "---\ntitle: Results\nsearch:\n  exclude: true\n---\n\n"
    return ResultsPage(front + body, {f"{s.slug}.svg": s.svg for s in sections}, total)
