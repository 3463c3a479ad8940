"""The private-address guard (one implementation, in sharehub.fetch) for feeds and suggest.

This machine has no outside network, so "outside" is made the way a hub
owner allows an intranet feed server: the test hubs allow the network
127.0.0.1/32 (``feeds_pull: allowed_networks``, see ``support.feeds.write_hub``),
and every other private or local address stays refused — 127.0.0.2
included, where a second real server listens.
"""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from support.feeds import NOW, FeedServer, rss, self_signed_certificate, write_hub
from sharehub.cli import main
from sharehub.config import load_hub
from sharehub.content.loader import find_markdown
from sharehub.feeds.pull import pull
from sharehub.fetch import AddressGuard, is_public_address

ADDRESSES = {
    "93.184.216.34": True,
    "2606:2800:220:1:248:1893:25c8:1946": True,
    "127.0.0.1": False, "127.0.0.2": False, "10.1.2.3": False, "172.16.0.1": False,
    "192.168.1.1": False, "169.254.169.254": False, "100.64.0.1": False, "0.0.0.0": False,
    "224.0.0.1": False, "255.255.255.255": False, "198.18.0.1": False, "192.0.2.1": False,
    "::1": False, "::": False, "fe80::1": False, "fe80::1%1": False, "fc00::1": False,
    "ff02::1": False, "2001:db8::1": False,
    # IPv6 forms that lead to an IPv4 address.
    "::ffff:127.0.0.1": False, "::ffff:10.0.0.1": False,     # IPv4-mapped
    "::127.0.0.1": False, "::10.0.0.1": False,               # IPv4-compatible
    "64:ff9b::7f00:1": False, "64:ff9b::a9fe:a9fe": False,   # NAT64 (RFC 6052)
    "64:ff9b:1::7f00:1": False,                              # NAT64 local use (RFC 8215)
    "64:ff9b::5db8:d822": True,                              # NAT64 of 93.184.216.34
    "2002:7f00:1::": False, "2002:a9fe:a9fe::1": False,      # 6to4
    "2002:5db8:d822::1": True,                               # 6to4 of 93.184.216.34
    "2001:0:4136:e378:8000:63bf:80ff:fffe": False,           # Teredo
    "2001:4860:0:1::5efe:7f00:1": False,                     # ISATAP of 127.0.0.1
    "2001:4860:0:1:0:5efe:5db8:d822": True,                  # ISATAP of 93.184.216.34
}


@pytest.mark.parametrize("address", sorted(ADDRESSES))
def test_which_addresses_are_public(address):
    assert is_public_address(address) is ADDRESSES[address]


def test_an_allowed_network_is_allowed_and_nothing_else():
    guard = AddressGuard(["127.0.0.1/32"])
    guard.check("feeds.intranet", "127.0.0.1")
    for address in ("127.0.0.2", "::ffff:127.0.0.1", "::1"):
        with pytest.raises(Exception, match="private or local address"):
            guard.check("feeds.intranet", address)


@pytest.fixture
def inner_server():
    """A second real server, on 127.0.0.2: the internal network."""
    server = FeedServer(host="127.0.0.2").start()
    server.add("/internal.xml", rss(("Internal only", "/secret"), base="http://127.0.0.2"))
    yield server
    server.stop()


@pytest.fixture
def in_ci(monkeypatch):
    """The guard's default is "on in CI": the tests below say so instead of inheriting it."""
    monkeypatch.setenv("CI", "true")


