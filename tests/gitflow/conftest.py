"""Fixtures for the git workflow tests: real repos with a bare origin, a local web server."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import git
import pytest
from support.gitflow import FIXTURES


MKDOCS_YML = """\
site_name: Test Hub
site_url: https://hub.example.com/
docs_dir: content
theme:
  name: material
  language: en
plugins:
  - sharehub:
      networks: [linkedin, x, facebook, email]
      disclosure: "#TestEmployee"
      timezone: Europe/Paris
      banned_phrases: [guaranteed returns]
"""

PUBLISHED = """\
---
title: Our new warehouse in Lyon
url: https://news.example.com/warehouse?utm_source=newsletter
kind: news
share:
  default: Proud of our new warehouse!
---
Talking points.
"""


def run_git(repo: git.Repo, *args: str) -> str:
    return repo.git.execute(["git", *args])


@pytest.fixture
def hub_repo(tmp_path, monkeypatch):
    """A hub in a git repository whose origin is a bare repository."""
    origin = git.Repo.init(tmp_path / "origin.git", bare=True, initial_branch="main")
    root = tmp_path / "hub"
    repo = git.Repo.init(root, initial_branch="main")
    with repo.config_writer() as cfg:
        cfg.set_value("user", "name", "Ada Lovelace")
        cfg.set_value("user", "email", "ada@example.com")
        cfg.set_value("commit", "gpgsign", "false")
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    (root / "content" / "posts").mkdir(parents=True)
    (root / "content" / "posts" / "warehouse.md").write_text(PUBLISHED)
    (root / "suggestions").mkdir()
    (root / "suggestions" / "README.md").write_text(
        "---\ntitle: Inbox\ntype: page\n---\nSuggestions wait here.\n")
    (root / "notes.txt").write_text("original\n")
    repo.git.add("--all")
    repo.git.commit("-m", "hub")
    repo.create_remote("origin", str(tmp_path / "origin.git"))
    repo.git.push("-u", "origin", "main")
    monkeypatch.chdir(root)
    from sharehub.config import load_hub
    return SimpleNamespace(root=root, repo=repo, origin=origin, hub=load_hub(root / "mkdocs.yml"))


class _Handler(BaseHTTPRequestHandler):
    server_version = "fixture"

    def log_message(self, *args):  # keep pytest output clean
        pass

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/hang":  # accept the connection, never answer
            self.server.stop.wait(30)
            return
        if path == "/huge":  # 50 MB, streamed in 1 MB chunks (never built in memory)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * (1024 * 1024 - 3)
            try:
                self.wfile.write(b"<html><head><title>Huge page</title>")
                for _ in range(50):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        page = FIXTURES / "pages" / (path.strip("/") + ".html")
        if not path.strip("/") or not page.is_file():
            self.send_error(404)
            return
        body = page.read_bytes().replace(b"{base}", self.server.base.encode())
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def web():
    """A web server on 127.0.0.1 serving tests/gitflow/fixtures/pages/NAME.html as /NAME."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.stop = threading.Event()
    server.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.base
    server.stop.set()
    server.shutdown()
    server.server_close()
