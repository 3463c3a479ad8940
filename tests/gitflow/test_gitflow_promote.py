"""sharehub promote: git mv with history, approval metadata, refusal changes nothing."""

from __future__ import annotations

from click.testing import CliRunner
from support.gitflow import status

from sharehub.cli import main
from sharehub.content.loader import read_document

SUGGESTION = """\
---
title: Cold chain tracker
url: https://news.example.com/cold-chain
kind: product
share:
  default: Our tracker keeps vaccines cold.
status: suggested
source:
  feed: blog
  guid: abc-1
suggested_by: Bob <bob@example.com>
---
Why it matters.
"""


def add_suggestion(hub_repo, name="2027-01-05-cold-chain.md", text=SUGGESTION):
    path = hub_repo.root / "suggestions" / name
    path.write_text(text)
    hub_repo.repo.git.add(str(path))
    hub_repo.repo.git.commit("-m", f"suggest {name}")
    return path


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_promote_moves_with_history_and_commits_nothing_else(hub_repo):
    repo = hub_repo.repo
    source = add_suggestion(hub_repo)
    source.write_text(source.read_text().replace("Why it matters.", "Why it matters (edited)."))
    (hub_repo.root / "notes.txt").write_text("unstaged edit\n")
    (hub_repo.root / "staged.txt").write_text("staged\n")
    repo.git.add("staged.txt")
    (hub_repo.root / "untracked.txt").write_text("untracked\n")

    result = invoke("promote", "suggestions/2027-01-05-cold-chain.md", "--publish",
                    "2027-02-01T09:00", "--expires", "2027-03-01", "--featured", "--commit")
    assert result.exit_code == 0, result.output
    target = hub_repo.root / "content" / "posts" / "2027-01-05-cold-chain.md"
    assert not source.exists() and target.exists()

    meta = read_document(target).meta
    assert "status" not in meta and "source" not in meta
    assert meta["approved_by"] == "Ada Lovelace <ada@example.com>"
    assert meta["approved"] is not None and meta["featured"] is True
    assert str(meta["publish"]).startswith("2027-02-01") and str(meta["expires"]) == "2027-03-01"
    assert meta["suggested_by"] == "Bob <bob@example.com>"
    assert "Why it matters (edited)." in read_document(target).body  # uncommitted edit kept

    commit = repo.head.commit
    assert set(commit.stats.files) <= {"suggestions/2027-01-05-cold-chain.md",
                                       "content/posts/2027-01-05-cold-chain.md",
                                       "suggestions/{ => content/posts}/2027-01-05-cold-chain.md",
                                       "{suggestions => content/posts}/2027-01-05-cold-chain.md"}
    follow = repo.git.log("--follow", "--format=%s", "--", "content/posts/2027-01-05-cold-chain.md")
    assert "suggest 2027-01-05-cold-chain.md" in follow  # history followed the file
    porcelain = repo.git.status("--porcelain", "--untracked-files=all")
    assert " M notes.txt" in porcelain and "A  staged.txt" in porcelain
    assert "?? untracked.txt" in porcelain
    assert (hub_repo.root / "notes.txt").read_text() == "unstaged edit\n"


def test_invalid_result_is_refused_and_nothing_changes(hub_repo):
    add_suggestion(hub_repo)
    before = status(hub_repo.repo)
    head = hub_repo.repo.head.commit
    result = invoke("promote", "suggestions/2027-01-05-cold-chain.md",
                    "--publish", "2027-03-01", "--expires", "2027-02-01", "--commit")
    assert result.exit_code == 1
    assert "expires" in result.output and "2027-01-05-cold-chain.md" in result.output
    assert "Traceback" not in result.output
    assert status(hub_repo.repo) == before and hub_repo.repo.head.commit == head
    assert (hub_repo.root / "suggestions" / "2027-01-05-cold-chain.md").exists()


def test_duplicate_of_a_published_item_is_refused(hub_repo):
    add_suggestion(hub_repo, "2027-01-06-warehouse.md",
                   SUGGESTION.replace("https://news.example.com/cold-chain",
                                      "https://news.example.com/warehouse"))
    before = status(hub_repo.repo)
    result = invoke("promote", "suggestions/2027-01-06-warehouse.md")
    assert result.exit_code == 1 and "duplicate" in result.output
    assert "content/posts/warehouse.md" in result.output
    assert status(hub_repo.repo) == before


def test_one_bad_file_stops_the_whole_batch(hub_repo):
    add_suggestion(hub_repo)
    add_suggestion(hub_repo, "2027-01-07-bad.md", SUGGESTION.replace(
        "https://news.example.com/cold-chain", "https://news.example.com/other").replace(
        "Our tracker keeps vaccines cold.", "guaranteed returns for everyone"))
    result = invoke("promote", "suggestions/2027-01-05-cold-chain.md",
                    "suggestions/2027-01-07-bad.md")
    assert result.exit_code == 1 and "banned phrase" in result.output
    assert not list((hub_repo.root / "content" / "posts").glob("2027-*"))


def test_only_suggestions_can_be_promoted(hub_repo):
    result = invoke("promote", "content/posts/warehouse.md")
    assert result.exit_code == 1 and "not a suggestion" in result.output


def test_untracked_suggestion_is_moved_without_git_mv(hub_repo):
    path = hub_repo.root / "suggestions" / "2027-01-08-new.md"
    path.write_text(SUGGESTION.replace("cold-chain", "new-thing"))
    result = invoke("promote", "suggestions/2027-01-08-new.md", "--to", "jobs", "--commit")
    assert result.exit_code == 0, result.output
    assert (hub_repo.root / "content" / "jobs" / "2027-01-08-new.md").exists()
    assert list(hub_repo.repo.head.commit.stats.files) == ["content/jobs/2027-01-08-new.md"]
