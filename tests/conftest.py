"""Fixtures for the whole suite (helpers live in the ``support`` package)."""

from __future__ import annotations

import pytest
from support.browser import launch_chromium


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the session (a failure in CI when missing)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()
