/* sharehub.js: personalises what the Python builder produced.
 *
 * Share links work without this file (plain <a href>). Here we only:
 * rebuild links and counts while an employee edits a text, add their
 * tracking tag (utm_content) and Mastodon instance (both kept in
 * localStorage), copy texts and links, offer the Web Share API, filter
 * cards, check quizzes and keep training progress.
 *
 * The pure functions below port sharehub/links.py and sharehub/lengths.py
 * rule for rule; tests hold both to tests/data/share_vectors.json.
 * Nothing here inserts HTML: only textContent, attributes and DOM nodes.
 */
(function () {
  "use strict";

  // ---- links.py ----------------------------------------------------------------------
  var HASHTAG_NETWORKS = ["linkedin", "x", "bluesky", "mastodon", "threads", "whatsapp", "telegram"];
  var TRAILING_PUNCT = ".,;:!?)]}'\"";
  var LABELS = {
    linkedin: "LinkedIn", x: "X", facebook: "Facebook", bluesky: "Bluesky", mastodon: "Mastodon",
    threads: "Threads", reddit: "Reddit", whatsapp: "WhatsApp", telegram: "Telegram",
    xing: "XING", email: "Email"
  };
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

  /** One case of tests/data/share_vectors.json, the way the page does it. */
  function buildCase(c) {
    var composed = composeText(c.text, c.network, c.hashtags, c.disclosure);
    var link = c.utm ? trackedUrl(c.url, c.network, c.utm.medium, c.utm.campaign, c.utm.content) : c.url;
    var built = shareLink(c.network, composed, link, c.title, c.mastodon_instance);
    var counted = count(c.network, built.text);
    return { href: built.href, landing: built.text, length: counted.length, limit: counted.limit };
  }

  // ---- storage -----------------------------------------------------------------------
  var KEY_TAG = "sharehub.tag", KEY_INSTANCE = "sharehub.mastodon", KEY_DONE = "sharehub.training.done";
  var HOST_RE = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

  function load(key) { try { return window.localStorage.getItem(key) || ""; } catch (e) { return ""; } }
  function save(key, value) {
    try { if (value) window.localStorage.setItem(key, value); else window.localStorage.removeItem(key); } catch (e) { /* private mode */ }
  }
  function cleanInstance(value) {
    value = pyStrip(value || "").toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "");
    return HOST_RE.test(value) ? value : "";
  }

  // ---- share panel -------------------------------------------------------------------
  function copy(text, status) {
    var done = function () { if (status) status.textContent = "Copied."; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(done, function () {
        if (status) status.textContent = "Could not copy: select the text and copy it yourself.";
      });
    }
    if (status) status.textContent = "Copying is not available in this browser.";
    return Promise.resolve();
  }

  function initPanel(panel) {
    var d = panel.dataset;
    var hashtags = d.hashtags ? d.hashtags.split(" ") : [];
    var status = panel.querySelector(".sh-copied");
    var personal = panel.querySelector(".sh-personal");
    var tagInput = panel.querySelector(".sh-tag");
    var instanceInput = panel.querySelector(".sh-instance");
    personal.hidden = false;
    tagInput.value = load(KEY_TAG);
    instanceInput.value = load(KEY_INSTANCE);

    function linkFor(network) {
      if (!d.url || !d.utm) return d.url || "";
      return trackedUrl(d.url, network, d.medium, d.campaign, pyStrip(tagInput.value));
    }

    function update(variant) {
      var network = variant.dataset.network;
      var area = variant.querySelector("textarea");
      var raw = area ? area.value : "";
      var composed = composeText(raw, network, hashtags, d.disclosure);
      var title = oneLine(network === "reddit" ? raw : d.title);
      var built = shareLink(network, composed, linkFor(network), title,
        cleanInstance(instanceInput.value) || d.mastodon);
      variant.querySelector("a.sh-net").href = built.href;
      variant.dataset.landing = built.text;
      var out = variant.querySelector(".sh-count output");
      if (out) {
        var c = count(network, built.text);
        out.textContent = c.limit ? c.length + " / " + c.limit : c.length + " characters";
        variant.querySelector(".sh-count").classList.toggle("sh-over", !c.fits);
      }
    }

    function updateAll() {
      panel.querySelectorAll(".sh-variant").forEach(update);
      var copyLink = panel.querySelector(".sh-copy-link");
      copyLink.dataset.link = linkFor("copy");
    }

    panel.querySelectorAll(".sh-variant").forEach(function (variant) {
      var area = variant.querySelector("textarea");
      if (area) {
        area.readOnly = false;
        area.addEventListener("input", function () { update(variant); });
      }
      var button = variant.querySelector(".sh-copy-text");
      button.hidden = false;
      button.addEventListener("click", function () {
        update(variant);
        copy(variant.dataset.landing, status);
      });
    });
    var copyLink = panel.querySelector(".sh-copy-link");
    copyLink.hidden = false;
    copyLink.addEventListener("click", function () { copy(copyLink.dataset.link, status); });
    tagInput.addEventListener("input", function () { save(KEY_TAG, pyStrip(tagInput.value)); updateAll(); });
    instanceInput.addEventListener("input", function () {
      var host = cleanInstance(instanceInput.value);
      if (host || !pyStrip(instanceInput.value)) save(KEY_INSTANCE, host);
      updateAll();
    });

    var web = panel.querySelector(".sh-webshare");
    if (navigator.share) {
      web.hidden = false;
      web.addEventListener("click", function () {
        var first = panel.querySelector('.sh-variant[data-network="linkedin"] textarea, .sh-variant textarea');
        var text = composeText(first ? first.value : d.title, "linkedin", hashtags, d.disclosure);
        navigator.share({ title: d.title, text: text, url: linkFor("webshare") }).catch(function () {});
      });
    }
    if (load(KEY_TAG) || load(KEY_INSTANCE)) updateAll();
  }

  // ---- filters -----------------------------------------------------------------------
  function initFilters(form) {
    var results = form.nextElementSibling;
    var cards = form.parentNode.querySelector(".sh-cards");
    var pages = form.parentNode.querySelector(".sh-pages");
    var status = form.querySelector(".sh-filter-status");
    var data = null;
    form.hidden = false;

    function values() {
      var v = {};
      form.querySelectorAll("select").forEach(function (s) { if (s.value) v[s.name] = s.value; });
      return v;
    }
    function matches(item, v) {
      return (!v.topic || item.tp.indexOf(v.topic) !== -1) &&
        (!v.department || !item.d.length || item.d.indexOf(v.department) !== -1) &&
        (!v.campaign || item.c === v.campaign) && (!v.kind || item.k === v.kind) &&
        (!v.lang || item.l === v.lang);
    }
    function el(tag, cls, text) {
      var node = document.createElement(tag);
      if (cls) node.className = cls;
      if (text) node.textContent = text;
      return node;
    }
    function render(v) {
      var found = data.filter(function (i) { return matches(i, v); });
      results.replaceChildren();
      found.forEach(function (i) {
        var card = el("article", "sh-card" + (i.f ? " sh-featured" : ""));
        card.lang = i.l;
        card.dataset.kind = i.k;
        card.appendChild(el("p", "sh-kind", i.k));
        var h = el("h2", "sh-card-title"), a = el("a", "", i.t);
        a.href = form.dataset.root + i.u;
        h.appendChild(a);
        card.appendChild(h);
        if (i.tp.length) card.appendChild(el("p", "sh-chips", i.tp.join(" · ")));
        if (i.s) card.appendChild(el("p", "sh-summary", i.s));
        var more = el("a", "", "Texts and share buttons");
        more.href = a.href;
        var p = el("p", "sh-more");
        p.appendChild(more);
        card.appendChild(p);
        results.appendChild(card);
      });
      status.textContent = found.length + (found.length === 1 ? " item matches" : " items match");
      results.hidden = false;
      cards.hidden = true;
      if (pages) pages.hidden = true;
    }
    function apply() {
      var v = values();
      if (!Object.keys(v).length) {
        results.hidden = true; cards.hidden = false; if (pages) pages.hidden = false;
        status.textContent = "";
        return;
      }
      if (data) { render(v); return; }
      fetch(form.dataset.cards).then(function (r) { return r.json(); })
        .then(function (json) { data = json; render(values()); })
        .catch(function () { status.textContent = "Filters are unavailable offline."; });
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  }

  // ---- quiz and training -------------------------------------------------------------
  function doneList() {
    try { return JSON.parse(load(KEY_DONE) || "[]"); } catch (e) { return []; }
  }
  function markDone(page) {
    var done = doneList();
    if (done.indexOf(page) === -1) { done.push(page); save(KEY_DONE, JSON.stringify(done)); }
    showProgress();
  }
  function showProgress() {
    var done = doneList();
    document.querySelectorAll(".sh-training").forEach(function (nav) {
      var steps = nav.querySelectorAll("li[data-page]"), n = 0;
      steps.forEach(function (li) {
        var ok = done.indexOf(li.dataset.page) !== -1;
        li.classList.toggle("sh-step-done", ok);
        if (ok) n++;
      });
      nav.querySelector(".sh-progress").textContent = n + " of " + steps.length + " lessons done";
      var button = nav.querySelector(".sh-done");
      button.hidden = false;
      var isDone = done.indexOf(button.dataset.page) !== -1;
      button.disabled = isDone;
      button.textContent = isDone ? "Lesson done" : "Mark this lesson as done";
    });
  }
  function initTraining(nav) {
    var button = nav.querySelector(".sh-done");
    button.addEventListener("click", function () { markDone(button.dataset.page); });
  }
  function initQuiz(form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var right = 0, questions = form.querySelectorAll(".sh-question");
      questions.forEach(function (q) {
        var chosen = q.querySelector("input:checked");
        var verdict = q.querySelector(".sh-verdict");
        var ok = chosen && chosen.value === q.dataset.answer;
        if (ok) right++;
        q.classList.toggle("sh-right", !!ok);
        q.classList.toggle("sh-wrong", !ok);
        verdict.textContent = !chosen ? "Pick an answer." : ok ? "Correct." : "Not quite.";
        var why = q.querySelector(".sh-explanation");
        if (why) why.hidden = !chosen;
      });
      form.querySelector(".sh-score").textContent =
        right + " of " + questions.length + " correct" + (right === questions.length ? ": well done!" : ".");
      if (right === questions.length && form.dataset.page) markDone(form.dataset.page);
    });
  }

  function once(selector, init) {
    document.querySelectorAll(selector).forEach(function (node) {
      if (node.dataset.shReady) return;
      node.dataset.shReady = "1";
      init(node);
    });
  }

  function init() {
    once(".sh-share", initPanel);
    once(".sh-filters", initFilters);
    once(".sh-quiz", initQuiz);
    once(".sh-training", initTraining);
    if (document.querySelector(".sh-training")) showProgress();
  }

  window.sharehub = {
    encode: encode, addQueryParams: addQueryParams, trackedUrl: trackedUrl,
    composeText: composeText, landingText: landingText, shareLink: shareLink, oneLine: oneLine,
    xLength: xLength, graphemeLength: graphemeLength, blueskyLength: blueskyLength, count: count, buildCase: buildCase,
    LIMITS: LIMITS, LABELS: LABELS
  };

  if (typeof document === "undefined") return;
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
