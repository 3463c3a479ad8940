/* share-core.js: the share-link builder and length rules, ported from Python.
 *
 * sharehub/share/links.py and sharehub/share/lengths.py rule for rule; tests
 * hold both to tests/data/share_vectors.json. Pure functions, no DOM: the
 * hub's pages (sharehub.js) and any other front end use them through
 * window.sharehubShare.
 */
(function () {
  "use strict";

  // ---- links.py ----------------------------------------------------------------------
  var HASHTAG_NETWORKS = ["linkedin", "x", "bluesky", "mastodon", "threads", "whatsapp", "telegram"];
  var TRAILING_PUNCT = ".,;:!?)]}'\"";
  // Python's str.split()/strip() white space.
  var WS = "\\s\\x1c-\\x1f\\x85";
  var WS_RE = new RegExp("[" + WS + "]+", "g");
  var TRIM_RE = new RegExp("^[" + WS + "]+|[" + WS + "]+$", "g");

  function pyStrip(s) { return s.replace(TRIM_RE, ""); }
  function pySplit(s) { return pyStrip(s).split(WS_RE).filter(function (w) { return w; }); }
  function rstripChars(s, chars) {
    var end = s.length;
    while (end > 0 && chars.indexOf(s.charAt(end - 1)) !== -1) end--;
    return s.slice(0, end);
  }

  /** Percent-encode everything but RFC 3986 unreserved (Python quote(safe="")). */
  function encode(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function unquote(s) {
    try { return decodeURIComponent(s); } catch (e) { return s; }
  }

  function queryNames(query) {
    var names = {};
    query.split("&").forEach(function (part) {
      if (part) names[unquote(part.split("=")[0]).replace(/\+/g, " ")] = true;
    });
    return names;
  }

  function partition(s, sep) {
    var i = s.indexOf(sep);
    return i === -1 ? [s, "", ""] : [s.slice(0, i), sep, s.slice(i + sep.length)];
  }

  /** Append params, keeping query and fragment; never duplicate or add empties. */
  function addQueryParams(url, params) {
    var h = partition(url, "#"), base = h[0], hashSign = h[1], fragment = h[2];
    var q = partition(base, "?"), path = q[0], query = q[2];
    var present = queryNames(query);
    var added = [];
    params.forEach(function (p) {
      if (p[1] && !present[p[0]]) added.push(encode(p[0]) + "=" + encode(p[1]));
    });
    if (!added.length) return url;
    var joined = query + (query && query.slice(-1) !== "&" ? "&" : "") + added.join("&");
    return path + "?" + joined + (hashSign ? "#" + fragment : "");
  }

  function trackedUrl(url, network, medium, campaign, content) {
    return addQueryParams(url, [["utm_source", network], ["utm_medium", medium || ""],
      ["utm_campaign", campaign || ""], ["utm_content", content || ""]]);
  }

  function hasToken(text, token) {
    token = token.toLowerCase();
    return pySplit(text).some(function (w) {
      return rstripChars(w.toLowerCase(), TRAILING_PUNCT) === token;
    });
  }

  function composeText(text, network, hashtags, disclosure) {
    var out = pyStrip(text);
    if (HASHTAG_NETWORKS.indexOf(network) !== -1) {
      var missing = (hashtags || []).map(function (t) { return "#" + t; })
        .filter(function (t) { return !hasToken(out, t); });
      if (missing.length) out = pyStrip(out + " " + missing.join(" "));
    }
    disclosure = pyStrip(disclosure || "");
    if (disclosure && out.toLowerCase().indexOf(disclosure.toLowerCase()) === -1) {
      out = pyStrip(out + " " + disclosure);
    }
    return out;
  }

  function oneLine(text) { return pyStrip(text.replace(WS_RE, " ")); }

  function landingText(network, text, link, title) {
    if (network === "linkedin" || network === "email") return text + "\n\n" + link;
    if (network === "telegram") return link + "\n" + text;
    if (network === "reddit") return title || text;
    if (network === "facebook" || network === "xing") return link;
    return text + " " + link;
  }

  /** The share URL of a network for an already composed text (links.share_link). */
  function shareLink(network, text, link, title, mastodonInstance) {
    var e = encode, landing = landingText(network, text, link, title), href;
    switch (network) {
      case "linkedin": href = "https://www.linkedin.com/feed/?shareActive=true&text=" + e(landing); break;
      case "x": href = "https://x.com/intent/tweet?text=" + e(text) + "&url=" + e(link); break;
      case "threads": href = "https://www.threads.com/intent/post?text=" + e(text) + "&url=" + e(link); break;
      case "telegram": href = "https://t.me/share/url?url=" + e(link) + "&text=" + e(text); break;
      case "bluesky": href = "https://bsky.app/intent/compose?text=" + e(landing); break;
      case "mastodon": href = "https://" + (mastodonInstance || "mastodon.social") + "/share?text=" + e(landing); break;
      case "whatsapp": href = "https://wa.me/?text=" + e(landing); break;
      case "reddit": href = "https://www.reddit.com/submit?url=" + e(link) + "&title=" + e(landing); break;
      case "email":
        var body = landing.replace(/\r\n/g, "\n").replace(/\n/g, "\r\n");
        href = "mailto:?subject=" + e(title || text) + "&body=" + e(body); break;
      case "facebook": href = "https://www.facebook.com/sharer/sharer.php?u=" + e(link); break;
      case "xing": href = "https://www.xing.com/spi/shares/new?url=" + e(link); break;
      default: throw new Error("unknown network " + network);
    }
    return { network: network, href: href, text: landing, link: link };
  }

  // ---- lengths.py --------------------------------------------------------------------
  var LIMITS = { x: 280, bluesky: 300, mastodon: 500, threads: 500, linkedin: 3000 };
  var SHORT_URL_LENGTH = 23;
  var LIGHT = [[0x0000, 0x10FF], [0x2000, 0x200D], [0x2010, 0x201F], [0x2032, 0x2037]];
  // Python's regex \b is Unicode-aware; JavaScript's is ASCII-only, hence the lookbehind.
  var URL_RE = /(?<![\p{L}\p{M}\p{N}_])(?:https?:\/\/|www\.)[^\s<>"]+/giu;
  var EMOJI_RE = /(?=\p{Extended_Pictographic})[^\x00-\u1fff]|\p{Regional_Indicator}|\u20e3|\ufe0f/u;
  var segmenter = (typeof Intl !== "undefined" && Intl.Segmenter)
    ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

  function graphemes(text) {
    if (!segmenter) return Array.from(text);
    return Array.from(segmenter.segment(text), function (s) { return s.segment; });
  }
  function codePoints(text) { return Array.from(text).length; }

  // Spans in UTF-16 offsets; the callers only slice the same string with them.
  function urlSpans(text) {
    var spans = [], m;
    URL_RE.lastIndex = 0;
    while ((m = URL_RE.exec(text)) !== null) {
      var start = m.index, end = start + m[0].length;
      while (end > start && TRAILING_PUNCT.indexOf(text.charAt(end - 1)) !== -1) end--;
      spans.push([start, end]);
    }
    return spans;
  }

  function weight(ch) {
    var code = ch.codePointAt(0);
    for (var i = 0; i < LIGHT.length; i++) {
      if (code >= LIGHT[i][0] && code <= LIGHT[i][1]) return 1;
    }
    return 2;
  }

  function xLength(text) {
    text = text.normalize("NFC");
    var total = 0, pos = 0;
    urlSpans(text).concat([[text.length, text.length]]).forEach(function (span) {
      graphemes(text.slice(pos, span[0])).forEach(function (g) {
        if (EMOJI_RE.test(g)) { total += 2; return; }
        for (var ch of g) total += weight(ch);
      });
      if (span[1] > span[0]) total += SHORT_URL_LENGTH;
      pos = span[1];
    });
    return total;
  }

  function graphemeLength(text) { return graphemes(text).length; }

  /** How the Bluesky composer shows (and counts) a link it shortened (urlsplit rules). */
  function blueskyShortUrl(url) {
    var m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^\/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(url);
    if (!m) return url;
    var scheme = m[1].toLowerCase(), netloc = m[2], hostport = netloc.slice(netloc.lastIndexOf("@") + 1);
    var host = hostport, port = null, bracket = hostport.indexOf("]");
    var colon = hostport.lastIndexOf(":");
    if (colon > bracket) {
      host = hostport.slice(0, colon);
      var portText = hostport.slice(colon + 1);
      if (portText) {
        if (!/^[0-9]+$/.test(portText) || Number(portText) > 65535) return url;
        port = Number(portText);
      }
    }
    host = host.replace(/^\[|\]$/g, "").toLowerCase();
    if ((scheme !== "http" && scheme !== "https") || !host) return url;
    var defaultPort = scheme === "https" ? 443 : 80;
    if (port && port !== defaultPort) host = host + ":" + port;
    var path = (m[3] === "" || m[3] === "/") ? "" : m[3];
    path += (m[4] ? "?" + m[4] : "") + (m[5] ? "#" + m[5] : "");
    var cps = Array.from(path);
    return host + (cps.length > 15 ? cps.slice(0, 13).join("") + "..." : path);
  }

  function blueskyLength(text) {
    var out = "", pos = 0;
    urlSpans(text).forEach(function (s) {
      if (text.slice(s[0], s[0] + 4).toLowerCase() !== "http") return;
      out += text.slice(pos, s[0]) + blueskyShortUrl(text.slice(s[0], s[1]));
      pos = s[1];
    });
    return graphemeLength(out + text.slice(pos));
  }

  function codePointsWithShortUrls(text) {
    var total = codePoints(text);
    urlSpans(text).forEach(function (s) {
      total += SHORT_URL_LENGTH - codePoints(text.slice(s[0], s[1]));
    });
    return total;
  }

  function networkLength(network, text) {
    if (network === "x") return xLength(text);
    if (network === "bluesky") return blueskyLength(text);
    if (network === "mastodon") return codePointsWithShortUrls(text);
    return codePoints(text);
  }

  function count(network, text) {
    var limit = LIMITS[network] || null, length = networkLength(network, text);
    return { network: network, length: length, limit: limit, fits: limit === null || length <= limit };
  }

  window.sharehubShare = {
    encode: encode, addQueryParams: addQueryParams, trackedUrl: trackedUrl,
    composeText: composeText, landingText: landingText, shareLink: shareLink, oneLine: oneLine,
    pyStrip: pyStrip, xLength: xLength, graphemeLength: graphemeLength, blueskyLength: blueskyLength,
    count: count, LIMITS: LIMITS
  };
})();
