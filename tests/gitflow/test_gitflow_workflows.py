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
    run = subprocess.run([zizmor, "--offline", "--no-progress", str(GITHUB / "workflows")],
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
