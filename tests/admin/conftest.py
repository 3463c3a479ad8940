"""A hub in tmp_path that is a real git repository, and ``sharehub edit`` running on it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from support.site import Hub, item_md

TOOLS = Path(__file__).resolve().parents[2] / "tools"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


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


class Editor:
    """``sharehub edit`` as a user starts it, in its own process."""

    def __init__(self, root: Path):
        self.root = root
        self.port, self.backend_port = free_port(), free_port()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TOOLS), os.environ.get("PYTHONPATH", "")]))
        self.log = open(root.parent / "edit.log", "w+")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sharehub", "edit", "-a", f"127.0.0.1:{self.port}",
             "--backend-port", str(self.backend_port)],
            cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}/admin/"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(self.url + "config.yml", timeout=5) as response:
                    if b"local_backend" in response.read():
                        break
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"sharehub edit did not start: {self.output()}")
            time.sleep(0.3)

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=30)
        self.log.close()
        return code


@pytest.fixture
def editor(hub):
    running = Editor(hub.root)
    yield running
    running.stop()
