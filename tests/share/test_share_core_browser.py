"""share-core.js in Chromium against the shared vectors, through the API the
page uses (count with the hub's rules, shareLink with an options object)."""

from __future__ import annotations

import json
from pathlib import Path

from sharehub.config import default_hub
from sharehub.share.lengths import count, network_rules

VECTORS = json.loads((Path(__file__).parents[1] / "data" / "share_vectors.json").read_text("utf-8"))

BUILD = """([cases, asString]) => cases.map(c => {
  const S = window.sharehubShare;
  const composed = S.composeText(c.text, c.network, c.hashtags, c.disclosure);
  const link = c.utm ? S.trackedUrl(c.url, c.network, c.utm.medium, c.utm.campaign, c.utm.content) : c.url;
  const options = asString ? c.mastodon_instance : {mastodonInstance: c.mastodon_instance};
  const built = S.shareLink(c.network, composed, link, c.title, options);
  const k = S.count(c.network, built.text);
  return {href: built.href, landing: built.text, length: k.length, limit: k.limit};
})"""

COUNT = """([cases, defaults]) => cases.map(c => {
  const rules = JSON.parse(JSON.stringify(defaults));
  Object.entries(c.rules || {}).forEach(([n, r]) => Object.assign(rules[n], r));
  const k = window.sharehubShare.count(c.network, c.text, rules);
  return {length: k.length, limit: k.limit, bytes: k.bytes, byte_limit: k.byteLimit,
          invalid: k.invalid, fits: k.fits};
})"""


def test_share_links_match_every_vector(share_page):
    for as_string in (False, True):  # the options object, and the older instance string
        got = share_page.evaluate(BUILD, [VECTORS["cases"], as_string])
        for case, result in zip(VECTORS["cases"], got):
            assert result == case["expected"], case["name"]


def test_counts_match_every_vector_with_the_rules_python_hands_over(share_page):
    got = share_page.evaluate(COUNT, [VECTORS["counts"], network_rules()])
    for case, result in zip(VECTORS["counts"], got):
        assert result == case["expected"], case["name"]


def test_rules_from_the_hub_options_reach_the_browser_counter(share_page, tmp_path):
    hub = default_hub(tmp_path, mastodon={"max_characters": 1000,
                                          "characters_reserved_per_url": 30})
    rules = json.loads(json.dumps(network_rules(hub.options)))  # as the page receives them
    text = "a" * 970 + " https://example.com/x"
    got = share_page.evaluate("([t, r]) => window.sharehubShare.count('mastodon', t, r)",
                              [text, rules])
    python = count("mastodon", text, rules)
    assert (got["length"], got["limit"], got["fits"]) == (python.length, python.limit, False) \
        == (1001, 1000, False)
    defaults = share_page.evaluate("t => window.sharehubShare.count('mastodon', t)", text)
    assert (defaults["length"], defaults["limit"]) == (994, 500)
