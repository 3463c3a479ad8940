"""The local backend over real HTTP on 127.0.0.1: what it serves, writes and refuses."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

from sharehub.admin.backend import start_backend
from sharehub.cli import main
from sharehub.config import load_hub

ORIGIN = "http://127.0.0.1:8000"
ITEM = "content/posts/2027-03-01-lyon-data-engineers.md"


@pytest.fixture
def backend(hub):
    server = start_backend(load_hub(hub.root / "mkdocs.yml"), port=0, allowed_origins=[ORIGIN])
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v1"
    server.shutdown()
    server.server_close()


def call(url, action, params=None, *, origin=ORIGIN, host=None):
    headers = {"Content-Type": "application/json", "Origin": origin}
    if host:
        headers["Host"] = host
    request = urllib.request.Request(url, json.dumps({"action": action, "params": params or {}}).encode(),
                                     headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def raw(title, **extra):
    lines = [f"title: {title}"] + [f"{k}: {json.dumps(v)}" for k, v in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\nTalking points.\n"


def test_info_and_entries(backend):
    assert call(backend, "info")[1] == {"repo": "hub", "publish_modes": ["simple"], "type": "local_fs"}
    status, entries = call(backend, "entriesByFolder", {"folder": "content/posts", "extension": "md", "depth": 1})
    assert status == 200 and [e["file"]["path"] for e in entries] == [ITEM]
    assert entries[0]["data"].startswith("---\ntitle:")


def test_listing_depth_and_links(backend, hub, tmp_path):
    (hub.content / "posts/sub").mkdir()
    (hub.content / "posts/sub/deeper.md").write_text(raw("Deeper"))
    (tmp_path / "secret.md").write_text("secret")
    (hub.content / "posts/link.md").symlink_to(tmp_path / "secret.md")
    params = {"folder": "content/posts", "extension": "md"}
    shallow = [e["file"]["path"] for e in call(backend, "entriesByFolder", {**params, "depth": 1})[1]]
    deep = [e["file"]["path"] for e in call(backend, "entriesByFolder", {**params, "depth": 2})[1]]
    assert shallow == [ITEM]
    assert deep == [ITEM, "content/posts/sub/deeper.md"]
    assert call(backend, "getEntry", {"path": "content/posts/link.md"})[0] == 422


@pytest.mark.parametrize("path", ["mkdocs.yml", "../outside.md", "/etc/passwd", "content/../mkdocs.yml",
                                  ".git/config", "site/index.md"])
def test_nothing_outside_content_and_suggestions(backend, hub, path):
    status, body = call(backend, "persistEntry", {"entry": {"path": path, "raw": raw("x")},
                                                  "assets": [], "options": {"newEntry": True}})
    assert status == 422 and "error" in body
    assert call(backend, "getEntry", {"path": path})[0] == 422


def test_other_origins_and_host_names_are_refused(backend, hub):
    assert call(backend, "info", origin="https://evil.example.org")[0] == 403
    port = backend.split(":")[2].split("/")[0]
    assert call(backend, "info", host=f"rebind.example.org:{port}")[0] == 403


def test_invalid_content_is_not_saved(backend, hub):
    status, body = call(backend, "persistEntry", {"entry": {"path": "suggestions/bad.md",
                        "raw": raw("Hi", url="javascript:alert(1)")}, "assets": [],
                        "options": {"newEntry": True}})
    assert status == 422 and "url" in body["error"] and "not saved" in body["error"]
    assert not (hub.root / "suggestions/bad.md").exists()


def test_a_new_entry_never_replaces_a_file(backend, hub):
    target = hub.root / "suggestions/taken.md"
    target.write_text(raw("Mine"))
    status, body = call(backend, "persistEntry", {"entry": {"path": "suggestions/taken.md",
                        "raw": raw("Theirs")}, "assets": [], "options": {"newEntry": True}})
    assert status == 422 and "exists" in body["error"]
    assert "Mine" in target.read_text()


def test_a_file_changed_on_disk_since_it_was_read_is_not_overwritten(backend, hub):
    call(backend, "getEntry", {"path": ITEM})
    path = hub.root / ITEM
    path.write_text(path.read_text().replace("Talking points.", "Edited by hand."))
    status, body = call(backend, "persistEntry", {"entry": {"path": ITEM, "raw": raw("Editor")},
                                                  "assets": [], "options": {}})
    assert status == 422 and "changed on disk" in body["error"]
    assert "Edited by hand." in path.read_text()


def test_uploads_are_written_next_to_the_item(backend, hub):
    png = base64.b64encode(b"\x89PNG\r\n\x1a\nfake").decode()
    status, body = call(backend, "persistMedia", {"asset": {"path": "content/posts/images/a.png",
                        "content": png, "encoding": "base64"}})
    assert status == 200 and body["name"] == "a.png"
    assert (hub.content / "posts/images/a.png").read_bytes() == b"\x89PNG\r\n\x1a\nfake"
    assert call(backend, "deleteFile", {"path": ITEM})[0] == 422  # content goes in a pull request
    assert (hub.root / ITEM).exists()
    for name in ("sneaky.md", "page.html", "logo.svg"):  # unvalidated content, script on the hub's origin
        status, body = call(backend, "persistMedia", {"asset": {
            "path": f"content/posts/{name}", "content": png, "encoding": "base64"}})
        assert status == 422 and "pictures" in body["error"]
        assert not (hub.content / "posts" / name).exists()


@pytest.mark.parametrize("payload", [b"[]", b'{"action": "info", "params": [1]}', b"\xff",
                                     b"[" * 100000, b'{"action": "getEntry", "params": {"path": 5}}'])
def test_malformed_requests_get_an_error_not_a_crash(backend, payload):
    request = urllib.request.Request(backend, payload, headers={"Content-Type": "application/json"},
                                     method="POST")
    with pytest.raises(urllib.error.HTTPError) as failure:
        urllib.request.urlopen(request, timeout=10)
    assert failure.value.code == 422 and "error" in json.loads(failure.value.read())


def test_edit_listens_only_on_this_machine(hub, monkeypatch):
    monkeypatch.chdir(hub.root)
    result = CliRunner().invoke(main, ["edit", "-a", "0.0.0.0:8000"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: ")
    assert "127.0.0.1" in result.output and "Traceback" not in result.output
