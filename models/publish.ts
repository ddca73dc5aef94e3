// The trainer's entry point for a site: train (or read from the cache) each model a site uses, export it
// to ONNX and describe it in `models/manifest.json` beside the training logs (and, for the text models,
// their token tables). This is all the plugin knows of models (DESIGN.md: plugins/ reads models only
// through the manifest and this entry point). Every field is documented in models/onnx/README.md.
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { measureBaselines, type Baseline } from "./baselines/published.ts";
import { ModelCache } from "./cache.ts";
import { testConfusion, type PublishedLog } from "./confusion.ts";
import { writeGraphs, writeOnnx, type ManifestFile } from "./onnx/manifest.ts";
import { exportOnnx, type Precision } from "./onnx/export.ts";
import { readReferenceFigures } from "./reference-figures.ts";
import { cachedVariantMetric, keepsQuality, variantCheckable } from "./variant-quality.ts";
import { trainMissingInParallel } from "./parallel-training.ts";
import { ALL_MODEL_IDS, getSpec } from "./specs/index.ts";
import { trainModel } from "./train/run.ts";
import { effectiveBudget, isBudget, type Budget } from "./train/trainer.ts";
import { cachedVocab, hasVocab, VOCAB_FORMAT } from "./vocab.ts";

export type { Confusion, PublishedLog } from "./confusion.ts";
export type { Baseline } from "./baselines/published.ts";
export { readReferenceFigures, type ReferenceFigure, type ReferenceFigures } from "./reference-figures.ts";
export { demoData, type DemoData, type DigitDemoData, type IrisDemoData, type LinearDemoData, type PoemDemoData, type PoemSample, type SpellDemoData, type TextDemoData } from "./demo-data.ts";
/** Runs a published ONNX file in Node (the build's demo samples use it). */
export { runOnnx } from "./onnx/ort.ts";

/** Models published that are not neural specs: the n-gram (ngram/site-models.ts), by manifest id. */
export const NGRAM_MODELS: Readonly<Record<string, string>> = Object.freeze({ ngram: "brown-word-mkn" });

/** The n-gram's own binary format (ngram/binary.ts), read in the page by ngram/browser.ts. */
export const NGRAM_FORMAT = "tensorpost-ngram-1";

/** A published file that is not ONNX: a vocabulary, or the n-gram's binary model. */
export interface DataFile {
  file: string;
  bytes: number;
  sha256: string;
  format: string;
}

/** An n-gram's entry in `files` (ONNX does not fit a back-off table: our own binary, see `format`). */
export interface NgramFile extends DataFile {
  id: string;
  part: "model";
  /** Bits per quantised probability / back-off code. */
  bits: number;
  inputs: [];
  outputs: [];
}

export interface PublishedModel {
  id: string;
  /** "onnx" (runs in onnxruntime-web) or {@link NGRAM_FORMAT}. */
  format: "onnx" | typeof NGRAM_FORMAT;
  /**
   * The budget actually trained: "parity" (MODEL-ZOO.md's: the only figures to compare with PyTorch),
   * "quick" (shorter, for cold CI builds) or "full" (longer, for the demos). A page shows the metric
   * with its budget and never calls a quick or full figure a parity one.
   */
  budget: Budget;
  /** The model's quality metric on its test/validation split, as MODEL-ZOO.md names it. */
  metric: { name: string; value: number };
  metrics: Record<string, number>;
  steps: number;
  trainSeconds: number;
  /** The training log (loss per step, metrics per evaluation) for the pages' plots. */
  log: string;
  files: (ManifestFile | NgramFile)[];
  /** Simple baselines measured at publish time on the model's own test split (classify, bilstm). */
  baselines?: Baseline[];
  /**
   * A model published at its `full` budget (the demos') also reports its parity run, trained through the
   * same cache: the only figures comparable with PyTorch and the quality bar.
   */
  parity?: BudgetFigures;
  /** Text models: the token tables (`<id>.vocab.json`, format tensorpost-vocab-1). */
  vocab?: DataFile;
}

/** What a page shows of one budget's run. */
export interface BudgetFigures {
  metric: { name: string; value: number };
  metrics: Record<string, number>;
  steps: number;
  trainSeconds: number;
}

export interface Manifest {
  format: "tensorpost-models-1";
  models: PublishedModel[];
}

