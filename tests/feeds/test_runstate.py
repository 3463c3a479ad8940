"""The run-state store: JSON documents on their own branch, merged across concurrent runs.

Real repositories: a bare ``origin`` and clones. ``digest.json`` plays the
document another command (the digest) keeps there.
"""

from __future__ import annotations

import pytest

from support.feeds import clone, git
from sharehub.errors import GitError
from sharehub.workflow.runstate import RunState, merge_json


@pytest.mark.parametrize("theirs, ours, merged", [
    ({"a": [1, 3]}, {"a": [2, 3]}, {"a": [1, 2, 3]}),
    ({"seen": ["b", "a"]}, {"seen": ["c"]}, {"seen": ["a", "b", "c"]}),
    ({"etag": "old", "x": 1}, {"etag": "new"}, {"etag": "new", "x": 1}),
    ({"f": {"guids": ["1"], "etag": "a"}}, {"f": {"guids": ["2"]}, "g": {}},
     {"f": {"guids": ["1", "2"], "etag": "a"}, "g": {}}),
    ({"l": [{"id": 1}]}, {"l": [{"id": 2}, {"id": 1}]}, {"l": [{"id": 1}, {"id": 2}]}),
    ({"v": [1]}, {"v": "text"}, {"v": "text"}),
])
def test_merge_json(theirs, ours, merged):
    assert merge_json(theirs, ours) == merged


@pytest.fixture
def origin(tmp_path):
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(origin))
    seed = tmp_path / "seed"
    seed.mkdir()
    git(seed, "init", "--quiet", "-b", "main")
    (seed / "README.md").write_text("hub\n")
    git(seed, "add", "README.md")
    git(seed, "-c", "user.name=o", "-c", "user.email=o@example.com", "commit", "-qm", "hub")
    git(seed, "push", "--quiet", str(origin), "main")
    return origin


def test_documents_live_on_their_own_branch_without_touching_the_checkout(tmp_path, origin):
    checkout = clone(origin, tmp_path / "run")
    state = RunState(checkout)
    state.fetch()
    assert state.load("digest.json") == {}
    state.save({"digest.json": {"slack": ["posts/lyon"]}}, "digest: 1 item")
    assert state.push()
    assert git(origin, "show", "sharehub/state:digest.json") == '{\n "slack": [\n  "posts/lyon"\n ]\n}'
    assert "never merge it" in git(origin, "show", "sharehub/state:README.md")
    assert git(checkout, "status", "--porcelain") == "" and git(checkout, "branch",
                                                                "--show-current") == "main"
    fresh = RunState(clone(origin, tmp_path / "next"))
    assert fresh.load("digest.json") == {"slack": ["posts/lyon"]}  # as fetched by the clone


def test_concurrent_runs_merge_instead_of_losing_each_other(tmp_path, origin):
    first, second = (RunState(clone(origin, tmp_path / name)) for name in ("a", "b"))
    for state in (first, second):
        state.fetch()
    first.save({"digest.json": {"slack": ["one"], "mail": ["one"]}}, "a")
    second.save({"digest.json": {"slack": ["two"]}, "other.json": {"n": 1}}, "b")
    assert first.push()
    assert second.push()  # refused once (origin moved), merged, pushed
    merged = RunState(clone(origin, tmp_path / "c"))
    assert merged.load("digest.json") == {"slack": ["one", "two"], "mail": ["one"]}
    assert merged.load("other.json") == {"n": 1}
    tip = git(origin, "rev-list", "--parents", "-n", "1", "sharehub/state").split()
    assert len(tip) == 3  # a merge commit: both runs' commits are in the history


def test_a_document_may_bring_its_own_merge(tmp_path, origin):
    def latest(theirs, ours):
        return ours if ours.get("at", "") >= theirs.get("at", "") else theirs

    first, second = (RunState(clone(origin, tmp_path / name), merges={"clock.json": latest})
                     for name in ("a", "b"))
    first.save({"clock.json": {"at": "2027-03-02"}}, "a")
    second.save({"clock.json": {"at": "2027-03-01"}}, "b")
    first.push()
    second.push()
    assert RunState(clone(origin, tmp_path / "c")).load("clock.json") == {"at": "2027-03-02"}


def test_without_a_remote_the_state_stays_local(tmp_path, origin):
    checkout = clone(origin, tmp_path / "run")
    git(checkout, "remote", "remove", "origin")
    state = RunState(checkout, branch="ops/state")
    assert state.fetch() is False
    state.save({"digest.json": {"x": ["1"]}}, "local")
    assert state.push() is False
    assert RunState(checkout, branch="ops/state").load("digest.json") == {"x": ["1"]}
    assert git(checkout, "branch", "--list", "ops/state") == "ops/state"


@pytest.mark.parametrize("name", ["../x.json", "a/b.json", "digest", ".hidden.json", ""])
def test_document_names_are_plain_json_file_names(tmp_path, origin, name):
    state = RunState(clone(origin, tmp_path / "run"))
    with pytest.raises(GitError, match="not a run-state document name"):
        state.save({name: {}}, "x")


def test_a_document_that_is_not_an_object_is_a_clear_error(tmp_path, origin):
    state = RunState(clone(origin, tmp_path / "run"))
    state.save({"digest.json": {}}, "x")
    plumb, tip = state.git, state.git.rev(state.local_ref)
    entries = plumb.tree_entries(tip)
    entries["digest.json"] = ("100644", plumb.write_blob(b"[1, 2]\n"))  # edited by hand
    plumb.update_ref(state.local_ref, plumb.commit(plumb.write_flat_tree(entries), [tip], "x"),
                     tip)
    with pytest.raises(GitError, match=r"sharehub/state:digest.json: not a JSON object"):
        state.load("digest.json")


def test_invalid_branch_name_is_refused(tmp_path, origin):
    with pytest.raises(GitError, match="not a valid branch name"):
        RunState(clone(origin, tmp_path / "run"), branch="bad..name")
