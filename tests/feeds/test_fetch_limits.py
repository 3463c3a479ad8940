"""The time limit holds from connect to last byte, for ``feeds pull`` and ``suggest``.

The server (real, on 127.0.0.1) sends its status line, then one header byte
every 0.2 s: each read returns within the read timeout, so only a limit on
the whole request stops the client. Without it the client would get a valid
feed after 60 s; with it, the request fails and the server sees the client
hang up before its headers were complete.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from support.feeds import NOW, SlowHeadersServer, write_hub
from sharehub.cli import main
from sharehub.config import load_hub
from sharehub.feeds.pull import Limits, pull


@pytest.fixture
def slow_server():
    server = SlowHeadersServer(interval=0.2, max_bytes=300)
    yield server
    server.close()


def test_feeds_pull_abandons_a_server_that_trickles_its_headers(tmp_path, slow_server):
    write_hub(tmp_path, [{"name": "slow", "url": slow_server.url}])
    limits = Limits(connect_timeout=1.0, read_timeout=1.0, total_timeout=1.5)
    report = pull(load_hub(tmp_path / "mkdocs.yml"), limits=limits, now=NOW)
    (result,) = report.feeds
    assert result.failed.startswith("took longer than 1.5 s"), result.summary()
    assert slow_server.abandoned.wait(10) and not slow_server.completed.is_set()


def test_feeds_pull_cli_has_a_limit_per_feed(tmp_path, slow_server, monkeypatch):
    write_hub(tmp_path, [{"name": "slow", "url": slow_server.url}])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["feeds", "pull", "--timeout", "1", "--max-time", "1.5"])
    assert result.exit_code == 1
    assert "slow: failed: took longer than 1.5 s (the limit from connect to last byte)" \
        in result.stdout
    assert slow_server.abandoned.wait(10) and not slow_server.completed.is_set()


def test_suggest_abandons_the_page_and_says_why_there_is_no_title(tmp_path, slow_server,
                                                                  monkeypatch):
    write_hub(tmp_path, [])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["suggest", slow_server.url, "--no-commit",
                                       "--timeout", "0.75"])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert "no title: could not read the page (" in line and "took longer than 1.5 s" in line
    assert slow_server.abandoned.wait(10) and not slow_server.completed.is_set()