export interface PublishOptions {
  /** Folder the ONNX files, logs and manifest.json go to (e.g. `_site/models`). */
  outDir: string;
  /** One budget for every model, or per model with `default` for the others (default: parity). */
  budget?: Budget | BudgetChoice;
  precisions?: Precision[];
  /**
   * Smaller weight variants tried for each model (default fp16 and int8); one is published only where
   * onnxruntime-web, run on the test split, finds that it keeps the quality (models/variant-quality.ts).
   */
  variants?: Exclude<Precision, "fp32">[];
  cache?: ModelCache;
  force?: boolean;
  /** Models trained at once, in child processes, on a cold cache (default: the cores, at most 4; 1: all in this process). */
  jobs?: number;
  say?: (msg: string) => void;
  /** A model that cannot be trained or exported: reported, the others go on. */
  onError?: (id: string, error: Error) => void;
}

/** Per-model budgets: `{ default: "quick", mlp: "parity" }`. */
export type BudgetChoice = { default?: Budget } & Record<string, Budget | undefined>;

/** The smaller variants a publish tries when not told. */
export const DEFAULT_VARIANTS: Exclude<Precision, "fp32">[] = ["fp16", "int8"];

export function knownModel(id: string): boolean {
  return ALL_MODEL_IDS.includes(id) || id in NGRAM_MODELS;
}

/** The budget asked for one model. */
export function budgetFor(id: string, choice: Budget | BudgetChoice | undefined): Budget {
  if (choice === undefined) return "parity";
  if (typeof choice === "string") return choice;
  return choice[id] ?? choice.default ?? "parity";
}

/**
 * `TENSORPOST_MODEL_BUDGET` (CI): "quick", or "quick,mlp=parity": a default and per-model budgets. It
 * overrides the site's option, model by model. Unset or empty: undefined. A bad value is an error.
 */
export function budgetFromEnv(value = process.env.TENSORPOST_MODEL_BUDGET): BudgetChoice | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const out: BudgetChoice = {};
  for (const part of value.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [k, v] = part.includes("=") ? part.split("=", 2).map((x) => x.trim()) : ["default", part];
    if (!isBudget(v)) throw new Error(`TENSORPOST_MODEL_BUDGET: "${part}": expected quick, parity or full`);
    if (k !== "default" && !knownModel(k)) throw new Error(`TENSORPOST_MODEL_BUDGET: unknown model "${k}"`);
    out[k] = v;
  }
  return out;
}

/** The option's choice with the environment's on top (per model, then its default). */
export function mergeBudgets(option: Budget | BudgetChoice | undefined, env: BudgetChoice | undefined): Budget | BudgetChoice | undefined {
  if (!env) return option;
  const base: BudgetChoice = typeof option === "string" ? { default: option } : { ...(option ?? {}) };
  if (env.default !== undefined) for (const k of Object.keys(base)) if (k !== "default") delete base[k];
  return { ...base, ...env };
}

function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

async function publishNeural(id: string, budget: Budget, opts: PublishOptions, cache: ModelCache): Promise<PublishedModel> {
  const spec = getSpec(id);
  const z = await trainModel(spec, { budget, cache, force: opts.force, say: opts.say });
  const files = writeOnnx(opts.outDir, id, spec.architecture, z.stateDict, opts.precisions ?? ["fp32"]);
  const name = spec.quality.metric;
  if (variantCheckable(spec) && z.entry) {
    const bar = readReferenceFigures().models[id];
    for (const precision of opts.variants ?? DEFAULT_VARIANTS) {
      if (files.some((f) => f.precision === precision)) continue;
      const graphs = exportOnnx(spec.architecture, z.stateDict, { precision, name: id });
      // A model too small to have a weight worth encoding gives the fp32 bytes again: nothing to offer.
      const fp32Bytes = files.filter((f) => f.precision === "fp32").reduce((a, f) => a + f.bytes, 0);
      if (graphs.reduce((a, g) => a + g.bytes.length, 0) >= fp32Bytes) continue;
      const value = await cachedVariantMetric(spec, z.entry, precision, graphs[0].bytes, cache);
      if (keepsQuality(z.log.metrics[name], value, bar)) files.push(...writeGraphs(opts.outDir, id, graphs, precision).map((f) => ({ ...f, metric: value })));
      else opts.say?.(`${id}: the ${precision} variant is not published: ${name} ${value} (fp32: ${z.log.metrics[name]})`);
    }
  }
  const log = `${id}.log.json`;
  // Classifiers' logs also carry the test split's confusion matrix (models/confusion.ts).
  const confusion = await testConfusion(spec, z.stateDict);
  const published: PublishedLog = confusion ? { ...z.log, confusion } : z.log;
  writeAtomic(join(opts.outDir, log), `${JSON.stringify(published)}\n`);
  const m: PublishedModel = {
    id,
    format: "onnx",
    budget: z.log.budget ?? z.budget,
    metric: { name, value: z.log.metrics[name] },
    metrics: z.log.metrics,
    steps: z.log.steps,
    trainSeconds: z.log.seconds,
    log,
    files,
  };
  if (m.budget === "full") {
    const p = await trainModel(spec, { budget: "parity", cache, force: opts.force, say: opts.say });
    m.parity = { metric: { name, value: p.log.metrics[name] }, metrics: p.log.metrics, steps: p.log.steps, trainSeconds: p.log.seconds };
  }
  const baselines = await measureBaselines(spec);
  if (baselines.length) m.baselines = baselines;
  if (hasVocab(spec)) {
    const text = await cachedVocab(spec, cache);
    const file = `${id}.vocab.json`;
    writeAtomic(join(opts.outDir, file), text);
    m.vocab = { file, bytes: Buffer.byteLength(text), sha256: sha256(text), format: VOCAB_FORMAT };
  }
  return m;
}

