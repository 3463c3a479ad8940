// Expected results for corpus texts, computed by the networks' own code.
//
// Reads {"x": [text...], "bluesky": [text...]} on stdin, writes JSON on stdout.
// NODE_PATH must point at a folder with twitter-text@3.1.0, @atproto/api@0.20.41
// and tlds@1.234.0 installed (see make_fixtures.py). Not run by the tests.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const require = createRequire(path.join(process.env.NODE_PATH, "noop.js"));
const twitter = require("twitter-text");
const { RichText, UnicodeString } = require("@atproto/api");
const version = (name) => JSON.parse(readFileSync(
  path.join(process.env.NODE_PATH, name, "package.json"), "utf-8")).version;

const request = JSON.parse(readFileSync(0, "utf-8"));
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const graphemes = (s) => Array.from(segmenter.segment(s)).length;
const codePoints = (s, from, to) => Array.from(s.slice(from, to)).length;

// social-app src/lib/strings/url-helpers.ts toShortUrl, as the composer applies it.
function toShortUrl(url) {
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") return url;
    const rest = (u.pathname === "/" ? "" : u.pathname) + u.search + u.hash;
    return rest.length > 15 ? u.host + rest.slice(0, 13) + "..." : u.host + rest;
  } catch (e) {
    return url;
  }
}

function xCase(text) {
  const parsed = twitter.parseTweet(text, twitter.configs.version3);
  const normalized = text.normalize();
  const urls = twitter.extractUrlsWithIndices(normalized).map((e) => e.url);
  // Mastodon: twitter-text URLs with a scheme only, each 23 characters, graphemes counted.
  const entities = twitter.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false });
  let countable = "", pos = 0;
  for (const e of entities) {
    countable += text.slice(pos, e.indices[0]) + "x".repeat(23);
    pos = e.indices[1];
  }
  countable += text.slice(pos);
  return {
    text, weighted_length: parsed.weightedLength, valid: parsed.valid, urls,
    mastodon_urls: entities.map((e) => e.url), mastodon_length: graphemes(countable),
  };
}

function blueskyCase(text) {
  const rt = new RichText({ text });
  rt.detectFacetsWithoutResolution();
  const unicode = new UnicodeString(text);
  const links = (rt.facets || [])
    .filter((f) => f.features.some((x) => x.$type === "app.bsky.richtext.facet#link"))
    .sort((a, b) => a.index.byteStart - b.index.byteStart);
  let shortened = "", byte = 0;
  for (const f of links) {
    shortened += unicode.slice(byte, f.index.byteStart);
    shortened += toShortUrl(unicode.slice(f.index.byteStart, f.index.byteEnd));
    byte = f.index.byteEnd;
  }
  shortened += unicode.slice(byte);
  const out = new UnicodeString(shortened);
  return {
    text,
    links: links.map((f) => unicode.slice(f.index.byteStart, f.index.byteEnd)),
    shortened, graphemes: out.graphemeLength, bytes: out.length,
  };
}

process.stdout.write(JSON.stringify({
  x_source: { "twitter-text": version("twitter-text"), node: process.version },
  bluesky_source: { "@atproto/api": version("@atproto/api"), tlds: version("tlds"),
    node: process.version, "social-app toShortUrl": "url-helpers.ts at 094a877403e120e91b2fcc14d36897ebadc68e95" },
  x: request.x.map(xCase),
  bluesky: request.bluesky.map(blueskyCase),
}));
