"""The employee's moment of sharing, in real Chromium: phone first, one Share control,
the composer, copy-first networks, the native share sheet, drafts and variants.

Every page is served from 127.0.0.1 and every other request is aborted and recorded.
"""

from __future__ import annotations

import json
import re

import pytest

from support.browser import PHONE, Opener, Watched, assert_clean as clean

# Records every clipboard write and window.open, in order (the page's own functions still run).
SPY = """(() => {
  window.__log = [];
  const write = navigator.clipboard.writeText.bind(navigator.clipboard);
  navigator.clipboard.writeText = t => { window.__log.push(['copy', t]); return write(t); };
  window.open = (url) => { window.__log.push(['open', url]); return null; };
  window.__shared = [];
  document.addEventListener('sharehub:share', e => window.__shared.push(e.detail));
})()"""


@pytest.fixture
def phone(browser, site):
    """A phone (390×844, touch) with clipboard access; yields an opener of hub paths."""
    opener = Opener(browser, site, clipboard=True)
    yield opener
    opener.close()


def open_composer(page, title):
    card = page.locator(".sh-cards .sh-card", has=page.locator(f"text={title}"))
    card.locator(".sh-share-open").click()
    page.wait_for_selector("dialog.sh-composer[open]")
    return page.locator("dialog.sh-composer")


def test_first_card_and_its_share_control_are_on_the_first_phone_screen(phone):
    w = phone()
    box = w.page.locator(".sh-cards .sh-share-open").first.bounding_box()
    assert box and box["y"] + box["height"] <= 844, box
    bar = w.page.locator(".sh-filter-bar").bounding_box()
    assert bar["y"] < box["y"], "the filter bar sits above the feed, in the page from the start"
    clean(w)


def test_composer_text_is_what_lands_in_every_networks_link(phone, items):
    item = items["posts/jobs-lyon.md"]
    w = phone(touch=False)
    page = w.page
    dialog = open_composer(page, "Hiring data engineers in Lyon")
    assert page.evaluate("location.hash") == "#share:posts/jobs-lyon/"
    for network in item.hub.options.networks:
        dialog.locator(f'.sh-net-choice[data-network="{network}"]').click()
        variants = item.texts(network)
        chosen = 0
        if len(variants) > 1:
            chosen = int(dialog.locator('input[name="variant"]:checked').get_attribute("value"))
        expected = item.share_link(network, chosen)
        assert dialog.locator(".sh-go").get_attribute("href") == expected.href, network
        if network not in ("facebook", "xing"):
            assert dialog.locator(".sh-composer-text").input_value() == expected.text, network
            counted = expected.count
            shown = dialog.locator(".sh-composer-count output").inner_text()
            assert shown == (f"{counted.length} / {counted.limit}" if counted.limit
                             else f"{counted.length} characters"), network
    # An edit: the link keeps its place, the text is the employee's.
    dialog.locator('.sh-net-choice[data-network="x"]').click()
    link = item.link_for("x")
    text = "Ich freue mich: R&D + 100% \"quoted\" 🇫🇷 #hiring #AcmeEmployee"
    dialog.locator(".sh-composer-text").fill(f"{text} {link}")
    assert dialog.locator(".sh-go").get_attribute("href") == item.share_link("x", text=text).href
    clean(w)


def test_over_the_limit_sharing_is_disabled_with_a_reason(phone):
    w = phone(touch=False)
    dialog = open_composer(w.page, "Hiring data engineers in Lyon")
    dialog.locator('.sh-net-choice[data-network="x"]').click()
    dialog.locator(".sh-composer-text").fill("x" * 300)
    go = dialog.locator(".sh-go")
    assert go.get_attribute("aria-disabled") == "true" and go.get_attribute("href") is None
    assert "Too long for X" in dialog.locator(".sh-reason").inner_text()
    dialog.locator(".sh-composer-text").fill("Short again")
    assert go.get_attribute("aria-disabled") is None and go.get_attribute("href")
    clean(w)


