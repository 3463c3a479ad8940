/* sharehub-admin.js: the editor's preview of an item, composed and counted by the hub's own code.
 *
 * Everything about networks comes from window.sharehubShare (the hub's
 * share-core.js, loaded by reference) and from hub.json, which sharehub
 * generates from the hub's configuration (sharehub.share.lengths.network_rules
 * included): no rule is repeated here. This file only wires them into Decap
 * CMS's preview pane (CMS.registerPreviewTemplate) and starts the CMS.
 */
window.CMS_MANUAL_INIT = true;

(function () {
  "use strict";

  var LABELS = { linkedin: "LinkedIn", x: "X", bluesky: "Bluesky", mastodon: "Mastodon",
    threads: "Threads", reddit: "Reddit", whatsapp: "WhatsApp", telegram: "Telegram",
    teams: "Teams", email: "E-mail" };

  function asList(value) {
    if (value === null || value === undefined || value === "") return [];
    return Array.isArray(value) ? value.filter(function (v) { return typeof v === "string" && v; }) : [String(value)];
  }

  /** The text variants offered on a network, as the hub's Item.texts() picks them. */
  function textsFor(share, network, title) {
    var own = asList(share[network]);
    if (own.length) return own;
    if (network === "reddit") return [title];
    var common = asList(share["default"]);
    return common.length ? common : [title];
  }

  function makePreview(hub, S) {
    var h = window.h;
    return window.createClass({
      render: function () {
        var data = this.props.entry.get("data");
        var d = data && data.toJS ? data.toJS() : {};
        var slug = this.props.entry.get("slug") || "";
        var title = S.oneLine(String(d.title || ""));
        var hashtags = asList(d.hashtags);
        var share = d.share || {};
        var campaign = hub.utm.campaign || d.campaign || slug;
        var target = d.url || hub.site_url || "";
        var rows = [];
        hub.networks.forEach(function (network) {
          var link = target && hub.utm.enabled
            ? S.trackedUrl(target, network, hub.utm.medium, campaign, "") : target;
          textsFor(share, network, title).forEach(function (raw, i) {
            var composed = S.composeText(raw, network, hashtags, hub.disclosure);
            var built = S.shareLink(network, composed, link,
              S.oneLine(network === "reddit" ? raw : title), { mastodonInstance: hub.mastodon_instance });
            var c = S.count(network, built.text, hub.rules);
            var figure = c.limit ? c.length + " / " + c.limit : c.length + " characters";
            if (c.byteLimit) figure += " (" + c.bytes + " / " + c.byteLimit + " bytes)";
            rows.push(h("li", { key: network + i, className: "sh-admin-count" + (c.fits ? "" : " sh-over"),
              "data-network": network, "data-variant": String(i), "data-length": String(c.length) },
              h("strong", null, (LABELS[network] || network) + (i ? " (variant " + (i + 1) + ")" : "")), " ",
              h("output", null, figure), c.fits ? null : h("span", { className: "sh-admin-warn" }, " too long"),
              h("pre", null, built.text)));
          });
        });
        // The card in the hub's own markup and classes (sharehub.site.hub.card_html),
        // styled by the hub's sharehub.css.
        var topics = asList(d.topics);
        var image = d.image ? this.props.getAsset(d.image) : null;
        return h("article", { className: "sh-admin-preview" },
          h("article", { className: "sh-card" + (d.featured ? " sh-featured" : "") },
            image ? h("img", { className: "sh-card-img", src: image.toString(), alt: d.image_alt || "" }) : null,
            h("div", { className: "sh-card-body" },
              h("p", { className: "sh-kind" }, d.featured ? h("span", { className: "sh-badge" }, "Featured") : null,
                d.featured ? " " : null, h("span", { className: "sh-kind-name" }, d.kind || "news")),
              h("h2", { className: "sh-card-title" }, title || "(no title yet)"),
              topics.length ? h("ul", { className: "sh-chips sh-topics", "aria-label": "Topics" },
                topics.map(function (t) { return h("li", { key: t, className: "sh-chip" }, t); })) : null,
              d.summary ? h("p", { className: "sh-summary" }, String(d.summary)) : null,
              d.url ? h("p", { className: "sh-admin-url" }, String(d.url)) : null,
              asList(d.departments).length ? h("p", { className: "sh-admin-meta" },
                "For: " + asList(d.departments).join(", ")) : null)),
          h("h3", null, "As it lands on each network"),
          h("ul", { className: "sh-admin-counts" }, rows),
          h("h3", null, "Talking points"),
          this.props.widgetFor("body"));
      }
    });
  }

  function start() {
    var CMS = window.CMS, S = window.sharehubShare;
    fetch("hub.json", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (hub) {
      if (!hub.local && !hub.repo) {
        document.body.insertAdjacentHTML("afterbegin", '<p class="sh-admin-note" role="status">' +
          "This hub names no GitHub repository (set repo_url, or admin.repo under the sharehub " +
          "plugin in mkdocs.yml): sign-in will fail. Try the editor locally with " +
          "<code>sharehub edit</code>.</p>");
      }
      if (S) {
        var Preview = makePreview(hub, S);
        hub.previews.forEach(function (name) { CMS.registerPreviewTemplate(name, Preview); });
        CMS.registerPreviewStyle(new URL(hub.hub_css, location.href).href);
        CMS.registerPreviewStyle(new URL("sharehub-admin.css", location.href).href);
      }
      CMS.init();
    });
  }

  window.addEventListener("DOMContentLoaded", start);
})();
