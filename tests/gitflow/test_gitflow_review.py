"""sharehub review: added, changed, moved and removed items; markdown safe for PR comments."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from sharehub.cli import main
from support.gitflow import FIXTURES

HOSTILE = """\
---
title: "Ping @octocat [x](javascript:alert(1))"
url: https://news.example.com/hostile
share:
  default: "Look ```` fenced ```` and `code` and @everyone guaranteed returns"
---
"""

LONG = """\
---
title: Long one
url: https://news.example.com/long
publish: 2099-01-01T09:00:00+01:00
share:
  x: "%s"
---
""" % ("word " * 70).strip()


def make_pull_request(hub_repo):
    """A branch that adds, changes, moves and removes items."""
    repo, root = hub_repo.repo, hub_repo.root
    (root / "suggestions" / "old.md").write_text(
        "---\ntitle: Old news\nurl: https://news.example.com/old\n---\n")
    (root / "suggestions" / "move-me.md").write_text(
        "---\ntitle: Moving\nurl: https://news.example.com/moving\n---\nSame body.\n")
    repo.git.add("--all")
    repo.git.commit("-m", "base items")
    repo.git.push("origin", "main")
    repo.git.switch("-c", "pr")
    (root / "suggestions" / "hostile.md").write_text(HOSTILE)
    (root / "suggestions" / "long.md").write_text(LONG)
    (root / "suggestions" / "html.md").write_text(  # invalid: HTML in the title
        '---\ntitle: "Hi <img src=x onerror=alert(1)>"\nurl: https://news.example.com/h\n---\n')
    (root / "suggestions" / "dup.md").write_text(
        "---\ntitle: Dup\nurl: https://news.example.com/warehouse?utm_medium=x\n---\n")
    warehouse = root / "content" / "posts" / "warehouse.md"
    warehouse.write_text(warehouse.read_text().replace("kind: news", "kind: story"))
    repo.git.mv("suggestions/move-me.md", "content/posts/move-me.md")
    repo.git.rm("suggestions/old.md")
    repo.git.add("--all")
    repo.git.commit("-m", "pull request")


def run_review(fmt):
    result = CliRunner().invoke(main, ["review", "--base", "origin/main", "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.output


def test_review_json_lists_every_kind_of_change(hub_repo):
    make_pull_request(hub_repo)
    report = json.loads(run_review("json"))
    changes = {e["path"]: e for e in report["entries"]}
    assert changes["suggestions/hostile.md"]["change"] == "added"
    assert changes["content/posts/warehouse.md"]["change"] == "changed"
    assert changes["content/posts/warehouse.md"]["changed_fields"] == ["kind"]
    assert changes["content/posts/move-me.md"]["change"] == "moved"
    assert changes["content/posts/move-me.md"]["old_path"] == "suggestions/move-me.md"
    assert changes["suggestions/old.md"]["change"] == "removed"
    assert changes["suggestions/old.md"]["title"] == "Old news"

    hostile = changes["suggestions/hostile.md"]
    assert hostile["banned"] == ["'guaranteed returns'"]
    x = next(n for n in hostile["networks"] if n["network"] == "x")["variants"][0]
    assert x["text"].endswith("#TestEmployee https://news.example.com/hostile?utm_source=x"
                              "&utm_medium=employee_advocacy&utm_campaign=hostile")
    assert x["href"].startswith("https://x.com/intent/tweet?text=")
    assert "x" in hostile["disclosure_added"]

    long = changes["suggestions/long.md"]
    x = next(n for n in long["networks"] if n["network"] == "x")["variants"][0]
    assert x["fits"] is False and x["limit"] == 280
    assert any("too long for x" in e["message"] for e in long["errors"])
    assert long["state"] == "scheduled" and long["publish"].startswith("2099-01-01 09:00")

    dup = changes["suggestions/dup.md"]
    assert dup["duplicates"] == ["content/posts/warehouse.md"]
    html = changes["suggestions/html.md"]
    assert html["errors"][0]["field"] == "title" and not html["networks"]
    assert report["errors"] >= 4


def test_review_markdown_is_inert(hub_repo):
    make_pull_request(hub_repo)
    text = run_review("markdown")
    assert "<img" not in text and "Hi &lt;img src=x onerror=alert\\(1\\)&gt;" in text
    # Nobody is pinged: mentions outside code blocks are broken (GitHub ignores code blocks).
    prose = re.sub(r"^(`{3,})text\n.*?\n\1$", "", text, flags=re.M | re.S)
    assert "@octocat" not in prose and "@everyone" not in prose
    assert "@\u200boctocat" in text
    assert "\\[x\\]\\(javascript:alert\\(1\\)\\)" in text  # not a link
    # The share text contains a 4-backtick run: its block needs a longer fence.
    block = re.search(r"^(`{5,})text\n(.*?)\n\1$", text, re.M | re.S)
    assert block and "```` fenced ````" in block.group(2)
    assert "❌" in text and "✅" in text
    assert "`` suggestions/move-me.md `` → `` content/posts/move-me.md ``" not in text
    assert "` suggestions/move-me.md ` → ` content/posts/move-me.md `" in text
    # Only our own tags: the details blocks.
    assert set(re.findall(r"<(/?[a-z]+)[\s>]", text)) <= {"details", "/details", "summary", "/summary"}


def test_review_without_changes_says_so(hub_repo):
    assert "No changes to content/ or suggestions/" in run_review("markdown")


def test_unknown_base_is_one_line_error(hub_repo):
    result = CliRunner().invoke(main, ["review", "--base", "origin/nope"])
    assert result.exit_code == 1 and "fetch it first" in result.output
    assert "Traceback" not in result.output


def test_review_table_keeps_hostile_names_and_titles_inert_in_github_markdown(hub_repo):
    """Rendered with cmark-gfm (GitHub's Markdown, tables and autolinks on)."""
    from urllib.parse import urlsplit

    import cmarkgfm
    from cmarkgfm.cmark import Options
    from support.fixtures import expectation

    fixture = FIXTURES / "review" / "table-breakout.md"
    expect = expectation(fixture)
    repo, root = hub_repo.repo, hub_repo.root
    repo.git.switch("-c", "pr")
    (root / "suggestions" / expect["file_name"]).write_text(fixture.read_text("utf-8"))
    repo.git.add("--all")
    repo.git.commit("-m", "hostile names")
    text = run_review("markdown")
    assert f"Reviewed commit ` {repo.head.commit.hexsha} `" in text

    rendered = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    rows = re.findall(r"<tr>(.*?)</tr>", rendered, re.S)
    assert len(rows) == 2  # header and the one file
    for row in rows:
        assert len(re.findall(r"<t[hd][ >]", row)) == expect["table_columns"], row
    links = re.findall(r'<a href="([^"]*)"', rendered)
    assert all(link.startswith(tuple(expect["allowed_link_prefixes"])) for link in links), links
    for bad in expect["never_link_to_host"]:  # as a link's host (share links carry the title)
        assert not [link for link in links if bad in (urlsplit(link).hostname or "")]
    assert "y | [click](https:evil.example) |.md" in rendered.replace("\\|", "|")
    # GitHub links "#1" to issue 1 after rendering, outside code: it must not appear there.
    prose = re.sub(r"<(pre|code)>.*?</\1>", "", rendered, flags=re.S)
    assert not re.search(r"(?<![\w&])" + re.escape(expect["no_issue_reference"]) + r"\b",
                         re.sub(r"<[^>]+>", "", prose))


def test_review_of_a_pull_request_commit_reads_its_files_as_data(hub_repo):
    """What pr-comment.yml does: the default branch's checkout reviews the PR's commit.

    The pull request also edits a review module and mkdocs.yml in its own tree;
    neither is used: the files are read from git objects, the checkout stays
    on main.
    """
    repo, root = hub_repo.repo, hub_repo.root
    repo.git.switch("-c", "pr")
    (root / "suggestions" / "html.md").write_text(
        '---\ntitle: "Hi <img src=x onerror=alert(1)>"\nurl: https://news.example.com/h\n---\n')
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text().replace(
        "banned_phrases: [guaranteed returns]", "banned_phrases: []"))
    fake = root / "tools" / "sharehub" / "workflow" / "review.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("def to_markdown(report):\n    return '✅ no errors'\n")
    repo.git.add("--all")
    repo.git.commit("-m", "a pull request that would like a clean review")
    pr_sha = repo.head.commit.hexsha
    repo.git.switch("main")  # the trusted checkout
    result = CliRunner().invoke(main, ["review", "--base", "main", "--head", pr_sha])
    assert result.exit_code == 0, result.output
    assert f"Reviewed commit ` {pr_sha} `" in result.output
    assert "❌ 1 error" in result.output and "HTML is not allowed here" in result.output
    assert not (root / "suggestions" / "html.md").exists()  # nothing was checked out
