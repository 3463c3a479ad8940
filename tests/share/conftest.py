"""A blank page on 127.0.0.1 that loads share-core.js, in headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import queue
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


class SharePage:
    """The page, driven from a thread of its own.

    Playwright's sync API allows one running instance per thread; a thread of
    our own keeps this page independent of any browser other tests hold open.
    ``evaluate`` runs a function in the page and returns its result.
    """

    def __init__(self, url: str):
        self.url = url
        self.outside: list[str] = []
        self.errors: list[str] = []
        self._jobs: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        ok, value = self._results.get(timeout=120)
        if not ok:
            raise value

    def _run(self):
        try:
            from playwright.sync_api import sync_playwright
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.on("pageerror", lambda exc: self.errors.append(str(exc)))
                page.route("**/*", self._only_local)
                page.goto(self.url)
                page.wait_for_function("() => window.sharehubShare !== undefined")
                self._results.put((True, None))
                for script, arg in iter(self._jobs.get, None):
                    try:
                        self._results.put((True, page.evaluate(script, arg)))
                    except Exception as exc:  # handed to the test's thread
                        self._results.put((False, exc))
                browser.close()
        except Exception as exc:
            self._results.put((False, exc))

    def _only_local(self, route):
        if route.request.url.startswith(self.url.rsplit("/", 1)[0] + "/"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def evaluate(self, script: str, arg=None):
        self._jobs.put((script, arg))
        ok, value = self._results.get(timeout=300)
        if not ok:
            raise value
        return value

    def close(self):
        self._jobs.put(None)
        self._thread.join(timeout=60)


def _missing(message: str):
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def share_page(tmp_path_factory):
    """A :class:`SharePage` where ``window.sharehubShare`` is the hub's share-core.js.

    Fails (not skips) under CI=true when Chromium or Playwright is missing.
    """
    try:
        import playwright.sync_api  # noqa: F401
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
    page = SharePage(f"http://127.0.0.1:{server.server_address[1]}/index.html")
    yield page
    page.close()
    server.shutdown()
    server.server_close()
    assert not page.errors, page.errors
    assert not page.outside, f"share-core.js reached outside 127.0.0.1: {page.outside}"
