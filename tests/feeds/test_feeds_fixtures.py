"""One test per fixture feed: each ``fixtures/NAME.expect.json`` states the outcome.

Whatever a case expects, every draft must pass check and be inert: no
front-matter text that reads as HTML, and a body that Markdown renders
without a script, an event handler, an iframe or a script URL.

Keys of ``expect``: ``failed`` (a substring of the failure), ``new`` (drafts
written), ``files``, ``titles``, ``urls``, ``images``, ``summaries``
(sorted or in any order), ``skipped`` ({reason: count}), ``contains`` /
``absent`` (strings in / not in any draft file), ``second_pull`` ("not modified"
or "seen": what an immediate second pull reports; it never writes).
"""

from __future__ import annotations

import pytest

from support.feeds import NOW, assert_inert, load_cases
from sharehub.feeds.pull import pull
from sharehub.content.loader import find_markdown, read_document
from sharehub.content.validate import check_paths, validate_document

CASES = load_cases()


def _sub(value, base):
    if isinstance(value, str):
        return value.replace("@BASE@", base)
    if isinstance(value, list):
        return [_sub(v, base) for v in value]
    return value


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_feed(name, feed_server, make_hub, test_limits):
    expect = CASES[name]["expect"]
    hub = make_hub([{"name": name, "url": feed_server.url(f"/{name}"), "max_items": 50}])
    report = pull(hub, limits=test_limits, now=NOW)
    (result,) = report.feeds
    drafts = find_markdown([hub.suggestions_dir])

    if "failed" in expect:
        assert expect["failed"] in result.failed, result.summary()
        assert not report.ok and drafts == []
        assert result.summary().startswith(f"{name}: failed: ")
        return

    assert result.ok, result.summary()
    assert result.failed == ""
    assert len(result.new) == expect["new"] == len(drafts), result.summary()
    docs = [read_document(p) for p in drafts]
    for doc in docs:  # each draft passes check on its own
        _item, problems = validate_document(doc, hub)
        assert [p for p in problems if p.is_error] == [], problems
        assert doc.meta["status"] == "draft" and doc.meta["source"]["feed"] == name
    assert check_paths([], hub).ok
    for doc in docs:
        assert_inert(doc)
    base = feed_server.base
    if "files" in expect:
        assert sorted(p.name for p in drafts) == sorted(expect["files"])
    for key, field in (("titles", "title"), ("urls", "url"), ("summaries", "summary")):
        if key in expect:
            assert sorted(d.meta.get(field) for d in docs if d.meta.get(field)) == \
                sorted(_sub(expect[key], base))
    if "images" in expect:
        assert sorted(d.meta["image"] for d in docs if "image" in d.meta) == \
            sorted(_sub(expect["images"], base))
    if "skipped" in expect:
        assert result.skipped == expect["skipped"]
    texts = "\n".join(p.read_text(encoding="utf-8") for p in drafts)
    for needle in _sub(expect.get("contains", []), base):
        assert needle in texts
    for needle in expect.get("absent", []):
        assert needle.lower() not in texts.lower()

    # An immediate second pull writes nothing.
    before = {p: p.read_bytes() for p in drafts}
    again = pull(hub, limits=test_limits, now=NOW)
    (second,) = again.feeds
    assert second.ok and second.new == []
    assert {p: p.read_bytes() for p in find_markdown([hub.suggestions_dir])} == before
    if expect.get("second_pull") == "not modified":
        assert second.not_modified, second.summary()
        assert "nothing new" in second.summary()
    elif expect.get("second_pull") == "seen":
        assert second.skipped.get("seen before", 0) == expect["new"]
