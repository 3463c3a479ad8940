"""Length rules per network, at their boundaries."""

from __future__ import annotations

import pytest

from sharehub.share.lengths import bluesky_short_url, count, grapheme_length, x_length

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
    assert count("bluesky", "👩‍💻" * 300).fits
    assert not count("bluesky", "👩‍💻" * 301).fits
    # example.com/a/very/long... : host + 13 characters of the path + "..."
    assert bluesky_short_url(URL) == "example.com/a/very/long/..."
    assert bluesky_short_url("https://Example.com/") == "example.com"
    assert bluesky_short_url("https://example.com/" + "p" * 14) == "example.com/" + "p" * 14
    assert bluesky_short_url("https://example.com/" + "p" * 15) == "example.com/" + "p" * 12 + "..."
    assert count("bluesky", "👩‍💻" * 272 + " " + URL).length == 300
    assert not count("bluesky", "👩‍💻" * 273 + " " + URL).fits


def test_mastodon_counts_urls_as_23_and_others_code_points():
    assert count("mastodon", "a" * 476 + " " + URL).length == 500
    assert not count("mastodon", "a" * 477 + " " + URL).fits
    assert count("threads", "a" * 500).fits and not count("threads", "a" * 501).fits
    assert count("linkedin", "a" * 3001).limit == 3000
    assert count("facebook", "a" * 10000).fits
