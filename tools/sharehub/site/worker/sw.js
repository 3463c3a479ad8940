/* sw.js: the hub offline. Registered by sharehub.js as <site>/sw.js?v=<build>.
 *
 * Pages: network first, the last copy when offline (so a page seen once
 * opens without a network). The hub's own files (CSS, JS, images, icons,
 * cards.json): cache first, refreshed in the background. On install the home
 * page and the hub's own CSS/JS are fetched, so a second visit works offline.
 * Only same-origin GET requests are handled; nothing else is touched.
 */
"use strict";

var VERSION = new URL(self.location.href).searchParams.get("v") || "1";
var CACHE = "sharehub-" + VERSION;
var SCOPE = new URL(self.registration.scope);
var START = ["./", "assets/sharehub/sharehub.css", "assets/sharehub/share-core.js",
  "assets/sharehub/sharehub.js", "manifest.webmanifest"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(START.map(function (path) { return new URL(path, SCOPE).href; }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("sharehub-") === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function remember(request, response) {
  if (response && response.ok && response.type === "basic") {
    var copy = response.clone();
    caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
  }
  return response;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== SCOPE.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      return remember(request, response);
    }).catch(function () {
      return caches.match(request, { ignoreSearch: true }).then(function (hit) {
        return hit || caches.match(new URL("./", SCOPE).href);
      });
    }));
    return;
  }
  event.respondWith(caches.match(request).then(function (hit) {
    var fresh = fetch(request).then(function (response) { return remember(request, response); });
    if (hit) { fresh.catch(function () {}); return hit; }
    return fresh;
  }));
});
