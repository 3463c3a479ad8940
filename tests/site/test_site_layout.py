"""The site layer's own promises: plain pages, the home introduction, overridable
fragments, the garbage collector left as found, feeds as XML."""

from __future__ import annotations

import gc
import re
import xml.etree.ElementTree as ET

from click.testing import CliRunner

from support.site import item_md, parse, without_templates
from sharehub.cli import main


def test_a_plain_markdown_page_is_a_page_titled_by_its_first_heading(make_hub):
    hub = make_hub()
    hub.add("about.md", "# About the hub\n\nWho runs it & why.\n")
    hub.add("posts/a.md", item_md("An item"))
    check = CliRunner().invoke(main, ["check", "-f", str(hub.root / "mkdocs.yml")])
    assert check.exit_code == 0, check.output
    site = hub.build(strict=True)
    page = (site / "about/index.html").read_text("utf-8")
    assert "<title>About the hub - Acme Hub</title>" in page
    assert "Who runs it &amp; why." in page
    assert "sh-share" not in page, "a page is not an item"
    assert "About the hub" not in (site / "cards.json").read_text("utf-8")


def test_a_file_without_front_matter_is_still_refused_as_a_suggestion(make_hub):
    hub = make_hub()
    (hub.root / "suggestions").mkdir()
    (hub.root / "suggestions/idea.md").write_text("# Just an idea\n", "utf-8")
    check = CliRunner().invoke(main, ["check", "-f", str(hub.root / "mkdocs.yml"),
                                      str(hub.root / "suggestions/idea.md")])
    assert check.exit_code == 1 and "idea.md:1: no front matter" in check.output


def test_content_index_is_an_introduction_above_the_feed(make_hub):
    hub = make_hub()
    hub.add("index.md", "# Welcome to Acme's hub\n\nPick a post & share it.\n")
    hub.add("posts/a.md", item_md("First item", url="https://example.com/first"))
    site = hub.build()
    home = without_templates((site / "index.html").read_text("utf-8"))
    intro, cards = home.index("Pick a post &amp; share it."), home.index('<article class="sh-card')
    assert intro < cards
    assert home.count("<h1") == 1, "the introduction's heading is the page's only h1"
    assert "Welcome to Acme" not in (site / "cards.json").read_text("utf-8")
    assert not (site / "index/").exists()


def test_an_owner_overrides_a_fragment_in_custom_dir(make_hub):
    hub = make_hub()
    hub.write_config(extra="")
    config = (hub.root / "mkdocs.yml").read_text("utf-8")
    (hub.root / "mkdocs.yml").write_text(
        config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"), "utf-8")
    (hub.root / "overrides/sharehub").mkdir(parents=True)
    (hub.root / "overrides/sharehub/last-changed.html").write_text(
        '<p class="own-date">Updated {{ when.strftime("%d.%m.%Y") }} {{ "<b>" }}</p>', "utf-8")
    hub.add("policy/p.md", "---\ntitle: Policy\ntype: policy\n---\nBe kind.\n")
    site = hub.build()
    page = (site / "policy/p/index.html").read_text("utf-8")
    assert '<p class="own-date">Updated ' in page and "&lt;b&gt;" in page, "autoescaped"
    assert "Last changed:" not in page


def test_the_build_leaves_the_garbage_collector_as_it_found_it(make_hub):
    hub = make_hub()
    hub.add("posts/a.md", item_md("A"))
    before = gc.get_freeze_count()
    hub.build()
    hub.build()
    assert gc.get_freeze_count() == before, "gc.freeze() without gc.unfreeze(): serve would leak"


def test_feeds_are_well_formed_with_hostile_text(make_hub):
    hub = make_hub()
    title = "Fish & <chips> ]]> \"q\""
    hub.add("posts/a.md", item_md(title.replace("<", "&lt;"), summary="a & b ]]>"))
    site = hub.build()
    atom = ET.parse(site / "feed.xml").getroot()
    entry = atom.find("{http://www.w3.org/2005/Atom}entry")
    assert entry.findtext("{http://www.w3.org/2005/Atom}title") == title.replace("<", "&lt;")
    assert entry.findtext("{http://www.w3.org/2005/Atom}summary") == "a & b ]]>"
    tags = [t for t, _a in parse(site / "index.html").tags]
    assert "chips" not in tags


def test_the_interface_follows_the_site_language_and_labels_are_human(make_hub):
    hub = make_hub()
    config = (hub.root / "mkdocs.yml").read_text("utf-8").replace("language: en", "language: de")
    config = config.replace("      page_size:", "      labels:\n        departments:\n"
                                                 "          customer-success: Kundenerfolg\n"
                                                 "      page_size:")
    (hub.root / "mkdocs.yml").write_text(config, "utf-8")
    hub.add("posts/a.md", item_md("Ein Beitrag", lang="de", departments=["customer-success"],
                                  topics=["open-source"]))
    hub.add("posts/b.md", item_md("Un article", url="https://example.com/b", lang="fr"))
    site = hub.build()
    home = without_templates((site / "index.html").read_text("utf-8"))
    assert '<html lang="de"' in home
    assert ">Teilen<" in home and "Für Kundenerfolg" in home
    assert "Pour tout le monde" in home and "Für alle" not in home, "a card speaks its item's language"
    options = dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', home))
    assert options["fr"] == "Français" and options["de"] == "Deutsch", "languages by their own names"
    assert options["customer-success"] == "Kundenerfolg" and options["open-source"] == "Open source"
    assert '<html lang="fr"' in (site / "posts/b/index.html").read_text("utf-8")


def test_every_translation_has_every_string_with_its_placeholders():
    """A translator edits translations/<lang>.json: nothing may go missing or lose a {name}."""
    import string
    from pathlib import Path

    from sharehub.site.i18n import SCRIPT_STRINGS, TRANSLATIONS

    templates = Path(__file__).parents[2] / "tools/sharehub/site/templates/sharehub"
    used = set(SCRIPT_STRINGS)
    for template in templates.glob("*.html"):
        used |= set(re.findall(r'_\("((?:[^"\\]|\\.)+)"', template.read_text("utf-8")))
    used |= {"Text for {network}", "Text {n} for {network}", "Title for {network}",
             "Title {n} for {network}", "Topic", "Department", "Campaign", "Kind", "Language"}
    assert set(TRANSLATIONS) == {"fr", "de", "es"}
    for lang, table in TRANSLATIONS.items():
        missing = sorted(used - set(table))
        assert missing == [], (lang, missing)
        for english, translated in table.items():
            names = {f for _t, f, _s, _c in string.Formatter().parse(english) if f}
            assert names == {f for _t, f, _s, _c in string.Formatter().parse(translated) if f}, (
                lang, english)
