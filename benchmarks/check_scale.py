"""How fast is `sharehub check` on 10,000 items, against merely parsing them?

Generates N synthetic items (realistic front matter: texts per network,
hashtags, dates, some bodies with Markdown links) in a temporary hub, then
times, in the same run and process:

* floor: ``frontmatter.load`` (python-frontmatter) of every file, nothing else;
* check: ``sharehub check`` as the CLI runs it (config load, load, validate,
  per-network lengths of every text variant, body scan, duplicate search),
  in forked workers from 2,000 files on;
* check, one process: the same validation without workers, in wall-clock
  and in CPU time (the CPU-time ratio is the one other jobs on a shared
  machine disturb least).

Each is run REPEAT times alternately and the best time is kept.
Target: check <= 1.5x the floor.

    python benchmarks/check_scale.py [N]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

import frontmatter
from click.testing import CliRunner

from sharehub.cli import main

REPEAT = 3
TOPICS = ["careers", "data", "events", "product", "sustainability", "culture", "research"]
KINDS = ["news", "job", "event", "campaign", "story", "product"]


def make_hub(root: Path, n: int) -> None:
    rng = random.Random(42)
    (root / "mkdocs.yml").write_text(
        "site_name: Bench\ndocs_dir: content\nplugins:\n  - sharehub:\n"
        "      disclosure: '#AcmeEmployee'\n      banned_phrases: [guaranteed returns, confidential]\n")
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    for i in range(n):
        topics = rng.sample(TOPICS, 2)
        body = ("Why this matters: our team has worked on this for a year.\n\n"
                "- Say what you liked about it\n- Link to [the details](https://example.com/d/%d)\n" % i
                if i % 3 else "Short talking point without markup.\n")
        (posts / f"2027-01-{i % 28 + 1:02d}-item-{i}.md").write_text(
            "---\n"
            f"title: \"Item {i}: we launched something in Lyon\"\n"
            f"url: https://example.com/news/{i}?ref=feed\n"
            f"summary: Short context for item {i}, shown on the card.\n"
            f"kind: {KINDS[i % len(KINDS)]}\n"
            f"topics: [{', '.join(topics)}]\n"
            "departments: [engineering]\n"
            f"campaign: campaign-{i % 20}\n"
            f"featured: {'true' if i % 50 == 0 else 'false'}\n"
            "publish: 2027-03-01T09:00:00+01:00\n"
            "expires: 2027-12-31\n"
            "lang: en\n"
            "hashtags: [launch, lyon]\n"
            "share:\n"
            f"  default: \"Proud of what my team shipped: item {i} 🚀\"\n"
            f"  x: \"Item {i} is live!\"\n"
            "  linkedin:\n"
            f"    - \"My team has been working on item {i} for months. Here it is.\"\n"
            f"    - \"Know someone who would like item {i}? Pass it on.\"\n"
            "---\n" + body, encoding="utf-8")


def time_floor(root: Path, clock=time.perf_counter) -> float:
    start = clock()
    for dirpath, _dirs, files in os.walk(root / "content"):
        for name in files:
            frontmatter.load(os.path.join(dirpath, name))
    return clock() - start


def time_check(root: Path) -> float:
    cwd = os.getcwd()
    os.chdir(root)
    try:
        start = time.perf_counter()
        result = CliRunner().invoke(main, ["check"])
        elapsed = time.perf_counter() - start
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output[-2000:]
    return elapsed


def time_serial(root: Path, clock=time.perf_counter) -> float:
    from sharehub.config import load_hub
    from sharehub.content.validate import check_paths

    hub = load_hub(root / "mkdocs.yml")
    start = clock()
    report = check_paths(None, hub, keep_items=True)  # keeping items never forks
    elapsed = clock() - start
    assert report.ok and report.worker_tasks == 0
    return elapsed


def main_(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_hub(root, n)
        time_check(root)  # warm imports (MkDocs, Material, pydantic) once for both
        floors, checks, serials, cpu_floors, cpu_serials = [], [], [], [], []
        for _ in range(REPEAT):
            floors.append(time_floor(root))
            checks.append(time_check(root))
            serials.append(time_serial(root))
            cpu_floors.append(time_floor(root, time.process_time))
            cpu_serials.append(time_serial(root, time.process_time))
        floor, check, serial = min(floors), min(checks), min(serials)
        cpu_floor, cpu_serial = min(cpu_floors), min(cpu_serials)
        print(f"items: {n}")
        print(f"floor (python-frontmatter parse only): {floor:.2f} s")
        print(f"sharehub check:                        {check:.2f} s")
        print(f"ratio: {check / floor:.2f}x (target <= 1.50x)")
        print(f"check in one process:                  {serial:.2f} s ({serial / floor:.2f}x)")
        print(f"CPU time, one process: floor {cpu_floor:.2f} s, check {cpu_serial:.2f} s "
              f"({cpu_serial / cpu_floor:.2f}x)")


if __name__ == "__main__":
    main_(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
