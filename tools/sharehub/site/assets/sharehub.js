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

  function initPanel(panel) {
    var record = JSON.parse(panel.dataset.item);
    var status = panel.querySelector(".sh-copied");
    var personal = panel.querySelector(".sh-personal");
    var tagInput = panel.querySelector(".sh-tag");
    var instanceInput = panel.querySelector(".sh-instance");
    personal.hidden = false;
    tagInput.value = load(KEY_TAG);
    instanceInput.value = load(KEY_INSTANCE);

    function update(variant) {
      var network = variant.dataset.network;
      var area = variant.querySelector("textarea");
      var built = buildLink(record, network, area ? area.value : "", pyStrip(tagInput.value),
        cleanInstance(instanceInput.value));
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
      panel.querySelector(".sh-copy-link").dataset.link = linkFor(record, "copy", pyStrip(tagInput.value));
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
        var text = composeText(first ? first.value : record.t, "linkedin", record.h, DATA.disclosure);
        navigator.share({ title: record.t, text: text, url: linkFor(record, "webshare", pyStrip(tagInput.value)) })
          .catch(function () {});
      });
    }
    if (load(KEY_TAG) || load(KEY_INSTANCE)) updateAll();
  }

  /** A card from the server's card template, filled with a record's text and links. */
  function fillCard(template, record, root) {
    var card = template.content.firstElementChild.cloneNode(true);
    var href = root + record.u;
    card.classList.toggle("sh-featured", !!record.f);
    card.lang = record.l;
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
    card.querySelector(".sh-kind-name").textContent = record.k;
    var title = card.querySelector(".sh-card-title a");
    title.href = href;
    title.textContent = record.t;
    var topics = card.querySelector(".sh-topics");
    if (record.tp.length) {
      record.tp.forEach(function (topic) {
        var li = document.createElement("li");
        li.className = "sh-chip";
        li.textContent = topic;
        topics.appendChild(li);
      });
    } else {
      topics.remove();
    }
    var summary = card.querySelector(".sh-summary");
    if (record.s) summary.textContent = record.s; else summary.remove();
    var actions = card.querySelector(".sh-actions");
    if (record.x) {
      actions.setAttribute("aria-label", "Share " + record.t);
      actions.querySelectorAll("a.sh-net").forEach(function (a) {
        var network = a.dataset.network;
        a.href = buildLink(record, network, texts(record, network)[0], load(KEY_TAG), load(KEY_INSTANCE)).href;
      });
    } else {
      actions.remove();
    }
    var more = card.querySelector(".sh-more a");
    more.href = href;
    more.querySelector(".sh-visually-hidden").textContent = ": " + record.t;
    return card;
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
    var template = form.parentNode.querySelector("template.sh-card-template");
    function render(v) {
      var found = data.filter(function (i) { return matches(i, v); });
      results.replaceChildren.apply(results, found.map(function (i) {
        return fillCard(template, i, form.dataset.root);
      }));
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

  /** Material's search dialog has no name (axe: aria-dialog-name): give it its input's. */
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
    var input = dialog && dialog.querySelector(".md-search__input");
    if (input) dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder);
  }

  function init() {
    nameSearchDialog();
    once(".sh-share", initPanel);
    once(".sh-filters", initFilters);
    once(".sh-quiz", initQuiz);
    once(".sh-training", initTraining);
    if (document.querySelector(".sh-training")) showProgress();
  }


  if (typeof document === "undefined") return;
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
