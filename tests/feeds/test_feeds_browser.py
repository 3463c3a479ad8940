"""Attack drafts in a real browser: nothing in them runs script.

The drafts pulled from the attack fixtures are rendered the way MkDocs
renders a body (Python-Markdown, attr_list, md_in_html) *without* the site's
own sanitiser, so the draft alone must be safe, then loaded in headless
Chromium; every link is clicked and every image given time to fail. A
dialog, a navigation to a script URL or a console marker fails the test.
"""

from __future__ import annotations

import html

import markdown

from support.feeds import NOW
from sharehub.feeds.pull import pull
from sharehub.content.loader import find_markdown, read_document


def test_attack_drafts_run_no_script_in_chromium(browser, feed_server, make_hub, test_limits):
    hub = make_hub([{"name": "attacks", "url": feed_server.url("/attacks")},
                    {"name": "attacks-json", "url": feed_server.url("/attacks-json")}])
    report = pull(hub, limits=test_limits, now=NOW)
    assert report.ok
    docs = [read_document(p) for p in find_markdown([hub.suggestions_dir])]
    assert len(docs) == 4
    sections = []
    for doc in docs:
        meta = doc.meta
        sections.append(
            f"<article><h1>{html.escape(meta['title'])}</h1>"
            f"<p>{html.escape(meta.get('summary', ''))}</p>"
            + markdown.markdown(doc.body, extensions=["attr_list", "md_in_html"]) + "</article>")
    page_html = "<!doctype html><html><body>" + "\n".join(sections) + "</body></html>"

    context = browser.new_context()
    try:
        page = context.new_page()
        dialogs, navigations = [], []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("framenavigated", lambda f: navigations.append(f.url))
        # Block every request: a draft must not need the network to be judged.
        page.route("**/*", lambda route: route.abort())
        page.set_content(page_html)
        page.wait_for_timeout(300)
        for link in page.query_selector_all("a"):
            link.click(modifiers=["Alt"], no_wait_after=True, timeout=2000)
        page.wait_for_timeout(300)
        scripts = page.evaluate("document.querySelectorAll('script, iframe, svg, "
                                "[onerror], [onclick], [onload]').length")
        assert page.evaluate("document.querySelectorAll('article').length") == 4
    finally:
        context.close()
    assert dialogs == []
    assert scripts == 0
    assert not [u for u in navigations if u.lower().startswith("javascript")]
