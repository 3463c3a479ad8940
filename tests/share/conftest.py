"""A blank page on 127.0.0.1 that loads share-core.js, in the session's Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.browser import FolderServer, Watched

import sharehub.site

SHARE_CORE = Path(sharehub.site.__file__).parent / "assets" / "share-core.js"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>share-core</title>
<script type="application/json" id="sharehub-data">{data}</script>
<script src="share-core.js"></script></head><body></body></html>"""


def page_html() -> str:
    """The page, with the tables a default hub hands to its pages (as the hub renders them)."""
    import json

    from sharehub.config import default_hub
    from sharehub.site.render import page_data
    data = json.dumps(page_data(default_hub())).replace("<", "\\u003c")
    return PAGE.replace("{data}", data)


class SharePage:
    """The page, with ``window.sharehubShare`` from the hub's own share-core.js."""

    def __init__(self, watched: Watched):
        self.watched = watched

    def evaluate(self, script: str, arg=None):
        return self.watched.page.evaluate(script, arg)


@pytest.fixture(scope="session")
def share_page(browser, tmp_path_factory):
    """A :class:`SharePage` (the session browser fails under CI when Chromium is missing)."""
    root = tmp_path_factory.mktemp("share-page")
    (root / "index.html").write_text(page_html(), "utf-8")
    shutil.copy(SHARE_CORE, root / "share-core.js")
    server = FolderServer(root)
    context = browser.new_context()
    watched = Watched(context, context.new_page())
    watched.page.goto(server.url + "index.html")
    watched.page.wait_for_function("() => window.sharehubShare !== undefined")
    yield SharePage(watched)
    context.close()
    server.close()
    assert not watched.errors, watched.errors
    assert not watched.outside_requests, f"share-core.js reached outside: {watched.outside_requests}"
