"""sharehub.text: untrusted text in, plain text and literal Markdown out.

Every case of tests/data/attack_strings.txt goes through both functions and
the results are rendered the way they will be: by Python-Markdown with the
hub's extensions, and by GitHub's own renderer (cmark-gfm) for PR comments.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import cmarkgfm
import markdown
import pytest

from sharehub.text import code_span, fenced_block, markdown_text, plain_text

DATA = Path(__file__).resolve().parents[1] / "data" / "attack_strings.txt"


_ESCAPE_RE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|([ntr]))")


def _unescape(match: re.Match) -> str:
    if match.group(1):
        return chr(int(match.group(1), 16))
    return {"n": "\n", "t": "\t", "r": "\r"}[match.group(2)]


def load_attacks() -> list[str]:
    cases = []
    for line in DATA.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("# "):
            continue
        cases.append(_ESCAPE_RE.sub(_unescape, line))
    return cases


ATTACKS = load_attacks()
HUB_EXTENSIONS = ["attr_list", "admonition", "abbr", "footnotes", "tables", "md_in_html",
                  "def_list", "toc"]
INVISIBLE = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f"
                       "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]")


def readable(text: str) -> str:
    """The input as a reader should see it: line breaks normalised, invisible characters gone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return INVISIBLE.sub("", text.replace("\u2029", "\n").replace("\t", " "))


def visible(rendered_html: str) -> str:
    """What a reader sees: tags removed, entities decoded, zero-width spaces gone."""
    return html.unescape(re.sub(r"<[^>]*>", "", rendered_html)).replace("\u200b", "")


@pytest.mark.parametrize("attack", ATTACKS)
def test_plain_text_leaves_no_markup_and_nothing_invisible(attack):
    for lines in (False, True):
        out = plain_text(attack, lines=lines)
        assert not re.search(r"<\s*/?\s*[A-Za-z!?/]", out), out
        assert not INVISIBLE.search(out), ascii(out)
        assert "onerror=" not in out or "<" not in out
        assert plain_text(out, lines=lines) == out  # stable: nothing more to strip
        if not lines:
            assert "\n" not in out


@pytest.mark.parametrize("attack", ATTACKS)
def test_markdown_text_renders_as_written_in_the_hub(attack):
    text = plain_text(attack, lines=True) + " " + attack
    rendered = markdown.markdown(markdown_text(text), extensions=HUB_EXTENSIONS)
    tags = set(re.findall(r"<\s*([a-zA-Z0-9]+)", rendered))
    assert tags <= {"p", "br"}, (tags, rendered)
    expected = "\n".join(line.lstrip() for line in readable(text).split("\n"))
    assert " ".join(visible(rendered).split()) == " ".join(expected.split())


@pytest.mark.parametrize("attack", ATTACKS)
def test_markdown_text_renders_as_written_on_github(attack):
    for one_line in (False, True):
        rendered = cmarkgfm.github_flavored_markdown_to_html(markdown_text(attack,
                                                                           one_line=one_line))
        tags = set(re.findall(r"<\s*([a-zA-Z0-9]+)", rendered))
        assert tags <= {"p", "br"}, (tags, rendered)
        shown = html.unescape(re.sub(r"<[^>]*>", "", rendered))
        # GitHub links @user, @org/team and #123 in rendered text: a zero-width
        # space after the sign keeps them plain.
        assert not re.search(r"@[A-Za-z0-9]", shown) and not re.search(r"#[0-9]", shown)
        assert " ".join(shown.replace("\u200b", "").split()) == " ".join(
            "\n".join(line.lstrip() for line in readable(attack).split("\n")).split())


def test_plain_text_keeps_real_text():
    assert plain_text("Caf&eacute; &amp; cr&#232;me: 10% off") == "Café & crème: 10% off"
    assert plain_text("<p>One</p><p>Two</p>") == "One Two"
    assert plain_text("<p>One</p><p>Two</p>", lines=True) == "One\n\nTwo"
    assert plain_text("One<br>Two", lines=True) == "One\nTwo"
    assert plain_text("a\n\n\n\nb", lines=True) == "a\n\nb"
    assert plain_text("3 < 5 and I <3 you") == "3 < 5 and I <3 you"
    family = "\U0001F469\u200d\U0001F469\u200d\U0001F467"  # ZWJ sequences survive
    assert plain_text(f"us {family}") == f"us {family}"
    assert plain_text("x" * 50, 10) == "x" * 9 + "…"
    assert unicodedata.normalize("NFC", plain_text("e\u0301")) == "é"


def test_code_span_and_fence_cannot_be_closed_from_inside():
    span = code_span("a ``` b `` c")
    assert span.startswith("```` ") and span.endswith(" ````")
    block = fenced_block("x\n````\ny")
    assert block.startswith("`````text\n") and block.endswith("\n`````")
    rendered = cmarkgfm.github_flavored_markdown_to_html(block + "\n\n**after**")
    assert "<strong>after</strong>" in rendered and "<pre" in rendered
