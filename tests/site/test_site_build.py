"""Real builds of the sample hub and purpose-made hubs, read back as HTML, XML and JSON."""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from support.site import REPO, SAMPLE_AS_OF, item_md, page_of, parse, without_templates
from sharehub.cli import main
from sharehub.config import load_hub
from sharehub.errors import SharehubError
from sharehub.content.loader import find_markdown, read_document
from sharehub.moment import parse_moment
from sharehub.content.validate import check_documents

ATOM = "{http://www.w3.org/2005/Atom}"


def sample_items():
    hub = load_hub(REPO / "mkdocs.yml")
    report = check_documents([read_document(p) for p in find_markdown([hub.content_dir])], hub)
    return hub, report.items


def test_every_share_link_in_the_sample_hub_is_the_builders(sample_site):
    """Item pages carry one link per network and text variant, exactly as Item.share_link."""
    hub, items = sample_items()
    moment = parse_moment(SAMPLE_AS_OF, hub.tz)
    live = [i for i in items if i.is_shareable and i.is_live(moment)]
    assert live, "the sample hub has live items at the sample moment"
    checked = 0
    for item in live:
        page = parse(page_of(sample_site, item.page_path))
        expected = {}
        for network in hub.options.networks:
            variants = 1 if network in ("facebook", "xing") else len(item.texts(network))
            for i in range(variants):
                expected[(network, i)] = item.share_link(network, i).href
        found = {variant: href for variant, _network, href in page.share if variant}
        assert found == expected, item.path
        checked += len(found)
    assert checked > 100


def test_home_cards_have_one_share_control_and_their_records_featured_first(sample_site):
    """One Share control per card (a plain link to the item's share links without
    JavaScript); the page carries each card's record for the composer."""
    from sharehub.site.images import plan_card_images
    from sharehub.site.syndication import card_record

    hub, items = sample_items()
    moment = parse_moment(SAMPLE_AS_OF, hub.tz)
    live = [i for i in items if i.is_shareable and i.is_live(moment)]
    text = without_templates((sample_site / "index.html").read_text("utf-8"))
    titles = re.findall(r'<h2 class="sh-card-title"><a href="([^"]+)">', text)
    assert titles and len(titles) == min(len(live), hub.options.page_size)
    opens = re.findall(r'<a class="md-button md-button--primary sh-share-open" href="([^"]+)">', text)
    assert opens == [f"{t}#sh-share-title" for t in titles], "one Share control per card"
    assert not re.search(r'class="sh-net[ "]', text), "no wall of network buttons on the cards"
    records = json.loads(html.unescape(re.search(
        r'<script type="application/json" class="sh-records">(.*?)</script>', text, re.S).group(1)))
    by_path = {i.page_path: i for i in live}
    images, _copies = plan_card_images(live)
    assert [r["u"] for r in records] == titles
    for record in records:
        item = by_path[record["u"]]
        expected = card_record(item, record["u"], images.get(item.rel_path.as_posix()))
        assert record == json.loads(json.dumps(expected))
    assert any(r["i"].endswith(".card.jpg") and r["iw"] for r in records), "own images"
    featured = [t for t in titles if by_path[t].meta.featured]
    assert titles[:len(featured)] == featured, "featured items come first"


def test_items_stay_out_of_the_navigation(sample_site):
    text = (sample_site / "posts" / "2026-11-02-lyon-data-engineers" / "index.html").read_text("utf-8")
    nav = text[text.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index("</nav>\n  </div>") if "</nav>\n  </div>" in nav else len(nav)]
    assert "lyon-data-engineers" not in nav.split("md-sidebar--secondary")[0].replace(
        'href="./"', "")
    links = re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"', text)
    assert not [link for link in links if "posts/" in link]
    assert "Policy" in text and "Training" in text


def build_schedule_hub(make_hub, archive="false"):
    hub = make_hub(archive=archive)
    hub.add("posts/live.md", item_md("Live item", url="https://example.com/live",
                                     publish="2027-03-01T09:00:00+01:00"))
    hub.add("posts/future.md", item_md("Future secret launch", url="https://example.com/future",
                                       publish="2027-04-01T09:00:00+01:00",
                                       body="Embargoed talking points."))
    hub.add("posts/expired.md", item_md("Expired offer", url="https://example.com/expired",
                                        publish="2027-01-01", expires="2027-02-28"))
    return hub