async function publishNgram(id: string, opts: PublishOptions, cache: ModelCache): Promise<PublishedModel> {
  const { SITE_MODELS, buildSiteModel } = await import("../ngram/site-models.ts");
  const siteId = NGRAM_MODELS[id];
  const spec = SITE_MODELS[siteId];
  const r = buildSiteModel(siteId, spec, { cache, force: opts.force });
  if (r.problem) opts.say?.(`${siteId}: the cached entry was damaged (${r.problem}); retrained`);
  const bin = r.entry.read("model.bin");
  const file = `${id}.bin`;
  writeAtomic(join(opts.outDir, file), bin);
  const log = `${id}.log.json`;
  // The post's table of every smoothing method × order (cached like a model: computed once).
  const { cachedNgramTable } = await import("./ngram-table.ts");
  const table = await cachedNgramTable(cache);
  writeAtomic(join(opts.outDir, log), `${JSON.stringify({ ...r.report, id, source: siteId, spec, table })}\n`);
  return {
    id,
    format: NGRAM_FORMAT,
    // Counts only: there is no shorter or longer budget, and the figures are the parity ones.
    budget: "parity",
    metric: { name: "perplexity", value: r.report.quantisedTestPerplexity },
    metrics: { perplexity: r.report.quantisedTestPerplexity, "perplexity-unquantised": r.report.testPerplexity, order: r.report.order },
    steps: 0,
    trainSeconds: 0,
    log,
    files: [{ id, part: "model", format: NGRAM_FORMAT, file, bytes: bin.length, sha256: sha256(bin), bits: spec.bits, inputs: [], outputs: [] }],
  };
}

/** Every run a publish needs: each model at its budget, plus the parity run of those trained `full`. */
export function trainingRequests(ids: string[], budget: Budget | BudgetChoice | undefined): { id: string; budget: Budget }[] {
  const out: { id: string; budget: Budget }[] = [];
  for (const id of ids) {
    const b = budgetFor(id, budget);
    out.push({ id, budget: b });
    if (b === "full" && effectiveBudget(getSpec(id), b) === "full") out.push({ id, budget: "parity" });
  }
  return out;
}

export async function publishModels(ids: string[], opts: PublishOptions): Promise<Manifest> {
  mkdirSync(opts.outDir, { recursive: true });
  const cache = opts.cache ?? new ModelCache();
  const models: PublishedModel[] = [];
  const unique = [...new Set(ids)].sort();
  // Cold cache: train the misses side by side first; the loop below then reads them from the cache.
  if (!opts.force) {
    const neural = unique.filter((id) => !(id in NGRAM_MODELS) && ALL_MODEL_IDS.includes(id));
    await trainMissingInParallel(trainingRequests(neural, opts.budget), { cache, jobs: opts.jobs, say: opts.say });
  }
  for (const id of unique) {
    try {
      models.push(id in NGRAM_MODELS ? await publishNgram(id, opts, cache) : await publishNeural(id, budgetFor(id, opts.budget), opts, cache));
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      if (!opts.onError) throw error;
      opts.onError(id, error);
    }
  }
  const manifest: Manifest = { format: "tensorpost-models-1", models };
  writeAtomic(join(opts.outDir, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}
