// One onnxruntime-web instance per page, loaded on first use and shared by every demo: the WASM build
// served by this site from assets/ort/ (never a CDN). One thread unless the page is cross-origin isolated
// (static hosts send no COOP/COEP headers, and without them there is no SharedArrayBuffer).
import type * as OrtModule from "onnxruntime-web";

export type Ort = typeof OrtModule;

const ortDir = new URL("./ort/", import.meta.url).href;
let runtime: Promise<Ort> | undefined;

export function loadRuntime(): Promise<Ort> {
  runtime ??= (async () => {
    // A computed specifier: esbuild leaves the import to the browser instead of bundling the runtime.
    const url = `${ortDir}ort.wasm.min.mjs`;
    const ort = (await import(/* webpackIgnore: true */ url)) as Ort;
    ort.env.wasm.wasmPaths = ortDir;
    ort.env.wasm.numThreads = globalThis.crossOriginIsolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1;
    ort.env.logLevel = "error";
    return ort;
  })();
  return runtime;
}
