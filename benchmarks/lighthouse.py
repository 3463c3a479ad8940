"""Lighthouse (mobile preset) on the sample hub's home page and an item page.

Builds the repository's sample hub with ``sharehub build`` (as of the sample's
date), serves it on 127.0.0.1 with gzip compression (as a static host such as
GitHub Pages does), and runs the npm ``lighthouse`` CLI against Debian
chromium (``CHROME_PATH=/usr/bin/chromium``, ``--headless=new --no-sandbox
--disable-gpu``). Lighthouse is installed into ``.cache/npm`` when missing
(a benchmark, not a test: CI does not install it).

Targets (issue 10): performance >= 95, accessibility 100, best practices 100,
CLS < 0.05. Prints one Markdown row per page (the median of ``--runs`` runs,
the best performance score in brackets) and every audit that did not pass.

Usage: python benchmarks/lighthouse.py [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NPM_PREFIX = REPO / ".cache" / "npm"
LIGHTHOUSE = NPM_PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
SAMPLE_AS_OF = "2026-11-23T12:00:00+01:00"
PAGES = {"home": "", "item": "posts/2026-11-02-lyon-data-engineers/"}
CATEGORIES = ("performance", "accessibility", "best-practices")
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".webmanifest", ".txt")


def ensure_lighthouse() -> Path:
    if not LIGHTHOUSE.is_file():
        print(f"installing lighthouse into {NPM_PREFIX} ...", file=sys.stderr)
        subprocess.run(["npm", "install", "--prefix", str(NPM_PREFIX), "--no-audit",
                        "--no-fund", "lighthouse"], check=True)
    return LIGHTHOUSE


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzip-compressed when the client accepts it."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the slash
            path = path / "index.html"
        if (path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Gzip, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def build(out: Path) -> Path:
    site = out / "site"
    subprocess.run([sys.executable, "-m", "sharehub", "build", "-f", str(REPO / "mkdocs.yml"),
                    "-d", str(site), "--as-of", SAMPLE_AS_OF], check=True, cwd=REPO)
    return site


def lighthouse(cli: Path, url: str) -> dict:
    """One Lighthouse run (its default config is the mobile preset)."""
    result = subprocess.run(
        ["node", str(cli), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROME}, check=True)
    return json.loads(result.stdout)


def figures(report: dict) -> dict:
    audits = report["audits"]
    out = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    out["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    for key, name in (("first-contentful-paint", "fcp"), ("largest-contentful-paint", "lcp"),
                      ("total-blocking-time", "tbt")):
        out[name] = audits[key]["numericValue"]
    return out


def findings(report: dict) -> list[str]:
    """Weighted audits that did not pass (every category), and performance opportunities."""
    out = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            score = audit.get("score")
            if score is not None and score < 1 and (ref.get("weight") or
                                                    audit.get("details", {}).get("type") == "opportunity"):
                out.append(f"{category}: {ref['id']} ({score:.2f}) {audit.get('displayValue', '')}".rstrip())
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args()
    cli = ensure_lighthouse()
    out = args.keep or Path(tempfile.mkdtemp(prefix="sharehub-lighthouse-"))
    try:
        site = build(out)
        httpd, base = serve(site)
        print(f"load average before: {os.getloadavg()[0]:.1f} (Lighthouse slows the CPU 4x "
              f"on top of what the machine gives it)")
        print("| page | performance (best) | accessibility | best practices | CLS | FCP | LCP | TBT |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        notes = {}
        for name, path in PAGES.items():
            runs = [lighthouse(cli, base + path) for _ in range(args.runs)]
            got = [figures(r) for r in runs]
            med = {k: statistics.median(g[k] for g in got) for k in got[0]}
            best = max(g["performance"] for g in got)
            print(f"| {name} | {med['performance']:.0f} ({best}) | {med['accessibility']:.0f} | "
                  f"{med['best-practices']:.0f} | {med['cls']:.3f} | {med['fcp'] / 1000:.1f} s | "
                  f"{med['lcp'] / 1000:.1f} s | {med['tbt']:.0f} ms |")
            notes[name] = sorted({f for r in runs for f in findings(r)})
        httpd.shutdown()
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        for name, found in notes.items():
            print(f"\n{name}: " + ("no failing audit" if not found else "\n  " + "\n  ".join(found)))
    finally:
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
