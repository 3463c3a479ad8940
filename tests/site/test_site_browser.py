"""The built hub in real headless Chromium (Debian /usr/bin/chromium via Playwright).

Every page is served from 127.0.0.1; every request is recorded and anything
else is aborted, so "no third-party request" is checked, never made.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from support.browser import axe_source
from support.site import AS_OF, Hub, item_md  # noqa: F401

VECTORS = json.loads((Path(__file__).parents[1] / "data" / "share_vectors.json")
                     .read_text("utf-8"))["cases"]
HOSTILE = "Tom & Jerry \"quoted\" 'x' &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; \u202eevil"



# One case of tests/data/share_vectors.json, built the way the page builds it.
BUILD_CASES = """cases => cases.map(c => {
  const S = window.sharehubShare;
  const composed = S.composeText(c.text, c.network, c.hashtags, c.disclosure);
  const link = c.utm ? S.trackedUrl(c.url, c.network, c.utm.medium, c.utm.campaign, c.utm.content) : c.url;
  const built = S.shareLink(c.network, composed, link, c.title, c.mastodon_instance);
  const counted = S.count(c.network, built.text);
  return {href: built.href, landing: built.text, length: counted.length, limit: counted.limit};
})"""


def assert_clean(watched, base):
    assert watched.errors == [], watched.errors
    assert watched.dialogs == [], "a dialog opened: script ran"
    third = [u for u in watched.requests if not u.startswith(base)]
    assert third == [], f"third-party requests: {third}"


def test_javascript_matches_the_python_builder_on_every_shared_vector(site, open_page):
    w = open_page(site)
    got = w.page.evaluate(BUILD_CASES, VECTORS)
    for case, result in zip(VECTORS, got):
        assert result == case["expected"], case["name"]
    assert_clean(w, site)


def open_composer(page, network):
    """The item page's Share control opens the composer; pick ``network``."""
    if page.locator("dialog.sh-composer[open]").count():
        page.click("dialog.sh-composer .sh-close")
    page.click(".sh-item-head .sh-share-open")
    dialog = page.locator("dialog.sh-composer[open]")
    dialog.locator(f'.sh-net-choice[data-network="{network}"]').click()
    return dialog


def test_editing_a_text_updates_linkedin_and_x_links_and_counts(site, open_page, items):
    item = items["posts/jobs-lyon.md"]
    w = open_page(site + "posts/jobs-lyon/")
    page = w.page
    text = "Ich freue mich: R&D + 100% \"quoted\" 🇫🇷 👩🏽‍💻 #hiring"
    for network in ("linkedin", "x"):
        dialog = open_composer(page, network)
        dialog.locator(".sh-composer-text").fill(text)
        expected = item.share_link(network, 0, text=text)
        assert dialog.locator(".sh-go").get_attribute("href") == expected.href
        shown = dialog.locator(".sh-composer-count output").inner_text()
        assert shown == f"{expected.count.length} / {expected.count.limit}"
    # Another LinkedIn variant is untouched by the edit.
    dialog = open_composer(page, "linkedin")
    dialog.locator(".sh-reset").click()
    other = 1 - int(dialog.locator('input[name="variant"]:checked').get_attribute("value"))
    dialog.locator(f'input[name="variant"][value="{other}"]').check()
    assert dialog.locator(".sh-go").get_attribute("href") == item.share_link("linkedin", other).href
    dialog.locator('.sh-net-choice[data-network="x"]').click()
    dialog.locator(".sh-composer-text").fill("x" * 300)
    assert "sh-over" in dialog.locator(".sh-composer-count").get_attribute("class")
    assert_clean(w, site)


