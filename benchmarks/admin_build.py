"""What the /admin/ editor costs: the hub's build, and the local backend's folder listing.

On the same synthetic hub (``build_scale.make_hub``: items with share
variants), in the same run:

* build: ``mkdocs build`` with the editor (config generated from the model,
  the vendored Decap bundle verified and written) against the same build
  with ``admin: {enabled: false}``. Target: the editor adds <= 10 %.
* listing: ``entriesByFolder`` of every item over HTTP from the local
  backend (what Decap asks when a collection opens) against the floor of
  reading the same files in Python. Target: <= 3x the floor.

Best of ``--repeat`` alternating runs.

Usage: python benchmarks/admin_build.py [--items 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))

from build_scale import SHAREHUB_YML, make_hub  # noqa: E402


def build_seconds(root: Path, config: str) -> float:
    env = dict(os.environ, SHAREHUB_AS_OF="2027-01-15T12:00", NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / config),
                    "-d", str(root / "site")], check=True, env=env, cwd=root,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def listing_seconds(root: Path) -> tuple[float, float]:
    from sharehub.admin.backend import start_backend
    from sharehub.config import load_hub

    server = start_backend(load_hub(root / "sharehub.yml"), port=0, allowed_origins=[])
    url = f"http://127.0.0.1:{server.server_address[1]}/api/v1"
    body = json.dumps({"action": "entriesByFolder", "params": {
        "folder": "content/posts", "extension": "md", "depth": 1}}).encode()
    try:
        start = time.perf_counter()
        request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            entries = json.loads(response.read())
        backend = time.perf_counter() - start
    finally:
        server.shutdown()
        server.server_close()
    start = time.perf_counter()
    floor = [p.read_bytes() for p in sorted((root / "content/posts").glob("*.md"))]
    floor_time = time.perf_counter() - start
    assert len(entries) == len(floor)
    return backend, floor_time


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="sharehub-admin-bench-"))
    make_hub(root, args.items)
    (root / "off.yml").write_text(SHAREHUB_YML + "      admin:\n        enabled: false\n", "utf-8")
    with_admin, without = [], []
    for _ in range(args.repeat):
        without.append(build_seconds(root, "off.yml"))
        with_admin.append(build_seconds(root, "sharehub.yml"))
    listing = [listing_seconds(root) for _ in range(args.repeat)]
    on, off = min(with_admin), min(without)
    backend, floor = min(b for b, _ in listing), min(f for _, f in listing)
    print(json.dumps({"items": args.items, "build_without_admin_s": round(off, 2),
                      "build_with_admin_s": round(on, 2), "build_ratio": round(on / off, 3),
                      "listing_s": round(backend, 3), "listing_floor_s": round(floor, 3),
                      "listing_ratio": round(backend / floor, 2)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
