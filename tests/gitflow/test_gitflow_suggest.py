"""sharehub suggest: page metadata, hostile pages, limits, duplicates, git hygiene."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.fixtures import expectation, fixtures_in
from support.gitflow import FIXTURES, status

from sharehub.cli import main
from sharehub.errors import SharehubError
from sharehub.content.loader import read_document
from sharehub.workflow.issueform import issue_form_url
from sharehub.workflow.suggest import suggest
from sharehub.content.validate import check_paths

PAGES = fixtures_in(FIXTURES / "pages", "*.html")


def page_expectation(path: Path, base: str) -> dict:
    """The page's sidecar expectation, with ``{base}`` made the test server's address."""
    return json.loads(json.dumps(expectation(path)).replace("{base}", base))


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_page_metadata_becomes_a_valid_plain_text_draft(hub_repo, web, page):
    expect = page_expectation(page, web)
    result = suggest(hub_repo.hub, f"{web}/{page.stem}", commit=False, timeout=5)
    meta = read_document(result.path).meta
    assert meta["title"] == expect["title"]
    assert meta.get("summary") == expect["summary"]
    assert meta.get("image") == expect["image"]
    assert meta["url"] == expect["url"]
    assert meta["status"] == "suggested"
    assert meta["suggested_by"] == "Ada Lovelace <ada@example.com>"
    text = result.path.read_text()
    assert "<script" not in text and "javascript:" not in text and "onerror" not in text
    assert check_paths([result.path], hub_repo.hub).ok


def test_suggest_branches_commits_only_its_file_and_keeps_a_dirty_tree(hub_repo, web):
    repo = hub_repo.repo
    (hub_repo.root / "notes.txt").write_text("unstaged edit\n")
    (hub_repo.root / "staged.txt").write_text("staged\n")
    repo.git.add("staged.txt")
    (hub_repo.root / "untracked.txt").write_text("untracked\n")
    before = status(repo)

    result = cli("suggest", f"{web}/og-full", "--topic", "logistics", "--push",
                 "--text", "Look at this!")
    assert result.exit_code == 0, result.output
    assert "suggest/northwind-opens-a-cold-chain-hub" in result.output

    assert repo.active_branch.name == "main"  # back where the user was
    assert status(repo) == before  # nothing of theirs lost, staged or committed
    branch = repo.heads["suggest/northwind-opens-a-cold-chain-hub"]
    changed = list(branch.commit.stats.files)
    assert len(changed) == 1 and changed[0].startswith("suggestions/")
    assert branch.commit.parents[0] == repo.heads.main.commit
    assert "suggest/northwind-opens-a-cold-chain-hub" in [h.name for h in hub_repo.origin.heads]
    blob = branch.commit.tree / changed[0]
    assert b"topics:\n- logistics" in blob.data_stream.read()


def test_stay_keeps_the_suggestion_branch_checked_out(hub_repo):
    result = cli("suggest", "https://example.org/a", "--title", "A", "--no-fetch", "--stay",
                 "--branch", "my-idea")
    assert result.exit_code == 0, result.output
    assert hub_repo.repo.active_branch.name == "my-idea"


def test_duplicate_link_is_refused_naming_the_file(hub_repo):
    before = status(hub_repo.repo)
    result = CliRunner().invoke(main, ["suggest", "https://NEWS.example.com/warehouse/?fbclid=1",
                                       "--title", "Again", "--no-fetch"])
    assert result.exit_code == 1
    assert "content/posts/warehouse.md" in result.output
    assert "Traceback" not in result.output
    assert status(hub_repo.repo) == before
    assert [h.name for h in hub_repo.repo.heads] == ["main"]


def test_existing_branch_is_refused_before_anything_is_written(hub_repo):
    hub_repo.repo.create_head("suggest/taken")
    result = CliRunner().invoke(main, ["suggest", "https://example.org/t", "--title", "Taken",
                                       "--no-fetch"])
    assert result.exit_code == 1 and "exists already" in result.output
    assert not list((hub_repo.root / "suggestions").glob("*-taken.md"))


def test_huge_page_is_cut_off_and_the_given_title_used(hub_repo, web):
    result = suggest(hub_repo.hub, f"{web}/huge", title="Huge", commit=False, timeout=10)
    assert any("larger than" in w for w in result.warnings)
    assert read_document(result.path).meta["title"] == "Huge"


def test_huge_page_without_title_is_a_clear_error(hub_repo, web):
    result = CliRunner().invoke(main, ["suggest", f"{web}/huge", "--no-commit"])
    assert result.exit_code == 1
    assert "no title" in result.output and "--title" in result.output
    assert not list((hub_repo.root / "suggestions").glob("20*.md"))


def test_page_that_never_answers_times_out_and_continues(hub_repo, web):
    result = suggest(hub_repo.hub, f"{web}/hang", title="Slow", commit=False, timeout=1)
    assert any("timed out" in w for w in result.warnings)
    assert result.path.exists()


def test_not_http_url_is_refused(hub_repo):
    result = CliRunner().invoke(main, ["suggest", "javascript:alert(1)", "--no-commit"])
    assert result.exit_code == 1 and "not an http(s) URL" in result.output


def test_no_git_identity_is_a_clear_error(hub_repo, monkeypatch, tmp_path):
    with hub_repo.repo.config_writer() as cfg:
        cfg.remove_option("user", "name")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    with pytest.raises(SharehubError, match="git identity"):
        suggest(hub_repo.hub, "https://example.org/x", title="X", fetch=False)


def test_issue_form_url_prefills_link_and_title():
    url = issue_form_url("https://github.com/northwind/share-hub.git",
                         link="https://example.com/a?b=1&c=2", title="Nice & new")
    assert url == ("https://github.com/northwind/share-hub/issues/new?template=suggest-content.yml"
                   "&link=https%3A%2F%2Fexample.com%2Fa%3Fb%3D1%26c%3D2&title=Suggest%3A%20Nice%20%26%20new")
    assert issue_form_url("https://gitlab.com/a/b") == ""
    assert issue_form_url(None) == ""
    assert "javascript" not in issue_form_url("https://github.com/a/b", link="javascript:alert(1)")


def test_public_only_refuses_local_pages_but_keeps_the_suggestion(hub_repo, web):
    result = CliRunner().invoke(main, ["suggest", f"{web}/og-full", "--title", "Local",
                                       "--public-only", "--no-commit"])
    assert result.exit_code == 0, result.output
    assert "private or local address" in result.output
    [path] = list((hub_repo.root / "suggestions").glob("20*.md"))
    meta = read_document(path).meta
    assert meta["title"] == "Local" and "summary" not in meta  # nothing was read from the page


def test_without_public_only_the_same_page_is_read(hub_repo, web):
    result = suggest(hub_repo.hub, f"{web}/og-full", commit=False, timeout=5)
    assert result.meta["summary"] == "A new 20,000 m² site near Lyon."


def test_failed_commit_leaves_the_checkout_as_it_was(hub_repo):
    hook = hub_repo.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'blocked by policy' >&2\nexit 1\n")
    hook.chmod(0o755)
    (hub_repo.root / "staged.txt").write_text("staged\n")
    hub_repo.repo.git.add("staged.txt")
    before = status(hub_repo.repo)
    result = CliRunner().invoke(main, ["suggest", "https://example.org/h", "--title", "Hooked",
                                       "--no-fetch"])
    assert result.exit_code == 1 and "blocked by policy" in result.output
    assert hub_repo.repo.active_branch.name == "main"
    assert [h.name for h in hub_repo.repo.heads] == ["main"]
    # All or nothing: the draft is gone too, and a retry is not "already in suggestions/".
    assert list((hub_repo.root / "suggestions").glob("20*-hooked.md")) == []
    assert status(hub_repo.repo) == before
    hook.unlink()
    retry = CliRunner().invoke(main, ["suggest", "https://example.org/h", "--title", "Hooked",
                                      "--no-fetch"])
    assert retry.exit_code == 0, retry.output


def _busy_with_a_lock(hub_repo):
    (hub_repo.root / ".git" / "index.lock").write_text("")
    return "index.lock exists"


def _busy_with_a_merge(hub_repo):
    repo, notes = hub_repo.repo, hub_repo.root / "notes.txt"
    repo.git.switch("-c", "other")
    notes.write_text("theirs\n")
    repo.git.commit("-am", "theirs")
    repo.git.switch("main")
    notes.write_text("ours\n")
    repo.git.commit("-am", "ours")
    with pytest.raises(Exception):
        repo.git.merge("other")  # a conflict in notes.txt: the merge stops unresolved
    return "a merge is in progress"


@pytest.mark.parametrize("make_busy", [_busy_with_a_lock, _busy_with_a_merge],
                         ids=["index-lock", "unresolved-merge"])
def test_suggest_while_git_is_busy_changes_nothing(hub_repo, make_busy):
    message = make_busy(hub_repo)
    before = status(hub_repo.repo) if message != "index.lock exists" else None
    heads = sorted(h.name for h in hub_repo.repo.heads)
    result = CliRunner().invoke(main, ["suggest", "https://example.org/busy", "--title",
                                       "Busy git", "--no-fetch"])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert "committed" not in result.output
    assert hub_repo.repo.head.ref.name == "main"
    assert sorted(h.name for h in hub_repo.repo.heads) == heads
    assert list((hub_repo.root / "suggestions").glob("20*-busy-git.md")) == []
    (hub_repo.root / ".git" / "index.lock").unlink(missing_ok=True)
    if before is not None:
        assert status(hub_repo.repo) == before
        hub_repo.repo.git.merge("--abort")
    retry = CliRunner().invoke(main, ["suggest", "https://example.org/busy", "--title",
                                      "Busy git", "--no-fetch"])
    assert retry.exit_code == 0, retry.output


def test_a_lock_taken_while_suggest_commits_is_undone_completely(hub_repo, monkeypatch):
    """git takes the lock between our check and our commit: the attempt is rolled back."""
    from sharehub.workflow import gitrepo

    real_commit = gitrepo.commit_paths

    def commit_after_another_process_locked_the_index(repo, paths, message):
        (hub_repo.root / ".git" / "index.lock").write_text("")
        return real_commit(repo, paths, message)

    monkeypatch.setattr(gitrepo, "commit_paths", commit_after_another_process_locked_the_index)
    before = status(hub_repo.repo)
    result = CliRunner().invoke(main, ["suggest", "https://example.org/race", "--title",
                                       "Raced", "--no-fetch"])
    (hub_repo.root / ".git" / "index.lock").unlink()
    assert result.exit_code == 1 and "committed" not in result.output
    assert hub_repo.repo.head.ref.name == "main"
    assert [h.name for h in hub_repo.repo.heads] == ["main"]
    assert list((hub_repo.root / "suggestions").glob("20*-raced.md")) == []
    assert status(hub_repo.repo) == before


def test_review_of_a_suggestion_branch(hub_repo, web):
    assert cli("suggest", f"{web}/twitter-card", "--stay", "--text", "Nice card").exit_code == 0
    result = CliRunner().invoke(main, ["review", "--base", "main", "--fail-on-error"])
    assert result.exit_code == 0, result.output
    assert "Card title" in result.output and "✅ no errors" in result.output
    [path] = list((hub_repo.root / "suggestions").glob("20*-card-title.md"))
    path.write_text(path.read_text().replace("Nice card", "guaranteed returns!"))
    hub_repo.repo.git.commit("-am", "edit")
    result = CliRunner().invoke(main, ["review", "--base", "main", "--fail-on-error"])
    assert result.exit_code == 1 and "banned phrase" in result.output