def test_linkedin_on_a_phone_copies_the_exact_text_before_opening(phone, items):
    item = items["posts/jobs-lyon.md"]
    w = phone(init=SPY)
    page = w.page
    page.evaluate("localStorage.setItem('sharehub.seed', 'fixed')")
    dialog = open_composer(page, "Hiring data engineers in Lyon")
    dialog.locator('.sh-net-choice[data-network="linkedin"]').click()
    text = dialog.locator(".sh-composer-text").input_value()
    assert "paste it in LinkedIn" in dialog.locator(".sh-composer-note").inner_text()
    dialog.locator(".sh-go").click()
    page.wait_for_function("window.__log.length >= 2")
    log = page.evaluate("window.__log")
    assert log[0] == ["copy", text] and log[1][0] == "open"
    chosen = int(dialog.locator('input[name="variant"]:checked').get_attribute("value"))
    assert log[1][1] == item.share_link("linkedin", chosen).href and text == item.landing("linkedin", chosen)
    assert page.evaluate("navigator.clipboard.readText()") == text
    assert "Text copied — paste it in LinkedIn" in dialog.locator(".sh-composer-status").inner_text()
    assert page.evaluate("window.__shared") == [{"network": "linkedin", "item": "posts/jobs-lyon/"}]
    clean(w)


def test_facebook_copies_the_text_it_cannot_take_even_on_a_desktop(phone, items):
    item = items["posts/jobs-lyon.md"]
    w = phone(touch=False, init=SPY)
    dialog = open_composer(w.page, "Hiring data engineers in Lyon")
    dialog.locator('.sh-net-choice[data-network="facebook"]').click()
    dialog.locator(".sh-go").click()
    w.page.wait_for_function("window.__log.length >= 2")
    copied, opened = w.page.evaluate("window.__log")
    assert copied[0] == "copy" and "#AcmeEmployee" in copied[1] and "Lyon" in copied[1]
    assert opened == ["open", item.share_link("facebook").href]
    clean(w)


def test_the_native_share_sheet_gets_the_composers_current_text(phone, items):
    stub = "navigator.share = d => { window.__native = d; return Promise.resolve(); };"
    w = phone(init=stub + SPY)
    dialog = open_composer(w.page, "Hiring data engineers in Lyon")
    dialog.locator('.sh-net-choice[data-network="x"]').click()
    dialog.locator(".sh-composer-text").fill("My own words for my network #hiring")
    dialog.locator(".sh-native").click()
    w.page.wait_for_function("window.__native !== undefined")
    shared = w.page.evaluate("window.__native")
    assert shared["text"] == "My own words for my network #hiring"
    assert shared["url"] == items["posts/jobs-lyon.md"].link_for("x")
    w.page.wait_for_function("window.__shared.length === 1")
    assert w.page.evaluate("window.__shared")[0]["network"] == "webshare"
    clean(w)


def test_an_edited_text_survives_a_reload_until_reset(phone):
    w = phone()
    page = w.page
    dialog = open_composer(page, "Zero-emission deliveries")
    dialog.locator('.sh-net-choice[data-network="bluesky"]').click()
    dialog.locator(".sh-composer-text").fill("Edited on the bus https://example.com/green")
    page.reload()
    page.wait_for_selector("dialog.sh-composer[open]")  # the deep link reopens it
    dialog = page.locator("dialog.sh-composer")
    dialog.locator('.sh-net-choice[data-network="bluesky"]').click()
    assert dialog.locator(".sh-composer-text").input_value() == "Edited on the bus https://example.com/green"
    dialog.locator(".sh-reset").click()
    assert "Edited" not in dialog.locator(".sh-composer-text").input_value()
    clean(w)


def test_each_employee_keeps_a_default_variant_and_colleagues_differ(phone):
    w = phone(touch=False)
    page = w.page
    seen = set()
    for n in range(12):
        page.evaluate(f"localStorage.clear(); localStorage.setItem('sharehub.seed', 'employee-{n}')")
        page.goto(page.url.split("#")[0] + "#share:posts/jobs-lyon/")
        page.reload()
        dialog = page.locator("dialog.sh-composer")
        page.wait_for_selector("dialog.sh-composer[open]")
        dialog.locator('.sh-net-choice[data-network="linkedin"]').click()
        first = dialog.locator('input[name="variant"]:checked').get_attribute("value")
        page.reload()
        page.wait_for_selector("dialog.sh-composer[open]")
        dialog.locator('.sh-net-choice[data-network="linkedin"]').click()
        assert dialog.locator('input[name="variant"]:checked').get_attribute("value") == first
        seen.add(first)
    assert seen == {"0", "1"}, "fifty colleagues do not all post the same sentence"
    clean(w)


