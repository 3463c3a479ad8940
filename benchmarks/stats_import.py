"""Benchmark of ``sharehub stats import`` (issue 11).

Writes a synthetic generic CSV of N rows (``--rows``, default 1,000,000:
60 days × 12 networks × 50 campaigns × a few tags, 10 % of rows with
another ``utm_medium``), then imports it in a fresh child process and
measures wall time and peak memory (``ru_maxrss`` of that process, which
includes the interpreter). The baseline in the same run is a child that
only reads the file with ``csv.reader`` and does nothing with the rows, so
the ratio says what the import costs above reading the bytes.

Targets: import ≤ 5 s and ≤ 300 MB peak for 1,000,000 rows (streamed, not
loaded whole); a second import of the same file changes nothing.

    python3 benchmarks/stats_import.py [--rows 1000000] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import platform
import random
import subprocess
import sys
import tempfile
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1] / "tools"
NETWORKS = ["linkedin", "x", "facebook", "bluesky", "mastodon", "threads", "reddit",
            "whatsapp", "telegram", "xing", "teams", "email"]

CHILD_IMPORT = """
import resource, sys, time
sys.path.insert(0, {tools!r})
from sharehub.config import default_hub
from sharehub.engage.stats import import_export
hub = default_hub({root!r}, results={{"leaderboard": "tags"}})
start = time.perf_counter()
summary = import_export(hub, {path!r})
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(elapsed, peak, summary.rows, summary.kept, len(summary.written))
"""

CHILD_READ = """
import csv, resource, sys, time
start = time.perf_counter()
with open({path!r}, encoding="utf-8", newline="") as handle:
    rows = sum(1 for _ in csv.reader(handle))
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(elapsed, peak, rows, 0, 0)
"""


def write_export(path: Path, rows: int) -> None:
    rng = random.Random(11)
    campaigns = [f"campaign-{i:02d}" for i in range(50)]
    tags = ["", "", "ada", "grace", "linus", "team-lyon"]
    days = [(dt.date(2027, 1, 1) + dt.timedelta(days=n)).isoformat() for n in range(60)]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["date", "utm_source", "utm_medium", "utm_campaign", "utm_content",
                      "visits"])
        for i in range(rows):
            date = days[(i // 7) % 60]
            medium = "cpc" if i % 10 == 9 else "employee_advocacy"
            out.writerow([date, NETWORKS[i % 12], medium, campaigns[(i // 12) % 50],
                          tags[i % 6], rng.randint(1, 40)])


def run(code: str) -> tuple[float, float, int, int, int]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stderr)
    elapsed, peak, rows, kept, written = done.stdout.split()
    return float(elapsed), float(peak), int(rows), int(kept), int(written)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--markdown", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sharehub-stats-") as tmp:
        root = Path(tmp)
        export = root / "export.csv"
        write_export(export, args.rows)
        size = export.stat().st_size / 1e6
        base = run(CHILD_READ.format(path=str(export)))
        first = run(CHILD_IMPORT.format(tools=str(TOOLS), root=str(root), path=str(export)))
        again = run(CHILD_IMPORT.format(tools=str(TOOLS), root=str(root), path=str(export)))
    ok_time, ok_mem = first[0] <= 5.0, first[1] <= 300
    lines = [
        "| rows | file | read only (baseline) | import | ratio | peak memory | second import |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        f"| {args.rows:,} | {size:.0f} MB | {base[0]:.2f} s | {first[0]:.2f} s "
        f"{'✅' if ok_time else '❌'} | {first[0] / base[0]:.1f} | {first[1]:.0f} MB "
        f"{'✅' if ok_mem else '❌'} | {again[0]:.2f} s, {again[4]} files changed |",
        "",
        f"({platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}; kept {first[3]:,} of {first[2]:,} rows; "
        f"baseline peak {base[1]:.0f} MB.)",
    ]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    if not (ok_time and ok_mem) or again[4] != 0:
        sys.exit(1)


if __name__ == "__main__":
    main()
