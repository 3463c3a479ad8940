"""The hub index answers "which file has this link / feed entry" like the loader would."""

from __future__ import annotations

import git

from sharehub.content.index import HubIndex

FILES = {
    "plain.md": "---\ntitle: A\nurl: https://Example.com/a/?utm_source=x\n---\n",
    "quoted.md": "---\ntitle: B\nurl: 'https://example.com/b#frag'  # comment\n---\n",
    "flow.md": "---\n{title: C, url: 'https://example.com/c'}\n---\n",
    "folded.md": "---\ntitle: D\nurl: >-\n  https://example.com/d\n---\n",
    "draft.md": "---\ntitle: E\nurl: https://example.com/e\nsource:\n  feed: news\n  guid: 'tag:x,2026:1'\n---\n",
    "broken.md": "---\ntitle: [unclosed\nurl: https://example.com/broken\n---\n",
    "body-only.md": "---\ntitle: F\n---\nurl: https://example.com/f\n",
    "not-markdown.txt": "---\nurl: https://example.com/g\n---\n",
}


def make(tmp_path):
    root = tmp_path / "content"
    root.mkdir()
    for name, text in FILES.items():
        (root / name).write_text(text)
    return root


def test_links_are_found_in_every_yaml_form_and_only_where_the_loader_agrees(tmp_path):
    index = HubIndex.from_paths([make(tmp_path)])
    name = lambda found: [p.rsplit("/", 1)[-1] for p in found]  # noqa: E731
    assert name(index.files_with_url("https://example.com/a")) == ["plain.md"]
    assert name(index.files_with_url("https://example.com/b?utm_medium=y")) == ["quoted.md"]
    assert name(index.files_with_url("https://example.com/c")) == ["flow.md"]
    assert name(index.files_with_url("https://example.com/d")) == ["folded.md"]
    assert index.files_with_url("https://example.com/broken") == []  # invalid YAML: not an item
    assert index.files_with_url("https://example.com/f") == []  # the body is not front matter
    assert index.files_with_url("https://example.com/g") == []  # not a Markdown file
    assert name(index.files_with_guid("tag:x,2026:1")) == ["draft.md"]
    assert not index.has_guid("tag:x,2026:2")


def test_exclusion_and_files_planned_by_this_run(tmp_path):
    root = make(tmp_path)
    index = HubIndex.from_paths([root])
    assert not index.has_url("https://example.com/a", exclude=[root / "plain.md"])
    assert not index.has_url("https://example.com/a", exclude=[(root / "plain.md").resolve()])
    index.add("suggestions/new.md", url="https://example.com/new?fbclid=1", guid="g-1")
    assert index.files_with_url("https://example.com/new") == ["suggestions/new.md"]
    assert index.has_guid("g-1")


def test_the_index_of_a_commit_reads_the_tree_not_the_disk(tmp_path):
    root = make(tmp_path)
    repo = git.Repo.init(tmp_path)
    repo.git.add("-A")
    repo.git.commit("-m", "items", env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                                        "GIT_COMMITTER_NAME": "t",
                                        "GIT_COMMITTER_EMAIL": "t@example.com"})
    (root / "plain.md").unlink()  # gone from disk, still in the commit
    index = HubIndex.from_tree(repo.head.commit, ["content"])
    assert index.files_with_url("https://example.com/a") == ["content/plain.md"]
    assert index.files_with_guid("tag:x,2026:1") == ["content/draft.md"]