def test_the_composer_is_a_keyboard_dialog_and_closes_back_to_its_opener(phone):
    w = phone(touch=False)
    page = w.page
    opener = page.locator(".sh-cards .sh-share-open").first
    opener.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("dialog.sh-composer[open]")
    name = page.evaluate("document.querySelector('dialog.sh-composer').getAttribute('aria-labelledby')")
    assert page.inner_text(f"#{name}") == "Share"
    assert page.evaluate("document.activeElement.classList.contains('sh-composer-text')")
    page.keyboard.press("Escape")
    page.wait_for_selector("dialog.sh-composer", state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('sh-share-open')")
    assert page.evaluate("location.hash") == ""
    clean(w)


def test_plain_links_still_share_without_javascript(phone, items):
    w = phone(touch=False, js=False)
    page = w.page
    page.locator(".sh-cards .sh-share-open").first.click()
    page.wait_for_url(re.compile(r"posts/jobs-lyon/#sh-share-title$"))
    href = page.locator('.sh-variant[data-network="linkedin"] a.sh-net').first.get_attribute("href")
    assert href == items["posts/jobs-lyon.md"].share_link("linkedin", 0).href
    assert page.locator("dialog.sh-composer").is_hidden()


def test_every_plain_share_link_announces_the_share(phone):
    w = phone(touch=False, init=SPY)
    page = w.page
    page.goto(page.url + "posts/green/")
    page.locator('.sh-variant[data-network="x"] a.sh-net').first.click()
    page.wait_for_function("window.__shared.length === 1")
    assert page.evaluate("window.__shared") == [{"network": "x", "item": "posts/green/"}]


def test_the_item_page_opens_the_same_composer(phone, items):
    w = phone(touch=False)
    page = w.page
    page.goto(page.url + "posts/green/")
    page.click(".sh-item-head .sh-share-open")
    dialog = page.locator("dialog.sh-composer[open]")
    assert dialog.locator(".sh-composer-item").inner_text() == "Zero-emission deliveries"
    dialog.locator('.sh-net-choice[data-network="x"]').click()
    assert dialog.locator(".sh-go").get_attribute("href") == items["posts/green.md"].share_link("x").href
    clean(w)


def test_for_me_puts_my_department_first_and_labels_items_for_everyone(phone):
    w = phone()
    page = w.page
    page.click(".sh-filter-sheet summary")
    page.select_option('select[name="me-department"]', "operations")
    page.click(".sh-filter-sheet summary")
    page.click(".sh-for-me")
    page.wait_for_selector(".sh-results:not([hidden])")
    cards = page.locator(".sh-results .sh-card")
    titles = cards.locator(".sh-card-title").all_inner_texts()
    audiences = cards.locator(".sh-audience").all_inner_texts()
    langs = cards.evaluate_all("cards => cards.map(c => c.lang)")
    assert titles[0] == "Zero-emission deliveries" and audiences[0] == "For Operations"
    everyone = {"en": "For everyone", "fr": "Pour tout le monde"}  # in the card's language
    assert [(lang, a) for lang, a in zip(langs[1:], audiences[1:]) if a != everyone[lang]] == []
    assert "Hiring data engineers in Lyon" not in titles, "another department's item"
    page.reload()
    assert page.get_attribute(".sh-for-me", "aria-pressed") == "true", "remembered"
    page.wait_for_selector(".sh-results:not([hidden])")
    assert page.locator(".sh-results .sh-card-title").all_inner_texts() == titles
    clean(w)


SAMPLE_PAGES = ("", "posts/2026-11-02-lyon-data-engineers/", "policy/social-media-policy/",
                "training/01-why-share/", "#share:posts/2026-11-02-lyon-data-engineers/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation_in_either_scheme_on_phone_and_desktop(
        browser, serve, sample_site, scheme, width):
    """The sample hub (its palette follows the system's light or dark scheme)."""
    from support.browser import axe_source

    source = axe_source()  # fails under CI when axe-core is missing
    site = serve(sample_site)
    context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme=scheme,
                                  has_touch=width < 600)
    try:
        found = {}
        for path in SAMPLE_PAGES:
            watched = Watched(context, context.new_page())
            page = watched.page
            page.goto(site + path)
            if "#share:" in path:
                page.wait_for_selector("dialog.sh-composer[open]")
            page.add_script_tag(content=source)
            result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            found[path] = [(v["id"], v["impact"], [n["html"][:90] for n in v["nodes"]][:2])
                           for v in result["violations"]]
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
                "slate" if scheme == "dark" else "default")
            assert watched.outside_requests == [], watched.outside_requests
            assert watched.errors == [], watched.errors
            page.close()
        assert {p: v for p, v in found.items() if v} == {}, json.dumps(found, indent=1)
    finally:
        context.close()


