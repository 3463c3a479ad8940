"""``.github/workflows/feeds.yml``: least privilege, no token where feeds are read, and its
steps run for real against a bare ``origin``.

GitHub itself cannot run here: the steps' own shell scripts are run with
bash in a clone (as the checkout step leaves it), with a stand-in ``gh`` on
PATH that answers ``repo view`` and ``pr list`` and records ``pr create``.
Everything else (sharehub, git, the pushes) is real.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from support.feeds import branch_files, clone, git, hub_repository, rss

WORKFLOW = Path(__file__).parents[2] / ".github" / "workflows" / "feeds.yml"
FAKE_GH = """#!/bin/sh
# Stand-in for the GitHub CLI (GitHub cannot run in the tests).
echo "$*" >> "$GH_LOG"
case "$1 $2" in
  "auth setup-git") ;;
  "repo view") echo main ;;
  "pr list") cat "$GH_OPEN" ;;
  "pr create") echo 1 > "$GH_OPEN"; echo https://github.com/northwind/hub/pull/1 ;;
  *) echo "unexpected gh $*" >&2; exit 1 ;;
esac
"""


def steps() -> list[dict]:
    (job,) = yaml.safe_load(WORKFLOW.read_text())["jobs"].values()
    return job["steps"]


def test_only_the_push_step_holds_the_token():
    flow = yaml.safe_load(WORKFLOW.read_text())
    assert flow["permissions"] == {}
    (job,) = flow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert "GH_TOKEN" not in str(job.get("env", {}))
    pull, push = steps()[-2:]
    assert pull["run"].strip() == "sharehub feeds pull --commit" and "env" not in pull
    assert push["env"] == {"GH_TOKEN": "${{ github.token }}"}
    assert "sharehub feeds push" in push["run"] and "sharehub feeds pull" not in push["run"]
    assert WORKFLOW.read_text().count("github.token") == 1 and "secrets." not in \
        WORKFLOW.read_text()
    checkout = steps()[0]
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}


def test_zizmor_pedantic_finds_nothing():
    zizmor = shutil.which("zizmor")
    assert zizmor, "zizmor is a test dependency (pip install -e '.[test]')"
    run = subprocess.run([zizmor, "--offline", "--no-progress", "--persona", "pedantic",
                          str(WORKFLOW)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "No findings" in run.stdout, run.stdout + run.stderr


@pytest.fixture
def night(tmp_path, feed_server):
    """``night(name) -> gh calls``: one scheduled run in a fresh checkout."""
    url = feed_server.add(f"/{tmp_path.name}/news.xml",
                          rss(("Alpha launch", "/a"), base="https://e.com"))
    origin = hub_repository(tmp_path, [{"name": "news", "url": url}])
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH)
    (bin_dir / "gh").chmod(0o755)
    (tmp_path / "open-prs").write_text("0\n")
    job_env = yaml.safe_load(WORKFLOW.read_text())["jobs"]["pull"]["env"]

    def run_night(name: str) -> list[str]:
        checkout = clone(origin, tmp_path / name)
        log = tmp_path / f"{name}.gh"
        log.write_text("")
        env = {**os.environ, **job_env, "GH_TOKEN": "not-a-token", "GH_LOG": str(log),
               "GH_OPEN": str(tmp_path / "open-prs"), "GITHUB_REPOSITORY": "northwind/hub",
               "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
        for step in steps()[-2:]:
            done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=checkout, env=env,
                                  capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, f"{step['name']}: {done.stdout}{done.stderr}"
        return log.read_text().splitlines()

    run_night.origin = origin
    run_night.serve = lambda *items: feed_server.add(f"/{tmp_path.name}/news.xml",
                                                      rss(*items, base="https://e.com"))
    run_night.open_prs = tmp_path / "open-prs"
    return run_night


def test_nights_open_one_pull_request_and_a_closed_one_stays_closed(night):
    calls = night("night1")
    assert sum(c.startswith("pr create") for c in calls) == 1
    assert len(branch_files(night.origin, "feeds/inbox")) == 1

    night.serve(("Alpha launch", "/a"), ("Beta news", "/b"))
    calls = night("night2")  # the pull request is open: pushing updated it
    assert not [c for c in calls if c.startswith("pr create")]
    assert len(branch_files(night.origin, "feeds/inbox")) == 2

    git(night.origin, "branch", "-D", "feeds/inbox")  # closed, branch deleted
    night.open_prs.write_text("0\n")
    calls = night("night3")
    assert not [c for c in calls if c.startswith("pr ")]
    assert git(night.origin, "branch", "--list", "feeds/inbox") == ""