def test_tracking_tag_lands_in_utm_content_and_is_remembered(site, open_page, items):
    item = items["posts/jobs-lyon.md"]
    w = open_page(site + "posts/jobs-lyon/")
    page = w.page
    dialog = open_composer(page, "x")
    dialog.locator(".sh-personal-more summary").click()
    assert dialog.locator(".sh-instance").is_hidden(), "asked only when Mastodon is picked"
    dialog.locator(".sh-tag").fill("team lyon&co")
    chosen = int(dialog.locator('input[name="variant"]:checked').get_attribute("value") or 0)
    href = dialog.locator(".sh-go").get_attribute("href")
    assert href == item.share_link("x", chosen, tag="team lyon&co").href
    link = parse_qs(urlsplit(href).query)["url"][0]
    assert parse_qs(urlsplit(link).query)["utm_content"] == ["team lyon&co"]
    assert urlsplit(link).fragment == "apply"
    dialog.locator('.sh-net-choice[data-network="mastodon"]').click()
    dialog.locator(".sh-instance").fill("https://Social.Example.org/")
    masto = dialog.locator(".sh-go").get_attribute("href")
    assert masto == item.share_link("mastodon", 0, tag="team lyon&co",
                                    mastodon_instance="social.example.org").href
    # The page's plain links take them too, and they are remembered.
    plain = page.locator('.sh-links .sh-variant[data-network="linkedin"][data-variant="1"] a.sh-net')
    assert plain.get_attribute("href") == item.share_link(
        "linkedin", 1, tag="team lyon&co", mastodon_instance="social.example.org").href
    page.reload()
    href = page.locator('.sh-links .sh-variant[data-network="linkedin"] a.sh-net').first.get_attribute("href")
    assert href == item.share_link("linkedin", 0, tag="team lyon&co").href
    dialog = open_composer(page, "x")
    assert dialog.locator(".sh-tag").input_value() == "team lyon&co"
    assert_clean(w, site)


def test_copy_puts_the_exact_text_and_link_on_the_clipboard(site, open_page, items):
    item = items["posts/jobs-lyon.md"]
    w = open_page(site + "posts/jobs-lyon/", clipboard=True)
    page = w.page
    dialog = open_composer(page, "x")
    dialog.locator(".sh-copy").click()
    page.wait_for_function("document.querySelector('.sh-composer-status').textContent === 'Copied.'")
    assert page.evaluate("navigator.clipboard.readText()") == item.share_link("x", 0).text
    page.click("dialog.sh-composer .sh-close")
    page.locator(".sh-copy-link").click()
    page.wait_for_timeout(50)
    assert page.evaluate("navigator.clipboard.readText()") == item.link_for("copy")
    assert_clean(w, site)


def test_share_links_work_without_javascript(hub, serve, browser, items):
    base = serve(hub.root / "site")
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + "posts/jobs-lyon/")
        item = items["posts/jobs-lyon.md"]
        for network in item.hub.options.networks:
            for i in range(1 if network in ("facebook", "xing") else len(item.texts(network))):
                link = page.locator(f'.sh-variant[data-network="{network}"][data-variant="{i}"] a.sh-net')
                assert link.get_attribute("href") == item.share_link(network, i).href
                assert link.is_visible()
        assert page.locator("dialog.sh-composer").is_hidden()
        assert page.locator(".sh-copy-link").is_hidden()
    finally:
        context.close()


def open_filters(page):
    """The filter bar's "Filter" control opens the sheet of filters."""
    if not page.evaluate("document.querySelector('.sh-filter-sheet').open"):
        page.click(".sh-filter-sheet summary")


def test_filters_combine_topic_department_campaign_kind_and_language(site, open_page):
    w = open_page(site)
    page = w.page
    open_filters(page)

    def shown():
        return sorted(page.locator(".sh-results .sh-card-title").all_inner_texts())

    page.select_option('select[name="topic"]', "careers")
    page.wait_for_selector(".sh-results:not([hidden])")
    assert shown() == ["Hiring data engineers in Lyon", "Meet us at the summit"]
    assert page.locator(".sh-cards").is_hidden()
    page.select_option('select[name="kind"]', "event")
    assert shown() == ["Meet us at the summit"]
    page.select_option('select[name="kind"]', "")
    page.select_option('select[name="topic"]', "")
    page.select_option('select[name="campaign"]', "green-2027")
    assert shown() == ["Livraisons zéro émission", "Zero-emission deliveries"]
    page.select_option('select[name="lang"]', "fr")
    assert shown() == ["Livraisons zéro émission"]
    # An item for everyone (no departments) matches any department.
    page.select_option('select[name="lang"]', "")
    page.select_option('select[name="department"]', "engineering")
    assert shown() == ["Livraisons zéro émission"]
    assert "1 item matches" in page.inner_text(".sh-filter-status")
    page.click('.sh-filters button[type="reset"]')
    page.wait_for_selector(".sh-results", state="hidden")
    assert page.locator(".sh-cards").is_visible()
    # Results link to the item pages.
    page.select_option('select[name="topic"]', "data")
    page.click(".sh-filter-sheet summary")  # close the sheet
    page.click(".sh-results .sh-card-title a")
    page.wait_for_url("**/posts/jobs-lyon/")
    assert_clean(w, site)


