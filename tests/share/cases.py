"""The networks' own test material (``fixtures/``) as checks both sides run.

Each check is ``{"kind", "id", "input": {...}, "expected": {...}}``. Python
(:func:`run_python`) and the browser (``RUN_JS``, on ``window.sharehubShare``)
compute the same ``expected`` keys from the same ``input``; the tests compare.
Where sharehub knowingly departs from a reference, :data:`KNOWN_DIFFERENCES`
says why and what both sides give instead (still checked).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from sharehub.share import lengths

FIXTURES = Path(__file__).parent / "fixtures"

#: (kind, text) -> (fields sharehub gives instead, why).
KNOWN_DIFFERENCES = {
    ("x_oracle", "🏳️\u200d🌈 🏴\u200d☠️ 🧑🏽\u200d🚀 🫶🏾 🫠 \U0001fabf 🐦\u200d🔥"): (
        {"weighted_length": 20},
        "twitter-text 3.1 finds emoji with twemoji-parser 11's list: sequences newer than "
        "that list (🧑🏽‍🚀, 🫶🏾, 🐦‍🔥) weigh per code point there (28); sharehub weighs "
        "every emoji sequence 2, as X weighs the ones it knows"),
}


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text("utf-8"))


def x_rules(config: dict) -> dict:
    """twitter-text's config file as the ``x`` entry of ``network_rules``."""
    return {"limit": config["maxWeightedTweetLength"], "url_length": config["transformedURLLength"],
            "scale": config["scale"], "default_weight": config["defaultWeight"],
            "ranges": [[r["start"], r["end"], r["weight"]] for r in config["ranges"]],
            "emoji": config.get("emojiParsingEnabled", False)}


def _texts() -> list[str]:
    texts = [c["text"] for c in load("x_conformance.json")["extract"]]
    texts += [c["text"] for c in load("x_conformance.json")["weighted"]]
    return texts + [c["text"] for c in load("x_oracle.json")["cases"]]


#: Every X text of the fixtures (for checks that need only texts).
CHECKS_TEXTS = _texts()


def _check(kind: str, ident: str, inp: dict, expected: dict) -> dict:
    known = KNOWN_DIFFERENCES.get((kind, inp.get("text", "")))
    if known:
        expected = dict(expected, **known[0])
    return {"kind": kind, "id": ident, "input": inp, "expected": expected}


def checks() -> list[dict]:
    """Every check, from every fixture file."""
    out = []
    conformance = load("x_conformance.json")
    for i, c in enumerate(conformance["extract"]):
        expected = {"urls": c["urls"]}
        if "indices" in c:
            expected["indices"] = c["indices"]
        out.append(_check("x_urls", f"x-{c['section']}-{i}", {"text": c["text"]}, expected))
    for i, c in enumerate(conformance["weighted"]):
        rules = x_rules(conformance["configs"][c["config"]])
        expected = {"valid": c["valid"]}
        if c["weighted_length"] is not None:
            expected["weighted_length"] = c["weighted_length"]
        out.append(_check("x_weighted", f"x-{c['section']}-{i}", {"text": c["text"], "rules": rules},
                          expected))
    for i, c in enumerate(load("x_tlds.json")["cases"]):
        out.append(_check("x_urls", f"x-tld-{i}", {"text": c["text"]}, {"urls": c["urls"]}))
    for i, c in enumerate(load("x_oracle.json")["cases"]):
        out.append(_check("x_oracle", f"x-oracle-{i}", {"text": c["text"]},
                          {key: c[key] for key in ("weighted_length", "valid", "urls",
                                                   "mastodon_length")}))
    reference = load("bluesky_reference.json")
    for i, c in enumerate(reference["detection"]):
        out.append(_check("bsky_links", f"bsky-detection-{i}", {"text": c["text"]},
                          {"links": c["links"]}))
    for i, c in enumerate(reference["lengths"]):
        out.append(_check("bsky_count", f"bsky-length-{i}", {"text": c["text"]},
                          {"graphemes": c["graphemes"], "bytes": c["bytes"]}))
    for i, c in enumerate(reference["short_url"]):
        out.append(_check("bsky_short_url", f"bsky-short-url-{i}", {"url": c["url"]},
                          {"short": c["short"]}))
    for i, c in enumerate(reference["shorten_links"]):
        out.append(_check("bsky_shortened", f"bsky-shorten-{i}", {"text": c["text"]},
                          {"shortened": c["shortened"]}))
    for i, c in enumerate(load("bluesky_oracle.json")["cases"]):
        out.append(_check("bsky_oracle", f"bsky-oracle-{i}", {"text": c["text"]},
                          {key: c[key] for key in ("links", "shortened", "graphemes", "bytes")}))
    return out


