"""Opt-in share counting and the training badge in real headless Chromium."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from support.browser import FolderServer, Watched
from support.site import AS_OF, Hub, item_md


def build(tmp_path, name, extra="") -> FolderServer:
    hub = Hub(tmp_path / name, extra=extra)
    hub.add("posts/lyon.md", item_md("Hiring in Lyon", url="https://example.com/lyon",
                                     publish="2027-03-01T09:00:00+01:00"))
    hub.add("training/one.md", "---\ntitle: First lesson\ntype: training\norder: 1\n---\nOne.\n")
    hub.add("training/two.md", "---\ntitle: Second lesson\ntype: training\norder: 2\n---\nTwo.\n")
    return FolderServer(hub.build(as_of=AS_OF))


def open_page(browser, url, *, init_script=""):
    context = browser.new_context()
    page = context.new_page()
    watched = Watched(context, page)
    if init_script:
        context.add_init_script(init_script)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return watched


def wait_for(condition, timeout=5.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end and not condition():
        time.sleep(0.05)


def click_share(watched, selector):
    # Share links open the network in a new tab: let it open, then close it.
    with watched.context.expect_page() as popup:
        watched.page.click(selector)
    popup.value.close()


def analytics(port, provider="plausible", site="hub.example.com"):
    return (f"      analytics: {{provider: {provider}, "
            f"endpoint: 'http://127.0.0.1:{port}/api/event', site: {site}}}\n")


def test_one_event_per_share_click(browser, tmp_path, receiver):
    server = build(tmp_path, "counted", analytics(receiver.port))
    try:
        watched = open_page(browser, server.url + "posts/lyon/")
        click_share(watched, ".sh-share a.sh-net-linkedin")
        wait_for(lambda: len(receiver.requests) >= 1)
        click_share(watched, ".sh-share a.sh-net-x")
        wait_for(lambda: len(receiver.requests) >= 2)
        time.sleep(0.5)  # nothing more arrives
        assert len(receiver.requests) == 2
        import json
        sent = [json.loads(body) for _path, _type, body in receiver.requests]
        # The share UI's sharehub:share event names the item by its page; the script's own
        # click listener (for pages without that UI) does not count the same click again.
        assert [e["props"] for e in sent] == [{"network": "linkedin", "item": "posts/lyon/"},
                                              {"network": "x", "item": "posts/lyon/"}]
        assert all(e["name"] == "Share" and e["domain"] == "hub.example.com" for e in sent)
        assert all(path == "/api/event" for path, _t, _b in receiver.requests)
        assert all(ctype.startswith("text/plain") for _p, ctype, _b in receiver.requests)
        assert watched.errors == []
    finally:
        server.close()


def test_matomo_and_umami_events(browser, tmp_path, receiver):
    port = receiver.port
    for provider, site in (("matomo", "7"), ("umami", "4fb7fa4c-5b46-438d-94b3-3a8fb9bc2e8b")):
        server = build(tmp_path, provider, analytics(port, provider, site))
        try:
            watched = open_page(browser, server.url + "posts/lyon/")
            click_share(watched, ".sh-share a.sh-net-linkedin")
            wait_for(lambda: any(site in body for _p, _t, body in receiver.requests))
        finally:
            server.close()
    matomo, umami = receiver.requests
    assert matomo[1].startswith("application/x-www-form-urlencoded")
    assert "idsite=7" in matomo[2] and "e_a=linkedin" in matomo[2] and "e_n=posts%2Flyon%2F" in matomo[2]
    import json
    payload = json.loads(umami[2])["payload"]
    assert payload["name"] == "share" and payload["data"] == {"network": "linkedin",
                                                              "item": "posts/lyon/"}


@pytest.mark.parametrize("signal", ["globalPrivacyControl", "doNotTrack"])
def test_no_event_with_gpc_or_dnt(browser, tmp_path, receiver, signal):
    server = build(tmp_path, "private", analytics(receiver.port))
    value = "true" if signal == "globalPrivacyControl" else "'1'"
    try:
        watched = open_page(browser, server.url + "posts/lyon/", init_script=(
            f"Object.defineProperty(Navigator.prototype, '{signal}', "
            f"{{get: () => {value}, configurable: true}});"))
        click_share(watched, ".sh-share a.sh-net-linkedin")
        time.sleep(1.0)
        assert receiver.requests == []
    finally:
        server.close()


def test_no_script_and_no_request_when_unconfigured(browser, tmp_path, receiver):
    server = build(tmp_path, "plain")
    try:
        watched = open_page(browser, server.url + "posts/lyon/")
        assert "share-events" not in watched.page.content()
        click_share(watched, ".sh-share a.sh-net-linkedin")
        time.sleep(1.0)
        assert receiver.requests == []
        assert not any("share-events" in url or "/api/" in url for url in watched.requests)
    finally:
        server.close()


def test_training_badge_once_every_lesson_is_done(browser, tmp_path):
    server = build(tmp_path, "training")
    try:
        watched = open_page(browser, server.url + "training/one/")
        badge = watched.page.locator(".sh-training-badge")
        assert badge.count() == 1 and badge.is_hidden()
        watched.page.click(".sh-done")
        assert badge.is_hidden()  # one lesson of two
        watched.page.goto(server.url + "training/two/")
        watched.page.click(".sh-done")
        watched.page.wait_for_selector(".sh-training-badge:not([hidden])")
        assert badge.inner_text() == "Training complete: all 2 lessons done"
        watched.page.goto(server.url + "training/one/")  # kept in the browser
        watched.page.wait_for_selector(".sh-training-badge:not([hidden])")
        assert watched.errors == [] and watched.outside_requests == []
    finally:
        server.close()


def test_results_and_contributors_pages_are_accessible_and_request_nothing_outside(
        browser, tmp_path):
    import json

    from sharehub.config import load_hub
    from sharehub.engage.stats import import_export
    from support.browser import axe_source

    hub = Hub(tmp_path / "pages")
    hub.add("posts/lyon.md", item_md("Hiring in Lyon", url="https://example.com/lyon",
                                     campaign="spring-hiring-2027", departments=["engineering"],
                                     suggested_by="Grace Hopper <grace@example.com>",
                                     approved_by="Ada Lovelace <ada@example.com>",
                                     approved="2027-02-20", publish="2027-03-01T09:00:00+01:00"))
    exports = Path(__file__).parent / "fixtures" / "exports"
    import_export(load_hub(hub.root / "mkdocs.yml"), exports / "generic.csv")
    import_export(load_hub(hub.root / "mkdocs.yml"), exports / "shares.csv")
    server = FolderServer(hub.build(as_of=AS_OF))
    source = axe_source()  # fails under CI when axe-core is missing
    try:
        for path in ("results/", "contributors/"):
            watched = open_page(browser, server.url + path)
            images = watched.page.evaluate("""() => Promise.all(
                [...document.querySelectorAll('article img')].map(i => fetch(i.src).then(
                    r => r.ok && r.headers.get('content-type').startsWith('image/svg'))))""")
            assert all(images) and len(images) == (7 if path == "results/" else 0)
            watched.page.add_script_tag(content=source)
            result = watched.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            serious = [(v["id"], [n["html"][:100] for n in v["nodes"]][:3])
                       for v in result["violations"] if v["impact"] in ("serious", "critical")]
            assert serious == [], json.dumps(serious, indent=1)
            assert watched.outside_requests == [] and watched.errors == []
    finally:
        server.close()