def test_quiz_marks_answers_and_training_progress_is_kept(site, open_page):
    w = open_page(site + "training/one/")
    page = w.page
    page.check('input[name="q0"][value="0"]')
    page.click('.sh-quiz button[type="submit"]')
    first = page.locator(".sh-question").nth(0)
    assert first.locator(".sh-verdict").inner_text() == "Not quite."
    assert first.locator(".sh-explanation").is_visible()
    assert page.locator(".sh-question").nth(1).locator(".sh-verdict").inner_text() == "Pick an answer."
    assert page.inner_text(".sh-score") == "0 of 2 correct."
    assert page.inner_text(".sh-progress") == "0 of 2 lessons done"
    page.check('input[name="q0"][value="1"]')
    page.check('input[name="q1"][value="0"]')
    page.click('.sh-quiz button[type="submit"]')
    assert first.locator(".sh-verdict").inner_text() == "Correct."
    assert page.inner_text(".sh-score") == "2 of 2 correct: well done!"
    assert page.inner_text(".sh-progress") == "1 of 2 lessons done"
    page.goto(site + "training/two/")
    assert page.inner_text(".sh-progress") == "1 of 2 lessons done"
    page.click(".sh-done")
    assert page.inner_text(".sh-progress") == "2 of 2 lessons done"
    assert_clean(w, site)


def test_hostile_text_never_executes_and_shows_as_text(site, open_page, items):
    for path in ("", "posts/hostile/", "feed.json"):
        w = open_page(site + path)
        w.page.wait_for_timeout(100)
        assert_clean(w, site)
    w = open_page(site + "posts/hostile/")
    page = w.page
    # Shown literally, entities and all: nothing was decoded into markup.
    assert page.title() == f"{HOSTILE} - Acme Hub"
    assert page.locator("h1").first.inner_text() == HOSTILE
    assert page.locator("script:has-text('alert(1)')").count() == 0
    assert page.locator("img[src='x']").count() == 0
    item = items["posts/hostile.md"]
    dialog = open_composer(page, "linkedin")
    assert dialog.locator(".sh-composer-item").inner_text() == HOSTILE
    dialog.locator(".sh-composer-text").fill("<img src=x onerror=alert(1)> javascript:alert(1)")
    href = dialog.locator(".sh-go").get_attribute("href")
    assert href == item.share_link("linkedin", 0, text="<img src=x onerror=alert(1)> "
                                                       "javascript:alert(1)").href
    # Filter results are built from cards.json with textContent only.
    home = open_page(site)
    open_filters(home.page)
    home.page.select_option('select[name="topic"]', 'a"b')
    home.page.wait_for_selector(".sh-results:not([hidden])")
    assert home.page.locator(".sh-results .sh-card-title").inner_text() == HOSTILE
    home.page.wait_for_timeout(100)
    assert_clean(w, site)
    assert_clean(home, site)


def test_web_share_button_only_where_the_device_has_it(site, open_page):
    w = open_page(site + "posts/green/")
    has_share = w.page.evaluate("typeof navigator.share === 'function'")
    open_composer(w.page, "x")
    assert w.page.locator(".sh-native").is_visible() == has_share
    w2 = open_page(site + "posts/green/")
    w2.page.add_init_script("navigator.share = () => Promise.resolve()")
    w2.page.reload()
    open_composer(w2.page, "x")
    assert w2.page.locator(".sh-native").is_visible()
    assert_clean(w, site)


