"""Interrupted and concurrent pulls: nothing lost, nothing twice, one pull at a time.

A real ``sharehub feeds pull`` process is killed (SIGKILL) in the middle of
a pull: one feed's drafts are written, another feed's reply is held back by
the test server, so the process is certainly mid-pull when it dies.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from support.feeds import rss, write_hub
from sharehub.cli import main
from sharehub.content.loader import find_markdown, read_document
from sharehub.feeds.state import STATE_FILE

ENTRIES = 12


def start_pull(hub_dir: Path) -> subprocess.Popen:
    """``sharehub feeds pull`` in its own process (it inherits PYTHONPATH)."""
    return subprocess.Popen([sys.executable, "-m", "sharehub", "feeds", "pull", "--timeout", "5"],
                            cwd=hub_dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def processes_in(folder: Path) -> list[int]:
    """Other processes whose working folder is ``folder`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if Path(os.readlink(entry / "cwd")) == folder:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def wait_for(condition, what: str, process: subprocess.Popen | None = None) -> None:
    """Wait until ``condition()`` holds (a synchronisation, not a timing check)."""
    for _ in range(600):
        if condition():
            return
        if process is not None and process.poll() is not None:
            pytest.fail(f"the pull ended before {what}: {process.communicate()}")
        time.sleep(0.05)
    pytest.fail(f"never happened: {what}")


@pytest.fixture
def held_hub(tmp_path, feed_server, monkeypatch):
    """A hub with a quick feed of 12 entries and a feed whose reply waits for ``release``."""
    prefix = f"/{tmp_path.name}"
    quick = feed_server.add(f"{prefix}/quick.xml", rss(
        *[(f"Quick story {n}", f"/quick/{n}") for n in range(ENTRIES)], base="https://e.com"))
    release = threading.Event()
    held = feed_server.add(f"{prefix}/held.xml", rss(("Held story", "/held"),
                                                     base="https://e.com"), hold=release)
    write_hub(tmp_path, [{"name": "quick", "url": quick, "max_items": 50},
                         {"name": "held", "url": held}])
    monkeypatch.chdir(tmp_path)
    yield tmp_path, release, lambda: bool(feed_server.hits(f"{prefix}/held.xml"))
    release.set()


def drafts(root: Path) -> list[Path]:
    return find_markdown([root / "suggestions"])


def test_sigkill_mid_pull_then_rerun_loses_nothing_and_duplicates_nothing(held_hub):
    root, release, held_requested = held_hub
    process = start_pull(root)
    try:
        wait_for(lambda: held_requested() and len(drafts(root)) == ENTRIES,
                 "the quick feed's drafts were written", process)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert len(drafts(root)) == ENTRIES
    assert not (root / "suggestions" / STATE_FILE).exists()  # killed before the state was saved
    wait_for(lambda: processes_in(root) == [], "the pull's worker processes ended too")
    # What a process killed inside write_atomic leaves (the exact instant cannot be
    # arranged, so the file is made here as files.write_atomic names it).
    stray = root / "suggestions" / f".{drafts(root)[0].name}.k1ll3d_x.tmp"
    stray.write_text("half a dra", encoding="utf-8")
    release.set()

    result = CliRunner().invoke(main, ["feeds", "pull", "--timeout", "5"])
    assert result.exit_code == 0, result.output
    assert f"quick: 0 new, {ENTRIES} skipped ({ENTRIES} already in the hub)" in result.stdout
    assert "held: 1 new" in result.stdout
    files = drafts(root)
    urls = [read_document(p).meta["url"] for p in files]
    assert len(files) == ENTRIES + 1 and len(set(urls)) == len(urls)  # no duplicate
    assert [p.name for p in (root / "suggestions").iterdir() if p.name.endswith(".tmp")] == []
    state = json.loads((root / "suggestions" / STATE_FILE).read_text(encoding="utf-8"))
    recorded = set(state["feeds"]["quick"]["guids"]) | set(state["feeds"]["held"]["guids"])
    assert {read_document(p).meta["source"]["guid"] for p in files} <= recorded  # complete

    # So a draft of the killed pull that a reviewer deletes stays deleted.
    files[0].unlink()
    again = CliRunner().invoke(main, ["feeds", "pull", "--timeout", "5"])
    assert again.exit_code == 0 and "0 drafts written" in again.stdout
    assert len(drafts(root)) == ENTRIES


def test_a_second_pull_on_the_same_hub_refuses_while_the_first_runs(held_hub):
    root, release, held_requested = held_hub
    first = start_pull(root)
    try:
        wait_for(held_requested, "the first pull was fetching", first)
        second = CliRunner().invoke(main, ["feeds", "pull", "--timeout", "5"])
        assert second.exit_code == 1
        (line,) = second.output.strip().splitlines()
        assert line.endswith("suggestions: another sharehub feeds pull is running on this hub; "
                             "try again when it has finished")
        release.set()
        out, err = first.communicate(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, out + err
    assert f"{ENTRIES + 1} drafts written" in out
    assert len(drafts(root)) == ENTRIES + 1
    # The lock is the folder's own: nothing was left to commit by mistake.
    assert sorted(p.name for p in (root / "suggestions").iterdir()
                  if not p.name.endswith(".md")) == [STATE_FILE]


def test_dry_run_does_not_wait_for_the_lock(held_hub):
    root, release, held_requested = held_hub
    first = start_pull(root)
    try:
        wait_for(held_requested, "the first pull was fetching", first)
        release.set()  # the dry run fetches the held feed too
        dry = CliRunner().invoke(main, ["feeds", "pull", "--dry-run", "--feed", "quick"])
        assert dry.exit_code == 0, dry.output
        first.communicate(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
    assert os.path.exists(root / "suggestions" / STATE_FILE)
