// The field app's service worker (docs/field-app.md "Install"): keeps the app shell — field.html,
// the scripts and styles it names, the manifest and icon — so /field opens with no network.
// It never caches /api: personal data lives only in IndexedDB, sealed with the session key.
/* global self, caches, fetch, URL, Response, MessageChannel, setTimeout, clearTimeout -- a service worker's globals (this file is served as is, not bundled) */
const SHELL = 'fangpin-field-shell-v1';

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const response = await fetch('/field', { cache: 'no-store' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put('/field', response);
  const assets = [...html.matchAll(/(?:src|href)="(\/(?:assets\/[^"]+|zod-jitless\.js|favicon\.svg|field\.webmanifest))"/g)].map((m) => m[1]);
  await cache.addAll([...new Set(assets)]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('fangpin-field-') && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (event.request.mode === 'navigate') {
    // The page: the cached shell at once (a phone on 3G opens in a second), refreshed in the
    // background for the next open; the network only when nothing is cached yet. A new build
    // therefore shows from the second open after it is deployed.
    const refresh = fetch('/field', { cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok) return response;
        const cache = await caches.open(SHELL);
        await cache.put('/field', response.clone());
        const html = await response.clone().text();
        const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
        await Promise.all(assets.map((a) => cache.match(a).then((hit) => hit || cache.add(a))));
        return response;
      })
      .catch(() => undefined);
    event.waitUntil(refresh);
    event.respondWith(caches.match('/field').then((hit) => hit || refresh.then((r) => r || Response.error())));
    return;
  }
  // Hashed assets never change: the cache first, then the network (kept for next time).
  event.respondWith(
    caches.match(event.request).then(
      (hit) =>
        hit ||
        fetch(event.request).then((response) => {
          if (response.ok && url.pathname.startsWith('/assets/')) {
            const copy = response.clone();
            void caches.open(SHELL).then((cache) => cache.put(event.request, copy));
          }
          return response;
        }),
    ),
  );
});

// Background Sync (where the browser has it): when the connection is back, the browser wakes this
// worker; it asks the open tabs of the app to send their outbox — only a tab holds the session key
// that unseals it — and waits for their answer. When none sent everything, the promise fails and the
// browser tries again later, with its own back-off. With no tab open there is nothing this worker
// can read or send: the app sends when it is next opened (docs/field-app.md "Sync").
self.addEventListener('sync', (event) => {
  if (event.tag !== 'fangpin-outbox') return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window' }).then(async (clients) => {
      if (clients.length === 0) return;
      const answers = await Promise.all(
        clients.map(
          (client) =>
            new Promise((resolve) => {
              const channel = new MessageChannel();
              const timer = setTimeout(() => resolve(false), 60_000);
              channel.port1.onmessage = (message) => {
                clearTimeout(timer);
                resolve(Boolean(message.data && message.data.sent));
              };
              client.postMessage({ type: 'fangpin-sync' }, [channel.port2]);
            }),
        ),
      );
      if (!answers.some(Boolean)) throw new Error('The outbox is still waiting');
    }),
  );
});
