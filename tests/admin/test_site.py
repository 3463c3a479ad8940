"""/admin/ in the built hub: served from the hub itself, verified, and kept out of search, sitemap and feeds."""

from __future__ import annotations

import hashlib
import html
import json
import shutil

from sharehub.admin import bundle


def test_admin_is_built_but_not_indexed(hub):
    site = hub.build()
    page = html.unescape((site / "admin/index.html").read_text())
    assert 'name="robots" content="noindex' in page
    scripts = [line for line in page.splitlines() if "<script" in line]
    assert scripts and not [s for s in scripts if "http" in s]  # no CDN: every script is the hub's
    # Only itself and GitHub's API once signed in; never a local backend when published.
    assert "Content-Security-Policy" in page and "connect-src 'self' blob: data: https://api.github.com;" in page
    assert "127.0.0.1" not in page and "'unsafe-inline'" not in page.split("style-src")[0]
    assert (site / "assets/sharehub/share-core.js").is_file()  # loaded by reference
    for name in ("sitemap.xml", "search/search_index.json", "feed.xml", "feed.json"):
        assert "admin" not in (site / name).read_text(), name
    settings = json.loads((site / "admin/hub.json").read_text())
    assert settings["rules"]["x"]["limit"] == 280 and settings["local"] is False


def test_served_bundle_is_the_pinned_one(hub):
    site = hub.build()
    manifest = bundle.manifest()
    assert manifest["version"] == bundle.VERSION
    assert manifest["integrity"].startswith("sha512-")
    for name, sha384 in manifest["files"].items():
        assert hashlib.sha384((site / "admin/decap-cms" / name).read_bytes()).hexdigest() == sha384
    assert b"MIT License" in (site / "admin/decap-cms/LICENSE").read_bytes()


def test_a_tampered_bundle_gives_a_clear_page_not_a_broken_editor(hub, tmp_path, monkeypatch):
    vendor = tmp_path / "vendor"
    shutil.copytree(bundle.VENDOR_DIR, vendor)
    archive = vendor / bundle.ARCHIVE
    data = bytearray(archive.read_bytes())
    data[-100] ^= 1
    archive.write_bytes(bytes(data))
    monkeypatch.setattr(bundle, "VENDOR_DIR", vendor)
    bundle.bundle_files.cache_clear()
    try:
        site = hub.build()
    finally:
        bundle.bundle_files.cache_clear()
    page = (site / "admin/index.html").read_text()
    assert "The editor is not available" in page and "does not match decap-cms" in page
    assert not (site / "admin/decap-cms").exists() and "<script" not in page


def test_admin_can_be_turned_off(hub):
    (hub.root / "mkdocs.yml").write_text((hub.root / "mkdocs.yml").read_text()
                                         + "      admin:\n        enabled: false\n")
    assert not (hub.build() / "admin").exists()
