"""``sharehub feeds pull`` end to end: CLI, state, dedup, dry run, exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from support.feeds import NOW, rss, write_hub
from sharehub.cli import main
from sharehub.config import load_hub
from sharehub.feeds.pull import pull
from sharehub.feeds.state import STATE_FILE
from sharehub.content.loader import find_markdown


@pytest.fixture
def hub_dir(tmp_path, feed_server, monkeypatch):
    """A hub with one good feed (3 entries, ETag) and one 404 feed; cwd is the hub."""
    name = tmp_path.name
    good = feed_server.add(f"/{name}/good.xml", rss(("Alpha launch", "/a"), ("Beta news", "/b"),
                                                     ("Gamma internal memo", "/c"),
                                                     base=feed_server.base),
                           content_type="application/rss+xml", etag=True)
    write_hub(tmp_path, [{"name": "good", "url": good, "topics": ["company"],
                          "departments": ["sales"], "kind": "story"},
                         {"name": "broken", "url": feed_server.url(f"/{name}/missing.xml")}])
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    result = CliRunner().invoke(main, ["feeds", "pull", "--timeout", "2", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def drafts(root):
    return sorted(p.name for p in find_markdown([root / "suggestions"]))


def test_pull_writes_drafts_reports_each_feed_and_fails_for_the_broken_one(hub_dir):
    result = run()
    assert result.exit_code == 1
    lines = result.stdout.splitlines()  # the report is on stdout (see support.feeds._QuietServer)
    assert "good: 3 new, 0 skipped" in lines
    assert any(line.startswith("broken: failed: HTTP 404") for line in lines)
    assert lines[-1] == "3 drafts written; 2 feeds, 1 failed"
    assert len(drafts(hub_dir)) == 3
    text = (hub_dir / "suggestions" / [d for d in drafts(hub_dir) if "alpha" in d][0]).read_text()
    assert "kind: story" in text and "- company" in text and "- sales" in text
    # The drafts pass `sharehub check`.
    check = CliRunner().invoke(main, ["check"])
    assert check.exit_code == 0, check.output
    assert "0 errors" in check.output


def test_only_the_named_feed_is_pulled_and_exit_code_is_0(hub_dir, feed_server):
    result = run("--feed", "good")
    assert result.exit_code == 0, result.output
    assert "broken" not in result.output


def test_unknown_feed_name_is_one_line_and_exit_1(hub_dir):
    result = run("--feed", "nope")
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: ") and line.endswith(
        "mkdocs.yml: plugins.sharehub.feeds: no feed named 'nope'; configured: broken, good")


def test_second_pull_writes_nothing_and_sends_conditional_request(hub_dir, feed_server):
    run("--feed", "good")
    state_before = (hub_dir / "suggestions" / STATE_FILE).read_text()
    stamps = {p: p.stat().st_mtime_ns for p in (hub_dir / "suggestions").glob("*.md")}
    result = run("--feed", "good")
    assert result.exit_code == 0
    assert "good: nothing new (not modified since the last pull)" in result.output
    assert "0 drafts written" in result.output
    assert {p: p.stat().st_mtime_ns for p in (hub_dir / "suggestions").glob("*.md")} == stamps
    assert (hub_dir / "suggestions" / STATE_FILE).read_text() == state_before
    last = feed_server.hits(f"/{hub_dir.name}/good.xml")[-1]
    assert last.get("If-None-Match")


def test_deleted_draft_does_not_come_back_even_without_304(hub_dir, feed_server):
    run("--feed", "good")
    rejected = [p for p in (hub_dir / "suggestions").glob("*.md") if "beta" in p.name][0]
    rejected.unlink()
    # Feed changes (new ETag): a fourth entry appears, the rejected one is still listed.
    feed_server.add(f"/{hub_dir.name}/good.xml",
                    rss(("Alpha launch", "/a"), ("Beta news", "/b"), ("Gamma internal memo", "/c"),
                        ("Delta", "/d"), base=feed_server.base),
                    content_type="application/rss+xml", etag=True)
    result = run("--feed", "good")
    assert "good: 1 new, 3 skipped (3 seen before)" in result.output
    assert not rejected.exists()
    assert len(drafts(hub_dir)) == 3


def test_dry_run_writes_nothing_not_even_state(hub_dir):
    result = run("--dry-run")
    assert result.exit_code == 1  # the broken feed still fails
    assert "3 drafts would be written" in result.output
    assert "would write suggestions/" in result.output
    assert list((hub_dir / "suggestions").iterdir()) == []


def test_existing_file_is_never_overwritten(hub_dir):
    mine = hub_dir / "suggestions" / f"{NOW:%Y-%m-%d}-alpha-launch.md"
    mine.write_text("hand-written, not front matter", encoding="utf-8")
    hub = load_hub("mkdocs.yml")
    report = pull(hub, names=["good"], now=NOW)
    assert report.ok
    assert mine.read_text(encoding="utf-8") == "hand-written, not front matter"
    assert f"{NOW:%Y-%m-%d}-alpha-launch-2.md" in drafts(hub_dir)
    assert not [p for p in (hub_dir / "suggestions").iterdir() if p.name.endswith(".tmp")]


def test_entry_already_in_content_is_skipped(hub_dir, feed_server):
    (hub_dir / "content" / "alpha.md").write_text(
        f"---\ntitle: Alpha\nurl: {feed_server.base}/a/?utm_source=x\n---\n", encoding="utf-8")
    result = run("--feed", "good")
    assert "good: 2 new, 1 skipped (1 already in the hub)" in result.output


def test_include_exclude_and_max_items(tmp_path, feed_server, monkeypatch):
    url = feed_server.add(f"/{tmp_path.name}/f.xml",
                          rss(("Product launch", "/p1"), ("Launch party (internal)", "/p2"),
                              ("Other launch", "/p3"), ("Unrelated", "/p4"), ("Big LAUNCH", "/p5"),
                              base=feed_server.base))
    write_hub(tmp_path, [{"name": "f", "url": url, "include": ["launch"],
                          "exclude": ["Internal"], "max_items": 2}])
    hub = load_hub(tmp_path / "mkdocs.yml")
    first = pull(hub, now=NOW).feeds[0]
    assert (len(first.new), first.skipped) == (2, {"filtered out": 2,
                                                   "over max_items (next pull)": 1})
    second = pull(hub, now=NOW).feeds[0]  # the one over max_items comes next time
    assert [p.name for p in second.new] == [f"{NOW:%Y-%m-%d}-big-launch.md"]


def test_one_feed_timing_out_does_not_stop_the_others(tmp_path, feed_server, test_limits):
    slow = feed_server.add(f"/{tmp_path.name}/slow.xml", rss(("Slow", "/s"), base=feed_server.base),
                           delay=2)
    fast = feed_server.add(f"/{tmp_path.name}/fast.xml", rss(("Fast", "/f"), base=feed_server.base))
    write_hub(tmp_path, [{"name": "slow", "url": slow}, {"name": "fast", "url": fast},
                         {"name": "dns", "url": "http://no-such-host.invalid/feed"}])
    report = pull(load_hub(tmp_path / "mkdocs.yml"), limits=test_limits, now=NOW)
    results = {r.name: r for r in report.feeds}
    assert "timed out" in results["slow"].failed
    assert "cannot connect" in results["dns"].failed
    assert len(results["fast"].new) == 1 and results["fast"].ok
    assert not report.ok
    assert [r.name for r in report.feeds] == ["slow", "fast", "dns"]  # config order


def test_no_feeds_configured_is_an_error(tmp_path, monkeypatch):
    write_hub(tmp_path, [])
    monkeypatch.chdir(tmp_path)
    result = run()
    assert result.exit_code == 1
    assert "mkdocs.yml: plugins.sharehub.feeds: no feeds configured" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_corrupt_state_file_is_one_line_error(hub_dir):
    (hub_dir / "suggestions" / STATE_FILE).write_text("{not json", encoding="utf-8")
    result = run()
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert STATE_FILE in result.output and "not valid JSON" in result.output


def test_state_records_validators_and_what_was_seen(hub_dir, feed_server):
    run("--feed", "good")
    state = json.loads((hub_dir / "suggestions" / STATE_FILE).read_text())
    good = state["feeds"]["good"]
    assert good["etag"].startswith('"')
    assert good["urls"] == sorted(f"{feed_server.base}/{c}" for c in "abc")
    # The state file is hidden from check and from the drafts listing.
    assert STATE_FILE not in drafts(hub_dir)


def test_feeds_help_has_examples():
    for args in (["feeds", "--help"], ["feeds", "pull", "--help"], ["feeds", "push", "--help"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0 and "Example:" in result.output
