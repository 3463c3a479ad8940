"""The Results and Contributors pages in a real ``mkdocs build``, parsed as HTML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import git
from click.testing import CliRunner
from support.site import Hub, item_md

from sharehub.cli import main
from sharehub.config import load_hub
from sharehub.engage.stats import import_export

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
AS_OF = "2027-04-15T12:00:00+02:00"


class Page(HTMLParser):
    """Tables (caption -> rows of cell texts), images and links of a built page."""

    def __init__(self, path: Path, *, only: str = ""):
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.images: list[dict] = []
        self.links: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._caption = self._table = self._cell = None
        text = path.read_text("utf-8")
        if only:  # just the generated part of the page (the theme has scripts and icons)
            text = text[text.index(only):text.index("</article>")]
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "table":
            self._table = []
        elif tag == "caption":
            self._caption = ""
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = ""
        elif tag == "img":
            self.images.append(a)
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        elif self._caption is not None and self._table is not None:
            self._caption += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._table[-1].append(self._cell.strip())
            self._cell = None
        elif tag == "caption":
            self.caption, self._caption = self._caption, None
            self._name = self.caption.strip()
        elif tag == "table" and self._table is not None:
            self.tables[self._name] = self._table[1:]  # without the header row
            self._table = None


def numbers(rows) -> dict[str, int]:
    return {row[0]: int(row[1].replace(",", "")) for row in rows}


def results_hub(tmp_path, extra="") -> Hub:
    hub = Hub(tmp_path / "hub", extra=extra)
    hub.add("posts/lyon.md", item_md("Hiring data engineers in Lyon", url="https://example.com/lyon",
                                     campaign="spring-hiring-2027", departments=["engineering"],
                                     publish="2027-02-01T09:00:00+01:00"))
    hub.add("posts/impact.md", item_md("Our impact report", url="https://example.com/impact",
                                       campaign="impact-report", publish="2027-02-01T09:00:00+01:00"))
    return hub


def test_results_page_totals_match_the_import(tmp_path):
    hub = results_hub(tmp_path)
    config = load_hub(hub.root / "mkdocs.yml")
    summary = import_export(config, EXPORTS / "generic.csv")
    site = hub.build(as_of=AS_OF)
    page = Page(site / "results" / "index.html")

    assert sum(numbers(page.tables["By network"]).values()) == summary.visits == 43
    assert numbers(page.tables["By network"]) == {"linkedin": 34, "bluesky": 4, "x": 3,
                                                  "whatsapp": 2}
    assert numbers(page.tables["By campaign"]) == {"spring-hiring-2027": 32, "impact-report": 11}
    assert numbers(page.tables["Top items"]) == {"Hiring data engineers in Lyon": 32,
                                                 "Our impact report": 11}
    assert numbers(page.tables["By department"]) == {"engineering": 32, "Everyone": 11}
    assert sum(numbers(page.tables["Visits over time"]).values()) == 43
    assert "../posts/lyon/" in page.links  # top items link to their pages
    assert "By tag" not in page.tables  # no per-employee figures by default
    assert "ada" not in (site / "results" / "index.html").read_text("utf-8")

    # One SVG per table, present, drawn from the same data, and inert.
    assert len(page.images) == len(page.tables) == 5
    for image in page.images:
        svg_path = (site / "results" / image["src"]).resolve()
        assert svg_path.is_file(), image["src"]
        assert image["alt"].startswith("Chart:")
        check_inert_svg(svg_path)
    network_svg = (site / "assets/sharehub/results/visits-by-network.svg").read_text("utf-8")
    assert "linkedin" in network_svg and "34" in network_svg


def check_inert_svg(path: Path) -> None:
    text = path.read_text("utf-8")
    root = ET.fromstring(text)
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        assert name not in ("script", "foreignObject", "image", "a", "iframe", "use") or (
            name == "use" and all(v.startswith("#") for k, v in element.attrib.items()
                                  if k.endswith("href")))
        for key, value in element.attrib.items():
            assert not key.lower().startswith("on"), (path.name, key)
            if key.endswith("href"):
                assert value.startswith("#"), (path.name, value)
    for ref in re.findall(r"url\(([^)]*)\)", text):
        assert ref.startswith("#"), (path.name, ref)


def test_imported_shares_appear_on_the_results_page(tmp_path):
    hub = results_hub(tmp_path)
    import_export(load_hub(hub.root / "mkdocs.yml"), EXPORTS / "shares.csv")
    site = hub.build(as_of=AS_OF)
    page = Page(site / "results" / "index.html")
    assert numbers(page.tables["Shares by network"]) == {"linkedin": 8, "x": 3, "whatsapp": 1}
    # Events name items by slug (fallback script) or page path (the share composer).
    assert numbers(page.tables["Shares by item"]) == {"Hiring data engineers in Lyon": 8,
                                                      "Our impact report": 4}
    assert "../posts/lyon/" in page.links
    assert "By network" not in page.tables  # no visits imported: no visit charts
    for image in page.images:
        check_inert_svg((site / "results" / image["src"]).resolve())


def test_no_stats_no_results_page(tmp_path):
    hub = results_hub(tmp_path)
    site = hub.build(as_of=AS_OF)
    assert not (site / "results").exists()
    assert not (site / "assets" / "sharehub" / "results").exists()
    assert "Results" not in (site / "index.html").read_text("utf-8")


def test_tags_appear_only_when_the_owner_opts_in(tmp_path):
    hub = results_hub(tmp_path, extra="      results: {leaderboard: tags}\n")
    import_export(load_hub(hub.root / "mkdocs.yml"), EXPORTS / "generic.csv")
    page = Page(hub.build(as_of=AS_OF) / "results" / "index.html")
    assert numbers(page.tables["By tag"]) == {"ada": 20, "grace": 3, "team-lyon": 2}


def test_hostile_campaigns_and_titles_stay_text(tmp_path):
    hub = results_hub(tmp_path)
    hub.add("posts/hostile.md", item_md("Tom & Jerry \"quoted\" javascript:alert(1)",
                                        url="https://example.com/h", campaign="hostile",
                                        publish="2027-02-01T09:00:00+01:00"))
    export = tmp_path / "hostile.csv"
    export.write_text("date,utm_source,utm_medium,utm_campaign,visits\n"
                      "2027-03-01,linkedin,employee_advocacy,hostile,5\n"
                      "2027-03-01,\"<img src=x onerror=alert(1)>\",employee_advocacy,"
                      "\"<script>alert(1)</script>x\",3\n", "utf-8")
    import_export(load_hub(hub.root / "mkdocs.yml"), export)
    site = hub.build(as_of=AS_OF)
    page = Page(site / "results" / "index.html", only='<div class="sh-report">')
    assert {tag for tag, _a in page.tags} <= {"div", "p", "strong", "h2", "a", "figure", "img",
                                             "figcaption", "table", "caption", "thead", "tbody",
                                             "tr", "th", "td"}
    assert not any(k.startswith("on") for _tag, a in page.tags for k in a)
    assert all(a["src"].endswith(".svg") and not a["src"].startswith(("http", "//"))
               for tag, a in page.tags if tag == "img")
    campaigns = numbers(page.tables["By campaign"])
    assert sum(campaigns.values()) == 8 and not any("<" in name for name in campaigns)
    assert numbers(page.tables["Top items"])["Tom & Jerry \"quoted\" javascript:alert(1)"] == 5
    for svg in (site / "assets/sharehub/results").iterdir():
        check_inert_svg(svg)


def test_contributors_from_a_promoted_suggestion(tmp_path, monkeypatch):
    root = tmp_path / "hub"
    hub = Hub(root, extra="      contributors: {opt_out: [Rosalind Franklin]}\n")
    repo = git.Repo.init(root, initial_branch="main")
    with repo.config_writer() as cfg:
        cfg.set_value("user", "name", "Ada Lovelace")
        cfg.set_value("user", "email", "ada@example.com")
        cfg.set_value("commit", "gpgsign", "false")
    (root / "suggestions").mkdir()
    (root / "suggestions" / "2027-01-05-cold-chain.md").write_text(item_md(
        "Cold chain tracker", url="https://example.com/cold-chain",
        suggested_by="Grace Hopper <grace@example.com>", status="suggested"), "utf-8")
    (root / "suggestions" / "2027-01-06-quiet.md").write_text(item_md(
        "A quiet contribution", url="https://example.com/quiet",
        suggested_by="Rosalind Franklin <rosalind@example.com>", status="suggested"), "utf-8")
    (root / "suggestions" / "2027-01-07-address.md").write_text(item_md(
        "From an address only", url="https://example.com/address",
        suggested_by="<anon@example.com>", status="suggested"), "utf-8")
    hub.add("posts/scheduled.md", item_md("Not yet live", url="https://example.com/later",
                                          suggested_by="Linus Example <linus@example.com>",
                                          publish="2030-01-01T09:00:00+01:00"))
    repo.git.add("--all")
    repo.git.commit("-m", "hub and suggestions")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["promote", "suggestions/2027-01-05-cold-chain.md",
                                       "suggestions/2027-01-06-quiet.md",
                                       "suggestions/2027-01-07-address.md",
                                       "--publish", "2026-01-01T09:00", "--commit"])
    assert result.exit_code == 0, result.output

    site = hub.build(as_of=AS_OF)
    html = (site / "contributors" / "index.html").read_text("utf-8")
    page = Page(site / "contributors" / "index.html")
    suggested = [t for name, t in page.tables.items() if name.startswith("Suggested")]
    reviewed = [t for name, t in page.tables.items() if name.startswith("Reviewed")]
    assert [row[:2] for row in suggested[0]] == [["Grace Hopper", "1"]]
    assert suggested[0][0][2] == "Cold chain tracker"
    assert [row[:2] for row in reviewed[0]] == [["Ada Lovelace", "3"]]
    assert "../posts/2027-01-05-cold-chain/" in page.links
    assert "@" not in html.split('<article', 1)[1].split("</article>", 1)[0]  # no e-mail address
    assert "Rosalind" not in html  # opted out
    assert "Linus" not in html and "Not yet live" not in html  # not published yet
