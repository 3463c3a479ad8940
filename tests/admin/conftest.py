"""A hub in tmp_path that is a real git repository, and ``sharehub edit`` running on it."""

from __future__ import annotations

import pytest
from support.admin import Editor, git
from support.site import Hub, item_md


@pytest.fixture
def hub(tmp_path):
    """A small hub (one item, a policy page, an empty inbox) committed to git with an origin."""
    root = tmp_path / "hub"
    hub = Hub(root)
    hub.add("posts/2027-03-01-lyon-data-engineers.md", item_md(
        "We are hiring data engineers in Lyon", url="https://example.com/careers/lyon",
        departments=["engineering"], topics=["careers"],
        share={"linkedin": ["My team is growing in Lyon."]}))
    hub.add("policy/social-media-policy.md",
            "---\ntitle: Social media policy\ntype: policy\n---\nBe kind.\n")
    (root / "suggestions").mkdir()
    (root / "suggestions" / ".gitkeep").write_text("")
    (root / ".gitignore").write_text("site/\n")
    git(tmp_path, "init", "-q", "--bare", "origin.git")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "hub")
    git(root, "remote", "add", "origin", str(tmp_path / "origin.git"))
    git(root, "push", "-q", "origin", "main")
    return hub


@pytest.fixture
def editor(hub):
    running = Editor(hub.root)
    yield running
    running.stop()
