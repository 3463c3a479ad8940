"""The Decap CMS bundle the hub serves at ``/admin/decap-cms/``.

The bundle is vendored as package data (``vendor/decap-cms.tar.xz``, made by
:mod:`sharehub.admin.vendor` from the npm registry's tarball after checking
the registry's SHA-512 integrity), so ``pip install -e . && sharehub serve``
gives a working editor offline and the hub never loads code from a CDN.
Every build checks the archive against :data:`ARCHIVE_SHA512` and each file
against the manifest before serving a byte of it.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import tarfile
from pathlib import Path

from sharehub.errors import SharehubError

VENDOR_DIR = Path(__file__).parent / "vendor"
ARCHIVE = "decap-cms.tar.xz"
MANIFEST = "decap-cms.json"
LICENSE = "decap-cms.LICENSE"
#: Pinned: the archive made from decap-cms@VERSION (see :mod:`sharehub.admin.vendor`).
VERSION = "3.16.3"
ARCHIVE_SHA512 = ("18208fec3e578dda7176b76b66b3cbed229572af203dd426544a03b21544bbac"
                  "efc311acbf3d3deb5bc4268e7d77a9dbd8077e997dc79c1f347117209fd38c7a")
#: The file the page loads; the others are chunks it loads on demand.
MAIN = "decap-cms.js"


def manifest() -> dict:
    """Version, registry integrity and per-file SHA-384 of the vendored bundle."""
    return json.loads((VENDOR_DIR / MANIFEST).read_text("utf-8"))


@functools.lru_cache(maxsize=1)
def bundle_files() -> dict[str, bytes]:
    """The bundle's files by name, each checked against the pinned hashes.

    Raises:
        SharehubError: the archive is missing or differs from the pinned one;
            the message says how to restore it.
    """
    path = VENDOR_DIR / ARCHIVE
    try:
        data = path.read_bytes()
    except OSError:
        raise SharehubError(f"the editor's bundle is missing: reinstall sharehub "
                            f"(python -m pip install -e .) to restore decap-cms {VERSION}",
                            path) from None
    if hashlib.sha512(data).hexdigest() != ARCHIVE_SHA512:
        raise SharehubError(f"the editor's bundle does not match decap-cms {VERSION} as "
                            f"pinned in sharehub/admin/bundle.py; restore it from git", path)
    expected = manifest()["files"]
    files = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:xz") as archive:
        for member in archive.getmembers():
            content = archive.extractfile(member).read()
            if expected.get(member.name) != hashlib.sha384(content).hexdigest():
                raise SharehubError(f"{member.name} differs from the manifest", path)
            files[member.name] = content
    if set(files) != set(expected) or MAIN not in files:
        raise SharehubError("the editor's bundle lacks files its manifest lists", path)
    files["LICENSE"] = (VENDOR_DIR / LICENSE).read_bytes()
    return files
