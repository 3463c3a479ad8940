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
 * The share UI (site/assets/sharehub.js) dispatches `sharehub:share`
 * (CustomEvent, detail {network, item}: the item's page path) on every share
 * action, plain share links included; this script only listens.
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

  document.addEventListener("sharehub:share", function (event) {
    var detail = event.detail || {};
    if (!detail.network || optedOut()) return;
    send(String(detail.network).slice(0, 40), String(detail.item || "").slice(0, 200));
  });
})();
