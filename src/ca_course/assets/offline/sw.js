/* The course site's service worker (ca_course.offline writes the cache name and the list).
 *
 * install:  fetch every file of the precache list into this edition's cache;
 * activate: delete the caches of other editions of this same site (same scope);
 * fetch:    answer same-origin GET requests from the cache (query strings ignored), else
 *           from the network; map tiles (other hosts) are never cached.
 * One worker serves both scripts: the Latin edition (latn/) is in the same precache, and
 * its files identical to the Cyrillic site's are cached once (ALIASES: copy -> original).
 */
"use strict";

const CACHE = "__CACHE_NAME__";
const PRECACHE = [/* __PRECACHE__ */];
const ALIASES = {/* __ALIASES__ */};
const PREFIX = "ca-course:" + self.registration.scope + ":";
const NAME = PREFIX + CACHE;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(NAME)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, {cache: "reload"}))))
      .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names
        .filter((name) => name.startsWith(PREFIX) && name !== NAME)
        .map((name) => caches.delete(name))))
      .then(() => self.clients.claim()));
});

function fromNetwork(request) {
  return fetch(request).then((response) => {
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      caches.open(NAME).then((cache) => cache.put(request, copy));
    }
    return response;
  });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;  // tiles and anything else: the browser's own handling
  }
  if (url.pathname.endsWith("/versions.json")) {
    // The site's list of editions (above an archived edition's scope, so checked first).
    // The list of editions changes after this edition is published: network first.
    event.respondWith(fromNetwork(request).catch(
      () => caches.match(request, {ignoreSearch: true})
        .then((hit) => hit || new Response("[]", {headers: {"Content-Type": "application/json"}}))));
    return;
  }
  if (!url.href.startsWith(self.registration.scope)) {
    return;
  }
  const path = url.href.slice(self.registration.scope.length).split(/[?#]/)[0];
  const original = ALIASES[decodeURIComponent(path)];
  const key = original ? new URL(original, self.registration.scope).href : request;
  event.respondWith(
    caches.open(NAME)
      .then((cache) => cache.match(key, {ignoreSearch: true}))
      .then((hit) => hit || fromNetwork(request)));
});
