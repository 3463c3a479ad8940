/* sharehub.js: personalises what the Python builder produced.
 *
 * Share links work without this file (plain <a href>). Here we only:
 * rebuild links and counts while an employee edits a text, add their
 * tracking tag (utm_content) and Mastodon instance (both kept in
 * localStorage), copy texts and links, offer the Web Share API, filter
 * cards, check quizzes and keep training progress.
 *
 * Links and counts come from share-core.js (the port of the Python
 * builder), loaded before this file; every table (networks, labels, rules,
 * tracking) comes from the page (sharehub-data), every item from its card
 * record (data-item, cards.json), and every card from the server's own
 * markup (<template class="sh-card-template">).
 * Nothing here inserts HTML: only textContent, attributes and DOM nodes.
 */
(function () {
  "use strict";

  var S = window.sharehubShare;
  var trackedUrl = S.trackedUrl, composeText = S.composeText, texts = S.texts,
    shareLink = S.shareLink, oneLine = S.oneLine, pyStrip = S.pyStrip, count = S.count;
  var DATA = S.data;
  var STRINGS = (function () {
    var node = document.getElementById("sharehub-strings");
    try { return node ? JSON.parse(node.textContent) : {}; } catch (e) { return {}; }
  })();
  /** The page's translation of an English string, placeholders ({n}) filled. */
  function tr(text, values) {
    var out = STRINGS[text] || text;
    Object.keys(values || {}).forEach(function (k) { out = out.split("{" + k + "}").join(values[k]); });
    return out;
  }
  // The site's root, from this script's own address (…/assets/sharehub/sharehub.js).
  var ROOT = document.currentScript ? document.currentScript.src.replace(/assets\/sharehub\/[^/]*$/, "") : "";

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
    var done = function () { if (status) status.textContent = tr("Copied."); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(done, function () {
        if (status) status.textContent = tr("Could not copy: select the text and copy it yourself.");
      });
    }
    if (status) status.textContent = tr("Copying is not available in this browser.");
    return Promise.resolve();
  }

  /** The tracked link of an item for `network` (Item.link_for). */
  function linkFor(record, network, tag) {
    var utm = DATA.utm || {};
    if (!record.x || !utm.enabled) return record.x || "";
    return trackedUrl(record.x, network, utm.medium, record.cp, tag);
  }

  /** Item.share_link: the link of `raw` text on `network` for a card record. */
  function buildLink(record, network, raw, tag, instance) {
    var composed = composeText(raw, network, record.h, DATA.disclosure);
    var title = oneLine(network === "reddit" ? raw : record.t);
    return shareLink(network, composed, linkFor(record, network, tag), title,
      { mastodonInstance: instance || DATA.mastodon || "" });
  }

  /** The item page's plain links, personalised with the employee's tag and Mastodon instance. */
  function initPanel(panel) {
    var record = JSON.parse(panel.dataset.item);
    var status = panel.querySelector(".sh-copied");
    var copyLink = panel.querySelector(".sh-copy-link");
    function personalise() {
      var tag = load(KEY_TAG), instance = load(KEY_INSTANCE);
      panel.querySelectorAll(".sh-links .sh-variant").forEach(function (variant) {
        var network = variant.dataset.network;
        var raw = texts(record, network)[Number(variant.dataset.variant)] || "";
        variant.querySelector("a.sh-net").href = buildLink(record, network, raw, tag, instance).href;
      });
      copyLink.dataset.link = linkFor(record, "copy", tag);
    }
    copyLink.hidden = false;
    copyLink.addEventListener("click", function () { copy(copyLink.dataset.link, status); });
    panel.addEventListener("sharehub:settings", personalise);
    if (load(KEY_TAG) || load(KEY_INSTANCE)) personalise();
  }

  // ---- cards -------------------------------------------------------------------------
  function facetName(facet, value) {
    var names = (DATA.facets || {})[facet] || {};
    return names[value] || value;
  }
  /** Whom an item is for, in the card's language (``span``: the template's audience). */
  function audience(departments, span) {
    if (!departments.length) return span.dataset.everyone || tr("For everyone");
    var who = departments.map(function (d) { return facetName("department", d); }).join(", ");
    return (span.dataset["for"] || tr("For {who}")).split("{who}").join(who);
  }

  /** The card template in a language (one per language the items use), else the first. */
  function templateFor(templates, lang) {
    var i = pickLanguage(templates.map(function (t) { return t.dataset.lang; }), lang);
    return templates[i === -1 ? 0 : i];
  }

  /** A card from the server's card template, filled with a record (``twins``: its
   * translations' records). */
  function fillCard(templates, record, root, twins) {
    var template = templateFor(templates, record.l);
    var card = template.content.firstElementChild.cloneNode(true);
    var href = root + record.u;
    card.classList.toggle("sh-featured", !!record.f);
    card.lang = record.l;
    if (record.tk) card.dataset.twins = record.tk;
    card.dataset.u = record.u;
    card.dataset.kind = record.k;
    card.dataset.topics = record.tp.join("|");
    card.dataset.departments = record.d.join("|");
    card.dataset.campaign = record.c;
    card.dataset.lang = record.l;
    var img = card.querySelector(".sh-card-img");
    if (record.i) {
      img.src = /^https?:\/\//.test(record.i) ? record.i : root + record.i;
      img.alt = record.ia;
    } else {
      img.remove();
    }
    var badge = card.querySelector(".sh-badge");
    if (!record.f) { if (badge.nextSibling) badge.nextSibling.remove(); badge.remove(); }
    card.querySelector(".sh-kind-name").textContent = facetName("kind", record.k);
    var who = card.querySelector(".sh-audience");
    who.textContent = audience(record.d, who);
    delete who.dataset.everyone;
    delete who.dataset["for"];
    var title = card.querySelector(".sh-card-title a");
    title.href = href;
    title.textContent = record.t;
    var topics = card.querySelector(".sh-topics");
    if (record.tp.length) {
      record.tp.forEach(function (topic) {
        var li = document.createElement("li");
        li.className = "sh-chip";
        li.textContent = facetName("topic", topic);
        topics.appendChild(li);
      });
    } else {
      topics.remove();
    }
    var summary = card.querySelector(".sh-summary");
    if (record.s) summary.textContent = record.s; else summary.remove();
    var open = card.querySelector(".sh-share-open");
    if (record.x) {
      open.href = href + "#sh-share-title";
      open.querySelector(".sh-visually-hidden").textContent = ": " + record.t;
    } else {
      if (open.nextSibling) open.nextSibling.remove();
      open.remove();
    }
    var more = card.querySelector(".sh-details");
    more.href = href;
    more.querySelector(".sh-visually-hidden").textContent = ": " + record.t;
    var langs = card.querySelector(".sh-langs");
    if (twins && twins.length) {
      twins.forEach(function (twin, i) {
        var a = document.createElement("a");
        a.href = root + twin.u;
        a.hreflang = a.lang = a.dataset.lang = twin.l;
        a.textContent = facetName("lang", twin.l);
        var hidden = document.createElement("span");
        hidden.className = "sh-visually-hidden";
        hidden.textContent = ": " + twin.t;
        a.appendChild(hidden);
        if (i) langs.appendChild(document.createTextNode(" · "));
        langs.appendChild(a);
      });
    } else {
      langs.remove();
    }
    return card;
  }

  // ---- translations: one card per translation_key, in the employee's language ----------
  /** The index of the language in ``langs`` that suits ``wanted`` (the same tag, else the
   * same base language: fr-CA for fr), or -1. */
  function pickLanguage(langs, wanted) {
    wanted = (wanted || "").toLowerCase();
    if (!wanted) return -1;
    var lower = langs.map(function (l) { return (l || "").toLowerCase(); });
    var i = lower.indexOf(wanted);
    if (i !== -1) return i;
    var base = wanted.split("-")[0];
    for (i = 0; i < lower.length; i++) if (lower[i].split("-")[0] === base) return i;
    return -1;
  }
  /** The employee's language: the "for me" preference, else the page's (theme.language). */
  function preferredLanguage() { return prefs().lang || document.documentElement.lang || ""; }

  /** Of each group of translated cards in ``container``, show the one in ``lang`` (else the
   * server's first, in the site's language). */
  function showTranslations(container, lang) {
    var groups = {};
    container.querySelectorAll(".sh-card[data-twins]").forEach(function (card) {
      (groups[card.dataset.twins] = groups[card.dataset.twins] || []).push(card);
    });
    Object.keys(groups).forEach(function (key) {
      var cards = groups[key];
      var shown = pickLanguage(cards.map(function (c) { return c.dataset.lang; }), lang);
      cards.forEach(function (card, i) { card.hidden = i !== Math.max(shown, 0); });
    });
  }
  /** A card's language link switches the card in place (without JS it opens that item). */
  function switchOnClick(container) {
    container.addEventListener("click", function (event) {
      var link = event.target.closest(".sh-langs a[data-lang]");
      var card = link && link.closest(".sh-card[data-twins]");
      if (!card) return;
      var twin = Array.prototype.find.call(container.children, function (other) {
        return other.dataset.twins === card.dataset.twins && other.dataset.lang === link.dataset.lang;
      });
      if (!twin) return;
      event.preventDefault();
      card.hidden = true;
      twin.hidden = false;
      twin.querySelector(".sh-card-title a").focus();
    });
  }
  function initTranslations(cards) {
    showTranslations(cards, preferredLanguage());
    switchOnClick(cards);
  }

  // ---- preferences ("for me") ----------------------------------------------------------
  var KEY_ME = "sharehub.me", KEY_SEED = "sharehub.seed", KEY_DRAFT = "sharehub.draft:";
  function prefs() {
    try { return JSON.parse(load(KEY_ME) || "{}") || {}; } catch (e) { return {}; }
  }
  function savePrefs(p) { save(KEY_ME, JSON.stringify(p)); }

  // ---- filters -----------------------------------------------------------------------
  function initFilters(form) {
    var results = form.nextElementSibling;
    var cards = form.parentNode.querySelector(".sh-cards");
    var pages = form.parentNode.querySelector(".sh-pages");
    var status = form.querySelector(".sh-filter-status");
    var forMe = form.querySelector(".sh-for-me");
    switchOnClick(results);
    var templates = Array.prototype.slice.call(form.parentNode.querySelectorAll("template.sh-card-template"));
    var data = null;
    var me = prefs();

    var meDept = form.querySelector('select[name="me-department"]');
    var meLang = form.querySelector('select[name="me-lang"]');
    meDept.value = me.department || "";
    meLang.value = me.lang || "";
    form.querySelectorAll('input[name="me-network"]').forEach(function (box) {
      box.checked = (me.networks || []).indexOf(box.value) !== -1;
    });
    forMe.setAttribute("aria-pressed", me.on ? "true" : "false");

    function values() {
      var v = {};
      form.querySelectorAll("select[data-facet]").forEach(function (s) { if (s.value) v[s.name] = s.value; });
      if (forMe.getAttribute("aria-pressed") === "true") {
        if (me.department && !v.department) v.department = me.department;
        if (me.lang && !v.lang) v.lang = me.lang;
      }
      return v;
    }
    function matches(item, v) {
      return (!v.topic || item.tp.indexOf(v.topic) !== -1) &&
        (!v.department || !item.d.length || item.d.indexOf(v.department) !== -1) &&
        (!v.campaign || item.c === v.campaign) && (!v.kind || item.k === v.kind) &&
        (!v.lang || item.l === v.lang);
    }
    function render(v) {
      var found = data.filter(function (i) { return matches(i, v); });
      if (v.department) {  // the department's own items first, then those for everyone
        found = found.filter(function (i) { return i.d.length; })
          .concat(found.filter(function (i) { return !i.d.length; }));
      }
      var keys = {};
      data.forEach(function (i) { if (i.tk) (keys[i.tk] = keys[i.tk] || []).push(i); });
      results.replaceChildren.apply(results, found.map(function (i) {
        var twins = i.tk ? keys[i.tk].filter(function (t) { return t !== i; }) : [];
        return fillCard(templates, i, form.dataset.root, twins);
      }));
      showTranslations(results, v.lang || preferredLanguage());
      var shown = results.querySelectorAll(".sh-card:not([hidden])").length;
      status.textContent = tr(shown === 1 ? "{n} item matches" : "{n} items match", { n: shown });
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
        .then(function (json) {
          data = json;
          form.records = {};
          json.forEach(function (r) { form.records[r.u] = r; });
          render(values());
        })
        .catch(function () { status.textContent = tr("Filters are unavailable offline."); });
    }
    function savePreferences() {
      me.department = meDept.value;
      me.lang = meLang.value;
      me.networks = Array.prototype.filter.call(form.querySelectorAll('input[name="me-network"]'),
        function (box) { return box.checked; }).map(function (box) { return box.value; });
      savePrefs(me);
      showTranslations(cards, preferredLanguage());
    }
    form.addEventListener("change", function (event) {
      if (/^me-/.test(event.target.name)) savePreferences();
      apply();
    });
    forMe.addEventListener("click", function () {
      me.on = forMe.getAttribute("aria-pressed") !== "true";
      forMe.setAttribute("aria-pressed", me.on ? "true" : "false");
      savePrefs(me);
      if (me.on && !me.department && !me.lang) form.querySelector(".sh-filter-sheet").open = true;
      apply();
    });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    if (me.on) apply();
  }

  // ---- the composer -------------------------------------------------------------------
  /** A number from a string (FNV-1a), to pick a stable variant per employee. */
  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h;
  }
  function seed() {
    var value = load(KEY_SEED);
    if (!value) {
      value = Math.random().toString(36).slice(2) + Date.now().toString(36);
      save(KEY_SEED, value);
    }
    return value;
  }
  /** This employee's default variant: stable for them, different between colleagues. */
  function defaultVariant(record, network) {
    var n = texts(record, network).length;
    return n > 1 ? hash(seed() + "|" + record.u + "|" + network) % n : 0;
  }
  function isTouch() {
    return (window.matchMedia && window.matchMedia("(pointer: coarse)").matches) ||
      navigator.maxTouchPoints > 0;
  }
  /** Networks that cannot receive the text from the URL on this device. */
  function copyFirst(network) {
    return (DATA.copyFirst || []).indexOf(network) !== -1 ||
      (isTouch() && (DATA.copyFirstOnTouch || []).indexOf(network) !== -1);
  }
  function announce(network, record) {
    document.dispatchEvent(new CustomEvent("sharehub:share",
      { detail: { network: network, item: record.u } }));
  }

  function Composer(dialog) {
    var self = this;
    this.dialog = dialog;
    this.text = dialog.querySelector(".sh-composer-text");
    this.go = dialog.querySelector(".sh-go");
    this.status = dialog.querySelector(".sh-composer-status");
    this.tag = dialog.querySelector(".sh-tag");
    this.instance = dialog.querySelector(".sh-instance");
    this.record = null;
    this.network = "";
    this.variant = 0;
    var primary = dialog.querySelector(".sh-pick > .sh-nets");
    var more = dialog.querySelector(".sh-more-nets");
    // The networks the employee uses first; the rest under "More".
    var mine = prefs().networks || [];
    if (mine.length) {
      var choices = Array.prototype.slice.call(primary.querySelectorAll(".sh-net-choice"));
      var moreList = more.querySelector(".sh-nets");
      choices.forEach(function (c) { if (mine.indexOf(c.dataset.network) === -1) moreList.appendChild(c); });
      mine.forEach(function (n) {
        var c = primary.querySelector('.sh-net-choice[data-network="' + n + '"]');
        if (c) primary.appendChild(c);
      });
      more.hidden = !moreList.children.length;
    }
    dialog.addEventListener("change", function (event) {
      if (event.target.name === "network") self.pick(event.target.value);
      if (event.target.name === "variant") self.choose(Number(event.target.value));
    });
    this.text.addEventListener("input", function () { self.saveDraft(); self.update(); });
    this.tag.value = load(KEY_TAG);
    this.instance.value = load(KEY_INSTANCE);
    function settingsChanged() {
      self.refresh();
      var panel = dialog.closest(".sh-share");
      if (panel) panel.dispatchEvent(new CustomEvent("sharehub:settings"));
    }
    this.tag.addEventListener("input", function () { save(KEY_TAG, pyStrip(self.tag.value)); settingsChanged(); });
    this.instance.addEventListener("input", function () {
      var host = cleanInstance(self.instance.value);
      if (host || !pyStrip(self.instance.value)) save(KEY_INSTANCE, host);
      settingsChanged();
    });
    this.go.addEventListener("click", function (event) { self.share(event); });
    dialog.querySelector(".sh-copy").addEventListener("click", function () {
      copy(self.copyText(), self.status).then(function () { announce(self.network, self.record); });
    });
    dialog.querySelector(".sh-reset").addEventListener("click", function () {
      self.dropDraft();
      self.choose(self.variant);
    });
    var native = dialog.querySelector(".sh-native");
    if (navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        var built = self.built();
        navigator.share({ title: self.record.t, text: self.rawText(), url: built.link })
          .then(function () { announce("webshare", self.record); self.dropDraft(); }, function () {});
      });
    }
    dialog.addEventListener("close", function () {
      if (location.hash.indexOf("#share:") === 0) history.replaceState(null, "", location.pathname + location.search);
      if (self.opener) self.opener.focus();
    });
  }
  Composer.prototype.open = function (record, opener) {
    this.record = record;
    this.opener = opener || null;
    this.dialog.querySelector(".sh-composer-item").textContent = record.t;
    var first = this.dialog.querySelector('.sh-pick > .sh-nets input[name="network"]');
    var current = this.dialog.querySelector('input[name="network"]:checked') || first;
    current.checked = true;
    this.preview();
    this.pick(current.value);
    if (!this.dialog.open) this.dialog.showModal();
    history.replaceState(null, "", "#share:" + record.u);
    this.text.focus();
  };
  Composer.prototype.preview = function () {
    var r = this.record, img = this.dialog.querySelector(".sh-preview-img");
    img.hidden = !r.i;
    if (r.i) { img.src = /^https?:\/\//.test(r.i) ? r.i : (this.root || "") + r.i; img.alt = r.ia || ""; }
    this.dialog.querySelector(".sh-preview-title").textContent = r.t;
    var domain = "";
    try { domain = new URL(r.x).hostname; } catch (e) { /* no link */ }
    this.dialog.querySelector(".sh-preview-domain").textContent = domain;
  };
  Composer.prototype.pick = function (network) {
    this.network = network;
    var list = this.dialog.querySelector(".sh-variant-list");
    var variants = texts(this.record, network);
    var box = this.dialog.querySelector(".sh-variants");
    var urlOnlyLabel = (DATA.labels || {})[network] || network;
    list.replaceChildren();
    box.hidden = variants.length < 2;
    var self = this;
    variants.forEach(function (text, i) {
      var label = document.createElement("label"), input = document.createElement("input");
      input.type = "radio"; input.name = "variant"; input.value = String(i);
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + text));
      list.appendChild(label);
    });
    this.dialog.querySelector(".sh-instance-field").hidden = network !== "mastodon";
    this.go.textContent = tr("Share on {network}", { network: urlOnlyLabel });
    var draft = load(KEY_DRAFT + this.record.u + "|" + network);
    this.choose(draft ? -1 : defaultVariant(this.record, network), draft);
  };
  /** Show variant `i` (or a saved draft) as exactly what will be posted. */
  Composer.prototype.choose = function (i, draft) {
    var variants = texts(this.record, this.network);
    if (i < 0 || i >= variants.length) i = defaultVariant(this.record, this.network);
    this.variant = i;
    var radio = this.dialog.querySelector('input[name="variant"][value="' + i + '"]');
    if (radio) radio.checked = !draft;
    this.text.value = draft || this.shown(variants[i]);
    this.update();
  };
  Composer.prototype.link = function () {
    return linkFor(this.record, this.network, pyStrip(this.tag.value));
  };
  /** What the text box shows for a raw text: the composed post, link included where it travels with it. */
  Composer.prototype.shown = function (raw) {
    if ((DATA.urlOnly || []).indexOf(this.network) !== -1) {
      return composeText(raw, this.network, this.record.h, DATA.disclosure);
    }
    return buildLink(this.record, this.network, raw, pyStrip(this.tag.value), cleanInstance(this.instance.value)).text;
  };
  /** The employee's text without the link (the builder adds the link itself). */
  Composer.prototype.rawText = function () {
    var link = this.link(), value = this.text.value;
    if (link && value.indexOf(link) !== -1) value = value.replace(link, "");
    return pyStrip(value);
  };
  Composer.prototype.built = function () {
    return buildLink(this.record, this.network, this.rawText(), pyStrip(this.tag.value),
      cleanInstance(this.instance.value));
  };
  /** The text to put on the clipboard: what the employee pastes into the network. */
  Composer.prototype.copyText = function () {
    if ((DATA.urlOnly || []).indexOf(this.network) !== -1) {
      return composeText(this.rawText(), this.network, this.record.h, DATA.disclosure);
    }
    return this.built().text;
  };
  Composer.prototype.update = function () {
    var network = this.network, built = this.built();
    var label = (DATA.labels || {})[network] || network;
    var urlOnly = (DATA.urlOnly || []).indexOf(network) !== -1;
    var counted = count(network, urlOnly ? this.copyText() : built.text);
    var out = this.dialog.querySelector(".sh-composer-count output");
    out.textContent = counted.limit ? counted.length + " / " + counted.limit : counted.length + " " + tr("characters");
    var reason = this.dialog.querySelector(".sh-reason");
    var note = this.dialog.querySelector(".sh-composer-note");
    var over = !counted.fits;
    reason.textContent = over ? (counted.invalid ? tr("Remove a character {network} refuses.", { network: label })
      : counted.limit && counted.length > counted.limit
        ? tr("Too long for {network}: remove {n} characters to share.", { network: label, n: counted.length - counted.limit })
        : tr("Too long for {network}.", { network: label })) : "";
    this.dialog.querySelector(".sh-composer-count").classList.toggle("sh-over", over);
    if (over) {
      this.go.removeAttribute("href");
      this.go.setAttribute("aria-disabled", "true");
    } else {
      this.go.href = built.href;
      this.go.removeAttribute("aria-disabled");
    }
    var shown = pyStrip(this.text.value), landing = urlOnly ? this.copyText() : built.text;
    if (copyFirst(network)) {
      note.textContent = tr("{network} cannot take a text from here: sharing copies it first, then paste it in {network}.", { network: label });
    } else if (pyStrip(landing) !== shown) {
      note.textContent = tr("Posted as:") + " " + landing;
    } else {
      note.textContent = "";
    }
  };
  Composer.prototype.refresh = function () {
    if (!this.record) return;
    if (!load(KEY_DRAFT + this.record.u + "|" + this.network)) this.text.value = this.shown(texts(this.record, this.network)[this.variant]);
    this.update();
  };
  Composer.prototype.saveDraft = function () {
    save(KEY_DRAFT + this.record.u + "|" + this.network, this.text.value);
  };
  Composer.prototype.dropDraft = function () {
    save(KEY_DRAFT + this.record.u + "|" + this.network, "");
  };
  Composer.prototype.share = function (event) {
    var self = this, network = this.network;
    if (this.go.getAttribute("aria-disabled") === "true") { event.preventDefault(); return; }
    announce(network, this.record);
    this.dropDraft();
    if (!copyFirst(network)) return;  // the link carries the text
    event.preventDefault();
    var href = this.go.href, label = (DATA.labels || {})[network] || network;
    copy(this.copyText(), null).then(function () {
      self.status.textContent = tr("Text copied — paste it in {network}.", { network: label });
      window.open(href, "_blank", "noopener");
    });
  };

  function initComposer(dialog) {
    var composer = new Composer(dialog);
    composer.root = ROOT;
    var records = {};
    document.querySelectorAll("script.sh-records").forEach(function (node) {
      JSON.parse(node.textContent).forEach(function (r) { records[r.u] = r; });
    });
    var panel = dialog.closest(".sh-share");
    if (panel) {
      var own = JSON.parse(panel.dataset.item);
      records[own.u] = own;
    }
    function recordOf(opener) {
      if (panel) return records[JSON.parse(panel.dataset.item).u];
      var card = opener.closest(".sh-card");
      if (card && records[card.dataset.u]) return records[card.dataset.u];
      var all = document.querySelector(".sh-filters");
      return all && all.records ? all.records[card.dataset.u] : null;
    }
    document.addEventListener("click", function (event) {
      var opener = event.target.closest(".sh-share-open");
      if (!opener) return;
      var record = recordOf(opener);
      if (!record) return;  // not known here: the link leads to the item page
      event.preventDefault();
      composer.open(record, opener);
    });
    window.sharehubRecords = records;
    var wanted = decodeURIComponent(location.hash.replace(/^#share:/, ""));
    if (location.hash.indexOf("#share:") === 0 && records[wanted]) composer.open(records[wanted]);
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
      nav.querySelector(".sh-progress").textContent = tr("{done} of {total} lessons done", { done: n, total: steps.length });
      var button = nav.querySelector(".sh-done");
      button.hidden = false;
      var isDone = done.indexOf(button.dataset.page) !== -1;
      button.disabled = isDone;
      button.textContent = isDone ? tr("Lesson done") : tr("Mark this lesson as done");
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
        verdict.textContent = !chosen ? tr("Pick an answer.") : ok ? tr("Correct.") : tr("Not quite.");
        var why = q.querySelector(".sh-explanation");
        if (why) why.hidden = !chosen;
      });
      form.querySelector(".sh-score").textContent =
        tr("{right} of {total} correct", { right: right, total: questions.length }) + (right === questions.length ? tr(": well done!") : ".");
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

  /** Material's search dialog has no name (axe: aria-dialog-name): give it its input's. */
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
    var input = dialog && dialog.querySelector(".md-search__input");
    if (input) dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder);
  }

  /** Every plain share link tells listeners (opt-in analytics) what was shared. */
  function announceLinks() {
    if (document.documentElement.dataset.shAnnounce) return;
    document.documentElement.dataset.shAnnounce = "1";
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.sh-net");
      var panel = link && link.closest(".sh-share");
      if (panel) announce(link.dataset.network, JSON.parse(panel.dataset.item));
    });
  }

  /** The service worker (site root, whole hub): installable, and offline once seen. */
  function registerWorker() {
    if (!("serviceWorker" in navigator) || !ROOT || !window.isSecureContext) return;
    navigator.serviceWorker.register(ROOT + "sw.js?v=" + encodeURIComponent(DATA.build || "1"),
      { scope: ROOT }).catch(function () { /* offline use is a bonus */ });
  }

  function init() {
    nameSearchDialog();
    announceLinks();
    once(".sh-share", initPanel);
    once(".sh-composer", initComposer);
    once(".sh-cards", initTranslations);
    once(".sh-filters", initFilters);
    once(".sh-quiz", initQuiz);
    once(".sh-training", initTraining);
    if (document.querySelector(".sh-training")) showProgress();
  }


  if (typeof document === "undefined") return;
  registerWorker();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
