// Orderwise's phone page, offline. Once the page has been visited, it asks this
// worker to keep the advice page of every status in its language; offline,
// a request for the page gets the kept page of its language and status (the
// page's script then picks the situation the address asks for).
'use strict';

const CACHE = {{ cache | tojson }};
const ASSETS = {{ assets | tojson }};

// The address a status's page is kept under: the language and the status only.
function keptUrl(lang, status) {
  const url = new URL('/', self.location.origin);
  url.searchParams.set('lang', lang);
  if (status) url.searchParams.set('status', status);
  return url.href;
}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

async function keep(lang, statuses, client) {
  const cache = await caches.open(CACHE);
  const urls = [keptUrl(lang, null), ...statuses.map((status) => keptUrl(lang, status))];
  const missing = [];
  for (const url of urls) if (!(await cache.match(url))) missing.push(url);
  await cache.addAll(missing);
  client.postMessage({ type: 'cached', lang });
}

self.addEventListener('message', (event) => {
  const data = event.data || {};
  const valid = (value) => typeof value === 'string' && /^[a-z_]{1,40}$/.test(value);
  if (data.type !== 'keep' || !valid(data.lang) || !Array.isArray(data.statuses) || !data.statuses.every(valid)) return;
  event.waitUntil(keep(data.lang, data.statuses, event.source).catch(() => {}));
});

async function offlinePage(request) {
  const asked = new URL(request.url).searchParams;
  const lang = asked.get('lang') || 'en';
  const cache = await caches.open(CACHE);
  const status = asked.get('status_text') ? null : asked.get('status');
  return (
    (await cache.match(keptUrl(lang, status))) ||
    (await cache.match(keptUrl(lang, null))) ||
    Response.error()
  );
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname === '/') {
    event.respondWith(fetch(request).catch(() => offlinePage(request)));
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((kept) => kept || fetch(request)));
  }
});
