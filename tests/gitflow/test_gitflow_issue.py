"""--from-issue-body: GitHub issue-form bodies are data, never code or markup."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown

import pytest
import yaml
from click.testing import CliRunner
from support.fixtures import expectation, fixtures_in
from support.gitflow import FIXTURES

from sharehub.cli import main
from sharehub.content.loader import read_document
from sharehub.workflow.issueform import ISSUE_FIELDS, parse_issue_form
from sharehub.content.validate import check_paths

ISSUES = fixtures_in(FIXTURES / "issues", "*.md")
FORM = Path(__file__).parents[2] / ".github" / "ISSUE_TEMPLATE" / "suggest-content.yml"


@pytest.mark.parametrize("body", ISSUES, ids=[p.stem for p in ISSUES])
def test_issue_body_becomes_an_inert_suggestion(hub_repo, body):
    expect = expectation(body)
    result = CliRunner().invoke(main, ["suggest", "--from-issue-body", str(body), "--no-fetch",
                                       "--no-commit", "--title", "", "--suggested-by", "@octo-cat"])
    if "error" in expect:
        assert result.exit_code == 1
        assert expect["error"] in result.output and "Traceback" not in result.output
        assert not list((hub_repo.root / "suggestions").glob("20*.md"))
        return
    if not expect["title"]:  # the form left the title empty and nothing was fetched
        assert result.exit_code == 1 and "no title" in result.output
        return
    assert result.exit_code == 0, result.output
    [path] = list((hub_repo.root / "suggestions").glob("20*.md"))
    doc = read_document(path)
    meta = doc.meta
    assert meta["url"] == expect["url"]
    assert meta["title"] == expect["title"]
    assert meta["suggested_by"] == "@octo-cat"
    text = meta.get("share", {}).get("default", "")
    if "text" in expect:
        assert text == expect["text"]
    for piece in expect.get("text_contains", []):
        assert piece in text
    shown = html.unescape(re.sub(r"<[^>]*>", "", markdown.markdown(doc.body)))
    for piece in expect["why_contains"]:
        assert piece in shown  # as a reader of the hub sees the talking points
    assert meta.get("topics", []) == expect["topics"]
    assert meta.get("departments", []) == expect["departments"]
    assert meta.get("kind", "news") == (expect["kind"] or "news")
    # Nothing in the file can run: no tags, no live links, no shell side effects.
    raw = path.read_text()
    assert "<script" not in raw and "<img" not in raw and "<a " not in raw
    assert "](javascript" not in raw
    assert not list(hub_repo.root.glob("pwned*"))
    assert set(meta) <= {"title", "url", "kind", "topics", "departments", "share", "status",
                         "suggested_by"}
    assert check_paths([path], hub_repo.hub).ok


def test_body_markup_renders_as_text(hub_repo):
    import markdown

    body = FIXTURES / "issues" / "markdown-injection.md"
    result = CliRunner().invoke(main, ["suggest", "--from-issue-body", str(body), "--no-fetch",
                                       "--no-commit"])
    assert result.exit_code == 0, result.output
    [path] = list((hub_repo.root / "suggestions").glob("20*.md"))
    rendered = markdown.markdown(read_document(path).body, extensions=["attr_list"])
    assert "<a" not in rendered and "<script" not in rendered and "<img" not in rendered
    assert "alert(3)" not in rendered  # a script's content is code, not text: dropped
    assert "&#123; onerror=alert(4) &#125;" in rendered  # not an attribute list
    assert "[click me](javascript:alert(1))" in rendered


def test_issue_form_labels_map_to_suggestion_fields():
    form = yaml.safe_load(FORM.read_text())
    labels = [e["attributes"]["label"] for e in form["body"] if e["type"] != "markdown"]
    body = "\n\n".join(f"### {label}\n\nvalue {i}" for i, label in enumerate(labels))
    parsed = parse_issue_form(body)
    assert set(parsed) == {"url", "title", "body", "text", "topics", "departments", "kind"}
    assert set(parsed) <= set(ISSUE_FIELDS.values())
    ids = {e.get("id") for e in form["body"]}
    assert "link" in ids  # the hub's "Suggest content" button prefills ?link=
    assert form["labels"] == ["suggestion"]  # suggest.yml only reacts to this label