def all_text(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text("utf-8", errors="replace")
            for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml")}


def test_scheduled_and_expired_items_are_absent_everywhere(make_hub):
    hub = build_schedule_hub(make_hub)
    site = hub.build()
    assert (site / "posts/live/index.html").is_file()
    assert not (site / "posts/future").exists() and not (site / "posts/expired").exists()
    for name, text in all_text(site).items():
        for word in ("Future secret launch", "posts/future", "Embargoed", "Expired offer",
                     "posts/expired", "example.com/future", "example.com/expired"):
            assert word not in text, f"{word!r} leaked into {name}"
    search = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert any(d["location"].startswith("posts/live/") for d in search["docs"])
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "posts/live/" in sitemap


def test_as_of_builds_the_hub_of_another_moment(make_hub, monkeypatch):
    hub = build_schedule_hub(make_hub)
    site = hub.build(as_of="2027-04-02")
    assert (site / "posts/future/index.html").is_file()
    assert "SHAREHUB_AS_OF" not in os.environ, "--as-of must not leak into later builds"
    monkeypatch.setenv("SHAREHUB_AS_OF", "2027-02-01T10:00")
    site = hub.build(as_of=None)
    assert (site / "posts/expired/index.html").is_file()
    assert not (site / "posts/live").exists()


def test_archive_keeps_expired_items_without_share_buttons(make_hub):
    hub = build_schedule_hub(make_hub, archive="true")
    site = hub.build()
    archive = (site / "archive/index.html").read_text("utf-8")
    assert "Expired offer" in archive and "sh-net" not in archive
    page = (site / "posts/expired/index.html").read_text("utf-8")
    assert "no longer shared" in page and "sh-net" not in page
    feeds = (site / "feed.xml").read_text("utf-8") + (site / "feed.json").read_text("utf-8")
    assert "Expired offer" not in feeds
    assert not (site / "posts/future").exists()


def test_pagination_keeps_the_home_page_small(make_hub):
    hub = make_hub(page_size=3)
    for n in range(8):
        hub.add(f"posts/p{n}.md", item_md(f"Post number {n}", url=f"https://example.com/{n}",
                                          publish=f"2027-03-0{n + 1}T09:00:00+01:00"))
    site = hub.build()
    home = without_templates((site / "index.html").read_text("utf-8"))
    assert home.count('<article class="sh-card') == 3
    assert [f"Post number {n}" in home for n in (7, 6, 5, 4)] == [True, True, True, False]
    assert (site / "page/2/index.html").is_file() and (site / "page/3/index.html").is_file()
    assert not (site / "page/4").exists()
    last = without_templates((site / "page/3/index.html").read_text("utf-8"))
    assert last.count('<article class="sh-card') == 2 and "Post number 0" in last
    assert 'href="../../posts/p0/"' in last and 'rel="prev" href="../2/"' in last
    assert json.loads((site / "cards.json").read_text("utf-8"))[0]["t"] == "Post number 7"


def test_story_without_url_shares_its_own_page_with_open_graph_tags(make_hub):
    hub = make_hub()
    from PIL import Image

    hub.add("posts/story.md", item_md("Our story", url=None, summary="How we started.",
                                      image="img/team.jpg", image_alt="The team"))
    (hub.content / "posts/img").mkdir()
    Image.new("RGB", (1600, 900), (200, 30, 30)).save(hub.content / "posts/img/team.jpg")
    site = hub.build()
    text = (site / "posts/story/index.html").read_text("utf-8")
    own = "https://hub.example.com/posts/story/"
    assert f'<meta property="og:url" content="{own}">' in text
    # A local image is relative to the item's file, as Markdown links are.
    assert '<meta property="og:image" content="https://hub.example.com/posts/img/team.jpg">' in text
    assert (site / "posts/img/team.jpg").is_file()
    with Image.open(site / "posts/img/team.card.jpg") as card:
        assert card.size == (720, 405), "cards get a copy resized at build time"
    home = without_templates((site / "index.html").read_text("utf-8"))
    assert 'src="posts/img/team.card.jpg" alt="The team"' in home
    assert 'width="720" height="405"' in home, "no layout shift while it loads"
    assert '<meta name="twitter:card" content="summary_large_image">' in text
    item = hub.items()["posts/story.md"]
    hrefs = {h for _v, n, h in parse(site / "posts/story/index.html").share if n == "linkedin"}
    assert item.share_link("linkedin").href in hrefs
    assert "utm_source%3Dlinkedin" in item.share_link("linkedin").href and own in item.target_url


def test_feeds_list_live_items_newest_first_with_absolute_links(make_hub):
    hub = make_hub()
    hub.add("posts/old.md", item_md("Old & good", url="https://example.com/old",
                                    publish="2027-03-01T09:00:00+01:00", topics=["a"]))
    hub.add("posts/new.md", item_md("New <3 things", url="https://example.com/new",
                                    publish="2027-03-10T09:00:00+01:00", summary="S & S"))
    site = hub.build()
    feed = json.loads((site / "feed.json").read_text("utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["title"] for i in feed["items"]] == ["New <3 things", "Old & good"]
    assert feed["items"][0]["url"] == "https://hub.example.com/posts/new/"
    assert feed["items"][0]["external_url"] == "https://example.com/new"
    atom = ET.parse(site / "feed.xml").getroot()
    entries = atom.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["New <3 things", "Old & good"]
    assert entries[0].find(f"{ATOM}link").get("href") == "https://hub.example.com/posts/new/"
    assert entries[0].findtext(f"{ATOM}summary") == "S & S"


def test_invalid_content_fails_the_build_like_check(make_hub, caplog):
    hub = make_hub()
    hub.add("posts/bad.md", "---\ntitle: Bad\nkind: jobb\nurl: javascript:alert(1)\n---\nx\n")
    with pytest.raises(SharehubError, match=r"bad\.md:\d+: "):
        hub.build()
    logged = caplog.text
    check = CliRunner().invoke(main, ["check", "-f", str(hub.root / "mkdocs.yml")])
    assert check.exit_code == 1
    for line in ("kind", "url"):
        assert re.search(rf"bad\.md:\d+: {line}", logged), logged
    assert "'jobb'" in logged and "'jobb'" in check.output


def test_strict_build_makes_warnings_fatal(make_hub):
    hub = make_hub()
    hub.write_config(site_url="")
    hub.add("posts/story.md", item_md("Story without url", url=None))
    hub.build()  # a warning only
    with pytest.raises(SharehubError):
        hub.build(strict=True)
    result = CliRunner().invoke(main, ["build", "--strict", "-f", str(hub.root / "mkdocs.yml"),
                                       "--as-of", "2027-01-01"])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_bad_as_of_is_one_clear_line(make_hub):
    hub = make_hub()
    result = CliRunner().invoke(main, ["build", "-f", str(hub.root / "mkdocs.yml"),
                                       "--as-of", "next tuesday"])
    assert result.exit_code == 1 and "next tuesday" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_policy_is_one_click_from_every_share_panel_and_guidelines_show_last_change(make_hub):
    import git
    hub = make_hub()
    hub.add("policy/policy.md", "---\ntitle: Social media policy\ntype: policy\n---\nBe kind.\n")
    hub.add("training/b.md", "---\ntitle: Second lesson\ntype: training\norder: 2\n---\nB\n")
    hub.add("training/a.md", "---\ntitle: First lesson\ntype: training\norder: 1\n---\nA\n")
    hub.add("posts/x.md", item_md("X"))
    repo = git.Repo.init(hub.root)
    repo.index.add(["content/policy/policy.md"])
    when = "2026-05-04 10:00:00 +0000"
    repo.index.commit("policy", author_date=when, commit_date=when)
    site = hub.build()
    page = (site / "posts/x/index.html").read_text("utf-8")
    assert re.search(r'Before you share: <a href="../../policy/policy/">read the policy</a>', page)
    policy = (site / "policy/policy/index.html").read_text("utf-8")
    assert 'Last changed: <time datetime="2026-05-04T10:00:00+00:00">2026-05-04</time>' in policy
    lesson = (site / "training/b/index.html").read_text("utf-8")
    today = dt.date.today().isoformat()
    assert f">{today}</time>" in lesson  # untracked: the file's own time
    nav = re.findall(r'href="[^"]*training/([ab])/"', (site / "index.html").read_text("utf-8"))
    assert nav[:2] == ["a", "b"], "training follows `order`"


def test_quiz_is_rendered_server_side_with_escaping(make_hub):
    hub = make_hub()
    hub.add("training/q.md", "---\ntitle: Quiz lesson\ntype: training\nquiz:\n"
                             "  - question: 'Is \"x\" & y ok?'\n"
                             "    choices: ['Yes & no', 'No \"never\"']\n"
                             "    answer: 'No \"never\"'\n"
                             "    explanation: 'Because & why'\n---\nBody\n")
    site = hub.build()
    text = (site / "training/q/index.html").read_text("utf-8")
    assert '<fieldset class="sh-question" data-answer="1">' in text
    assert re.search(r"<legend>Is &(quot|#34);x&(quot|#34); &amp; y ok\?</legend>", text)
    assert 'type="radio" name="q0" value="0"> Yes &amp; no' in text
    assert "<legend>Is \"x\"" not in text


def test_hostile_but_valid_text_is_escaped_everywhere(make_hub):
    hub = make_hub()
    # '<' followed by a letter is refused by the model, but this is valid:
    title = "Tom & Jerry \"quoted\" 'x' &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; \u202eevil"
    hub.add("posts/t.md", item_md(title, summary="\"> &lt;b onmouseover=alert(1)&gt; 'single'",
                                  topics=["a\"b", "x&y"], share={"x": "javascript:alert(1) \"'><"}))
    site = hub.build()
    for path in (site / "posts/t/index.html", site / "index.html"):
        text = path.read_text("utf-8")
        assert "<script>alert" not in text and "<b onmouseover" not in text
        assert "</title><script>" not in text
    item_page = (site / "posts/t/index.html").read_text("utf-8")
    assert "<title>Tom &amp; Jerry &quot;quoted&quot; &#x27;x&#x27; &amp;lt;/title&amp;gt;" in item_page
    cards = [a for t, a in parse(site / "index.html").tags if t == "article"]
    assert [a["data-topics"] for a in cards if a.get("data-topics")] == ['a"b|x&y']
    meta = re.search(r'<meta property="og:title" content="([^"]*)">', item_page).group(1)
    assert html.unescape(meta) == title


def test_body_attacks_are_sanitised_even_when_check_is_bypassed(make_hub, monkeypatch):
    """sanitize_html is the last line: simulate a check that lets bodies through.

    The real check refuses these bodies, so the build is run with body
    problems filtered out (the only mock here: nothing else can produce
    such a build).
    """
    import sharehub.content.validate as validate_module
    real = validate_module._item_rules

    def lenient(item, where):
        return [p for p in real(item, where) if p.field != "body"]
    monkeypatch.setattr(validate_module, "_item_rules", lenient)
    hub = make_hub()
    hub.write_config(extra="markdown_extensions:\n  - attr_list\n  - md_in_html\n")
    body = ("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
            "[click](javascript:alert(1))\n\n<a href=\"jav&#x61;script:alert(1)\">y</a>\n\n"
            "<iframe src=\"https://evil.example\"></iframe>\n\n"
            "<svg onload=alert(1)></svg>\n\n[styled](https://example.com){: onclick=\"alert(1)\" }\n\n"
            "A paragraph\n{: onmouseover=\"alert(1)\" }\n")
    hub.add("posts/attack.md", item_md("Attack", body=body))
    site = hub.build()
    text = (site / "posts/attack/index.html").read_text("utf-8")
    content = text[text.index('class="sh-item-head"'):text.index('<section class="sh-share"')]
    tags = parse_fragment(content)
    assert "click" in content and "A paragraph" in content, "the prose survives"
    assert not [t for t, _a in tags if t in ("script", "iframe", "svg", "object", "embed")]
    assert not [(t, k) for t, a in tags for k in a if k.startswith("on")]
    assert not [a["href"] for t, a in tags if "href" in a and "script:" in (a["href"] or "")]
    assert not [a["src"] for t, a in tags if t == "img" and a.get("src") == "x" and "onerror" in a]


def parse_fragment(text: str) -> list[tuple[str, dict]]:
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))
    parser = Tags()
    parser.found = []
    parser.feed(text)
    return parser.found


def test_panels_built_in_a_worker_process_are_the_same(make_hub, monkeypatch, caplog):
    """Large hubs build share panels in a forked worker: same links, same pages."""
    import sharehub.site.panels as panels_module
    hub = make_hub(page_size=4)
    for n in range(12):
        hub.add(f"posts/p{n:02d}.md", item_md(f"Post {n}", url=f"https://example.com/{n}",
                                              publish=f"2027-03-{n + 1:02d}T09:00:00+01:00",
                                              share={"x": [f"First {n}", f"Second {n}"]}))
    hub.add("policy/p.md", "---\ntitle: Policy\ntype: policy\n---\nP\n")
    site = hub.build()
    serial = {p.relative_to(site): p.read_text("utf-8") for p in site.rglob("index.html")}
    monkeypatch.setattr(panels_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(panels_module, "CHUNK", 3)
    caplog.set_level(logging.DEBUG, logger="mkdocs.plugins.sharehub.site.plugin")
    site = hub.build()
    ran = re.findall(r"build workers: (\d+) tasks in workers, (\d+) in this process", caplog.text)
    assert ran and int(ran[-1][0]) >= 4 and ran[-1][1] == "0", ran
    parallel = {p.relative_to(site): p.read_text("utf-8") for p in site.rglob("index.html")}
    assert parallel.keys() == serial.keys()
    differing = [str(k) for k in serial if serial[k] != parallel[k]]
    assert differing == []
    items = hub.items()
    page = parse(hub.root / "site/posts/p05/index.html")
    assert ("x", 1) in {v for v, _n, _h in page.share}
    assert {h for v, _n, h in page.share if v == ("x", 1)} == {items["posts/p05.md"].share_link("x", 1).href}


def test_rules_run_in_the_build_workers_fail_the_build_like_check(make_hub, monkeypatch):
    """On large hubs the rules beyond the schema run in the build's forked workers
    and fail the build at its end, with exactly the problems check reports."""
    import logging

    import sharehub.site.panels as panels_module
    from sharehub.content.validate import check_paths

    monkeypatch.setattr(panels_module, "PARALLEL_FROM", 2)  # a worker for this small hub
    hub = make_hub()
    for n in range(6):
        hub.add(f"posts/ok{n}.md", item_md(f"Fine {n}", url=f"https://example.com/{n}"))
    hub.add("posts/long.md", "---\ntitle: Long\nurl: https://example.com/long\nshare:\n"
                             "  x: \"" + "a" * 300 + "\"\n---\nx\n")
    hub.add("posts/later.md", "---\ntitle: Later\nurl: https://example.com/later\n"
                              "publish: 2099-01-01\n---\n<script>alert(1)</script>\n")
    check = check_paths(None, load_hub(hub.root / "mkdocs.yml"))
    assert {p.field for p in check.errors} == {"share.x", "body"}
    records = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = records.append
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        with pytest.raises(SharehubError, match=r"later\.md:6: body: <script>"):
            hub.build()
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    logged = [r.getMessage() for r in records]
    for problem in check.errors:
        where = f"{Path(problem.path).name}:{problem.line}: {problem.field}: {problem.message}"
        assert any(where in line for line in logged), (where, logged)
    hub.add("posts/long.md", item_md("Long no more", url="https://example.com/long"))
    hub.add("posts/later.md", item_md("Later", url="https://example.com/later"))
    hub.build()  # the same hub, fixed, builds



def test_home_has_a_suggest_button_that_opens_the_issue_form(make_hub):
    hub = make_hub()
    hub.add("posts/a.md", item_md("A"))
    assert "Suggest content" not in (hub.build() / "index.html").read_text("utf-8")
    hub.write_config(extra="")
    text = (hub.root / "mkdocs.yml").read_text("utf-8")
    (hub.root / "mkdocs.yml").write_text(
        text.replace("      page_size:", "      suggest_repo: acme/share-hub\n      page_size:"), "utf-8")
    page = (hub.build() / "index.html").read_text("utf-8")
    href = re.search(r'<a class="md-button" rel="noopener" href="([^"]+)">Suggest content</a>', page)
    assert href and html.unescape(href.group(1)).startswith(
        "https://github.com/acme/share-hub/issues/new?template=suggest-content.yml")
