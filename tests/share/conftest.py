"""A blank page on 127.0.0.1 that loads share-core.js, in headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

import sharehub.site

SHARE_CORE = Path(sharehub.site.__file__).parent / "assets" / "share-core.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>share-core</title>
<script src="share-core.js"></script></head><body></body></html>"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _missing(message: str):
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def share_page(tmp_path_factory):
    """A Playwright page where ``window.sharehubShare`` is the hub's share-core.js.

    Fails (not skips) under CI=true when Chromium or Playwright is missing.
    Module-scoped: Playwright's sync API allows one running instance per
    thread, and tests/site opens its own after this folder's tests.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        _missing(f"Debian chromium is not installed at {CHROMIUM}")
    root = tmp_path_factory.mktemp("share-page")
    (root / "index.html").write_text(PAGE, "utf-8")
    shutil.copy(SHARE_CORE, root / "share-core.js")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    outside: list[str] = []
    errors: list[str] = []
    def only_local(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.route("**/*", only_local)
        page.goto(base + "index.html")
        page.wait_for_function("() => window.sharehubShare !== undefined")
        yield page
        browser.close()
    server.shutdown()
    assert not errors, errors
    assert not outside, f"share-core.js reached outside 127.0.0.1: {outside}"
