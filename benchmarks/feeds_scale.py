"""Benchmark of ``sharehub feeds pull`` at scale (issue 4).

Serves N generated RSS feeds of M entries each from a local HTTP server (a
separate process, so it does not share the puller's GIL) that sleeps
``--latency`` ms before every reply to model a real network round trip, and
measures in one run:

1. the first pull (default concurrency) into an empty hub,
2. an immediate second pull of that hub (every feed answers 304),
3. the first pull with concurrency 1 into another empty hub,
4. the first ``feeds pull --commit`` (as CI runs it: drafts committed onto
   the rolling branch, state onto the state branch) in a git repository.

Targets: second <= 0.2 x first; concurrent first <= 0.5 x sequential first;
committed first <= 1.2 x first.

    python3 benchmarks/feeds_scale.py [--feeds 200] [--entries 50] [--latency 30]
        [--max-items 50] [--concurrency 8] [--markdown benchmarks/feeds_scale.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))


def feed_xml(port: int, n: int, entries: int) -> bytes:
    items = []
    for i in range(entries):
        items.append(
            f"<item><title>Feed {n} story {i}: a headline of ordinary length</title>"
            f"<link>http://127.0.0.1:{port}/f{n}/s{i}?utm_source=rss</link>"
            f"<guid>f{n}-s{i}</guid><pubDate>Mon, 02 Mar 2026 08:30:00 GMT</pubDate>"
            f"<description>&lt;p&gt;Story {i} of feed {n}: &lt;b&gt;two&lt;/b&gt; "
            f"sentences of summary. The second one is longer, as summaries are.&lt;/p&gt;"
            f"</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Feed {n}</title><link>http://127.0.0.1:{port}/</link>"
            f"<description>d</description>{''.join(items)}</channel></rss>").encode()


def serve(port_queue, feeds: int, entries: int, latency: float) -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    bodies: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            time.sleep(latency)  # the modelled network round trip
            body = bodies.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            tag = f'"{hash(body) & 0xffffffff:x}"'
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.send_header("ETag", tag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", tag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.request_queue_size = 256
    port = httpd.server_address[1]
    for n in range(feeds):
        bodies[f"/feed{n}.xml"] = feed_xml(port, n, entries)
    port_queue.put(port)
    httpd.serve_forever()


def make_hub(root: Path, port: int, feeds: int, max_items: int):
    import yaml
    from sharehub.config import load_hub

    (root / "content").mkdir(parents=True)
    (root / "suggestions").mkdir()
    # The private-address guard stays on (as in CI), with the benchmark's own
    # server allowed: every connection is resolved and checked.
    config = {"site_name": "bench", "site_url": "https://hub.example.com/", "docs_dir": "content",
              "plugins": [{"sharehub": {"feeds_pull": {"allow_private": False,
                                                       "allowed_networks": ["127.0.0.1/32"]},
                                        "feeds": [
                  {"name": f"feed{n}", "url": f"http://127.0.0.1:{port}/feed{n}.xml",
                   "max_items": max_items} for n in range(feeds)]}}]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return load_hub(root / "mkdocs.yml")


def make_repository(root: Path, port: int, feeds: int, max_items: int):
    """A hub in a git repository with one commit, as a CI checkout."""
    import subprocess

    hub = make_hub(root, port, feeds, max_items)
    for args in (["init", "-q", "-b", "main"], ["add", "mkdocs.yml"],
                 ["-c", "user.name=b", "-c", "user.email=b@example.com", "commit", "-qm", "hub"]):
        subprocess.run(["git", *args], cwd=root, check=True)
    return hub


def timed_commit(hub, concurrency: int):
    import subprocess

    from sharehub.feeds.inbox import commit_pull

    start = time.perf_counter()
    done = commit_pull(hub, concurrency=concurrency,
                       now=dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc))
    elapsed = time.perf_counter() - start
    assert done.report.ok and done.pending and done.state_commit
    listed = subprocess.run(["git", "ls-tree", "--name-only", f"{done.pending}:suggestions"],
                            cwd=hub.root, check=True, capture_output=True, text=True).stdout
    return elapsed, len(listed.split())


def timed(hub, concurrency: int):
    from sharehub.feeds.pull import pull

    start = time.perf_counter()
    report = pull(hub, concurrency=concurrency, now=dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc))
    elapsed = time.perf_counter() - start
    assert report.ok, [r.summary() for r in report.feeds if not r.ok][:3]
    return elapsed, report


def _fs_type(folder: str | None) -> str:
    """File-system type of ``folder`` (from /proc/mounts), for the record."""
    path = os.path.realpath(folder or tempfile.gettempdir())
    best, kind = "", "unknown"
    try:
        for line in open("/proc/mounts", encoding="utf-8"):
            _dev, mount, fstype, *_ = line.split()
            if path.startswith(mount) and len(mount) > len(best):
                best, kind = mount, fstype
    except OSError:
        pass
    return f"{kind} ({path})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--latency", type=float, default=30.0, help="ms per request")
    parser.add_argument("--max-items", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--dir", help="where to create the two hubs (default: the system "
                        "temp folder); compare a disk with tmpfs to see the cost of fsync")
    parser.add_argument("--markdown", help="write the results as a Markdown section here")
    args = parser.parse_args()

    queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, daemon=True,
                                     args=(queue, args.feeds, args.entries, args.latency / 1000))
    server.start()
    port = queue.get(timeout=60)
    try:
        with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
            hub_a = make_hub(Path(tmp) / "a", port, args.feeds, args.max_items)
            hub_b = make_hub(Path(tmp) / "b", port, args.feeds, args.max_items)
            first, report = timed(hub_a, args.concurrency)
            drafts = len(report.new)
            second, report2 = timed(hub_a, args.concurrency)
            assert not report2.new and all(r.not_modified for r in report2.feeds)
            sequential, report3 = timed(hub_b, 1)
            assert len(report3.new) == drafts
            hub_c = make_repository(Path(tmp) / "c", port, args.feeds, args.max_items)
            committed, in_commit = timed_commit(hub_c, args.concurrency)
            assert in_commit == drafts
    finally:
        server.terminate()
        server.join()

    rows = [
        ("first pull", f"concurrency {args.concurrency}", first, "1.00", ""),
        ("second pull (all 304)", f"concurrency {args.concurrency}", second,
         f"{second / first:.2f}", f"≤ 0.20 {'✓' if second / first <= 0.2 else '✗'}"),
        ("first pull", "concurrency 1", sequential, f"{sequential / first:.2f}",
         f"first/sequential = {first / sequential:.2f} ≤ 0.50 "
         f"{'✓' if first / sequential <= 0.5 else '✗'}"),
        ("first pull --commit (git)", f"concurrency {args.concurrency}", committed,
         f"{committed / first:.2f}", f"≤ 1.20 {'✓' if committed / first <= 1.2 else '✗'}"),
    ]
    setup = (f"{args.feeds} feeds × {args.entries} entries, max_items {args.max_items} → "
             f"{drafts:,} drafts; {args.latency:g} ms artificial latency per request "
             f"(server in its own process on 127.0.0.1); hubs on {_fs_type(args.dir)}; Python {platform.python_version()}, "
             f"{os.cpu_count()} CPUs")
    lines = ["| run | fetching | seconds | × first | target |", "| --- | --- | ---: | ---: | --- |"]
    lines += [f"| {name} | {how} | {secs:.2f} | {ratio} | {target} |"
              for name, how, secs, ratio, target in rows]
    print(setup)
    print("\n".join(lines))
    if args.markdown:
        text = ("## feeds_scale: `sharehub feeds pull`\n\n"
                "`python3 benchmarks/feeds_scale.py` — " + setup + ".\n\n" + "\n".join(lines)
                + "\n\nFirst pulls write and validate every draft (the same work at any "
                "concurrency); the second pull sends If-None-Match and gets 304 for every feed, "
                "so it costs one round trip per feed and no parsing. `--commit` writes the same "
                "drafts into a scratch folder, stores them as blobs in one git call and commits "
                "them with git plumbing (no checkout).\n")
        Path(args.markdown).write_text(text, encoding="utf-8")
    ok = second / first <= 0.2 and first / sequential <= 0.5 and committed / first <= 1.2
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
