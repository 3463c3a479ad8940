"""Translations of one item (one ``translation_key``) as one card, in real Chromium.

The card in the site's language shows without JavaScript; the employee's
language ("for me", kept in localStorage) picks the card with JavaScript; the
other languages are one tap away. Every page is served from 127.0.0.1 and
every other request is aborted and recorded.
"""

from __future__ import annotations

import json

import pytest

from support.browser import PHONE, Opener, Watched, assert_clean as clean
from support.site import AS_OF, Hub, item_md

FRENCH = "window.localStorage.setItem('sharehub.me', JSON.stringify({lang: 'fr'}))"
TITLES = {"en": "Zero-emission deliveries", "fr": "Livraisons zéro émission",
          "de": "Emissionsfreie Lieferungen"}


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    hub = Hub(tmp_path_factory.mktemp("translations") / "hub", page_size=2)
    # The French one is newest: the card still stands where its first translation stands
    # and shows the site's language (en) first.
    for n, lang in enumerate(("fr", "en", "de")):
        hub.add(f"posts/green-{lang}.md", item_md(
            TITLES[lang], url=f"https://example.com/{lang}/green", topics=["sustainability"],
            lang=lang, translation_key="green-2027", publish=f"2027-03-0{9 - n}T09:00:00+01:00"))
    hub.add("posts/jobs.md", item_md("Hiring in Lyon", url="https://example.com/jobs",
                                     topics=["careers"], publish="2027-03-05T09:00:00+01:00"))
    hub.add("posts/old.md", item_md("Older news", url="https://example.com/old",
                                    topics=["sustainability"], publish="2027-03-01T09:00:00+01:00"))
    hub.build(as_of=AS_OF)
    return hub


@pytest.fixture
def phone(browser, hub, serve):
    """A phone; yields an opener of hub paths (``init``: a script run before the page's)."""
    opener = Opener(browser, serve(hub.root / "site"))
    yield opener
    opener.close()


def label(locator) -> str:
    """What a control shows (its visually hidden ": title" left out)."""
    return locator.inner_text().split("\n")[0]


def shown_titles(page, where=".sh-cards"):
    return page.locator(f"{where} .sh-card:visible .sh-card-title").all_inner_texts()


@pytest.mark.parametrize("js", [False, True], ids=["without-js", "with-js"])
def test_translations_collapse_into_one_card_in_the_site_language(phone, js):
    w = phone(js=js)
    page = w.page
    # page_size 2 counts cards: the three translations and the next item fill page 1.
    assert shown_titles(page) == [TITLES["en"], "Hiring in Lyon"]
    card = page.locator(".sh-cards .sh-card:visible").first
    assert card.get_attribute("lang") == "en"
    links = card.locator(".sh-langs a")
    assert [links.nth(i).get_attribute("lang") for i in range(links.count())] == ["fr", "de"]
    assert links.first.inner_text().startswith("Français")
    if not js:  # a plain link: the French item's page
        links.first.click()
        page.wait_for_url("**/posts/green-fr/")
        assert page.inner_text("h1") == TITLES["fr"]
    clean(w)


def test_a_french_preference_shows_the_french_card_with_french_interface_strings(phone):
    w = phone(init=FRENCH)
    page = w.page
    assert shown_titles(page) == [TITLES["fr"], "Hiring in Lyon"]
    card = page.locator(".sh-cards .sh-card:visible").first
    assert card.get_attribute("lang") == "fr"
    assert label(card.locator(".sh-share-open")) == "Partager"
    assert label(card.locator(".sh-details")) == "Textes et arguments"
    assert card.locator(".sh-audience").inner_text() == "Pour tout le monde"
    assert card.locator(".sh-langs").inner_text().startswith("Aussi en :")
    # The Share control of the French card shares the French item.
    card.locator(".sh-share-open").click()
    dialog = page.locator("dialog.sh-composer[open]")
    assert dialog.locator(".sh-composer-item").inner_text() == TITLES["fr"]
    clean(w)


def test_the_other_languages_are_one_tap_away_in_the_card(phone):
    w = phone()
    page = w.page
    page.locator(".sh-cards .sh-card:visible .sh-langs a[lang=de]").click()
    assert shown_titles(page) == [TITLES["de"], "Hiring in Lyon"]
    assert page.evaluate("document.activeElement.textContent") == TITLES["de"]
    assert page.url.endswith("/"), "switched in place, not navigated"
    page.locator(".sh-cards .sh-card:visible .sh-langs a[lang=en]").click()
    assert shown_titles(page) == [TITLES["en"], "Hiring in Lyon"]
    clean(w)


def test_choosing_my_language_switches_the_card_and_is_remembered(phone):
    w = phone()
    page = w.page
    page.click(".sh-filter-sheet summary")
    page.select_option('select[name="me-lang"]', "de")
    assert shown_titles(page) == [TITLES["de"], "Hiring in Lyon"]
    page.reload()
    assert shown_titles(page) == [TITLES["de"], "Hiring in Lyon"]
    clean(w)


def test_filtered_results_show_one_card_per_translated_item(phone):
    w = phone(init=FRENCH)
    page = w.page
    page.click(".sh-filter-sheet summary")
    page.select_option('select[name="topic"]', "sustainability")
    page.wait_for_selector(".sh-results:not([hidden])")
    assert shown_titles(page, ".sh-results") == [TITLES["fr"], "Older news"]
    card = page.locator(".sh-results .sh-card:visible").first
    assert label(card.locator(".sh-share-open")) == "Partager"
    assert card.locator(".sh-audience").inner_text() == "Pour tout le monde"
    assert card.locator(".sh-langs a").all_text_contents() == [
        f"English: {TITLES['en']}", f"Deutsch: {TITLES['de']}"]
    assert page.inner_text(".sh-filter-status") == "2 items match"
    clean(w)


def test_each_item_page_keeps_its_own_language(phone):
    w = phone("posts/green-fr/")
    page = w.page
    assert page.get_attribute("html", "lang") == "fr"
    assert label(page.locator(".sh-item-head .sh-share-open")) == "Partager"
    page.goto(page.url.replace("green-fr", "green-de"))
    assert page.get_attribute("html", "lang") == "de"
    page.goto(page.url.replace("green-de", "green-en"))
    assert page.get_attribute("html", "lang") == "en"
    clean(w)


def test_the_sample_hub_shows_each_translated_item_once(browser, serve, sample_site):
    """Without JavaScript, the first screen of the sample hub has no English/French pair."""
    site = serve(sample_site)
    context = browser.new_context(java_script_enabled=False, **PHONE)
    try:
        page = context.new_page()
        page.goto(site)
        cards = page.locator(".sh-cards .sh-card:visible")
        shown = cards.evaluate_all("cards => cards.filter(c => c.dataset.twins)"
                                   ".map(c => [c.dataset.twins, c.lang])")
        assert len(shown) == len(dict(shown)) == 3 and set(dict(shown).values()) == {"en"}, shown
        assert "Livraisons zéro émission dans 12 centres-villes d'ici 2027" not in \
            shown_titles(page)
    finally:
        context.close()


def test_axe_finds_no_violation_on_the_french_preference(browser, hub, serve):
    from support.browser import axe_source

    source = axe_source()
    site = serve(hub.root / "site")
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.add_init_script(FRENCH)
        page.goto(site)
        page.add_script_tag(content=source)
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        found = [(v["id"], [n["html"][:90] for n in v["nodes"]][:2]) for v in result["violations"]]
        assert found == [], json.dumps(found, indent=1)
    finally:
        context.close()
