"""Fixtures of the feed tests (helpers live in support/feeds.py)."""

from __future__ import annotations


import pytest

from support.feeds import FeedServer, load_cases, write_hub


@pytest.fixture(scope="session")
def feed_server():
    server = FeedServer()
    for name, spec in load_cases().items():
        server.routes[f"/{name}"] = spec
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def make_hub(tmp_path):
    """``make_hub(feeds, **options) -> Hub`` rooted in tmp_path."""
    from sharehub.config import load_hub

    def make(feeds: list[dict], **options):
        return load_hub(write_hub(tmp_path, feeds, **options))

    return make


@pytest.fixture
def test_limits():
    """Small limits so that slow and oversized cases fail fast."""
    from sharehub.feeds.pull import Limits

    return Limits(connect_timeout=2.0, read_timeout=0.5, total_timeout=5.0,
                  max_bytes=100_000, max_redirects=3)
