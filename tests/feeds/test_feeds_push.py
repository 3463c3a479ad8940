"""``sharehub feeds pull --push``: drafts on one rolling branch, state on its own branch.

Real git repositories: a bare ``origin`` whose ``main`` holds a hub, fresh
clones as CI checkouts are, and the feeds served from 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from support.feeds import branch_files, clone, git, hub_repository, rss
from sharehub.cli import main

NEWS = [("Alpha launch", "/a"), ("Beta news", "/b")]
JOBS = [("We are hiring in Lyon", "/jobs/lyon")]


def run_in(folder: Path, *args: str):
    with contextlib.chdir(folder):
        result = CliRunner().invoke(main, ["feeds", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def titles(files: dict[str, str]) -> list[str]:
    return sorted(line.split(": ", 1)[1].strip("'\"") for text in files.values()
                  for line in text.splitlines() if line.startswith("title: "))


def state_on(origin: Path) -> dict:
    return json.loads(git(origin, "show", "sharehub/state:feeds.json"))


@pytest.fixture
def served(tmp_path, feed_server):
    """``served(name, items)`` serves a feed for this test; returns its URL."""
    def serve(name, items):
        return feed_server.add(f"/{tmp_path.name}/{name}.xml", rss(*items, base="https://e.com"))
    return serve


@pytest.fixture
def origin(tmp_path, served):
    return hub_repository(tmp_path, [{"name": "news", "url": served("news", NEWS)},
                                     {"name": "jobs", "url": served("jobs", JOBS)}])


def test_first_push_proposes_drafts_on_the_rolling_branch_and_records_the_state(tmp_path,
                                                                               origin):
    checkout = clone(origin, tmp_path / "ci")
    result = run_in(checkout, "pull", "--push")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "news: 2 new, 0 skipped" in lines and "jobs: 1 new, 0 skipped" in lines
    assert sum(line.startswith("  proposed suggestions/") for line in lines) == 3
    assert lines[-2:] == ["pushed feeds/inbox: 3 new drafts", "pushed sharehub/state"]

    drafts = branch_files(origin, "feeds/inbox")
    assert titles(drafts) == ["Alpha launch", "Beta news", "We are hiring in Lyon"]
    assert all("status: draft" in text for text in drafts.values())
    assert git(origin, "rev-parse", "feeds/inbox^") == git(origin, "rev-parse", "main")
    state = state_on(origin)
    assert state["feeds"]["news"]["urls"] == ["https://e.com/a", "https://e.com/b"]
    assert state["feeds"]["jobs"]["urls"] == ["https://e.com/jobs/lyon"]
    # The state branch shares no history with main and never enters a pull request.
    assert subprocess.run(["git", "merge-base", "main", "sharehub/state"], cwd=origin,
                          capture_output=True).returncode == 1
    assert git(origin, "ls-tree", "--name-only", "sharehub/state").split() == [
        "README.md", "feeds.json"]
    # The checkout itself is untouched.
    assert git(checkout, "status", "--porcelain", "--untracked-files=all") == ""


def test_closed_pull_request_brings_nothing_back_and_a_new_entry_comes_alone(tmp_path, origin,
                                                                            served):
    assert run_in(clone(origin, tmp_path / "night1"), "pull", "--push").exit_code == 0
    git(origin, "branch", "-D", "feeds/inbox")  # the pull request was closed, its branch deleted

    result = run_in(clone(origin, tmp_path / "night2"), "pull", "--push")
    assert result.exit_code == 0, result.output
    assert "news: 0 new, 2 skipped (2 seen before)" in result.stdout
    assert "nothing new for feeds/inbox" in result.stdout
    assert git(origin, "branch", "--list", "feeds/inbox") == ""

    served("news", NEWS + [("Gamma opens", "/g")])
    result = run_in(clone(origin, tmp_path / "night3"), "pull", "--push")
    assert result.exit_code == 0, result.output
    assert titles(branch_files(origin, "feeds/inbox")) == ["Gamma opens"]
    assert git(origin, "rev-parse", "feeds/inbox^") == git(origin, "rev-parse", "main")


def test_next_night_adds_to_the_open_pull_request(tmp_path, origin, served):
    run_in(clone(origin, tmp_path / "night1"), "pull", "--push")
    first = git(origin, "rev-parse", "feeds/inbox")
    served("jobs", JOBS + [("We are hiring in Oslo", "/jobs/oslo")])
    result = run_in(clone(origin, tmp_path / "night2"), "pull", "--push")
    assert result.exit_code == 0, result.output
    assert git(origin, "rev-parse", "feeds/inbox^") == first  # the same branch, one more commit
    assert len(branch_files(origin, "feeds/inbox")) == 4


def test_two_runs_at_once_both_land_their_state_and_drafts(tmp_path, origin):
    """Run A commits first and pushes last: its pushes are refused, then merged."""
    a, b = clone(origin, tmp_path / "a"), clone(origin, tmp_path / "b")
    assert run_in(a, "pull", "--commit", "--feed", "news").exit_code == 0
    assert run_in(b, "pull", "--push", "--feed", "jobs").exit_code == 0
    result = run_in(a, "push")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["pushed feeds/inbox: 2 new drafts",
                                          "pushed sharehub/state"]
    assert sorted(state_on(origin)["feeds"]) == ["jobs", "news"]
    assert titles(branch_files(origin, "feeds/inbox")) == [
        "Alpha launch", "Beta news", "We are hiring in Lyon"]


def test_two_runs_of_the_same_feed_propose_each_draft_once(tmp_path, origin):
    a, b = clone(origin, tmp_path / "a"), clone(origin, tmp_path / "b")
    run_in(a, "pull", "--commit", "--feed", "news")
    run_in(b, "pull", "--push", "--feed", "news")
    result = run_in(a, "push")
    assert result.exit_code == 0, result.output
    assert sum("(another run proposed it already)" in line
               for line in result.stdout.splitlines()) == 2
    assert "nothing new for feeds/inbox" in result.stdout
    assert titles(branch_files(origin, "feeds/inbox")) == ["Alpha launch", "Beta news"]


def test_concurrent_processes_both_land_their_state(tmp_path, origin):
    checkouts = [clone(origin, tmp_path / name) for name in ("p1", "p2")]
    runs = [subprocess.Popen([sys.executable, "-m", "sharehub", "feeds", "pull", "--push",
                              "--feed", feed], cwd=checkout, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
            for checkout, feed in zip(checkouts, ("news", "jobs"))]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sorted(state_on(origin)["feeds"]) == ["jobs", "news"]
    assert titles(branch_files(origin, "feeds/inbox")) == [
        "Alpha launch", "Beta news", "We are hiring in Lyon"]


def test_commit_needs_no_remote_and_push_sends_it_later(tmp_path, origin):
    """The CI split: the step that reads feeds has no token; the next one pushes."""
    checkout = clone(origin, tmp_path / "ci")
    away = origin.rename(tmp_path / "unreachable.git")
    result = run_in(checkout, "pull", "--commit")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "run `sharehub feeds push` to push them"
    away.rename(origin)
    assert branch_files(origin, "feeds/inbox") == {}
    result = run_in(checkout, "push")
    assert result.exit_code == 0, result.output
    assert len(branch_files(origin, "feeds/inbox")) == 3
    assert sorted(state_on(origin)["feeds"]) == ["jobs", "news"]
    again = run_in(checkout, "push")
    assert again.stdout.splitlines()[0] == "nothing new for feeds/inbox"


def test_state_of_local_pulls_is_taken_over(tmp_path, origin):
    """A hub that committed suggestions/.sharehub-feeds.json keeps what it had seen."""
    seed = tmp_path / "seed"
    assert run_in(seed, "pull", "--feed", "news").exit_code == 0  # the old way: files in main
    git(seed, "add", "suggestions")
    git(seed, "commit", "--quiet", "-m", "Drafts")
    git(seed, "push", "--quiet", "origin", "main")
    result = run_in(clone(origin, tmp_path / "ci"), "pull", "--push")
    assert result.exit_code == 0, result.output
    assert "news: 0 new, 2 skipped (2 seen before)" in result.stdout
    inbox, main_files = branch_files(origin, "feeds/inbox"), branch_files(origin, "main")
    proposed = {name: text for name, text in inbox.items() if name not in main_files}
    assert titles(proposed) == ["We are hiring in Lyon"]


def test_push_without_a_remote_is_one_line(tmp_path, origin):
    checkout = clone(origin, tmp_path / "ci")
    git(checkout, "remote", "remove", "origin")
    result = run_in(checkout, "push")
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line == "Error: run_state.remote: no remote named 'origin' to push to"


def test_commits_not_yet_pushed_are_kept_and_pushed_together(tmp_path, origin, served):
    checkout = clone(origin, tmp_path / "ci")
    run_in(checkout, "pull", "--commit", "--feed", "news")
    served("news", NEWS + [("Gamma opens", "/g")])
    run_in(checkout, "pull", "--commit", "--feed", "news")
    result = run_in(checkout, "push")
    assert result.stdout.splitlines()[0] == "pushed feeds/inbox: 3 new drafts"
    assert git(origin, "rev-parse", "feeds/inbox^") == git(origin, "rev-parse", "main")
    assert titles(branch_files(origin, "feeds/inbox")) == ["Alpha launch", "Beta news",
                                                           "Gamma opens"]


def test_a_replayed_draft_whose_name_is_taken_gets_a_free_one(tmp_path, served):
    origin = hub_repository(tmp_path, [
        {"name": "news", "url": served("news", [("Alpha launch", "/a")])},
        {"name": "blog", "url": served("blog", [("Alpha launch", "/blog/alpha")])}])
    a, b = clone(origin, tmp_path / "a"), clone(origin, tmp_path / "b")
    run_in(a, "pull", "--commit", "--feed", "news")
    run_in(b, "pull", "--push", "--feed", "blog")
    assert run_in(a, "push").exit_code == 0
    files = branch_files(origin, "feeds/inbox")
    taken, renamed = sorted(files, key=len)  # same title, same day: the replayed one moves
    assert renamed == taken.removesuffix(".md") + "-2.md"
    assert sorted(line for text in files.values() for line in text.splitlines()
                  if line.startswith("url: ")) == ["url: https://e.com/a",
                                                   "url: https://e.com/blog/alpha"]