def test_a_french_item_speaks_french(phone, items):
    w = phone(touch=False, init=SPY)
    page = w.page
    page.goto(page.url + "posts/green-fr/")
    assert page.get_attribute("html", "lang") == "fr"
    assert page.inner_text(".sh-item-head .sh-share-open") == "Partager"
    assert page.inner_text(".sh-talking") == "Arguments"
    page.click(".sh-item-head .sh-share-open")
    dialog = page.locator("dialog.sh-composer[open]")
    assert dialog.locator(".sh-composer-label").inner_text() == "Ce qui sera publié"
    dialog.locator('.sh-net-choice[data-network="facebook"]').click()
    assert "collez-le ensuite dans Facebook" in dialog.locator(".sh-composer-note").inner_text()
    assert dialog.locator(".sh-go").inner_text() == "Partager sur Facebook"
    page.goto(page.url.split("posts/")[0] + "posts/green/")
    assert page.get_attribute("html", "lang") == "en" and page.inner_text(".sh-talking") == "Talking points"
    clean(w)


def test_installable_and_a_seen_page_opens_offline(browser, site):
    """Manifest and service worker: the home page and pages seen once work offline.

    No request routing here: Playwright does not route a service worker's
    requests; the test records requests instead.
    """
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(site)
        manifest = page.evaluate("""() => fetch(document.querySelector('link[rel=manifest]').href)
            .then(r => r.json())""")
        assert manifest["display"] == "standalone" and manifest["start_url"] == "./"
        assert {i["sizes"] for i in manifest["icons"]} == {"192x192", "512x512"}
        for icon in manifest["icons"]:
            assert page.evaluate("src => fetch(src).then(r => r.ok)", site + icon["src"])
        page.wait_for_function("navigator.serviceWorker.controller !== null || "
                               "navigator.serviceWorker.ready.then(() => true)")
        page.evaluate("navigator.serviceWorker.ready")
        page.reload()  # now controlled by the worker
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        page.goto(site + "posts/green/")
        page.wait_for_load_state("networkidle")
        context.set_offline(True)
        page.goto(site + "posts/green/")
        assert page.locator("h1").first.inner_text() == "Zero-emission deliveries"
        page.goto(site)
        assert page.locator(".sh-cards .sh-card").count() > 0, "the home page, offline"
        assert [u for u in requests if not u.startswith(site)] == []
    finally:
        context.close()


def test_the_sample_home_page_does_not_shift_while_it_loads(browser, serve, sample_site):
    """Filter bar in the HTML, images with their size: cumulative layout shift stays below 0.05."""
    site = serve(sample_site)
    context = browser.new_context(**PHONE)
    try:
        watched = Watched(context, context.new_page())
        page = watched.page
        page.add_init_script("""window.__cls = 0; new PerformanceObserver(list => list.getEntries()
            .forEach(e => { if (!e.hadRecentInput) window.__cls += e.value; }))
            .observe({type: 'layout-shift', buffered: true});""")
        page.goto(site)
        page.wait_for_load_state("networkidle")
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        assert page.evaluate("window.__cls") < 0.05
        box = page.locator(".sh-cards .sh-share-open").first.bounding_box()
        assert box["y"] + box["height"] <= 844, "the first Share control is on the first screen"
        clean(watched)
    finally:
        context.close()
