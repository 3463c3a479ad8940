"""The share-link builder against the shared vectors, and round-trips."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from sharehub.config import default_hub
from sharehub.share.lengths import count, network_rules
from sharehub.share.links import (add_query_params, canonical_url, compose_text, share_link,
                                  topic_tag, tracked_url)
from sharehub.content.loader import parse_document
from sharehub.content.validate import validate_document

_DATA = json.loads((Path(__file__).parents[1] / "data" / "share_vectors.json").read_text("utf-8"))
VECTORS = _DATA["cases"]
COUNTS = _DATA["counts"]


def build(case: dict):
    composed = compose_text(case["text"], case["network"], hashtags=case["hashtags"],
                            disclosure=case["disclosure"])
    link = tracked_url(case["url"], case["network"], **case["utm"]) if case["utm"] else case["url"]
    built = share_link(case["network"], composed, link, title=case["title"],
                       mastodon_instance=case["mastodon_instance"])
    return built, count(case["network"], built.text)


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_builder_matches_shared_vector(case):
    built, counted = build(case)
    assert built.href == case["expected"]["href"]
    assert built.text == case["expected"]["landing"]
    assert (counted.length, counted.limit) == (case["expected"]["length"], case["expected"]["limit"])


@pytest.mark.parametrize("case", COUNTS, ids=[c["name"] for c in COUNTS])
def test_count_matches_shared_vector(case):
    rules = network_rules()
    for network, overrides in case.get("rules", {}).items():
        rules[network].update(overrides)
    counted = count(case["network"], case["text"], rules)
    assert {"length": counted.length, "limit": counted.limit, "bytes": counted.bytes,
            "byte_limit": counted.byte_limit, "invalid": counted.invalid,
            "fits": counted.fits} == case["expected"]


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_text_and_link_round_trip_exactly(case):
    """Decoding the share URL gives back exactly the text and link that went in."""
    built, _ = build(case)
    parts = urlsplit(built.href)
    query = parse_qs(parts.query, keep_blank_values=True)
    network = case["network"]
    if network in ("x", "threads", "telegram"):
        assert query["text"] == [case["expected"]["landing"].replace(f" {built.link}", "")
                                 .replace(f"{built.link}\n", "")]
        assert query["url"] == [built.link]
        if network == "threads":
            tag = topic_tag(query["text"][0])
            assert query.get("tag") == ([tag] if tag else None)
    elif network == "mastodon" and not case["mastodon_instance"]:
        # The instance picker reads the text from the fragment (never sent to its server).
        assert (parts.netloc, parts.query) == ("share.joinmastodon.org", "")
        assert parse_qs(parts.fragment)["text"] == [built.text]
    elif network in ("linkedin", "bluesky", "mastodon", "whatsapp"):
        assert query["text"] == [built.text]
    elif network == "teams":
        assert query["href"] == [built.link] and query["msgText"] == [built.text]
    elif network == "email":
        assert "+" not in built.href  # RFC 6068: spaces are %20
        assert query["body"] == [built.text.replace("\r\n", "\n").replace("\n", "\r\n")]
        assert query["subject"] == [case["title"]]
    elif network == "reddit":
        assert query["title"] == [case["title"]] and query["url"] == [built.link]
        assert query["type"] == ["LINK"]  # else the form opens as a text post
    else:
        assert list(query.values()) == [[built.link]]
    if case["utm"]:
        link_query = parse_qs(urlsplit(built.link).query)
        assert all(len(v) == 1 for v in link_query.values()), "a parameter was duplicated"
        assert link_query["utm_source"][0] in (network, "newsletter")


def test_tracking_keeps_query_and_fragment_and_never_duplicates():
    url = "https://example.com/a/b?x=1&utm_medium=print&y=%C3%A9#frag?not=query"
    out = tracked_url(url, "linkedin", medium="employee_advocacy", campaign="spring", content="ada")
    assert out == ("https://example.com/a/b?x=1&utm_medium=print&y=%C3%A9&utm_source=linkedin"
                   "&utm_campaign=spring&utm_content=ada#frag?not=query")
    assert add_query_params("https://example.com/", []) == "https://example.com/"


def test_personal_tag_is_encoded_in_utm_content():
    out = tracked_url("https://example.com/", "x", content="team a&b=c")
    assert parse_qs(urlsplit(out).query)["utm_content"] == ["team a&b=c"]


def test_canonical_url_ignores_tracking_case_order_and_fragment():
    assert canonical_url("HTTPS://Example.COM:443/path/?utm_source=x&b=2&a=1&gclid=9#x") == \
        canonical_url("https://example.com/path?a=1&b=2")
    assert canonical_url("https://example.com/path?a=1") != canonical_url("https://example.com/path?a=2")


def test_hashtags_and_disclosure_are_added_once():
    text = compose_text("Hiring! #hiring", "linkedin", hashtags=["Hiring", "lyon"],
                        disclosure="#NorthwindEmployee")
    assert text == "Hiring! #hiring #lyon #NorthwindEmployee"
    assert compose_text("I am a #northwindemployee", "x", disclosure="#NorthwindEmployee") == \
        "I am a #northwindemployee"


def item_from(tmp_path, front_matter: str, **options):
    hub = default_hub(tmp_path, **options)
    doc = parse_document(tmp_path / "content" / "posts" / "launch.md",
                         f"---\n{front_matter}---\n".encode())
    item, problems = validate_document(doc, hub)
    assert item is not None, problems
    return item


def test_item_links_use_network_texts_and_campaign(tmp_path):
    item = item_from(tmp_path, "title: Launch & more\nurl: https://example.com/l?id=7\n"
                               "campaign: spring-2027\nshare:\n  default: Default text\n"
                               "  x: [X one, X two]\n", disclosure="#Acme")
    links = item.share_links()
    assert list(links) == ["linkedin", "x", "facebook", "bluesky", "mastodon", "threads",
                           "reddit", "whatsapp", "telegram", "xing", "teams", "email"]
    assert links["mastodon"].href.startswith("https://share.joinmastodon.org/#text=Default%20text")
    assert links["teams"].text == "Default text #Acme"
    assert links["x"].text.startswith("X one #Acme https://example.com/l?id=7&utm_source=x&")
    assert item.share_link("x", 1).text.startswith("X two #Acme ")
    assert "utm_campaign=spring-2027" in links["linkedin"].link
    assert links["linkedin"].text.startswith("Default text #Acme\n\n")
    assert parse_qs(urlsplit(links["reddit"].href).query)["title"] == ["Launch & more"]


def test_campaign_defaults_to_slug_and_utm_can_be_turned_off(tmp_path):
    item = item_from(tmp_path, "title: T\nurl: https://example.com/t\n")
    assert "utm_campaign=launch" in item.share_links()["x"].link
    off = item_from(tmp_path, "title: T\nurl: https://example.com/t\n", utm={"enabled": False})
    assert off.share_links()["x"].link == "https://example.com/t"


def test_configured_networks_and_order(tmp_path):
    item = item_from(tmp_path, "title: T\nurl: https://example.com/t\n",
                     networks=["email", "mastodon"], mastodon_instance="https://Fosstodon.org/")
    links = item.share_links()
    assert list(links) == ["email", "mastodon"]
    assert links["mastodon"].href.startswith("https://fosstodon.org/share?text=")


def test_story_without_url_shares_its_hub_page(tmp_path):
    item = item_from(tmp_path, "title: Our story\nkind: story\n")
    item.hub.site_url = "https://hub.example.com/"
    assert item.share_links()["facebook"].link.startswith(
        "https://hub.example.com/posts/launch/?utm_source=facebook")


def test_threads_topic_tag_is_the_first_hashtag_threads_accepts():
    assert topic_tag("Hiring! #DataEngineering #lyon") == "DataEngineering"
    assert topic_tag("#first word") == "first"
    assert topic_tag("R&D#notatag and #réseau.") == "réseau"
    assert topic_tag("#" + "t" * 51) == ""  # Threads takes at most 50 characters
    assert topic_tag("no tags here") == ""


def test_mastodon_instance_picker_unless_an_instance_is_set(tmp_path):
    item = item_from(tmp_path, "title: T\nurl: https://example.com/t\n")
    assert item.share_link("mastodon").href.startswith("https://share.joinmastodon.org/#text=")
    chosen = item.share_link("mastodon", mastodon_instance="social.example.org")
    assert chosen.href.startswith("https://social.example.org/share?text=")


def test_item_links_count_with_the_hubs_mastodon_limits(tmp_path):
    text = "a" * 600
    default = item_from(tmp_path, f"title: T\nurl: https://example.com/t\nshare:\n  mastodon: {text}\n")
    assert not default.share_link("mastodon").count.fits
    roomy = item_from(tmp_path, f"title: T\nurl: https://example.com/t\nshare:\n  mastodon: {text}\n",
                      mastodon={"max_characters": 1000})
    counted = roomy.share_link("mastodon").count
    assert (counted.limit, counted.fits) == (1000, True)
