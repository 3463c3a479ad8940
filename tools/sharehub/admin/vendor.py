"""Refresh the vendored Decap CMS bundle (a maintainer's step, never run by the hub).

``python -m sharehub.admin.vendor 3.16.3`` asks the npm registry for that
exact version, downloads its tarball, refuses it unless its SHA-512 equals
the ``dist.integrity`` the registry publishes, and packs the browser files
(``dist/decap-cms.js``, its lazy chunks and WebAssembly, no source maps)
into ``vendor/decap-cms.tar.xz`` with a manifest. Then update
:data:`sharehub.admin.bundle.ARCHIVE_SHA512` to the value it prints.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path

from sharehub.admin.bundle import ARCHIVE, MANIFEST, VENDOR_DIR
from sharehub.files import write_atomic

REGISTRY = "https://registry.npmjs.org/decap-cms/"


def _wanted(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return name.startswith("package/dist/") and not base.endswith(".map") and (
        base == "decap-cms.js" or base.endswith(".decap-cms.js") or base.endswith(".wasm")
        or base == "decap-cms.js.LICENSE.txt")


def vendor(version: str) -> str:
    """Download, verify and pack ``decap-cms@version``; returns the archive's sha512."""
    with urllib.request.urlopen(REGISTRY + version, timeout=60) as response:
        meta = json.load(response)
    integrity = meta["dist"]["integrity"]
    with urllib.request.urlopen(meta["dist"]["tarball"], timeout=300) as response:
        tarball = response.read()
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if algorithm != "sha512" or actual != expected:
        raise SystemExit(f"decap-cms@{version}: tarball does not match the registry's {integrity}")
    out = io.BytesIO()
    files = {}
    with tarfile.open(fileobj=io.BytesIO(tarball)) as source, \
            tarfile.open(fileobj=out, mode="w:xz") as packed:
        for member in sorted(source.getmembers(), key=lambda m: m.name):
            if not member.isfile() or not _wanted(member.name):
                continue
            data = source.extractfile(member).read()
            name = member.name.removeprefix("package/dist/")
            files[name] = hashlib.sha384(data).hexdigest()
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            packed.addfile(info, io.BytesIO(data))
    archive = out.getvalue()
    (VENDOR_DIR / ARCHIVE).write_bytes(archive)
    manifest = {"package": "decap-cms", "version": version, "license": meta.get("license"),
                "tarball": meta["dist"]["tarball"], "integrity": integrity, "files": files}
    write_atomic(VENDOR_DIR / MANIFEST, json.dumps(manifest, indent=1) + "\n", overwrite=True)
    return hashlib.sha512(archive).hexdigest()


if __name__ == "__main__":  # pragma: no cover - maintainer tool
    print(vendor(sys.argv[1]))