def run_python(check: dict) -> dict:
    """What sharehub's Python rules give for one check (the ``expected`` keys)."""
    kind, inp = check["kind"], check["input"]
    text = inp.get("text", "")
    if kind == "x_urls":
        spans = lengths.x_url_spans(text)
        out = {"urls": [text[a:b] for a, b in spans]}
        if "indices" in check["expected"]:
            out["indices"] = [list(span) for span in spans]  # code points already
        return out
    if kind == "x_weighted":
        counted = lengths.count("x", text, {"x": inp["rules"]})
        out = {"valid": counted.fits and counted.length > 0}
        if "weighted_length" in check["expected"]:
            out["weighted_length"] = counted.length
        return out
    if kind == "x_oracle":
        counted = lengths.count("x", text)
        normalized = unicodedata.normalize("NFC", text)
        return {"weighted_length": counted.length, "valid": counted.fits and counted.length > 0,
                "urls": [normalized[a:b] for a, b in lengths.x_url_spans(normalized)],
                "mastodon_length": lengths.count("mastodon", text).length}
    if kind == "bsky_links":
        return {"links": [text[a:b] for a, b in lengths.bluesky_link_spans(text)]}
    if kind == "bsky_short_url":
        return {"short": lengths.bluesky_short_url(inp["url"])}
    if kind == "bsky_shortened":
        return {"shortened": lengths.bluesky_shortened(text)}
    counted = lengths.count("bluesky", text)
    out = {"graphemes": counted.length, "bytes": counted.bytes}
    if kind == "bsky_oracle":
        out.update(links=[text[a:b] for a, b in lengths.bluesky_link_spans(text)],
                   shortened=lengths.bluesky_shortened(text))
    return out


#: The same, in the browser: ``checks => results`` over ``window.sharehubShare``.
#: Spans are UTF-16 there; indices are turned into code points as twitter-text's
#: conformance files give them.
RUN_JS = """checks => {
  const S = window.sharehubShare;
  const cp = (s, i) => Array.from(s.slice(0, i)).length;
  const cut = (s, spans) => spans.map(x => s.slice(x[0], x[1]));
  return checks.map(c => {
    const t = c.input.text || "", want = c.expected;
    switch (c.kind) {
      case "x_urls": {
        const spans = S.xUrlSpans(t);
        const out = {urls: cut(t, spans)};
        if ("indices" in want) out.indices = spans.map(x => [cp(t, x[0]), cp(t, x[1])]);
        return out;
      }
      case "x_weighted": {
        const k = S.count("x", t, {x: c.input.rules});
        const out = {valid: k.fits && k.length > 0};
        if ("weighted_length" in want) out.weighted_length = k.length;
        return out;
      }
      case "x_oracle": {
        const k = S.count("x", t), n = t.normalize("NFC");
        return {weighted_length: k.length, valid: k.fits && k.length > 0,
                urls: cut(n, S.xUrlSpans(n)), mastodon_length: S.count("mastodon", t).length};
      }
      case "bsky_links": return {links: cut(t, S.blueskyLinkSpans(t))};
      case "bsky_short_url": return {short: S.blueskyShortUrl(c.input.url)};
      case "bsky_shortened": return {shortened: S.blueskyShortened(t)};
      default: {
        const k = S.count("bluesky", t), out = {graphemes: k.length, bytes: k.bytes};
        if (c.kind === "bsky_oracle") {
          out.links = cut(t, S.blueskyLinkSpans(t));
          out.shortened = S.blueskyShortened(t);
        }
        return out;
      }
    }
  });
}"""