@pytest.mark.parametrize("allow_private, refused", [(None, True), (True, False)])
def test_redirect_to_another_local_address_is_refused(tmp_path, feed_server, inner_server,
                                                      allow_private, refused, in_ci):
    outside = feed_server.add(f"/{tmp_path.name}/outside.xml",
                              redirect_to=inner_server.url("/internal.xml"))
    feed = {"name": "news", "url": outside}
    if allow_private is not None:
        feed["allow_private"] = allow_private  # an intranet feed: the redirect is followed
    write_hub(tmp_path, [feed])
    report = pull(load_hub(tmp_path / "mkdocs.yml"), now=NOW)
    (result,) = report.feeds
    drafts = find_markdown([tmp_path / "suggestions"])
    assert feed_server.hits(f"/{tmp_path.name}/outside.xml")  # the first hop was fetched
    if refused:
        assert result.summary() == (
            "news: failed: refused: 127.0.0.2 is a private or local address (set "
            "allow_private: true on this feed if it is an intranet feed)")
        assert inner_server.hits("/internal.xml") == [] and drafts == []
    else:
        assert result.ok and len(drafts) == 1
        assert "Internal only" in drafts[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("host", ["[::127.0.0.1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]",
                                  "[::ffff:127.0.0.1]", "[::1]", "127.0.0.2",
                                  "2130706434"])
def test_other_forms_of_local_addresses_are_refused(tmp_path, feed_server, host, in_ci):
    port = feed_server.base.rsplit(":", 1)[1]
    write_hub(tmp_path, [{"name": "news", "url": f"http://{host}:{port}/feed.xml"}])
    (result,) = pull(load_hub(tmp_path / "mkdocs.yml"), now=NOW).feeds
    assert result.failed.startswith("refused: "), result.summary()
    assert "is a private or local address" in result.failed


def test_guard_is_on_by_default_in_ci_only(tmp_path, feed_server, monkeypatch):
    url = feed_server.add(f"/{tmp_path.name}/f.xml", rss(("Local", "/l"), base="https://e.com"))
    write_hub(tmp_path, [{"name": "news", "url": url}], feeds_pull={})
    hub = load_hub(tmp_path / "mkdocs.yml")
    monkeypatch.setenv("CI", "true")
    (result,) = pull(hub, now=NOW).feeds
    assert result.failed.startswith("refused: 127.0.0.1 is a private or local address")
    monkeypatch.delenv("CI")
    (result,) = pull(hub, now=NOW).feeds
    assert result.ok and len(result.new) == 1


def test_host_is_resolved_once_and_the_checked_address_is_used(tmp_path, feed_server,
                                                              monkeypatch):
    """DNS rebinding: the name answers 127.0.0.1 (allowed) when checked, then 127.0.0.2.

    A real rebinding DNS server cannot run here (the resolver is the
    system's), so ``socket.getaddrinfo`` answers for the one test name.
    """
    port = int(feed_server.base.rsplit(":", 1)[1])
    rebound = FeedServer(host="127.0.0.2", port=port).start()  # same port, internal address
    try:
        path = f"/{tmp_path.name}/feed.xml"
        feed_server.add(path, rss(("Outside news", "/o"), base="https://e.com"))
        rebound.add(path, rss(("Internal only", "/secret"), base="https://e.com"))
        answers = []

        def rebinding(host, *args, **kwargs):
            if host != "rebind.test":
                return real(host, *args, **kwargs)
            answers.append(host)
            address = "127.0.0.1" if len(answers) == 1 else "127.0.0.2"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

        real = socket.getaddrinfo
        monkeypatch.setattr(socket, "getaddrinfo", rebinding)
        write_hub(tmp_path, [{"name": "news", "url": f"http://rebind.test:{port}{path}"}])
        (result,) = pull(load_hub(tmp_path / "mkdocs.yml"), now=NOW).feeds
        assert result.ok, result.summary()
        assert answers == ["rebind.test"]  # resolved once
        assert rebound.hits(path) == []
        assert feed_server.hits(path)[-1]["Host"] == f"rebind.test:{port}"  # Host kept
        (draft,) = find_markdown([tmp_path / "suggestions"])
        assert "Outside news" in draft.read_text(encoding="utf-8")
    finally:
        rebound.stop()


def resolving(monkeypatch, names: dict[str, str]) -> list[str]:
    """``socket.getaddrinfo`` answers ``names`` (no DNS server can be run here); returns
    the list of names it was asked for."""
    real, asked = socket.getaddrinfo, []

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in names:
            return real(host, port, *args, **kwargs)
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (names[host], port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


@pytest.mark.parametrize("name, verified", [("feeds.test", True), ("other.test", False)])
def test_tls_checks_the_host_name_while_connecting_to_the_checked_address(
        tmp_path, monkeypatch, name, verified):
    cert, key = self_signed_certificate(tmp_path, "feeds.test")
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust this certificate only
    server = FeedServer(tls=(cert, key)).start()
    try:
        server.add("/feed.xml", rss(("Over TLS", "/tls"), base="https://e.com"))
        port = server.base.rsplit(":", 1)[1]
        asked = resolving(monkeypatch, {name: "127.0.0.1"})
        write_hub(tmp_path, [{"name": "news", "url": f"https://{name}:{port}/feed.xml"}])
        (result,) = pull(load_hub(tmp_path / "mkdocs.yml"), now=NOW).feeds
        assert asked == [name]
        if verified:  # the certificate names feeds.test, the connection went to 127.0.0.1
            assert result.ok and len(result.new) == 1, result.summary()
        else:
            assert "CERTIFICATE_VERIFY_FAILED" in result.failed, result.summary()
    finally:
        server.stop()


@pytest.fixture
def proxy(feed_server):
    """A forwarding HTTP proxy on 127.0.0.1 that knows one outside name, feeds.example."""
    proxy = FeedServer().start()
    body = rss(("Through the proxy", "/p"), base="https://e.com")
    proxy.add("http://feeds.example/feed.xml", body)  # a proxy is asked for absolute URLs
    yield proxy
    proxy.stop()


@pytest.mark.parametrize("allow_private", [True, False])
def test_the_environment_proxy_is_used_only_without_the_guard(tmp_path, proxy, monkeypatch,
                                                              allow_private):
    monkeypatch.setenv("HTTP_PROXY", proxy.base)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    write_hub(tmp_path, [{"name": "news", "url": "http://feeds.example/feed.xml",
                          "allow_private": allow_private}])
    (result,) = pull(load_hub(tmp_path / "mkdocs.yml"), now=NOW).feeds
    if allow_private:
        assert result.ok and len(result.new) == 1, result.summary()
        assert proxy.hits("http://feeds.example/feed.xml")
    else:  # the guard resolves the name itself, and this one has no address
        assert result.failed.startswith("cannot connect: ConnectError: cannot resolve "
                                        "feeds.example"), result.summary()
        assert proxy.requests == []


def test_suggest_public_only_prints_the_refusal_that_left_it_without_a_title(
        tmp_path, feed_server, monkeypatch):
    page = feed_server.add(f"/{tmp_path.name}/page.html", "<title>Internal</title>",
                           content_type="text/html")
    write_hub(tmp_path, [])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["suggest", page, "--public-only", "--no-commit"])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert "no title: could not read the page (" in line
    assert "refused: 127.0.0.1 is a private or local address" in line
    assert feed_server.hits(f"/{tmp_path.name}/page.html") == []
