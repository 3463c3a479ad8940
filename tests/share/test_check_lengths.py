"""`sharehub check` applies the networks' rules and the hub's Mastodon limits."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from twitter_text import extract_urls_with_indices
from twitter_text.regexp.valid_cctld import valid_cctld
from twitter_text.regexp.valid_gtld import valid_gtld

from cases import CHECKS_TEXTS
from sharehub.cli import main
from sharehub.config import ConfigError, validate_options
from sharehub.share.lengths import network_rules, x_url_spans
from sharehub.share.tlds import JS_BLOCK_RE, js_block, load, tlds

SHARE_CORE = Path(__file__).parents[2] / "tools" / "sharehub" / "site" / "assets" / "share-core.js"

CONFIG = """site_name: Test hub
docs_dir: content
plugins:
  - sharehub:
      utm: {{enabled: false}}
{extra}"""
ITEMS = {
    "bytes.md": ("bluesky", "👨‍👩‍👧‍👧" * 120),
    "feff.md": ("x", "Hello\ufeff world"),
    "teams.md": ("teams", "a" * 201),
    "toot.md": ("mastodon", "a" * 600),
}


def run_check(tmp_path: Path, monkeypatch, extra: str = "") -> dict[str, list[str]]:
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(extra=extra), "utf-8")
    for name, (network, text) in ITEMS.items():
        path = tmp_path / "content" / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: T\nurl: https://example.com/{name}\nshare:\n"
                        f"  {network}: {json.dumps(text, ensure_ascii=False)}\n---\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    assert result.exit_code == 1, result.output
    problems: dict[str, list[str]] = {}
    for problem in json.loads(result.output)["problems"]:
        problems.setdefault(Path(problem["path"]).name, []).append(problem["message"])
    return problems


def test_check_reports_bytes_invisible_characters_and_teams(tmp_path, monkeypatch):
    problems = run_check(tmp_path, monkeypatch)
    assert problems["bytes.md"] == [
        "too long for bluesky: 3021 bytes in UTF-8 with link, hashtags and disclosure "
        "(limit 3000 bytes)"]
    assert problems["feff.md"] == [
        "x refuses the invisible character U+FEFF with link, hashtags and disclosure"]
    assert problems["teams.md"] == [
        "too long for teams: 201 characters with link, hashtags and disclosure (limit 200)"]
    assert problems["toot.md"] == [
        "too long for mastodon: 624 characters with link, hashtags and disclosure (limit 500)"]


def test_check_uses_the_instance_limits_the_hub_owner_set(tmp_path, monkeypatch):
    problems = run_check(tmp_path, monkeypatch, "      mastodon:\n        max_characters: 1000\n"
                                                "        characters_reserved_per_url: 30\n")
    assert "toot.md" not in problems  # 600 + 1 + 30 fits in 1000


@pytest.mark.parametrize("options, field", [
    ({"mastodon": {"max_characters": 0}}, "plugins.sharehub.mastodon"),
    ({"mastodon": {"characters_reserved_per_url": "23"}}, "plugins.sharehub.mastodon"),
])
def test_bad_mastodon_limits_are_one_line_errors(options, field):
    with pytest.raises(ConfigError) as raised:
        validate_options(options)
    assert field in str(raised.value) and "\n" not in str(raised.value)


def test_network_rules_are_json_for_the_page():
    rules = network_rules(validate_options({"mastodon": {"max_characters": 5000}}))
    assert json.loads(json.dumps(rules))["mastodon"] == {"limit": 5000, "url_length": 23}
    assert set(rules) == {"x", "bluesky", "mastodon", "threads", "linkedin", "teams"}


def test_share_core_carries_the_generated_tld_lists():
    block = JS_BLOCK_RE.search(SHARE_CORE.read_text("utf-8"))
    assert block and block.group() == js_block(load()), \
        "run tests/share/reference/make_tlds.py: share-core.js and tlds.json differ"


def test_x_tlds_are_the_ones_twitter_text_parser_uses():
    def alternatives(pattern: str) -> set[str]:
        return set(re.search(r"\(\?:\(\?:(.*)\)\(\?=", pattern, flags=re.S).group(1).split("|"))
    assert alternatives(valid_gtld.pattern) | alternatives(valid_cctld.pattern) == tlds("x")


def test_searching_between_spaces_finds_what_twitter_text_finds_in_the_whole_text():
    for text in CHECKS_TEXTS:
        for without_protocol in (True, False):
            whole = [tuple(e["indices"]) for e in
                     extract_urls_with_indices(text, extract_urls_without_protocol=without_protocol)]
            assert x_url_spans(text, without_protocol=without_protocol) == whole, text
