"""The editor in real Chromium against ``sharehub edit`` on a hub that is a git repository."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urlsplit

from support.admin import TOOLS, git
from sharehub.config import load_hub
from sharehub.content.loader import read_document
from sharehub.content.validate import check_paths
from sharehub.share.lengths import count, network_rules


def _open(browser, editor):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    # A request the page's Content-Security-Policy blocks never leaves the browser.
    page.on("requestfailed", lambda r: requests.remove(r.url) if r.failure == "csp" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(editor.url)
    page.get_by_role("button", name="Login").click()
    page.get_by_text("Suggestions").first.wait_for()
    return page, requests, errors


def _outside(requests) -> list[str]:
    return [u for u in requests if urlsplit(u).scheme not in ("data", "blob", "about")
            and urlsplit(u).hostname != "127.0.0.1"]


def _publish(page):
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()
    page.get_by_role("button", name="Published").wait_for(timeout=20000)


def _status(root) -> list[str]:
    return sorted(git(root, "status", "--porcelain", "--untracked-files=all").splitlines())


def test_new_item_written_through_the_form_lands_in_suggestions_and_passes_check(browser, editor, hub):
    page, requests, errors = _open(browser, editor)
    page.goto(editor.url + "#/collections/suggestions/new")
    page.locator('input[id^="title-field"]').fill("Open day at the Lyon warehouse")
    page.locator('input[id^="url-field"]').fill("https://example.com/events/lyon-open-day")
    departments = page.locator('input[id^="departments-field"]')
    departments.click()
    departments.type("engineering")
    departments.press("Enter")
    page.locator('input[id^="publish-field"]').fill("2027-03-01T09:00")
    add = page.get_by_role("button", name="Add linkedin")
    add.click()
    add.click()
    texts = page.locator('textarea[id^="text-field"]')
    texts.nth(0).fill("Come and see how we ship: open day in Lyon.")
    texts.nth(1).fill("Our Lyon warehouse opens its doors on 1 March.")
    _publish(page)

    # Where the workflow says: a new suggestion in the inbox, nothing else touched.
    created = sorted((hub.root / "suggestions").glob("*.md"))
    assert len(created) == 1
    rel = created[0].relative_to(hub.root).as_posix()
    assert _status(hub.root) == [f"?? {rel}"]
    assert read_document(created[0]).meta == {
        "title": "Open day at the Lyon warehouse",
        "url": "https://example.com/events/lyon-open-day",
        "departments": ["engineering"],
        "publish": "2027-03-01T09:00",
        "share": {"linkedin": ["Come and see how we ship: open day in Lyon.",
                               "Our Lyon warehouse opens its doors on 1 March."]}}
    check = subprocess.run([sys.executable, "-m", "sharehub", "check", rel], cwd=hub.root,
                           capture_output=True, text=True, env={"PYTHONPATH": str(TOOLS),
                                                               "PATH": "/usr/bin:/bin"})
    assert check.returncode == 0, check.stdout + check.stderr

    # The preview counted each variant as the hub's Python counts it once it lands.
    loaded = load_hub(hub.root / "mkdocs.yml")
    item = check_paths([created[0]], loaded).items[0]
    frame = page.frame_locator("iframe").first
    assert frame.locator(".sh-card .sh-card-title").inner_text() == "Open day at the Lyon warehouse"
    for variant in (0, 1):
        shown = frame.locator(f'li[data-network="linkedin"][data-variant="{variant}"]')
        expected = count("linkedin", item.landing("linkedin", variant), network_rules(loaded.options))
        assert shown.get_attribute("data-length") == str(expected.length)
        assert f"{expected.length} / {expected.limit}" in shown.inner_text()
    assert not _outside(requests), _outside(requests)
    assert not errors


def test_editing_an_item_changes_only_that_file(browser, editor, hub):
    path = hub.content / "posts/2027-03-01-lyon-data-engineers.md"
    before = read_document(path).meta
    page, requests, errors = _open(browser, editor)
    page.goto(editor.url + "#/collections/posts/entries/2027-03-01-lyon-data-engineers")
    title = page.locator('input[id^="title-field"]')
    title.wait_for()
    assert title.input_value() == before["title"]
    page.locator('textarea[id^="summary-field"]').fill("Two open positions, hybrid.")
    # A text that is too long for X shows up as such while typing.
    page.get_by_role("button", name="Add x").click()
    page.locator('textarea[id^="text-field"]').last.fill("Lyon! " * 60)
    frame = page.frame_locator("iframe").first
    assert "sh-over" in frame.locator('li[data-network="x"]').get_attribute("class")
    page.locator('textarea[id^="text-field"]').last.fill("Lyon is hiring data engineers.")
    assert "sh-over" not in frame.locator('li[data-network="x"]').get_attribute("class")
    _publish(page)

    assert _status(hub.root) == [" M content/posts/2027-03-01-lyon-data-engineers.md"]
    after = read_document(path).meta
    assert after == {**before, "summary": "Two open positions, hybrid.",
                     "share": {**before["share"], "x": ["Lyon is hiring data engineers."]}}
    assert not _outside(requests), _outside(requests)
    assert not errors


def test_edit_stops_the_backend_and_the_preview_on_exit(editor):
    import socket

    assert editor.stop() == 0
    for port in (editor.port, editor.backend_port):
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open"


def test_published_editor_waits_for_github_sign_in_without_third_party_requests(browser, hub):
    from support.browser import FolderServer

    (hub.root / "mkdocs.yml").write_text((hub.root / "mkdocs.yml").read_text()
                                         + "      admin:\n        repo: acme/hub\n")
    server = FolderServer(hub.build())
    try:
        page = browser.new_page()
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server.url + "admin/")
        page.get_by_role("button", name="Login with GitHub").wait_for(timeout=20000)
        page.wait_for_timeout(500)
        assert not _outside(requests), _outside(requests)
        assert not errors
        # The published page never looks for a local backend.
        assert not [u for u in requests if "/api/v1" in u]
    finally:
        server.close()


def test_an_uploaded_image_lands_next_to_the_item(browser, editor, hub, tmp_path):
    from PIL import Image

    picture = tmp_path / "red.png"
    Image.new("RGB", (40, 30), (200, 10, 10)).save(picture)
    page, requests, errors = _open(browser, editor)
    page.goto(editor.url + "#/collections/suggestions/new")
    page.locator('input[id^="title-field"]').fill("Our new depot")
    page.get_by_role("button", name="Choose an image").click()
    page.locator('input[type="file"]').set_input_files(picture)
    page.get_by_role("button", name="Choose selected").click()
    _publish(page)
    created = sorted((hub.root / "suggestions").glob("*.md"))
    assert read_document(created[0]).meta == {"title": "Our new depot", "image": "images/red.png"}
    # Where promote will move the item (content/posts/), so the relative path holds.
    assert (hub.content / "posts/images/red.png").read_bytes() == picture.read_bytes()
    assert not _outside(requests) and not errors


def test_hostile_text_in_a_suggestion_never_runs_in_the_editor(browser, editor, hub):
    from pathlib import Path

    from sharehub.files import render_document

    lines = (Path(__file__).resolve().parents[1] / "data" / "attack_strings.txt").read_text("utf-8")
    attacks = [a for a in lines.splitlines() if a.strip() and not a.startswith("# ")]
    (hub.root / "suggestions/hostile.md").write_text(render_document(
        {"title": "Hostile suggestion", "url": "https://example.com/h",
         "share": {"default": attacks[:10], "x": attacks[10:20]}}, "\n\n".join(attacks)))
    page, requests, errors = _open(browser, editor)
    dialogs, blocked = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("requestfailed", lambda r: blocked.append(r.url) if r.failure == "csp" else None)
    page.goto(editor.url + "#/collections/suggestions/entries/hostile")
    frame = page.frame_locator("iframe").first
    frame.locator('li[data-network="x"]').first.wait_for()
    page.wait_for_timeout(1500)
    assert not dialogs
    assert not _outside(requests), _outside(requests)
    assert "https://evil.example/x.png" in blocked  # a tracking pixel in the body: stopped by CSP
    assert frame.locator("[onerror], [onload], script:not([src])").count() == 0
