// The offline side of the page: registers the site's service worker (sw.js at the site root, so its scope
// is the whole site) and tells each demo whether everything it needs is in the cache.
import { siteRoot, type ModelFile } from "./manifest.ts";

let ready: Promise<boolean> | undefined;

/** Registers sw.js once; resolves true when a worker is active (and so has cached the site's demos). */
export function registerServiceWorker(): Promise<boolean> {
  ready ??= (async () => {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return false;
    try {
      await navigator.serviceWorker.register(new URL("sw.js", siteRoot), { scope: siteRoot.pathname });
      await navigator.serviceWorker.ready;
      return true;
    } catch (e) {
      console.warn("[demos] no service worker:", e);
      return false;
    }
  })();
  return ready;
}

/** Whether the page, the runtime and the model files are all in the cache. */
export async function availableOffline(files: Pick<ModelFile, "file">[]): Promise<boolean> {
  if (!("caches" in window)) return false;
  const urls = [
    location.href,
    new URL("assets/demos.js", siteRoot).href,
    new URL("assets/ort/ort-wasm-simd-threaded.wasm", siteRoot).href,
    ...files.map((f) => new URL(`models/${f.file}`, siteRoot).href),
  ];
  for (const url of urls) if (!(await caches.match(url, { ignoreSearch: true }))) return false;
  return true;
}
