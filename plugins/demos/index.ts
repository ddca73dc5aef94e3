// Live demos: a post places one with `{% demo "mlp" %}` or a ```demo mlp fence; the build renders an
// island (island.ts: static fallback + data attributes), and every page that holds one gets the client
// bundle and its stylesheet. After the pages are written, the demo assets go into the output:
//   assets/demos.js, assets/demos.css   the client (esbuild bundle of client/main.ts) and the widgets' CSS
//   assets/ort/                         onnxruntime-web's WASM build, self-hosted (runtime-assets.ts)
//   sw.js                               the offline cache (service-worker.ts)
// The contract for widget authors is in README.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { errorBox, type BuildReport } from "../errors.ts";
import type { TensorpostOptions } from "../options.ts";
import type { EleventyConfig } from "../types.ts";
import { attributeText, islandHtml, islandMarker } from "./island.ts";
import { DemoOptionError, parseFence, parseShortcodeArgs, type DemoRequest } from "./options.ts";
import { commonOptions, demoKind } from "./registry.ts";
import { pagesWithIslands, writeDemoAssets } from "./assets.ts";
import type { SampleResult, TypedFeed } from "./static/samples.ts";
import type { ManifestModelInfo } from "./static/types.ts";

export interface Demos {
  /** HTML for a ```demo fence (`info` is the fence's info string, `line` the 1-based file line). */
  renderFence(info: string, body: string, file: string, line: number, lang: string): string;
}

type DataOf = (id: string) => unknown;
type OrtFeed =
  | { dtype: "float32"; data: Float32Array; dims: readonly number[] }
  | { dtype: "int64"; data: BigInt64Array; dims: readonly number[] }
  | { dtype: "int32"; data: Int32Array; dims: readonly number[] };
type RunOnnx = (bytes: Uint8Array, feeds: Record<string, OrtFeed>) => Promise<Record<string, { data: ArrayLike<number> | BigInt64Array; dims: number[] }>>;

interface ManifestEntry extends ManifestModelInfo {
  files: { part: string; precision: string; file: string; inputs: { name: string }[]; outputs: { name: string }[] }[];
  vocab?: { file: string };
}

// One onnxruntime-web instance serves every page's samples, and pages are transformed concurrently:
// runs must not overlap (an interleaved run corrupts another's results), so they queue here.
let ortQueue: Promise<unknown> = Promise.resolve();
function exclusive<T>(job: () => Promise<T>): Promise<T> {
  const next = ortQueue.then(job, job);
  ortQueue = next.catch(() => undefined);
  return next;
}

/** A typed feed with the ONNX dtype its array stands for (int64 ids, int32 lengths, float32 values). */
function typedFeed(v: TypedFeed): OrtFeed {
  if (v.data instanceof BigInt64Array) return { dtype: "int64", data: v.data, dims: v.dims };
  if (v.data instanceof Int32Array) return { dtype: "int32", data: v.data, dims: v.dims };
  return { dtype: "float32", data: v.data, dims: v.dims };
}

const islandOpen = /<figure class="tp-demo [^"]*" data-demo="([\w.-]+)"[^>]*>/g;
const sampleSlot = /(<output class="tp-demo-output" data-output="">)[^<]*(<\/output>)/;
// The stage ends where the island's output begins (islands are one line, serialised by the sanitiser).
const stageSlot = /^(<div class="tp-demo-stage" data-stage="">)([\s\S]*?)(<\/div><output class="tp-demo-output")/;

function islandOptions(open: string): Record<string, string> {
  const raw = /\bdata-options="([^"]*)"/.exec(open)?.[1];
  if (raw === undefined) return {};
  try {
    return JSON.parse(attributeText(raw)) as Record<string, string>;
  } catch {
    return {};
  }
}

type SampleFor = (id: string, lang: string, options: Record<string, string>) => Promise<SampleResult | undefined>;

/** Puts each island's build-time sample into its `data-output` (and its stage, when the sample has one)
 *  in the serialised, sanitised page. */
async function fillSamples(html: string, sampleFor: SampleFor): Promise<string> {
  const lang = /<html[^>]*\blang="([^"]*)"/.exec(html)?.[1] ?? "en";
  let out = "";
  let last = 0;
  for (const m of html.matchAll(islandOpen)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = html.indexOf("</figure>", start);
    if (end < 0) break;
    const sample = await sampleFor(m[1], lang, islandOptions(m[0]));
    let body = html.slice(start, end);
    if (sample !== undefined) {
      const { output, stage } = typeof sample === "string" ? { output: sample, stage: undefined } : sample;
      body = body.replace(sampleSlot, (_, a: string, b: string) => `${a}${output}${b}`);
      if (stage !== undefined) body = body.replace(stageSlot, (_, a: string, _old: string, b: string) => `${a}${stage}${b}`);
    }
    out += html.slice(last, start) + body;
    last = end;
  }
  return out + html.slice(last);
}

