"""Length rules per network, at their boundaries."""

from __future__ import annotations

import pytest

from sharehub.share.lengths import (bluesky_short_url, count, grapheme_length, network_rules,
                                    x_length)

URL = "https://example.com/a/very/long/path?with=query&and=more#fragment"


@pytest.mark.parametrize("text, expected", [
    ("a" * 280, 280),
    ("a" * 281, 281),
    (URL, 23),
    ("a" * 256 + " " + URL, 280),
    ("a" * 257 + " " + URL, 281),
    ("字" * 140, 280),
    ("字" * 139 + "a", 279),
    ("字" * 141, 282),
    ("😀" * 140, 280),
    ("👩‍👩‍👧‍👦" * 140, 280),  # ZWJ family: one emoji, weight 2
    ("🇫🇷" * 141, 282),  # a flag is one emoji
    ("e\u0301" * 280, 280),  # NFC first: e + combining acute is one code point
    ("«»–—’" * 56, 280),  # punctuation in the light ranges weighs 1
    ("www.example.com/page and more", 23 + 9),
])
def test_x_weighted_length(text, expected):
    assert x_length(text) == expected


def test_x_limit_boundary_with_url_cjk_and_emoji():
    fits = "字" * 100 + "😀" * 16 + " " + "a" * 3 + " " + URL  # 200 + 32 + 1 + 3 + 1 + 23
    assert count("x", fits).length == 260 and count("x", fits).fits
    assert count("x", "字" * 128 + " " + URL).fits
    over = count("x", "字" * 128 + "a " + URL)
    assert (over.length, over.limit, over.fits) == (281, 280, False)


def test_bluesky_counts_graphemes_with_links_shortened_like_its_composer():
    assert grapheme_length("👩‍💻🇫🇷é") == 3
    assert count("bluesky", "é" * 300).fits
    assert not count("bluesky", "é" * 301).fits
    # example.com/a/very/long... : host + 13 characters of the path + "..."
    assert bluesky_short_url(URL) == "example.com/a/very/long/..."
    assert bluesky_short_url("https://Example.com/") == "example.com"
    assert bluesky_short_url("https://example.com/" + "p" * 14) == "example.com/" + "p" * 14
    assert bluesky_short_url("https://example.com/" + "p" * 15) == "example.com/" + "p" * 12 + "..."
    assert count("bluesky", "é" * 272 + " " + URL).length == 300
    assert not count("bluesky", "é" * 273 + " " + URL).fits


def test_bluesky_also_limits_the_post_record_to_3000_bytes():
    family = "👨‍👩‍👧‍👧"  # one grapheme, 25 bytes
    fits = count("bluesky", family * 120)
    assert (fits.length, fits.bytes, fits.fits) == (120, 3000, True)
    over = count("bluesky", family * 121)
    assert (over.length, over.bytes, over.fits) == (121, 3025, False)
    assert over.describe() == "too long for bluesky: 3025 bytes in UTF-8 (limit 3000 bytes)"


def test_bluesky_counts_the_link_as_the_app_posts_it():
    # Punycode host and percent-encoded path: longer than written.
    assert bluesky_short_url("https://bücher.de/über") == "xn--bcher-kva.de/%C3%BCber"
    # Not a link after "Read:" (no space): counted as written.
    assert count("bluesky", "Read:" + URL).length == len("Read:" + URL)
    assert count("bluesky", "Read: " + URL).length == len("Read: example.com/a/very/long/...")


def test_x_finds_links_without_a_scheme_and_refuses_invisible_characters():
    assert x_length("Jobs at northwind.com") == len("Jobs at ") + 23
    assert x_length("#http://example.com") == 19  # not a link after "#"
    assert x_length("https://" + "a" * 64 + ".com") == 8 + 64 + 4  # label over 63: text
    refused = count("x", "Hello\ufeff")
    assert not refused.fits and refused.describe() == "x refuses the invisible character U+FEFF"


def test_mastodon_counts_graphemes_and_urls_as_the_instance_reserves():
    assert count("mastodon", "a" * 476 + " " + URL).length == 500
    assert not count("mastodon", "a" * 477 + " " + URL).fits
    assert count("mastodon", "👩‍💻" * 500).fits  # graphemes, not code points
    assert count("mastodon", "northwind.com").length == 13  # no scheme: not a link there
    rules = network_rules()
    rules["mastodon"].update(limit=1000, url_length=30)
    assert count("mastodon", "a" * 969 + " " + URL, rules).length == 1000
    assert count("mastodon", "a" * 969 + " " + URL).length == 993
    assert network_rules()["mastodon"] == {"limit": 500, "url_length": 23}  # defaults untouched


def test_other_networks_count_code_points():
    assert count("threads", "a" * 500).fits and not count("threads", "a" * 501).fits
    assert count("linkedin", "a" * 3001).limit == 3000
    assert count("teams", "a" * 201).describe() == "too long for teams: 201 characters (limit 200)"
    assert count("facebook", "a" * 10000).fits


def test_grapheme_count_shortcut_agrees_with_full_segmentation():
    # grapheme_length segments only around non-ASCII text; random mixes of the
    # characters that join (marks, ZWJ, flags, keycaps, CR LF, prepend) must
    # give what segmenting the whole text gives.
    import random

    import regex

    pieces = ["a", " ", "\r", "\n", "e\u0301", "\u0301", "👩‍💻", "🇫", "🇷", "\u200d", "é", "日",
              "\u0600", "\ufe0f", "😀", "1", "\u20e3", "\U0001f3fd", "क्", "ष"]
    rng = random.Random(12)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert grapheme_length(text) == len(regex.findall(r"\X", text)), repr(text)


def test_the_bound_that_skips_counting_never_passes_a_text_that_does_not_fit():
    """validate settles most texts with a cheap bound; it must never say "fits" wrongly.

    Texts of every shape that counts differently (ASCII, CJK, emoji, many short
    domains that X and Mastodon count as 23 each, long URLs) at lengths around
    each limit.
    """
    import random

    from sharehub.content.validate import _Bound, _fits_for_sure
    from sharehub.share.lengths import count, network_rules

    rules = network_rules()
    rng = random.Random(8)
    pieces = ["word", "a.co", "x.io/p", "https://example.com/a?b=c", "日本語", "🚀",
              "👩‍👩‍👧", "#tag", "é", " ", ":", "..."]
    settled = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 160)))
        for network in ("x", "bluesky", "mastodon", "threads", "linkedin"):
            bound = _Bound(len(text), text.count(".") + text.count(":"), text.isascii())
            if _fits_for_sure(network, bound, rules[network]):
                settled += 1
                assert count(network, text, rules).fits, (network, text)
    assert settled > 1000  # the bound does settle most texts
