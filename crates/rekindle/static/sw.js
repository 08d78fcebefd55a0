// Rekindle's service worker: a calm page when the network is gone, and nothing else.
// It keeps exactly one page on the device — /offline, which holds nothing of anyone's
// and is fetched without cookies — plus the files that page needs. Every other page
// and every API answer goes to the network and is never stored here: private pages
// must not stay behind on a phone (PRIVACY.md). Served from the root (`/sw.js`), so
// its scope is the whole site.
"use strict";

// Bump when the offline page or the files below change; activate drops older caches.
var VERSION = "rekindle-offline-v1";
var OFFLINE = "/offline";
// The whole of what is stored. tests/it/installable.rs holds this list to exactly
// these paths.
var PRECACHE = [
  "/offline",
  "/static/app.css",
  "/static/app.js",
  "/static/htmx-2.0.11.min.js",
  "/static/icon.svg",
  "/static/icon-192.png",
  "/static/icon-512.png",
  "/static/icon-maskable-512.png",
  "/static/apple-touch-icon.png"
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(VERSION).then(function (cache) {
      // Fresh from the server (not the HTTP cache), and signed out by construction.
      return cache.addAll(PRECACHE.map(function (path) {
        return new Request(path, { cache: "reload", credentials: "omit" });
      }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name !== VERSION; })
        .map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function fromCache(path) {
  return caches.open(VERSION)
    .then(function (cache) { return cache.match(path); })
    .then(function (found) { return found || Response.error(); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    // Always the network; only when it fails, the offline page. The answer is passed
    // through, never stored.
    event.respondWith(fetch(request).catch(function () { return fromCache(OFFLINE); }));
    return;
  }
  if (url.search === "" && PRECACHE.indexOf(url.pathname) !== -1) {
    // The offline page's own files: the network first (so they are never stale while
    // online), the stored copy when it fails.
    event.respondWith(fetch(request).catch(function () { return fromCache(url.pathname); }));
  }
  // Anything else is left to the browser: the network, as if there were no worker.
});
