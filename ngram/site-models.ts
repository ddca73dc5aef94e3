/**
 * The two n-gram models for the site: word level on brown and character level on tang (Tang poems,
 * for the Chinese autocomplete demo), both modified Kneser-Ney, exported in the browser's binary
 * form. Like every model they go through the content-addressed model cache (models/cache.ts): the
 * key is the spec below, the version of the data package read and the n-gram trainer's version (a
 * digest of the ngram/ sources and the data loaders), so a second run loads nothing and trains
 * nothing. Entry files: `model.bin` (binary export), `meta.json` (the report), and `model.arpa` when
 * asked for.
 *
 *   npx tsx ngram/site-models.ts [--brown-order 3] [--tang-order 3] [--bits 8] [--arpa] [--force]
 */
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import { ModelCache, sourceDigest, type Entry } from "../models/cache.ts";
import { BROWN_PACKAGE } from "../models/data/brown.ts";
import { TANG_PACKAGE } from "../models/data/tang.ts";
import { writeArpa } from "./arpa.ts";
import type { BackoffModel } from "./backoff.ts";
import { decodeBinary, encodeBinary } from "./binary.ts";
import { countNgrams } from "./counts.ts";
import { loadBrown, loadTang, type Dataset } from "./data.ts";
import { evaluate } from "./model.ts";
import { trainModel } from "./smoothing/index.ts";

/** A site n-gram model as data: what the cache key is computed from. */
export interface SiteModelSpec {
  kind: "ngram";
  data: "brown" | "tang";
  level: "word" | "char";
  order: number;
  method: "mkn";
  bits: 8 | 16;
  arpa: boolean;
}

export const SITE_MODELS: Record<string, SiteModelSpec> = {
  "brown-word-mkn": { kind: "ngram", data: "brown", level: "word", order: 3, method: "mkn", bits: 8, arpa: false },
  "tang-char-mkn": { kind: "ngram", data: "tang", level: "char", order: 3, method: "mkn", bits: 8, arpa: false },
};

const PACKAGES: Record<SiteModelSpec["data"], string> = { brown: BROWN_PACKAGE, tang: TANG_PACKAGE };
const LOADERS: Record<SiteModelSpec["data"], () => Dataset> = { brown: loadBrown, tang: loadTang };

/** Stored as the entry's meta and as meta.json (no timings: the entry's bytes are deterministic). */
export interface SiteModelReport {
  id: string;
  order: number;
  ngrams: number[];
  testPerplexity: number;
  quantisedTestPerplexity: number;
  binaryBytes: number;
  binaryGzipBytes: number;
  bits: number;
}

export interface SiteModelResult {
  report: SiteModelReport;
  entry: Entry;
  /** True when this call trained the model (a cache miss). */
  built: boolean;
  /** Why a stored entry was not used (corruption), if it was not. */
  problem?: string;
  seconds: number;
}

export interface SiteModelOptions {
  cache?: ModelCache;
  /** The data (default: the spec's loader); only called on a cache miss. */
  load?: () => Dataset;
  /** Retrain even on a hit. */
  force?: boolean;
  /** The trainer version in the key (default: {@link ngramTrainerVersion}). */
  trainer?: string;
}

let trainerVersion: string | undefined;

/** `ngram-<digest of ngram/*.ts and the brown/tang loaders>`: any change to the code retrains. */
export function ngramTrainerVersion(): string {
  trainerVersion ??= `ngram-${sourceDigest(["ngram", "models/data/brown.ts", "models/data/tang.ts", "models/data/packages.ts"])}`;
  return trainerVersion;
}

/** Trains one model (no cache): counts, modified Kneser-Ney, binary export, test perplexities. */
export function trainSiteModel(id: string, data: Dataset, spec: SiteModelSpec): { files: Record<string, string | Uint8Array>; report: SiteModelReport } {
  const counts = countNgrams(data.train, data.vocab, spec.order);
  const model = trainModel(spec.method, counts, spec.order) as BackoffModel;
  const bin = encodeBinary(model, { bits: spec.bits });
  const report: SiteModelReport = {
    id,
    order: spec.order,
    ngrams: model.ngramCounts(),
    testPerplexity: evaluate(model, data.test).perplexity,
    quantisedTestPerplexity: evaluate(decodeBinary(bin), data.test).perplexity,
    binaryBytes: bin.length,
    binaryGzipBytes: gzipSync(bin).length,
    bits: spec.bits,
  };
  const files: Record<string, string | Uint8Array> = { "model.bin": bin, "meta.json": JSON.stringify(report, null, 2) + "\n" };
  if (spec.arpa) files["model.arpa"] = writeArpa(model);
  return { files, report };
}

/** The cached site model: loads and trains only on a miss (or with `force`). */
export function buildSiteModel(id: string, spec: SiteModelSpec, options: SiteModelOptions = {}): SiteModelResult {
  const started = Date.now();
  const cache = options.cache ?? new ModelCache();
  const input = { spec, packages: [PACKAGES[spec.data]], trainer: options.trainer ?? ngramTrainerVersion() };
  const r = cache.getOrBuildSync(
    id,
    input,
    () => {
      const { files, report } = trainSiteModel(id, (options.load ?? LOADERS[spec.data])(), spec);
      return { files, meta: report };
    },
    { force: options.force },
  );
  const out: SiteModelResult = { report: r.entry.meta as unknown as SiteModelReport, entry: r.entry, built: r.built, seconds: (Date.now() - started) / 1000 };
  if (r.problem !== undefined) out.problem = r.problem;
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string, fallback: number): number => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const bits = arg("bits", 8) === 16 ? 16 : 8;
  const arpa = process.argv.includes("--arpa");
  const force = process.argv.includes("--force");
  const cache = new ModelCache();
  for (const [id, base] of Object.entries(SITE_MODELS)) {
    const spec: SiteModelSpec = { ...base, order: arg(`${base.data}-order`, base.order), bits, arpa };
    const r = buildSiteModel(id, spec, { cache, force });
    if (r.problem) console.warn(`model cache: ${r.problem}; retrained`);
    console.log(`${id}: ${r.built ? "trained" : "cache hit"} in ${r.seconds.toFixed(1)} s → ${r.entry.dir}`);
    console.log(r.report);
  }
}
