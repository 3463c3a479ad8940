"""The GitHub workflows: zizmor clean, schema-valid, least privilege, pinned actions."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

GITHUB = Path(__file__).parents[2] / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def test_zizmor_finds_nothing():
    zizmor = shutil.which("zizmor")
    assert zizmor, "zizmor is a test dependency (pip install -e '.[test]')"
    run = subprocess.run([zizmor, "--persona", "pedantic", "--offline", "--no-progress",
                          str(GITHUB / "workflows")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings" in run.stdout


@pytest.mark.parametrize("schema, files", [
    ("vendor.github-workflows", WORKFLOWS),
    ("vendor.github-issue-forms", [GITHUB / "ISSUE_TEMPLATE" / "suggest-content.yml"]),
])
def test_files_match_their_json_schemas(schema, files):
    run = subprocess.run(["check-jsonschema", "--builtin-schema", schema, *map(str, files)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_security_rules(path):
    text = path.read_text()
    flow = yaml.safe_load(text)
    assert flow["permissions"] == {}  # nothing by default; each job asks
    triggers = flow.get(True, flow.get("on"))  # YAML 1.1 reads `on:` as True
    assert "pull_request_target" not in triggers
    for job in flow["jobs"].values():
        assert "permissions" in job
        for step in job.get("steps", []):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            if "run" in step:
                assert "${{" not in step["run"], f"expression inside run: in {path.name}"
            if "actions/checkout" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False
    for line in text.splitlines():
        if "uses:" in line and "@" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d", line), line


WRITES = {"write"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_jobs_are_named_documented_pinned_and_serialised(path):
    """Issue 8 §10: each permission says why, containers are pinned by digest,
    and every workflow that writes has a concurrency group."""
    text = path.read_text()
    flow = yaml.safe_load(text)
    writes = False
    for name, job in flow["jobs"].items():
        assert job.get("name"), f"{path.name}: job {name} has no name"
        writes |= bool(WRITES & set(job["permissions"].values()))
        image = (job.get("container") or {}).get("image", "") if isinstance(
            job.get("container"), dict) else job.get("container") or ""
        if image:
            assert re.fullmatch(r"[\w./:-]+@sha256:[0-9a-f]{64}", image), image
    for line in text.splitlines():  # every permission line carries its reason
        if re.fullmatch(r"\s+[a-z-]+: (read|write)(\s.*)?", line):
            assert " # " in line, f"{path.name}: undocumented permission: {line.strip()}"
    if writes:
        assert flow.get("concurrency", {}).get("group"), f"{path.name} writes without concurrency"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_the_token_is_only_where_git_push_or_gh_runs(path):
    flow = yaml.safe_load(path.read_text())
    assert "GH_TOKEN" not in (flow.get("env") or {})
    for job in flow["jobs"].values():
        assert "GH_TOKEN" not in (job.get("env") or {})
        for step in job.get("steps", []):
            if "GH_TOKEN" in (step.get("env") or {}):
                run = step.get("run", "")
                assert re.search(r"\bgh |git push", run), step.get("name")
                assert "sharehub check" not in run and "sharehub review" not in run \
                    and "sharehub suggest" not in run and "feeds pull" not in run, step.get("name")


def test_the_review_comment_runs_only_the_default_branchs_code():
    """pr-comment.yml posts what the default branch's code says about the PR's files."""
    flow = yaml.safe_load((GITHUB / "workflows" / "pr-comment.yml").read_text())
    steps = flow["jobs"]["comment"]["steps"]
    checkouts = {s["with"]["path"]: s["with"] for s in steps
                 if "actions/checkout" in s.get("uses", "")}
    assert "ref" not in checkouts["trusted"]  # the default branch
    assert checkouts["data"]["ref"] == "${{ github.event.workflow_run.head_sha }}"
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "pip install ./trusted" in runs and "pip install -e" not in runs
    assert "cp ../trusted/mkdocs.yml mkdocs.yml" in runs
    assert 'sharehub review --base "origin/$BASE" --head "$HEAD_SHA"' in runs
    assert "review.md" not in "".join(s.get("with", {}).get("name", "") for s in steps)
    # The artifact is read for the number only, never posted.
    assert "$ARTIFACT/review.md" not in runs
