"""Benchmark of ``sharehub review`` on a large hub (issue 5).

Generates a git repository with N items, then a pull-request branch that
adds, changes, moves and removes a few of them, and measures in one run:

1. ``review`` of that branch against main (what pr.yml runs), and
2. the baseline: ``check`` of the whole tree (what pr.yml runs just before).

Review validates only the changed items but reads every item of HEAD once
for duplicates, so it should cost a fraction of a full check.
Target: review <= 0.5 x check.

    python3 benchmarks/review_scale.py [--items 2000] [--changed 40]
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

ITEM = """\
---
title: "Item {n}: a headline of ordinary length"
url: https://news.example.com/items/{n}?utm_source=rss
summary: Short context for item {n}.
kind: news
topics: [logistics, people]
hashtags: [northwind]
share:
  default: "Item {n} is worth sharing with your network."
  x: "Item {n}, in short."
  linkedin:
    - "Item {n}: the long version for LinkedIn."
    - "Item {n}: another angle."
---
Talking points for item {n}.
"""

MKDOCS = """\
site_name: Bench
site_url: https://hub.example.com/
docs_dir: content
theme: {name: material}
plugins:
  - sharehub:
      disclosure: "#Bench"
      timezone: Europe/Paris
"""


def best(fn, repeat=3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--changed", type=int, default=40)
    args = parser.parse_args()

    import git

    from sharehub.config import load_hub
    from sharehub.workflow.review import review, to_markdown
    from sharehub.content.validate import check_paths

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        repo = git.Repo.init(root, initial_branch="main")
        with repo.config_writer() as cfg:
            cfg.set_value("user", "name", "Bench")
            cfg.set_value("user", "email", "bench@example.com")
        (root / "mkdocs.yml").write_text(MKDOCS)
        posts = root / "content" / "posts"
        posts.mkdir(parents=True)
        (root / "suggestions").mkdir()
        for n in range(args.items):
            (posts / f"item-{n:05d}.md").write_text(ITEM.format(n=n))
        repo.git.add("--all")
        repo.git.commit("-q", "-m", "items")
        repo.git.switch("-q", "-c", "pr")
        quarter = max(1, args.changed // 4)
        for n in range(quarter):  # added
            (root / "suggestions" / f"new-{n}.md").write_text(ITEM.format(n=args.items + n))
        for n in range(quarter):  # changed
            path = posts / f"item-{n:05d}.md"
            path.write_text(path.read_text().replace("kind: news", "kind: story"))
        for n in range(quarter, 2 * quarter):  # moved
            repo.git.mv(f"content/posts/item-{n:05d}.md", f"content/posts/moved-{n:05d}.md")
        for n in range(2 * quarter, 3 * quarter):  # removed
            repo.git.rm("-q", f"content/posts/item-{n:05d}.md")
        repo.git.add("--all")
        repo.git.commit("-q", "-m", "pr")

        hub = load_hub(root / "mkdocs.yml")
        report = review(hub, base="main")
        assert len(report.entries) == 4 * quarter, len(report.entries)
        t_review = best(lambda: to_markdown(review(hub, base="main")))
        t_check = best(lambda: check_paths([], hub))

    ratio = t_review / t_check
    print(f"# review_scale: {args.items} items, {4 * quarter} changed "
          f"({platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()})")
    print(f"review (changed items, markdown): {t_review:.2f} s")
    print(f"check (whole tree, baseline):     {t_check:.2f} s")
    print(f"ratio review/check: {ratio:.2f} (target <= 0.5): {'ok' if ratio <= 0.5 else 'MISSED'}")
    return 0 if ratio <= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
