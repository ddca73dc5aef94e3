// The files a site with demos needs besides its pages, written after the pages:
//   assets/demos.js   client/main.ts bundled by esbuild (ES module; the runtime is not inside it)
//   assets/demos.css  the widgets' styles
//   assets/ort/       onnxruntime-web's WASM build: `ort.wasm.min.mjs` (the `onnxruntime-web/wasm` entry
//                     without the embedded glue) imports `ort-wasm-simd-threaded.mjs`, which loads
//                     `ort-wasm-simd-threaded.wasm` — the three files it fetches, found through
//                     `env.wasm.wasmPaths`; nothing comes from a CDN. (The WebGPU/JSEP builds are not copied.)
//   sw.js             client/sw.ts with the precache list and a version made from the precached files
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { attributeText, islandMarker } from "./island.ts";

const here = dirname(fileURLToPath(import.meta.url));

/** onnxruntime-web files served from `assets/ort/`. */
export const ortFiles = ["ort.wasm.min.mjs", "ort-wasm-simd-threaded.mjs", "ort-wasm-simd-threaded.wasm"];

export function ortDistDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("onnxruntime-web")); // the package's dist/ (its main entry lives there)
}

async function bundle(entry: string, format: "esm" | "iife", define: Record<string, string> = {}): Promise<string> {
  const result = await build({
    entryPoints: [join(here, "client", entry)],
    bundle: true,
    format,
    platform: "browser",
    target: "es2020",
    minify: true,
    write: false,
    legalComments: "none",
    define,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

function writeIfChanged(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path) && readFileSync(path).equals(Buffer.from(data))) return;
  writeFileSync(path, data);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** URLs of the HTML pages under `out` that hold a demo island (`/a/b/` for `a/b/index.html`). */
export function pagesWithIslands(out: string): string[] {
  return filesUnder(out)
    .filter((f) => f.endsWith(".html") && readFileSync(f, "utf8").includes(islandMarker))
    .map((f) => `/${relative(out, f).split(sep).join("/")}`.replace(/(^|\/)index\.html$/, "$1"))
    .sort();
}

/** For each model an island of the pages loads, the precisions its islands ask for (`fp32` by default). */
function precisionsInUse(out: string, pages: string[]): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const url of pages) {
    const file = pageFile(out, url);
    if (!existsSync(file)) continue;
    for (const m of readFileSync(file, "utf8").matchAll(/data-demo="([^"]*)"[^>]*?data-options="([^"]*)"/g)) {
      let variant: unknown;
      try {
        variant = (JSON.parse(attributeText(m[2])) as { variant?: unknown }).variant;
      } catch {
        continue; // Not an island's JSON (a page quoting the markup): nothing to precache.
      }
      const id = attributeText(m[1]);
      if (!used.has(id)) used.set(id, new Set());
      used.get(id)?.add(variant === "fp16" || variant === "int8" ? variant : "fp32");
    }
  }
  return used;
}

interface ManifestFiles {
  models?: { id: string; files?: { file: string; precision?: string }[] }[];
}

/**
 * The model files (`models/<file>`) of the manifest, and those an island of the pages loads: the
 * precision it asks for, or fp32 where that variant was not published (what the client falls back to).
 */
function modelFiles(out: string, pages: string[]): { all: Set<string>; used: Set<string> } {
  const all = new Set<string>();
  const used = new Set<string>();
  const path = join(out, "models", "manifest.json");
  if (!existsSync(path)) return { all, used };
  const manifest = JSON.parse(readFileSync(path, "utf8")) as ManifestFiles;
  const asked = precisionsInUse(out, pages);
  for (const m of manifest.models ?? []) {
    const files = m.files ?? [];
    const precisions = asked.get(m.id);
    for (const f of files) {
      all.add(f.file);
      if (precisions === undefined) continue;
      const precision = f.precision ?? "fp32";
      const fallback = precision === "fp32" && [...precisions].some((p) => !files.some((x) => x.precision === p));
      if (precisions.has(precision) || fallback) used.add(f.file);
    }
  }
  return { all, used };
}

/** The file a page URL is written to (`/a/b/` → `a/b/index.html`). */
function pageFile(out: string, url: string): string {
  const path = decodeURI(url).replace(/^\/+/, "");
  return join(out, path === "" || path.endsWith("/") ? `${path}index.html` : path);
}

export interface DemoAssetReport {
  bundleBytes: number;
  ortBytes: number;
  precache: string[];
  version: string;
}

/** Writes the demo assets into the output folder `out`; `pages` are the URLs of the pages with demos. */
export async function writeDemoAssets(out: string, pages: string[]): Promise<DemoAssetReport> {
  const js = await bundle("main.ts", "esm");
  writeIfChanged(join(out, "assets", "demos.js"), js);
  writeIfChanged(join(out, "assets", "demos.css"), readFileSync(join(here, "demos.css")));
  const dist = ortDistDir();
  let ortBytes = 0;
  for (const f of ortFiles) {
    const target = join(out, "assets", "ort", f);
    const size = statSync(join(dist, f)).size;
    ortBytes += size;
    if (!existsSync(target) || statSync(target).size !== size) {
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(dist, f), target);
    }
  }

  // Everything under assets/ and models/, and the pages with demos. Paths relative to the site root
  // (= the worker's scope), page URLs as a browser asks for them.
  const rel = (p: string): string => relative(out, p).split(sep).join("/");
  // Model files are precached where a demo loads them, in the precision it asks for: not every model
  // the site publishes (one no page places, a variant no demo uses, fp32 where every demo asks for
  // int8). The training logs are for the build's figures; no page fetches them.
  const models = modelFiles(out, pages);
  const files = [...filesUnder(join(out, "assets")), ...filesUnder(join(out, "models"))].filter((p) => {
    const name = p.slice(p.lastIndexOf(sep) + 1);
    if (name.endsWith(".tmp") || name.endsWith(".log.json")) return false;
    return !models.all.has(name) || models.used.has(name);
  });
  const entries: { path: string; file: string }[] = [
    ...files.map((f) => ({ path: rel(f), file: f })),
    ...pages.map((u) => ({ path: decodeURI(u).replace(/^\/+/, ""), file: pageFile(out, u) })),
  ].filter((e) => existsSync(e.file));
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hash = createHash("sha256");
  for (const e of entries) hash.update(`${e.path}\0`).update(readFileSync(e.file)).update("\0");
  const version = hash.digest("hex").slice(0, 16);
  const precache = entries.map((e) => encodeURI(e.path));
  const sw = await bundle("sw.ts", "iife", { TP_PRECACHE: JSON.stringify(precache), TP_VERSION: JSON.stringify(version) });
  writeIfChanged(join(out, "sw.js"), sw);
  return { bundleBytes: Buffer.byteLength(js), ortBytes, precache, version };
}