def test_every_control_has_a_name_and_works_by_keyboard(site, open_page):
    for path in ("", "posts/jobs-lyon/", "training/one/"):
        w = open_page(site + path)
        unnamed = w.page.evaluate("""() => [...document.querySelectorAll(
              'button, a[href], select, textarea, input')]
            .filter(el => el.offsetParent !== null)
            .filter(el => {
              const label = (el.labels && el.labels.length) ? el.labels[0].innerText : '';
              const name = (el.getAttribute('aria-label') || el.textContent || el.title ||
                            label || el.value || '').trim();
              return !name;
            }).map(el => el.outerHTML.slice(0, 120))""")
        assert unnamed == [], unnamed
        assert_clean(w, site)
    w = open_page(site + "posts/jobs-lyon/", clipboard=True)
    page = w.page
    open_composer(page, "x")
    page.focus(".sh-composer-text")
    page.keyboard.press("Tab")  # to the Share on X link
    assert page.evaluate("document.activeElement.classList.contains('sh-go')")
    page.keyboard.press("Tab")  # to Copy text
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.sh-composer-status').textContent === 'Copied.'")


@pytest.mark.parametrize("path", ["", "posts/jobs-lyon/", "training/one/", "policy/policy/"])
def test_axe_finds_no_serious_accessibility_violations(site, open_page, path):
    source = axe_source()  # fails under CI when axe-core is missing
    w = open_page(site + path)
    w.page.add_script_tag(content=source)
    result = w.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], [n["html"][:100] for n in v["nodes"]][:3]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, indent=1)


def test_sample_hub_requests_nothing_but_its_own_files(sample_site, serve, open_page):
    """The sample hub ships its own images: no request leaves the hub."""
    base = serve(sample_site)
    for path in ("", "posts/2026-11-02-lyon-data-engineers/", "policy/social-media-policy/",
                 "training/01-why-share/"):
        w = open_page(base + path)
        w.page.wait_for_load_state("networkidle")
        assert [u for u in w.requests if not u.startswith(base)] == []
        assert w.dialogs == [] and w.errors == []
        w.page.evaluate("[...document.images].forEach(i => { i.loading = 'eager'; })")
        w.page.wait_for_function("[...document.images].every(i => i.complete)")
        broken = w.page.evaluate("[...document.images].filter(i => i.getAttribute('src') && !i.naturalWidth).map(i => i.src)")
        assert broken == [], "every image loads"


def test_a_minimal_hub_makes_no_third_party_request(make_hub, serve, open_page):
    """Material's Google Fonts stay off unless the owner asks for them."""
    hub = make_hub()
    config = (hub.root / "mkdocs.yml").read_text("utf-8").replace("  font: false\n", "")
    (hub.root / "mkdocs.yml").write_text(config, "utf-8")
    hub.add("posts/a.md", item_md("A"))
    base = serve(hub.build())
    w = open_page(base)
    w.page.wait_for_load_state("networkidle")
    assert w.outside_requests == []
    assert "fonts.googleapis.com" not in (hub.root / "site/index.html").read_text("utf-8")
    (hub.root / "mkdocs.yml").write_text(config.replace("      page_size:", "      google_fonts: true\n      page_size:"), "utf-8")
    assert "fonts.googleapis.com" in (hub.build() / "index.html").read_text("utf-8"), "when asked"


CARD_SHAPE = """card => [...card.querySelectorAll('*')].concat([card]).map(el => [
  el.tagName, el.className, el.getAttribute('lang'), JSON.stringify(el.dataset),
  el.href || '', el.src || '', el.alt || '', el.getAttribute('aria-label'),
  el.children.length ? '' : el.textContent])"""


def test_filtered_results_show_the_same_card_as_the_server(site, open_page):
    """One card: the filters fill the server's own card template (no second card in JS)."""
    w = open_page(site)
    page = w.page
    titles = page.locator(".sh-cards .sh-card-title").all_inner_texts()
    open_filters(page)
    page.select_option('select[name="kind"]', "news")
    page.wait_for_selector(".sh-results:not([hidden])")
    compared = 0
    for card in page.locator(".sh-results .sh-card").all():
        title = card.locator(".sh-card-title").inner_text()
        assert title in titles
        server = page.locator(".sh-cards .sh-card").nth(titles.index(title))
        assert card.evaluate(CARD_SHAPE) == server.evaluate(CARD_SHAPE), title
        compared += 1
    assert compared == 3
    assert_clean(w, site)


def test_the_search_dialog_has_a_name_without_a_copied_partial(site, open_page):
    w = open_page(site)
    name = w.page.get_attribute('.md-search[role="dialog"]', "aria-label")
    assert name == w.page.get_attribute(".md-search__input", "aria-label") and name
    assert_clean(w, site)
