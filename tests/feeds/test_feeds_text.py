"""Cleaning feed text: plain-text fields, bodies, URLs (attack strings included)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.feeds import assert_inert
from sharehub.feeds.drafts import safe_body, shorten
from sharehub.text import plain_text
from sharehub.share.links import strip_tracking
from sharehub.content.loader import parse_document

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&lt;img src=x onerror=alert(1)&gt;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x61;script:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "<iframe src=//evil.example></iframe>",
    "<svg><script>alert(1)</script></svg>",
    "[x](javascript:alert(1))",
    "[x]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '{: onclick="alert(1)"}',
    "<details open ontoggle=alert(1)>",
    '<p style="background:url(javascript:alert(1))">x</p>',
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_attack_strings_become_inert_text_and_body(attack):
    title = plain_text(f"Hello {attack} world")
    body = safe_body(f"<p>Hello {attack} world</p>", "https://example.com/post")
    doc = parse_document(Path("draft.md"), b"---\ntitle: t\n---\n" + body.encode())
    doc.meta = {"title": title}
    assert_inert(doc)


def test_the_inert_check_itself_catches_script():
    doc = parse_document(Path("x.md"), b'---\ntitle: t\n---\n<img src="x" onerror="alert(1)">\n')
    with pytest.raises(AssertionError):
        assert_inert(doc)
    doc = parse_document(Path("x.md"), b"---\ntitle: t\n---\n[x](javascript:alert(1))\n")
    with pytest.raises(AssertionError):
        assert_inert(doc)


@pytest.mark.parametrize("raw, text", [
    ("Caf&eacute; &amp; <b>bar</b>", "Café & bar"),
    ("  many\n\tspaces  ", "many spaces"),
    ("a < b and c > d", "a ‹ b and c > d"),  # "< b" reads as a tag to check
    ("1 <2", "1 <2"),
    ("x <y>", "x"),
    ("&lt;b&gt;bold&lt;/b&gt; text", "bold text"),
])
def test_plain_text(raw, text):
    assert plain_text(raw) == text


def test_relative_links_in_bodies_are_resolved_and_bad_ones_dropped():
    body = safe_body('<a href="/a">a</a><img src="i.png"><a href="javascript:x()">j</a>',
                     "https://example.com/blog/post")
    assert 'href="https://example.com/a"' in body
    assert 'src="https://example.com/blog/i.png"' in body
    assert "javascript" not in body


@pytest.mark.parametrize("url, clean", [
    ("https://e.com/a?utm_source=x&id=1&fbclid=2#top", "https://e.com/a?id=1#top"),
    ("https://e.com/a?gclid=1", "https://e.com/a"),
    ("https://e.com/a?b=2&a=1", "https://e.com/a?b=2&a=1"),
])
def test_clean_url_drops_only_tracking(url, clean):
    assert strip_tracking(url) == clean


def test_shorten_at_a_word():
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("short", 12) == "short"
