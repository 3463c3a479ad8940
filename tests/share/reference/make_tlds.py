"""Regenerate the TLD lists the length rules use, from the references' own data.

* X: twitter-text's ``conformance/tld_lib.yml`` (the list its regexes are
  generated from; twitter-text-parser, which the Python side uses, carries the
  same list, and a test checks that they agree).
* Bluesky: the ``tlds`` npm package at the version atproto's lockfile pins
  (``@atproto/api`` checks bare domains against it).

Writes ``tools/sharehub/share/tlds.json`` (read by Python) and the generated
block of ``tools/sharehub/site/assets/share-core.js`` (the browser). Not run by
the tests; a test checks that the two outputs agree.

    python tests/share/reference/make_tlds.py --twitter-text GIT_DIR \\
        --tlds node_modules/tlds --atproto GIT_DIR
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tools"))

from sharehub.share.tlds import JS_BLOCK_RE, TLDS_FILE, js_block  # noqa: E402

SHARE_CORE = ROOT / "tools" / "sharehub" / "site" / "assets" / "share-core.js"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), *args], check=True,
                          capture_output=True, text=True).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--twitter-text", type=Path, required=True)
    parser.add_argument("--tlds", type=Path, required=True, help="node_modules/tlds")
    parser.add_argument("--atproto", type=Path, required=True)
    args = parser.parse_args()
    x = yaml.safe_load(git(args.twitter_text, "show", "HEAD:conformance/tld_lib.yml"))
    bluesky = json.loads((args.tlds / "index.json").read_text("utf-8"))
    version = json.loads((args.tlds / "package.json").read_text("utf-8"))["version"]
    lock = git(args.atproto, "show", "HEAD:pnpm-lock.yaml")
    pinned = sorted(set(re.findall(r"^  tlds@([0-9.]+):", lock, flags=re.M)))
    if pinned != [version]:
        raise SystemExit(f"atproto pins tlds@{pinned}, node_modules has {version}")
    data = {
        "x": {"source": "twitter/twitter-text conformance/tld_lib.yml at "
                        + git(args.twitter_text, "rev-parse", "HEAD").strip(),
              "tlds": sorted(set(x["generic"]) | set(x["country"]))},
        "bluesky": {"source": f"npm tlds@{version}, as bluesky-social/atproto "
                              + git(args.atproto, "rev-parse", "HEAD").strip()
                              + " pins it (pnpm-lock.yaml)",
                    "tlds": sorted(set(bluesky))},
    }
    TLDS_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    script = SHARE_CORE.read_text("utf-8")
    if not JS_BLOCK_RE.search(script):
        raise SystemExit(f"{SHARE_CORE}: no generated TLD block to replace")
    SHARE_CORE.write_text(JS_BLOCK_RE.sub(lambda _m: js_block(data), script), encoding="utf-8")
    print(f"wrote {TLDS_FILE.relative_to(ROOT)} and the TLD block of {SHARE_CORE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
