"""Debian's Chromium driven by Playwright, and axe-core: never skipped in CI.

Under ``CI`` (set by ``.ci/run``'s caller) a missing browser or axe-core is
a test failure; on a developer machine without them the test is skipped
with the reason.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def missing(what: str) -> None:
    """Fail under CI, skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing (CI must install it: see .ci/run)", pytrace=False)
    pytest.skip(f"{what} is missing")


def launch_chromium(playwright):
    """A headless Debian Chromium (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        missing(f"Debian chromium ({CHROMIUM})")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def axe_source() -> str:
    """axe-core's script, installed by .ci/run with npm into ``.cache/npm``."""
    for candidate in (os.environ.get("SHAREHUB_AXE_JS", ""),
                      REPO / ".cache/npm/node_modules/axe-core/axe.min.js",
                      REPO / "node_modules/axe-core/axe.min.js"):
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text("utf-8")
    missing("axe-core (.cache/npm/node_modules/axe-core)")
    raise AssertionError("unreachable")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class FolderServer:
    """A folder served over HTTP on 127.0.0.1 (a static host, as Pages is)."""

    def __init__(self, folder: Path):
        handler = functools.partial(_Quiet, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Watched:
    """A page whose console errors, dialogs and requests are recorded.

    Requests to anything but 127.0.0.1 are recorded and aborted: the tests
    never reach the internet, and a test can assert the hub asked for nothing.
    """

    def __init__(self, context, page):
        self.context, self.page = context, page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_dialog(dialog):
            self.dialogs.append(dialog.message)
            dialog.dismiss()
        page.on("dialog", on_dialog)

        def route(r):
            self.requests.append(r.request.url)
            if r.request.url.startswith("http://127.0.0.1:"):
                r.continue_()
            else:
                r.abort()
        context.route("**/*", route)

    @property
    def outside_requests(self) -> list[str]:
        return [u for u in self.requests
                if not u.startswith(("http://127.0.0.1:", "data:", "blob:"))]


#: A phone-sized touch screen (the hub's first audience).
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


class Opener:
    """Opens hub paths of ``site`` in fresh watched contexts; ``close()`` closes them all."""

    def __init__(self, browser, site: str, *, clipboard: bool = False):
        self.browser, self.site, self.clipboard = browser, site, clipboard
        self.contexts = []

    def __call__(self, path="", *, touch=True, js=True, init="") -> Watched:
        context = self.browser.new_context(java_script_enabled=js,
                                           **(PHONE if touch else DESKTOP))
        if self.clipboard:
            context.grant_permissions(["clipboard-read", "clipboard-write"],
                                      origin=self.site.rstrip("/"))
        self.contexts.append(context)
        watched = Watched(context, context.new_page())
        if init:
            watched.page.add_init_script(init)
        watched.page.goto(self.site + path)
        return watched

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def assert_clean(watched: Watched) -> None:
    """No script error and no request beyond 127.0.0.1."""
    assert watched.errors == [], watched.errors
    assert watched.outside_requests == [], watched.outside_requests
