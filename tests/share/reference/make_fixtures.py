"""Regenerate tests/share/fixtures/ from the networks' own reference material.

Not run by the test suite: the fixtures it writes are committed. Run it when
a reference moves on (a new twitter-text release, a new atproto commit), then
review the diff of the fixtures like any other change.

Inputs (nothing is downloaded by this script):

* ``--twitter-text``: a git directory of github.com/twitter/twitter-text;
  cases come from ``conformance/extract.yml``, ``validate.yml``, ``tlds.yml``.
* ``--atproto``: a git directory of github.com/bluesky-social/atproto; cases
  come from ``packages/api/tests/rich-text-detection.test.ts`` and
  ``rich-text.test.ts``.
* ``--node-modules``: a folder where ``npm install twitter-text@3.1.0
  @atproto/api@0.20.41 tlds@1.234.0`` was run; ``oracle.mjs`` runs those
  reference implementations (and Node's WHATWG ``URL``) over ``corpus.py``'s
  share-like texts to compute the expected results of ``*_oracle.json``.

social-app's ``toShortUrl``/``shortenLinks`` cases are transcribed in
``SOCIAL_APP_CASES`` below (the repository is too large to mirror here).

    python tests/share/reference/make_fixtures.py --twitter-text DIR --atproto DIR \\
        --node-modules DIR
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
sys.path.insert(0, str(HERE))

from corpus import bluesky_corpus, x_corpus  # noqa: E402

#: social-app, __tests__/lib/string.test.ts at 44e0fdac3ede32c85987df6615be984d97544dd6
#: ("toShortUrl" and "shortenLinks"), transcribed: input -> expected output.
SOCIAL_APP_COMMIT = "44e0fdac3ede32c85987df6615be984d97544dd6"
SOCIAL_APP_CASES = {
    "toShortUrl": [
        ["https://bsky.app", "bsky.app"],
        ["https://bsky.app/3jk7x4irgv52r", "bsky.app/3jk7x4irgv52r"],
        ["https://bsky.app/3jk7x4irgv52r2313y182h9", "bsky.app/3jk7x4irgv52..."],
        ["https://very-long-domain-name.com/foo", "very-long-domain-name.com/foo"],
        ["https://very-long-domain-name.com/foo?bar=baz#andsomemore",
         "very-long-domain-name.com/foo?bar=baz#..."],
    ],
    "shortenLinks": [
        ["start https://middle.com/foo/bar?baz=bux#hash end",
         "start middle.com/foo/bar?baz=... end"],
        ["https://start.com/foo/bar?baz=bux#hash middle end",
         "start.com/foo/bar?baz=... middle end"],
        ["start middle https://end.com/foo/bar?baz=bux#hash",
         "start middle end.com/foo/bar?baz=..."],
        ["https://newline1.com/very/long/url/here\nhttps://newline2.com/very/long/url/here",
         "newline1.com/very/long/ur...\nnewline2.com/very/long/ur..."],
        ["Classic article https://socket3.wordpress.com/2018/02/03/designing-windows-95s-user-interface/",
         "Classic article socket3.wordpress.com/2018/02/03/d..."],
    ],
}


def git_show(repo: Path, path: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), "show", f"HEAD:{path}"], check=True,
                          capture_output=True, text=True).stdout


def git_head(repo: Path) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), "rev-parse", "HEAD"], check=True,
                          capture_output=True, text=True).stdout.strip()


def js_literal(source: str):
    """A JavaScript array literal of strings/objects as Python data (no eval)."""
    out, i = [], 0
    while i < len(source):
        char = source[i]
        if char in "'\"":  # a string literal, copied as written (same escapes as Python)
            j = i + 1
            while source[j] != char:
                j += 2 if source[j] == "\\" else 1
            out.append(source[i:j + 1])
            i = j + 1
        elif source.startswith("//", i):
            i = source.index("\n", i)
        elif char.isalpha():  # an object key: quote it
            word = re.match(r"\w+", source[i:]).group(0)
            out.append({"true": "True", "false": "False"}.get(word, repr(word)))
            i += len(word)
        else:
            out.append(char)
            i += 1
    return ast.literal_eval("".join(out))


def between(text: str, start: str, end: str) -> str:
    i = text.index(start) + len(start) - 1  # keep the opening bracket
    return text[i:text.index(end, i) + len(end)]


def twitter_text_fixtures(repo: Path) -> None:
    commit = git_head(repo)
    extract = yaml.safe_load(git_show(repo, "conformance/extract.yml"))["tests"]
    validate = yaml.safe_load(git_show(repo, "conformance/validate.yml"))["tests"]
    source = {"repository": "https://github.com/twitter/twitter-text", "commit": commit,
              "license": "Apache-2.0 (conformance/LICENSE)"}
    cases = []
    for section in ("urls", "tco_urls_with_params"):
        cases += [{"section": section, "description": c["description"], "text": c["text"],
                   "urls": c["expected"]} for c in extract[section]]
    for section in ("urls_with_indices", "urls_with_directional_markers"):
        cases += [{"section": section, "description": c["description"], "text": c["text"],
                   "urls": [e["url"] for e in c["expected"]],
                   "indices": [e["indices"] for e in c["expected"]]} for c in extract[section]]
    weighted = []
    for section, config in (("WeightedTweetsCounterTest", "v2"),
                            ("WeightedTweetsWithDiscountedEmojiCounterTest", "v3"),
                            ("UnicodeDirectionalMarkerCounterTest", "v3")):
        weighted += [{"section": section, "config": config, "description": c["description"],
                      "text": c["text"], "weighted_length": c["expected"]["weightedLength"],
                      "valid": c["expected"]["valid"]} for c in validate[section]]
    weighted += [{"section": "tweets", "config": "v1", "description": c["description"],
                  "text": c["text"], "weighted_length": None, "valid": c["expected"]}
                 for c in validate["tweets"]]
    write("x_conformance.json", {
        "source": dict(source, files=["conformance/extract.yml", "conformance/validate.yml"]),
        "note": "URL extraction (extract.yml: urls, urls_with_indices, "
                "urls_with_directional_markers, tco_urls_with_params) and weighted length "
                "(validate.yml; config v1/v2/v3 as twitter-text's own conformance runner uses "
                "them). Indices are code points.",
        "configs": {name: json.loads(git_show(repo, f"config/{name}.json"))
                    for name in ("v1", "v2", "v3")},
        "extract": cases, "weighted": weighted})
    tlds = yaml.safe_load(git_show(repo, "conformance/tlds.yml"))["tests"]
    write("x_tlds.json", {
        "source": dict(source, files=["conformance/tlds.yml"]),
        "note": "One URL per TLD twitter-text knows; each must be extracted whole.",
        "cases": [{"text": c["text"], "urls": c["expected"]}
                  for kind in ("generic", "country") for c in tlds[kind]]})


def atproto_fixtures(repo: Path) -> None:
    detection = git_show(repo, "packages/api/tests/rich-text-detection.test.ts")
    inputs = js_literal(between(detection, "const inputs = [", "\n  ]\n"))
    outputs = js_literal(between(detection, "const outputs: string[][][] = [", "\n  ]\n"))
    assert len(inputs) == len(outputs)
    cases = []
    for text, segments in zip(inputs, outputs):
        if any(len(s) == 2 and s[1].startswith("did:") for s in segments):
            continue  # mentions: not links, no effect on length
        cases.append({"text": text, "links": [s[0] for s in segments if len(s) == 2],
                      "uris": [s[1] for s in segments if len(s) == 2]})
    lengths = git_show(repo, "packages/api/tests/rich-text.test.ts")
    counted = [{"text": json.loads(f'"{t}"'), "bytes": int(b), "graphemes": int(g)}
               for t, b, g in re.findall(
                   r"new RichText\(\{ text: '([^']*)' \}\)\s*expect\(rt\.length\)\.toBe\((\d+)\)"
                   r"\s*expect\(rt\.graphemeLength\)\.toBe\((\d+)\)", lengths)]
    write("bluesky_reference.json", {
        "source": {"repository": "https://github.com/bluesky-social/atproto",
                   "commit": git_head(repo), "license": "MIT/Apache-2.0",
                   "files": ["packages/api/tests/rich-text-detection.test.ts",
                             "packages/api/tests/rich-text.test.ts"],
                   "social_app": {"repository": "https://github.com/bluesky-social/social-app",
                                  "commit": SOCIAL_APP_COMMIT, "license": "MIT",
                                  "files": ["__tests__/lib/string.test.ts"]}},
        "note": "detection: atproto detectFacets link cases (mention-only cases left out); "
                "lengths: RichText byte and grapheme length; short_url and shorten_links: "
                "social-app's toShortUrl and shortenLinks (the composer counts the shortened "
                "text).",
        "detection": cases, "lengths": counted,
        "short_url": [{"url": u, "short": s} for u, s in SOCIAL_APP_CASES["toShortUrl"]],
        "shorten_links": [{"text": t, "shortened": s} for t, s in SOCIAL_APP_CASES["shortenLinks"]]})


def oracle_fixtures(node_modules: Path) -> None:
    request = {"x": x_corpus(), "bluesky": bluesky_corpus()}
    out = subprocess.run(["node", str(HERE / "oracle.mjs")], input=json.dumps(request),
                         capture_output=True, text=True, check=True,
                         env={"NODE_PATH": str(node_modules), "PATH": "/usr/bin:/bin"})
    result = json.loads(out.stdout)
    write("x_oracle.json", {
        "source": result["x_source"],
        "note": "Share-like texts (corpus.py) run through the official twitter-text package: "
                "parseTweet with the v3 config (X today) and extractUrlsWithIndices; "
                "mastodon: extractUrlsWithIndices without protocol-less URLs, each URL "
                "23 characters, graphemes counted (Mastodon's StatusLengthValidator).",
        "cases": result["x"]})
    write("bluesky_oracle.json", {
        "source": result["bluesky_source"],
        "note": "Share-like texts run through @atproto/api RichText.detectFacetsWithoutResolution, "
                "each link shortened as social-app's toShortUrl does with WHATWG URL (Node), "
                "then grapheme and UTF-8 byte length of the shortened text.",
        "cases": result["bluesky"]})


def write(name: str, data: dict) -> None:
    path = FIXTURES / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(HERE.parents[2])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--twitter-text", type=Path, required=True)
    parser.add_argument("--atproto", type=Path, required=True)
    parser.add_argument("--node-modules", type=Path, required=True)
    args = parser.parse_args()
    FIXTURES.mkdir(exist_ok=True)
    twitter_text_fixtures(args.twitter_text)
    atproto_fixtures(args.atproto)
    oracle_fixtures(args.node_modules)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
