"""Tooltips are inert: a hub built from hostile bodies and feeds, hovered in Chromium.

Material's ``content.tooltips`` renders an element's ``title`` (and the text
of a truncated navigation or table-of-contents entry) as HTML. The hub is
built from every hostile body fixture about titles, classes and comments plus
the drafts of a hostile feed, with ``content.tooltips``, ``attr_list`` and
``abbr`` on. ``sharehub check`` rejects those bodies (the build says so at
its end), but the pages it wrote must still be harmless: every element with
a title and every table-of-contents entry is hovered, and no dialog opens and
no element with an event handler appears.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sharehub.config import load_hub
from sharehub.content.validate import check_paths
from sharehub.errors import SharehubError
from sharehub.feeds.pull import Limits, pull
from support.browser import FolderServer, Watched
from support.feeds import NOW, FeedServer, write_hub
from support.fixtures import expectation
from support.site import Hub

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE_BODIES = sorted(p for p in (FIXTURES / "bad").glob("body-*.md")
                        if re.search(r"title|class|comment|marked|onerror|attr-list", p.name))
FEED = FIXTURES / "hostile" / "tooltips.xml"
EXTRA = """\
markdown_extensions:
  - attr_list
  - abbr
  - md_in_html
  - toc:
      permalink: true
"""
LONG_HEADING = ("\n\n## &lt;img src=x onerror=alert(7)&gt; a heading long enough to be cut "
                "short in the table of contents, so that Material gives it a tooltip\n\n"
                "## Second heading\n")


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []
        self.classes: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("title") is not None:
            self.titles.append(attrs["title"])
        self.classes += (attrs.get("class") or "").split()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-hub")
    hub = Hub(root, extra=EXTRA)
    config = (root / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(config.replace(
        "  font: false\n", "  font: false\n  features: [content.tooltips]\n"), "utf-8")
    for path in HOSTILE_BODIES:
        text = re.sub(r"(?m)^url: .*$", f"url: https://example.com/hostile/{path.stem}",
                      path.read_text("utf-8"))
        hub.add(f"posts/{path.stem}.md", text.rstrip("\n") + LONG_HEADING)

    server = FeedServer().start()
    try:
        url = server.add("/tooltips.xml", FEED.read_bytes(), content_type="application/rss+xml")
        feeds_hub = load_hub(write_hub(root / "feeds-hub", [{"name": "hostile", "url": url}]))
        report = pull(feeds_hub, limits=Limits(connect_timeout=2, read_timeout=2,
                                               total_timeout=10), now=NOW)
    finally:
        server.stop()
    assert report.ok
    drafts = sorted(feeds_hub.suggestions_dir.glob("**/*.md"))
    assert len(drafts) == expectation(FEED)["drafts"]
    for draft in drafts:  # published as promote would: the body as the feed writer made it
        text = re.sub(r"(?m)^status: .*\n", "", draft.read_text("utf-8"))
        hub.add(f"posts/feed-{draft.name}", text.rstrip("\n") + LONG_HEADING)

    with pytest.raises(SharehubError) as failed:
        hub.build()
    yield root / "site", str(failed.value), drafts


def test_check_rejects_every_hostile_body_and_accepts_the_feed_drafts(hostile_site):
    _site, build_error, drafts = hostile_site
    # The build fails in check's words; the feed writer's drafts pass check.
    assert "posts/body-" in build_error and ": body: " in build_error
    hub = load_hub(drafts[0].parents[1] / "mkdocs.yml")
    report = check_paths(drafts, hub)
    assert report.errors == [], [str(p) for p in report.errors]


def test_every_title_in_the_built_hub_is_inert_text_and_no_hub_class_is_forged(hostile_site):
    site, _error, _drafts = hostile_site
    expect = expectation(FEED)
    pages = sorted(site.glob("posts/*/index.html"))
    assert len(pages) == len(HOSTILE_BODIES) + expect["drafts"]
    for page in pages:
        html = page.read_text("utf-8")
        # The sanitised body: after the hub's item header, before its share panel.
        body = html.split('class="sh-talking"', 1)[1].split("</h2>", 1)[1]
        body = body.split('<section class="sh-share"', 1)[0]
        found = _Attributes()
        found.feed(body)
        for title in found.titles:
            assert not any(ch in title for ch in expect["no_title_contains"]), (page, title)
        forged = [c for c in found.classes if c.startswith(tuple(expect["no_class_starts_with"]))]
        assert forged == [], (page, forged)


def test_hovering_every_title_and_contents_entry_runs_no_script(hostile_site, browser):
    site, _error, _drafts = hostile_site
    server = FolderServer(site)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    hovered = 0
    try:
        page = context.new_page()
        watched = Watched(context, page)
        for index in sorted(site.glob("posts/*/index.html")):
            page.goto(server.url + index.relative_to(site).parent.as_posix() + "/")
            page.wait_for_load_state("load")
            targets = page.locator("article [title], .md-sidebar--secondary .md-nav__link")
            for i in range(targets.count()):
                target = targets.nth(i)
                if not target.is_visible():
                    continue
                target.scroll_into_view_if_needed()
                target.hover(timeout=3000)
                hovered += 1
                page.wait_for_timeout(60)
            page.wait_for_timeout(200)
            tooltips = page.evaluate("[...document.querySelectorAll('.md-tooltip2, .md-tooltip')]"
                                     ".map(t => t.innerHTML).join('\\n')")
            assert "<img" not in tooltips and "<script" not in tooltips and "<svg" not in tooltips
            handlers = page.evaluate(
                "[...document.querySelectorAll('*')].filter(e => [...e.attributes]"
                ".some(a => a.name.startsWith('on'))).length")
            assert handlers == 0, index
    finally:
        context.close()
        server.close()
    assert hovered >= len(HOSTILE_BODIES) * 2  # titles and long contents entries were hovered
    assert watched.dialogs == []
    assert not [e for e in watched.errors if "alert" in e]
