"""sharehub's length rules against the networks' own test material, in Python
and in Chromium: the same checks (``cases.py``), the same expected results."""

from __future__ import annotations

import pytest

from cases import KNOWN_DIFFERENCES, RUN_JS, checks, run_python

CHECKS = checks()
KINDS = sorted({c["kind"] for c in CHECKS})


def of_kind(kind: str) -> list[dict]:
    return [c for c in CHECKS if c["kind"] == kind]


def assert_agree(kind: str, results: list[dict], side: str):
    wanted = of_kind(kind)
    wrong = [(c["id"], c["input"], c["expected"], got)
             for c, got in zip(wanted, results) if got != c["expected"]]
    assert not wrong, (f"{side} {kind}: {len(wanted) - len(wrong)}/{len(wanted)} agree; first: "
                       + "\n".join(repr(w)[:400] for w in wrong[:5]))


def test_every_fixture_family_has_cases():
    counts = {kind: len(of_kind(kind)) for kind in KINDS}
    assert counts == {"bsky_count": 3, "bsky_links": 31, "bsky_oracle": 1743,
                      "bsky_short_url": 5, "bsky_shortened": 5, "x_oracle": 1740,
                      "x_urls": 1682, "x_weighted": 52}


@pytest.mark.parametrize("kind", KINDS)
def test_python_agrees_with_the_references(kind):
    assert_agree(kind, [run_python(c) for c in of_kind(kind)], "Python")


@pytest.mark.parametrize("kind", KINDS)
def test_browser_agrees_with_the_references(kind, share_page):
    assert_agree(kind, share_page.evaluate(RUN_JS, of_kind(kind)), "Chromium")


def test_known_differences_are_still_cases():
    cases = {(c["kind"], c["input"].get("text")) for c in CHECKS}
    assert set(KNOWN_DIFFERENCES) <= cases
