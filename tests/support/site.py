"""Purpose-made hubs for the site tests: write content, build for real, parse the HTML."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from sharehub.config import load_hub
from sharehub.content.loader import find_markdown, read_document
from sharehub.content.validate import check_documents
from sharehub.site.build import build_site

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2027-03-15T12:00:00+01:00"
SAMPLE_AS_OF = "2026-11-23T12:00:00+01:00"

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


def without_templates(text: str) -> str:
    """Built HTML without its ``<template>`` elements (inert copies, not shown)."""
    import re
    return re.sub(r"<template\b.*?</template>", "", text, flags=re.S)
