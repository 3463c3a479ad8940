/* share-events.js: one event per share action, to the hub owner's own analytics.
 *
 * Included only when mkdocs.yml configures `analytics:` (the plugin then
 * prepends `window.sharehubAnalytics = {provider, endpoint, site}`); without
 * it the page makes no request at all. Sends nothing when the browser asks
 * not to be tracked (Do Not Track, Global Privacy Control).
 *
 * The event says which network and which item, nothing about the person:
 * no id, no cookie, no tag, no text. It is sent with navigator.sendBeacon
 * as text/plain or form data (no CORS preflight).
 *
 * The share UI dispatches `sharehub:share` (CustomEvent, detail {network,
 * item}: the item's page path or slug) on every share action. For share
 * links whose UI does not, a click on `a[data-network]` dispatches it here,
 * unless the UI did during that click (counted once either way).
 */
(function () {
  "use strict";
  var config = window.sharehubAnalytics;
  if (!config || !config.endpoint || !navigator.sendBeacon) return;

  function optedOut() {
    return navigator.globalPrivacyControl === true ||
      navigator.doNotTrack === "1" || window.doNotTrack === "1";
  }

  function pagePath() {
    return location.origin + location.pathname;
  }

  function slugOf(href) {
    try {
      var path = new URL(href, location.href).pathname.replace(/\/+$/, "").replace(/\.html$/, "");
      var parts = path.split("/");
      return parts[parts.length - 1] || "";
    } catch (e) { return ""; }
  }

  function itemOf(node) {
    var marked = node.closest("[data-item]");
    if (marked) return marked.getAttribute("data-item");
    var card = node.closest(".sh-card");
    var title = card && card.querySelector(".sh-card-title a, h2 a");
    return slugOf(title ? title.getAttribute("href") : location.href);
  }

  function send(network, item) {
    var body;
    if (config.provider === "plausible") {
      body = JSON.stringify({ name: "Share", url: pagePath(), domain: config.site,
                              props: { network: network, item: item } });
    } else if (config.provider === "umami") {
      body = JSON.stringify({ type: "event", payload: {
        website: config.site, hostname: location.hostname, url: location.pathname,
        name: "share", data: { network: network, item: item } } });
    } else if (config.provider === "matomo") {
      body = new URLSearchParams({ idsite: config.site, rec: "1", e_c: "share", e_a: network,
                                   e_n: item, url: pagePath(), send_image: "0" });
    } else {
      return;
    }
    try { navigator.sendBeacon(config.endpoint, body); } catch (e) { /* never break sharing */ }
  }

  var dispatched = false;
  document.addEventListener("sharehub:share", function (event) {
    dispatched = true;
    var detail = event.detail || {};
    if (!detail.network || optedOut()) return;
    send(String(detail.network).slice(0, 40), String(detail.item || "").slice(0, 200));
  });

  // Fallback for share links whose UI does not dispatch the event itself.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-network]");
    if (!link) return;
    dispatched = false;
    var network = link.getAttribute("data-network"), item = itemOf(link);
    setTimeout(function () {
      if (dispatched) return;
      link.dispatchEvent(new CustomEvent("sharehub:share", {
        bubbles: true, detail: { network: network, item: item } }));
    }, 0);
  }, true);
})();
