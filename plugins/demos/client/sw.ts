// The service worker (bundled by the build into `<site>/sw.js`, with the precache list and the version
// filled in). On install it caches the demo pages, the client, the ONNX runtime and the model files, so
// after one visit every demo works with the network off. Assets and models are served cache-first (their
// content only changes with a new build, which is a new version); pages network-first, falling back to
// the cache. A new build has a new version (a hash of the precached files), installs a fresh cache and
// deletes the old ones when it activates.

// Filled in by the build (esbuild `define`).
declare const TP_PRECACHE: string[];
declare const TP_VERSION: string;

// The DOM lib has no service-worker types; the few members used here.
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface SwScope {
  registration: { scope: string };
  clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: "install" | "activate", f: (e: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", f: (e: FetchEvent) => void): void;
}
const sw = self as unknown as SwScope;

const prefix = "tensorpost-";
const cacheName = `${prefix}${TP_VERSION}`;
const scope = sw.registration.scope;

sw.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      // `cache: "reload"` so the precache never copies a stale HTTP-cache entry of an older build.
      await cache.addAll(TP_PRECACHE.map((path) => new Request(new URL(path, scope).href, { cache: "reload" })));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith(prefix) && key !== cacheName) await caches.delete(key);
      await sw.clients.claim();
    })(),
  );
});

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    throw error;
  }
}

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(scope)) return;
  const path = request.url.slice(scope.length);
  if (path.startsWith("assets/") || path.startsWith("models/")) event.respondWith(cacheFirst(request));
  else event.respondWith(networkFirst(request));
});
