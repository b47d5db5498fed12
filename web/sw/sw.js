// The service worker of the installable app (issue 21, docs/ARCHITECTURE.md "Offline").
// It precaches the app shell — index.html, the hashed assets of this build, the manifest and the
// icons; the list and the build's hash are written in by the Vite plugin (web/sw/plugin.mjs) —
// so a reload without a network opens the app. API calls (/api/…) are NEVER answered from or put
// in Cache Storage: personal data stays out of it (the app keeps what it needs in its encrypted
// IndexedDB store instead). Served by the server with Cache-Control: no-cache.
const BUILD = '__LG_BUILD__';
const PRECACHE = __LG_PRECACHE__;
const CACHE = `lg-shell-${BUILD}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll(PRECACHE.map((u) => new Request(u, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('lg-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function isApi(url) {
  return url.pathname.startsWith('/api/') || url.pathname === '/healthz' || url.pathname === '/readyz';
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || isApi(url)) return;  // the network, never the cache
  if (req.mode === 'navigate') {
    // the page: the network first (a new build is seen at once), the shell when there is none
    event.respondWith(fetch(req).catch(() => caches.match('/index.html', { cacheName: CACHE }).then((r) => r || Response.error())));
    return;
  }
  event.respondWith(
    caches.match(req, { cacheName: CACHE }).then((hit) => hit || fetch(req)),
  );
});
