"""``sharehub stats import``: every supported export from a sample file, idempotent merges."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.fixtures import expectation, fixtures_in

from sharehub.cli import main
from sharehub.config import default_hub
from sharehub.engage.formats import StatsError
from sharehub.engage.stats import import_export, load_shares, load_visits

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
GOOD = [p for p in fixtures_in(EXPORTS) if not p.name.startswith("bad-")]
BAD = [p for p in fixtures_in(EXPORTS) if p.name.startswith("bad-")]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def totals(rows, field: str, count: str = "visits") -> dict[str, int]:
    out: dict[str, int] = {}
    for row in rows:
        key = getattr(row, field)
        out[key] = out.get(key, 0) + getattr(row, count)
    return out


@pytest.mark.parametrize("export", GOOD, ids=[p.name for p in GOOD])
def test_export_formats(export, tmp_path):
    expect = expectation(export)
    hub = default_hub(tmp_path)
    summary = import_export(hub, export, expect["format"])
    assert (summary.rows, summary.kept, summary.visits) == (
        expect["rows"], expect["kept"], expect["visits"])
    assert summary.ignored == expect["ignored"]
    assert (summary.first, summary.last) == (expect["first"], expect["last"])
    kind = expect.get("kind", "visits")
    assert summary.kind == kind
    if kind == "shares":
        shares = load_shares(hub)
        assert load_visits(hub) == []
        assert totals(shares, "network", "shares") == expect["by_network"]
        assert totals(shares, "item", "shares") == expect["by_item"]
    else:
        rows = load_visits(hub)
        assert load_shares(hub) == []
        assert sum(r.visits for r in rows) == expect["visits"]
        assert totals(rows, "source") == expect["by_source"]
        assert totals(rows, "campaign") == expect["by_campaign"]
        assert {r.medium for r in rows} == {"employee_advocacy"}
        assert {r.content for r in rows} == {""}  # no tags kept without the owner's opt-in
    assert sorted(p.stem for p in (tmp_path / "stats" / kind).iterdir()) == expect["months"]

    # The same file again changes nothing, byte for byte.
    before = snapshot(tmp_path / "stats")
    again = import_export(hub, export, expect["format"])
    assert again.written == [] and len(again.unchanged) == len(expect["months"])
    assert snapshot(tmp_path / "stats") == before


@pytest.mark.parametrize("export", BAD, ids=[p.name for p in BAD])
def test_bad_exports_name_the_file_and_column(export, tmp_path):
    expect = expectation(export)
    hub = default_hub(tmp_path)
    with pytest.raises(StatsError) as caught:
        import_export(hub, export, expect["format"])
    message = str(caught.value)
    assert message.startswith(str(export))
    assert expect["error"] in message
    if "line" in expect:
        assert caught.value.line == expect["line"]
    assert not (tmp_path / "stats").exists()  # nothing half-imported

    cli = CliRunner().invoke(main, ["stats", "import", str(export), "--format",
                                    expect["format"], "-f", str(_config(tmp_path))])
    assert cli.exit_code == 1
    assert "Traceback" not in cli.output
    assert len(cli.output.strip().splitlines()) == 1 and expect["error"] in cli.output


def _config(root: Path, extra: str = "") -> Path:
    path = root / "mkdocs.yml"
    path.write_text("site_name: T\ndocs_dir: content\nplugins:\n  - sharehub:\n"
                    "      utm: {medium: employee_advocacy}\n" + extra, "utf-8")
    (root / "content").mkdir(exist_ok=True)
    return path


def test_overlapping_exports_replace_days_instead_of_adding(tmp_path):
    hub = default_hub(tmp_path)
    first = tmp_path / "first.csv"
    first.write_text("date,utm_source,utm_medium,utm_campaign,visits\n"
                     "2027-03-01,linkedin,employee_advocacy,spring,10\n"
                     "2027-03-02,linkedin,employee_advocacy,spring,5\n", "utf-8")
    later = tmp_path / "later.csv"  # re-exported: 2 March grew, 3 March is new
    later.write_text("date,utm_source,utm_medium,utm_campaign,visits\n"
                     "2027-03-02,linkedin,employee_advocacy,spring,8\n"
                     "2027-03-03,linkedin,employee_advocacy,spring,1\n", "utf-8")
    import_export(hub, first)
    import_export(hub, later)
    import_export(hub, first)
    by_day = {r.date: r.visits for r in load_visits(hub)}
    assert by_day == {"2027-03-01": 10, "2027-03-02": 5, "2027-03-03": 1}


def test_tags_are_kept_only_when_the_owner_opts_in(tmp_path):
    export = EXPORTS / "generic.csv"
    hub = default_hub(tmp_path, results={"leaderboard": "tags"})
    import_export(hub, export)
    tags = totals(load_visits(hub), "content")
    assert tags == {"ada": 20, "grace": 3, "team-lyon": 2, "": 18}


def test_cli_summary_and_dry_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _config(tmp_path)
    shutil.copy(EXPORTS / "generic.csv", tmp_path / "visits.csv")
    dry = CliRunner().invoke(main, ["stats", "import", "visits.csv", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "9 rows read, 7 kept (43 visits from 2027-03-01 to 2027-04-01)" in dry.output
    assert "2 rows ignored: utm_medium is not 'employee_advocacy'" in dry.output
    assert "would write stats/visits/2027-03.csv" in dry.output
    assert not (tmp_path / "stats").exists()
    real = CliRunner().invoke(main, ["stats", "import", "visits.csv"])
    assert "wrote stats/visits/2027-04.csv" in real.output
    again = CliRunner().invoke(main, ["stats", "import", "visits.csv"])
    assert "stats/ unchanged" in again.output


def test_single_day_export_takes_date_option(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _config(tmp_path)
    (tmp_path / "day.csv").write_text("label,nb_visits\nlinkedin - employee_advocacy - spring,4\n",
                                      "utf-8")
    refused = CliRunner().invoke(main, ["stats", "import", "day.csv", "--format", "matomo"])
    assert refused.exit_code == 1 and "pass --date" in refused.output
    done = CliRunner().invoke(main, ["stats", "import", "day.csv", "--format", "matomo",
                                     "--date", "2027-03-09"])
    assert done.exit_code == 0, done.output
    assert "from 2027-03-09 to 2027-03-09" in done.output


def test_hostile_values_are_stored_as_plain_text(tmp_path):
    attacks = (Path(__file__).resolve().parents[1] / "data" / "attack_strings.txt").read_text(
        "utf-8").splitlines()
    export = tmp_path / "hostile.csv"
    import csv
    with open(export, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["date", "utm_source", "utm_medium", "utm_campaign", "visits"])
        for attack in attacks:
            if attack.strip():
                out.writerow(["2027-03-01", "linkedin", "employee_advocacy", attack, 1])
    hub = default_hub(tmp_path)
    import_export(hub, export)
    for row in load_visits(hub):
        assert "<script" not in row.campaign.lower()
        assert "\n" not in row.campaign and len(row.campaign) <= 100
