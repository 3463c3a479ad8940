"""Fixtures for the hub site: purpose-made hubs, real builds, a local server, Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sharehub.config import load_hub
from sharehub.content.loader import find_markdown, read_document
from sharehub.site.build import build_site
from sharehub.content.validate import check_documents

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2027-03-15T12:00:00+01:00"
SAMPLE_AS_OF = "2026-11-23T12:00:00+01:00"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

BASE_CONFIG = """\
site_name: {site_name}
site_url: {site_url}
docs_dir: content
theme:
  name: material
  language: en
  font: false
plugins:
  - search
  - sharehub:
      networks: [linkedin, x, facebook, bluesky, mastodon, threads, reddit, whatsapp, telegram, xing, email]
      disclosure: "#AcmeEmployee"
      timezone: Europe/Paris
      page_size: {page_size}
      archive: {archive}
"""


class Hub:
    """A hub folder in tmp_path: write content, build, read the output."""

    def __init__(self, root: Path, **options):
        self.root = root
        self.content = root / "content"
        self.content.mkdir(parents=True, exist_ok=True)
        self.write_config(**options)

    def write_config(self, *, site_name="Acme Hub", site_url="https://hub.example.com/",
                     page_size=24, archive="false", extra=""):
        (self.root / "mkdocs.yml").write_text(
            BASE_CONFIG.format(site_name=json.dumps(site_name), site_url=site_url,
                               page_size=page_size, archive=archive) + extra, "utf-8")

    def add(self, rel: str, text: str) -> Path:
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        return path

    def build(self, as_of: str | None = AS_OF, strict=False) -> Path:
        return build_site(self.root / "mkdocs.yml", site_dir=self.root / "site", as_of=as_of,
                          strict=strict)

    def items(self):
        hub = load_hub(self.root / "mkdocs.yml")
        report = check_documents([read_document(p) for p in find_markdown([hub.content_dir])], hub)
        return {item.rel_path.as_posix(): item for item in report.items}


def item_md(title, *, url="https://example.com/a", body="Talking points.", **fields) -> str:
    """Front matter + body of an item (values written as JSON, which YAML reads)."""
    meta = {"title": title, **({"url": url} if url else {}), **fields}
    lines = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
    return f"---\n{lines}\n---\n{body}\n"


@pytest.fixture
def make_hub(tmp_path):
    def make(name="hub", **options):
        return Hub(tmp_path / name, **options)
    return make


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The repository's own sample hub, built as of AS_OF."""
    out = tmp_path_factory.mktemp("sample") / "site"
    build_site(REPO / "mkdocs.yml", site_dir=out, as_of=SAMPLE_AS_OF)
    return out


class Anchors(HTMLParser):
    """Collects share links, cards and a few other elements from built HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.share = []       # (variant key or None, network, href)
        self.variant = None
        self.tags: list[tuple[str, dict]] = []
        self.texts: dict[str, str] = {}
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        cls = (a.get("class") or "").split()
        if "sh-variant" in cls:
            self.variant = (a["data-network"], int(a["data-variant"]))
        if tag == "article":
            self.variant = None
        if tag == "a" and "sh-net" in cls:
            self.share.append((self.variant, a["data-network"], a["href"]))
        if tag == "textarea":
            self._textarea = a.get("id")
            self.texts[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.texts[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def parse(path: Path) -> Anchors:
    parser = Anchors()
    parser.feed(path.read_text("utf-8"))
    return parser


def page_of(site: Path, url: str) -> Path:
    return site / url / "index.html" if url.endswith("/") or not url else site / url


# --- serving and the browser -------------------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def serve():
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


class Watched:
    """A page whose console errors, dialogs and requests are recorded."""

    def __init__(self, context, page):
        self.context, self.page = context, page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_dialog(dialog):
            self.dialogs.append(dialog.message)
            dialog.dismiss()
        page.on("dialog", on_dialog)

        def route(r):
            self.requests.append(r.request.url)
            if r.request.url.startswith("http://127.0.0.1:"):
                r.continue_()
            else:  # record, never reach the internet
                r.abort()
        context.route("**/*", route)


@pytest.fixture
def open_page(browser):
    contexts = []

    def open_(url: str, *, clipboard=False) -> Watched:
        context = browser.new_context()
        if clipboard:
            origin = url.split("/", 3)
            context.grant_permissions(["clipboard-read", "clipboard-write"],
                                      origin="/".join(origin[:3]))
        contexts.append(context)
        watched = Watched(context, context.new_page())
        watched.page.goto(url)
        return watched

    yield open_
    for context in contexts:
        context.close()


def axe_source() -> str | None:
    """axe-core, installed by .ci/run with npm (``.cache/npm``), if present."""
    for candidate in (os.environ.get("SHAREHUB_AXE_JS", ""),
                      REPO / ".cache/npm/node_modules/axe-core/axe.min.js",
                      REPO / "node_modules/axe-core/axe.min.js"):
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text("utf-8")
    return None
