"""Benchmark of ``sharehub digest --dry-run`` (issue 11).

A hub of N new items (``--items``, default 500; a third for engineering,
a third for sales, the rest for everyone) and C channels (``--channels``,
default 20; alternately for everyone, engineering and sales), outside git
(local state file). Measures in one run:

1. loading and validating the items alone (the baseline: every command pays it),
2. ``run_digest(dry_run=True, out=…)``: selection, one HTML e-mail with CSS
   inlined, its plain-text part and one Markdown message per channel, all
   written to disk.

Target: the digest ≤ 2 s for 500 items to 20 channels.

    python3 benchmarks/digest_scale.py [--items 500] [--channels 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

CONFIG = """\
site_name: Bench Hub
site_url: https://hub.example.com/
docs_dir: content
plugins:
  - sharehub:
      digest:
        max_items: {items}
        lookback_days: 30
        channels:
{channels}
"""


def make_hub(root: Path, items: int, channels: int) -> None:
    lines = []
    for n in range(channels):
        audience = ["", "engineering", "sales"][n % 3]
        lines.append(f"          - name: channel-{n:02d}\n            url_env: BENCH_{n}")
        if audience:
            lines.append(f"            departments: [{audience}]")
    (root / "mkdocs.yml").write_text(CONFIG.format(items=items, channels="\n".join(lines)),
                                     "utf-8")
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    for n in range(items):
        meta = {"title": f"Story {n}: a headline of ordinary length about our work",
                "url": f"https://example.com/stories/{n}",
                "summary": "Two sentences of summary. The second one is longer, as summaries are.",
                "kind": ["news", "job", "event"][n % 3],
                "departments": [["engineering"], ["sales"], []][n % 3],
                "publish": f"2027-03-{1 + n % 10:02d}T09:00:00+01:00"}
        text = "\n".join(f"{k}: {json.dumps(v)}" for k, v in meta.items())
        (posts / f"story-{n}.md").write_text(f"---\n{text}\n---\nTalking points.\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--channels", type=int, default=20)
    args = parser.parse_args()
    from sharehub.config import load_hub
    from sharehub.engage.digest import load_items, run_digest

    with tempfile.TemporaryDirectory(prefix="sharehub-digest-") as tmp:
        root = Path(tmp)
        make_hub(root, args.items, args.channels)
        hub = load_hub(root / "mkdocs.yml")
        moment = dt.datetime(2027, 3, 12, tzinfo=dt.timezone.utc)
        import apprise, css_inline  # noqa: F401,E401 - imports are not what is measured
        start = time.perf_counter()
        load_items(hub)
        base = time.perf_counter() - start
        start = time.perf_counter()
        report = run_digest(hub, moment=moment, dry_run=True, out=root / "out")
        elapsed = time.perf_counter() - start
    sent = sum(len(p.items) for p in report.plans)
    ok = elapsed <= 2.0
    print("| items | channels | messages (items in all) | load items (baseline) | digest --dry-run | ratio |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    print(f"| {args.items} | {args.channels} | {len(report.written) // 3} ({sent:,}) | "
          f"{base:.2f} s | {elapsed:.2f} s {'✅' if ok else '❌'} | {elapsed / base:.1f} |")
    print(f"\n({platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()}.)")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
