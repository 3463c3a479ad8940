"""The CLI as a user meets it: help everywhere, one-line errors, formats, schema."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sharehub.cli import main

ROOT = Path(__file__).parents[2]


def all_commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))


@pytest.mark.parametrize("path, command", list(all_commands(main)),
                         ids=[" ".join(p) for p, _ in all_commands(main)])
def test_every_command_has_help_with_an_example(path, command):
    assert command.help and command.help.strip(), f"{' '.join(path)} has no help text"
    result = CliRunner().invoke(main, [*path, "-h"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    if not isinstance(command, click.Group):
        assert "Example:" in result.output, f"{' '.join(path)} help has no Example: block"


def test_contract_commands_exist():
    names = {" ".join(p) for p, _ in all_commands(main)}
    assert {"check", "links", "build", "serve", "schema"} <= names


@pytest.fixture
def hub(tmp_path, monkeypatch):
    (tmp_path / "content" / "posts").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test hub\ndocs_dir: content\nplugins: [sharehub]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_config_checks_content_and_suggestions(hub):
    write(hub / "content/posts/a.md", "---\ntitle: A\nurl: https://example.com/a\n---\n")
    write(hub / "suggestions/b.md", "---\ntitle: B\nurl: https://example.com/b\nstatus: draft\n---\n")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "2 files checked: 0 errors, 0 warnings" in result.output


def test_check_formats(hub):
    write(hub / "content/posts/bad.md", "---\ntitle: Bad, really\nurl: ftp://example.com/x\n---\n")
    text = CliRunner().invoke(main, ["check"])
    assert text.exit_code == 1
    assert text.output.splitlines()[0] == (
        "content/posts/bad.md:3: url: 'ftp://example.com/x' is not an http(s) URL: "
        "the scheme 'ftp:' is not allowed")
    as_json = CliRunner().invoke(main, ["check", "--format", "json"])
    data = json.loads(as_json.output)
    assert as_json.exit_code == 1 and data["errors"] == 1
    assert data["problems"][0]["field"] == "url" and data["problems"][0]["line"] == 3
    github = CliRunner().invoke(main, ["check", "--format", "github"])
    assert github.output.splitlines()[0] == (
        "::error file=content/posts/bad.md,line=3,title=sharehub%3A url::'ftp://example.com/x' "
        "is not an http(s) URL: the scheme 'ftp:' is not allowed")


def test_config_errors_are_one_line_without_traceback(hub):
    write(hub / "mkdocs.yml", "site_name: T\ndocs_dir: content\nplugins:\n  - sharehub:\n"
                              "      networks: [linkedin, myspace]\n")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: mkdocs.yml: ") and "myspace" in result.output
    assert len(result.output.strip().splitlines()) == 1
    missing = CliRunner().invoke(main, ["check", "-f", "nowhere.yml"])
    assert missing.exit_code == 1 and "nowhere.yml: no such file" in missing.output


def test_links_json_has_one_url_per_configured_network(hub):
    write(hub / "mkdocs.yml", "site_name: T\ndocs_dir: content\nplugins:\n  - sharehub:\n"
                              "      networks: [x, linkedin, email]\n")
    item = write(hub / "content/posts/a.md",
                 "---\ntitle: A & B\nurl: https://example.com/a?x=1#y\nshare: \"Hi & bye\"\n---\n")
    result = CliRunner().invoke(main, ["links", str(item), "--format", "json"])
    assert result.exit_code == 0, result.output
    links = json.loads(result.output)
    assert list(links) == ["x", "linkedin", "email"]
    assert links["x"] == ("https://x.com/intent/tweet?text=Hi%20%26%20bye&url=https%3A%2F%2F"
                          "example.com%2Fa%3Fx%3D1%26utm_source%3Dx%26utm_medium%3Demployee_advocacy"
                          "%26utm_campaign%3Da%23y")


def test_links_on_invalid_item_fails_with_the_check_message(hub):
    item = write(hub / "content/posts/a.md", "---\nurl: https://example.com/a\n---\n")
    result = CliRunner().invoke(main, ["links", str(item)])
    assert result.exit_code == 1
    assert "content/posts/a.md:1: title: required field is missing" in result.output


def test_schema_is_generated_from_the_model_and_validates_content():
    import jsonschema

    result = CliRunner().invoke(main, ["schema"])
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    good = {"title": "T", "url": "https://example.com", "kind": "job", "hashtags": ["a"],
            "share": {"linkedin": ["one", "two"], "x": "three"}}
    assert not list(validator.iter_errors(good))
    assert list(validator.iter_errors({"title": "T", "kind": "blog"}))
    assert list(validator.iter_errors({"title": "T", "share": {"twitter": "x"}}))
    assert list(validator.iter_errors({"url": "https://example.com"}))


def test_console_script_reports_bad_input_without_traceback(hub):
    write(hub / "content/posts/bad.md", "---\ntitle: [unclosed\n---\n")
    run = subprocess.run([sys.executable, "-m", "sharehub", "check"], capture_output=True,
                         text=True, cwd=hub)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stdout.startswith("content/posts/bad.md:3: invalid YAML: ")
    assert "starts on line 2" in run.stdout


def test_sample_hub_passes_check():
    result = subprocess.run([sys.executable, "-m", "sharehub", "check"], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 errors, 0 warnings" in result.stdout


def test_readme_lists_every_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    for path, command in all_commands(main):
        if isinstance(command, click.Group):
            continue
        assert f"`sharehub {' '.join(path)}" in readme, f"README lacks sharehub {' '.join(path)}"


def test_readme_gives_the_two_setup_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    assert blocks[0].endswith("sharehub serve")
    test_command = blocks[1].split("&&")[-1].strip()
    assert test_command in (ROOT / ".ci" / "run").read_text("utf-8")


@pytest.mark.parametrize("command", [["check"], ["build"]])
def test_deeply_nested_front_matter_is_one_line_not_a_crash(hub, command):
    # 60 KB, under the front-matter cap: libyaml's recursive composer used to segfault.
    write(hub / "content/posts/deep.md", "---\ntitle: Deep\nurl: https://example.com/deep\n"
          "share: " + "[" * 30_000 + "]" * 30_000 + "\n---\n")
    run = subprocess.run([sys.executable, "-m", "sharehub", *command], capture_output=True,
                         text=True, cwd=hub, timeout=120)
    assert run.returncode == 1, run.returncode  # not -11 (SIGSEGV)
    assert "Traceback" not in run.stdout + run.stderr
    assert "content/posts/deep.md:4: lists and mappings are nested more than 32 levels deep" \
        in run.stdout + run.stderr