/** The 1-based line of the first `{% demo "id"` in a file (shortcodes are not told their line). */
function shortcodeLine(file: string, id: string): number | undefined {
  try {
    const lines = readFileSync(file, "utf8").split("\n");
    const at = lines.findIndex((l) => new RegExp(`\\{%-?\\s*demo\\s+["']${id.replace(/[.]/g, "\\.")}["']`).test(l));
    return at < 0 ? undefined : at + 1;
  } catch {
    return undefined;
  }
}

export function addDemos(eleventyConfig: EleventyConfig, options: TensorpostOptions, report: BuildReport): Demos {
  const dirs = (): { input: string; output: string } => {
    const d = eleventyConfig.directories as { input?: string; output?: string } | undefined;
    return { input: d?.input ?? ".", output: d?.output ?? "_site" };
  };
  let dataOf: DataOf = () => undefined;
  let isModel: (id: string) => boolean = () => false;
  let runOnnx: RunOnnx | undefined;
  const samples = new Map<string, Promise<SampleResult | undefined>>();
  let manifest: Map<string, ManifestEntry> | undefined;
  const demoPages = new Set<string>();

  eleventyConfig.on("eleventy.before", async () => {
    demoPages.clear();
    samples.clear();
    manifest = undefined;
    // The trainer's entry point gives the build-time data shown with each demo (plain JSON).
    const publish = await import("../../models/publish.ts");
    const memo = new Map<string, unknown>();
    isModel = publish.knownModel;
    runOnnx = publish.runOnnx;
    dataOf = (id) => {
      if (!memo.has(id)) memo.set(id, publish.knownModel(id) ? publish.demoData(id) : undefined);
      return memo.get(id);
    };
  });

  // Read once per build, after the models step has written it (pages render after every `before` hook).
  const modelInfo = (id: string): ManifestEntry | undefined => {
    if (manifest === undefined) {
      manifest = new Map();
      try {
        const m = JSON.parse(readFileSync(join(dirs().output, "models", "manifest.json"), "utf8")) as { models: ManifestEntry[] };
        for (const entry of m.models) manifest.set(entry.id, entry);
      } catch {
        // No manifest: the islands render without a metric; the client reports the missing model.
      }
    }
    return manifest.get(id);
  };

  const render = (req: DemoRequest, file: string, line: number | undefined, lang: string): string => {
    const problem = (message: string) => errorBox(report.error(file, line, "demo", message));
    const kind = demoKind(req.id);
    // An unknown model id is reported by the models step (which scans every post); here only the box.
    if (kind === undefined && !isModel(req.id)) return errorBox({ file, line, kind: "demo", message: `unknown model "${req.id}"`, severity: "error" });
    if (kind === undefined) return problem(`model "${req.id}" has no demo widget yet (plugins/demos/registry.ts)`);
    const opts = { ...req.options };
    const unknown = Object.keys(opts).filter((k) => !commonOptions.includes(k) && !kind.options.includes(k));
    if (unknown.length > 0) {
      const allowed = [...commonOptions, ...kind.options].join(", ");
      return problem(`demo "${req.id}" has no option ${unknown.map((k) => `"${k}"`).join(", ")} (it takes: ${allowed})`);
    }
    if (opts.variant !== undefined && !["fp32", "fp16", "int8"].includes(opts.variant)) {
      return problem(`demo option variant="${opts.variant}": fp32, fp16 or int8`);
    }
    try {
      kind.check?.(opts, req.id);
    } catch (e) {
      return problem(e instanceof Error ? e.message : String(e));
    }
    const data = dataOf(req.id);
    const fallback = kind.fallback({ id: req.id, options: opts, data, model: modelInfo(req.id), lang });
    return islandHtml({ id: req.id, kind, options: opts, data, fallback, lang });
  };

  // Liquid hands shortcodes its Context (`getSync`), Nunjucks the page data itself.
  type Scope = { page?: { inputPath?: string }; ctx?: { getSync?(path: string[]): unknown; lang?: unknown } };
  const shortcode = function (this: Scope, ...args: unknown[]): string {
    const file = this.page?.inputPath ?? "(unknown file)";
    const given = typeof this.ctx?.getSync === "function" ? this.ctx.getSync(["lang"]) : this.ctx?.lang;
    const lang = typeof given === "string" && given !== "" ? given : options.site.lang;
    let req: DemoRequest;
    try {
      req = parseShortcodeArgs(args);
    } catch (e) {
      if (!(e instanceof DemoOptionError)) throw e;
      return errorBox(report.error(file, undefined, "demo", e.message));
    }
    return render(req, file, shortcodeLine(file, req.id), lang);
  };
  eleventyConfig.addShortcode("demo", shortcode);

  // The model's own answer for an island's data (and options), once per model, language and options per
  // build; undefined when the kind has none or the model cannot run (the fallback stays; the browser
  // reports problems).
  const sampleFor: SampleFor = (id, lang, islandOpts) => {
    const key = `${id}\0${lang}\0${JSON.stringify(islandOpts)}`;
    let p = samples.get(key);
    if (p === undefined) {
      p = (async () => {
        const kind = demoKind(id);
        const entry = modelInfo(id);
        const fp32 = entry?.files.filter((f) => f.precision === "fp32") ?? [];
        const file = fp32.find((f) => f.part === "model") ?? fp32[0];
        if (!kind?.sample || !entry || !file || !runOnnx) return undefined;
        const ort = runOnnx;
        const run: RunOnnx = (bytes, feeds) => exclusive(() => ort(bytes, feeds));
        const bytesOf = new Map<string, Uint8Array>();
        const partBytes = (part: string): Uint8Array => {
          const f = fp32.find((x) => x.part === part);
          if (!f) throw new Error(`no fp32 ${part} file in the manifest`);
          let b = bytesOf.get(f.file);
          if (!b) bytesOf.set(f.file, (b = readFileSync(join(dirs().output, "models", f.file))));
          return b;
        };
        try {
          const vocab = entry.vocab ? (JSON.parse(readFileSync(join(dirs().output, "models", entry.vocab.file), "utf8")) as unknown) : undefined;
          return await kind.sample({
            id, options: islandOpts, data: dataOf(id), model: entry, lang, vocab,
            inputs: file.inputs.map((i) => i.name),
            outputs: file.outputs.map((o) => o.name),
            run: async (feeds) => {
              const given = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, { dtype: "float32" as const, ...v }]));
              const out = await run(partBytes(file.part), given);
              return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.data as Float32Array]));
            },
            runPart: async (part, feeds) => {
              const given = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, typedFeed(v)]));
              const out = await run(partBytes(part), given);
              return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { data: v.data as Float32Array, dims: v.dims }]));
            },
          });
        } catch (e) {
          report.warn(`models/${file.file}`, undefined, "demo", `no build-time sample for "${id}": ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        }
      })();
      samples.set(key, p);
    }
    return p;
  };

  // After the HTML pass (registered after it, so it runs later): pages with an island get the bundle,
  // and each island's sample result.
  eleventyConfig.addTransform("tensorpost-demos", async function (this: { page: { outputPath: string | false; url?: string } }, content: string) {
    const out = this.page.outputPath;
    if (typeof out !== "string" || !out.endsWith(".html") || !content.includes(islandMarker)) return content;
    demoPages.add(this.page.url ?? "/");
    const withSamples = await fillSamples(content, sampleFor);
    const tags = '<link rel="stylesheet" href="/assets/demos.css"><script type="module" src="/assets/demos.js"></script>';
    return withSamples.includes("</head>") ? withSamples.replace("</head>", `${tags}\n</head>`) : `${tags}\n${withSamples}`;
  });

  eleventyConfig.on("eleventy.after", async () => {
    if (report.strict && report.errors.length > 0) return; // the strict build fails and removes its output
    // Serve mode re-renders only the pages that changed, so the pages with demos are also read back from
    // the output (the precache must list them all, not just this run's).
    const pages = new Set([...demoPages, ...pagesWithIslands(dirs().output)]);
    if (pages.size === 0) return;
    await writeDemoAssets(dirs().output, [...pages].sort());
  });

  return {
    renderFence(info, body, file, line, lang) {
      try {
        return `${render(parseFence(info, body), file, line, lang)}\n`;
      } catch (e) {
        if (!(e instanceof DemoOptionError)) throw e;
        return `${errorBox(report.error(file, line, "demo", e.message))}\n`;
      }
    },
  };
}
