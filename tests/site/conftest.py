"""Fixtures for the hub site: purpose-made hubs, real builds, a local server, Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.site import REPO, SAMPLE_AS_OF, Hub
from sharehub.site.build import build_site
from support.browser import FolderServer, Watched


@pytest.fixture
def make_hub(tmp_path):
    def make(name="hub", **options):
        return Hub(tmp_path / name, **options)
    return make


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The repository's own sample hub, built as of AS_OF."""
    out = tmp_path_factory.mktemp("sample") / "site"
    build_site(REPO / "mkdocs.yml", site_dir=out, as_of=SAMPLE_AS_OF)
    return out


# --- serving and the browser (support.browser: never skipped in CI) ----------------------

@pytest.fixture
def serve():
    servers = []

    def start(folder: Path) -> str:
        server = FolderServer(folder)
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def open_page(browser):
    contexts = []

    def open_(url: str, *, clipboard=False) -> Watched:
        context = browser.new_context()
        if clipboard:
            origin = url.split("/", 3)
            context.grant_permissions(["clipboard-read", "clipboard-write"],
                                      origin="/".join(origin[:3]))
        contexts.append(context)
        watched = Watched(context, context.new_page())
        watched.page.goto(url)
        return watched

    yield open_
    for context in contexts:
        context.close()
