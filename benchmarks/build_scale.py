"""Build time of the hub against plain MkDocs + Material, at 1,000 and 5,000 items.

Generates synthetic items (front matter with several share variants and a
Markdown body), then builds, in the same run and on the same files:

* baseline: the same Markdown as plain pages with Material, search on and no
  nav (``nav: [index.md]``), no sharehub plugin;
* sharehub: the hub (validation, home and listing pages with the composer,
  item pages with every variant's plain share link, feeds, cards.json, card
  images, manifest and service worker; items kept out of the nav).

Targets (issues 9 and 10): sharehub <= 1.3x baseline at 1,000 and at 5,000
items; home page (HTML + sharehub.css + sharehub.js) <= 150 KB at 5,000.

Usage: python benchmarks/build_scale.py [--sizes 1000 5000] [--repeat 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = ["news", "job", "event", "story", "product", "campaign"]
TOPICS = ["careers", "data", "sustainability", "events", "product", "people", "logistics",
          "opensource", "awards", "community"]
DEPARTMENTS = ["engineering", "sales", "operations", "marketing", "finance"]
WORDS = ("parcel route depot driver cold chain tracker warehouse team Lyon Paris data "
         "engineer launch customer partner green electric fleet hub share story").split()

BASELINE_YML = """\
site_name: Baseline
site_url: https://hub.example.com/
docs_dir: content
theme:
  name: material
  font: false
nav:
  - index.md
not_in_nav: |
  /posts/
plugins:
  - search
"""
SHAREHUB_YML = """\
site_name: Hub
site_url: https://hub.example.com/
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - sharehub:
      disclosure: "#AcmeEmployee"
      timezone: Europe/Paris
"""


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def item_text(i: int, rng: random.Random) -> str:
    meta = {
        "title": f"Item {i}: {sentence(rng, 6)}",
        "url": f"https://example.com/news/{i}?ref=hub",
        "summary": sentence(rng, 18) + ".",
        "kind": rng.choice(KINDS),
        "topics": rng.sample(TOPICS, 2),
        "departments": rng.sample(DEPARTMENTS, rng.randint(0, 2)),
        "campaign": f"campaign-{i % 20}",
        "featured": i % 97 == 0,
        "publish": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T09:00:00+01:00",
        "hashtags": ["acme", rng.choice(TOPICS)],
        "share": {
            "default": sentence(rng, 20) + ".",
            "x": [sentence(rng, 12) + " 🚀", sentence(rng, 14) + "."],
            "linkedin": [sentence(rng, 40) + ".", sentence(rng, 30) + "."],
        },
    }
    body = "\n\n".join([
        sentence(rng, 40) + ".",
        "- **Say:** " + sentence(rng, 12) + "\n- **Don't say:** " + sentence(rng, 10),
        f"More on the [intranet](https://example.com/intranet/{i}).",
    ])
    lines = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
    return f"---\n{lines}\n---\n{body}\n"


def make_hub(root: Path, count: int) -> None:
    rng = random.Random(count)
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    for i in range(count):
        (posts / f"item-{i:05d}.md").write_text(item_text(i, rng), "utf-8")
    (root / "baseline.yml").write_text(BASELINE_YML, "utf-8")
    (root / "sharehub.yml").write_text(SHAREHUB_YML, "utf-8")


def build(root: Path, config: str, site: str, *, with_index: bool) -> tuple[float, float]:
    """One ``mkdocs build`` in a fresh process: (wall seconds, CPU seconds incl. workers)."""
    index = root / "content" / "index.md"
    if with_index:
        index.write_text("---\ntitle: Home\n---\nBaseline home.\n", "utf-8")
    elif index.exists():
        index.unlink()
    env = dict(os.environ, SHAREHUB_AS_OF="2027-01-15T12:00", NO_MKDOCS_2_WARNING="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / config),
                    "-d", str(root / site)], check=True, env=env, cwd=root,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def home_weight(site: Path) -> dict:
    html = (site / "index.html").stat().st_size
    own = sum((site / "assets/sharehub" / n).stat().st_size for n in ("sharehub.css", "sharehub.js"))
    return {"html": html, "own_css_js": own, "total": html + own}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=1, help="best of N builds")
    parser.add_argument("--keep", type=Path, help="keep generated hubs in this folder")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="sharehub-bench-")) if not args.keep else args.keep
    results = {}
    try:
        for size in args.sizes:
            root = work / f"hub-{size}"
            if root.exists():
                shutil.rmtree(root)
            make_hub(root, size)
            # Alternate the two builds so that load from elsewhere hits both alike.
            runs = {"baseline": [], "sharehub": []}
            for _ in range(args.repeat):
                runs["baseline"].append(build(root, "baseline.yml", "site-baseline",
                                              with_index=True))
                runs["sharehub"].append(build(root, "sharehub.yml", "site-hub",
                                              with_index=False))
            base, base_cpu = min(runs["baseline"])
            hub, hub_cpu = min(runs["sharehub"])
            weight = home_weight(root / "site-hub")
            results[size] = {"baseline_s": round(base, 2), "sharehub_s": round(hub, 2),
                             "ratio": round(hub / base, 2), "baseline_cpu_s": round(base_cpu, 2),
                             "sharehub_cpu_s": round(hub_cpu, 2), "home": weight}
            print(f"{size:>6} items: baseline {base:6.2f} s  sharehub {hub:6.2f} s  "
                  f"ratio {hub / base:4.2f}x  (CPU {base_cpu:.2f} s vs {hub_cpu:.2f} s)  "
                  f"home {weight['total'] / 1024:6.1f} KB "
                  f"(HTML {weight['html'] / 1024:.1f} KB + own CSS/JS "
                  f"{weight['own_css_js'] / 1024:.1f} KB)", flush=True)
        sizes = sorted(results)
        if len(sizes) >= 2:
            small, large = sizes[0], sizes[-1]
            growth = results[large]["sharehub_s"] / results[small]["sharehub_s"]
            base_growth = results[large]["baseline_s"] / results[small]["baseline_s"]
            print(f"growth {small} -> {large}: sharehub {growth:.2f}x, baseline {base_growth:.2f}x "
                  f"(items x{large / small:.0f})")
            results["growth"] = {"sharehub": round(growth, 2), "baseline": round(base_growth, 2)}
        print(json.dumps(results))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
