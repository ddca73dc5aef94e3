/**
 * Training a zoo model through the content-addressed cache (models/cache.ts): the spec is checked
 * (models/spec-check.ts), looked up under its key (spec with the budget's training and seed, the data
 * packages' versions, the trainer version = a digest of the core, trainer, family and loader sources),
 * and trained only on a miss, a corrupt entry or `force`. A NaN stop throws before anything is written,
 * so the previous entry stays as it was.
 *
 * Cache ids: `<id>` for the parity budget, `<id>.full` / `<id>.quick` for the others (the budget the spec
 * really has: a spec without `quick` shares its parity entry), `.seed<n>` appended for seeds
 * other than the spec's (quality runs). Files of an entry:
 *   weights.json  [{ name, shape, offset, length }] (offset/length in floats into weights.bin)
 *   weights.bin   the parameters, float32 little-endian, in stateDict order
 *   log.json      the training log { id, budget, steps, seconds, log, metrics, examplesPerSecond, … }
 *   spec.json     the spec as trained (training = the budget's)
 */
import type { StateDict } from "../../core/src/index.ts";
import { ModelCache, sourceDigest, type Entry } from "../cache.ts";
import { checkSpec } from "../spec-check.ts";
import { specFile, getSpec } from "../specs/index.ts";
import type { ModelSpec } from "../types.ts";
import { DATA_PACKAGES, familyOf } from "./families.ts";
import { budgetTraining, effectiveBudget, trainWith, trainingLog, type Budget, type TrainOptions, type TrainingLog } from "./trainer.ts";

let trainerVersionMemo: string | undefined;

/** The trainer part of the cache key: changes when the core, the trainer, a family or a loader changes. */
export function trainerVersion(): string {
  trainerVersionMemo ??= `zoo-1-${sourceDigest(["core/src", "core/assembly", "models/train", "models/families", "models/data", "models/types.ts"])}`;
  return trainerVersionMemo;
}

export interface ZooModel {
  id: string;
  spec: ModelSpec;
  budget: Budget;
  stateDict: StateDict;
  log: TrainingLog;
  /** True when read from the cache, false when trained by this call. */
  cached: boolean;
  entry?: Entry;
  /** A corrupt entry that was found and replaced. */
  problem?: string;
}

export interface TrainModelOptions extends Omit<TrainOptions, "family"> {
  /** Retrain even on a cache hit. */
  force?: boolean;
  /** The cache (default: a ModelCache on $TENSORPOST_CACHE_DIR or .cache/models); false: no cache. */
  cache?: ModelCache | false;
  /** Messages (cache hits, corrupt entries); default console.log. */
  say?: (msg: string) => void;
  /** The trainer version for the key (tests). */
  trainer?: string;
}

/** The cache id of a model at a budget and seed. */
export function cacheId(spec: ModelSpec, budget: Budget, seed = spec.seed): string {
  const b = effectiveBudget(spec, budget);
  return `${spec.id}${b === "parity" ? "" : `.${b}`}${seed !== spec.seed ? `.seed${seed}` : ""}`;
}

/** The spec as the key sees it: the budget's training and the run's seed. */
export function keySpec(spec: ModelSpec, budget: Budget, seed = spec.seed): ModelSpec {
  const k: ModelSpec = { ...spec, seed, training: budgetTraining(spec, budget) };
  delete k.full;
  delete k.quick;
  // Plain JSON (fields set to undefined dropped), as the cache hashes it.
  return JSON.parse(JSON.stringify(k)) as ModelSpec;
}

export function encodeWeights(sd: StateDict): { json: string; bin: Uint8Array } {
  const index: { name: string; shape: number[]; offset: number; length: number }[] = [];
  let total = 0;
  for (const [name, e] of Object.entries(sd)) {
    index.push({ name, shape: e.shape, offset: total, length: e.data.length });
    total += e.data.length;
  }
  const all = new Float32Array(total);
  for (const e of index) all.set(sd[e.name].data, e.offset);
  const bin = new Uint8Array(all.buffer);
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new Error("weights.bin: a big-endian host is not supported");
  return { json: `${JSON.stringify(index)}\n`, bin };
}

export function decodeWeights(json: string, bin: Uint8Array): StateDict {
  const index = JSON.parse(json) as { name: string; shape: number[]; offset: number; length: number }[];
  const copy = new Uint8Array(bin.length);
  copy.set(bin);
  const all = new Float32Array(copy.buffer, 0, bin.length / 4);
  const sd: StateDict = {};
  for (const e of index) sd[e.name] = { shape: e.shape, data: all.slice(e.offset, e.offset + e.length) };
  return sd;
}

/** The state dict and log of a cache entry. */
export function readEntry(entry: Entry): { stateDict: StateDict; log: TrainingLog; spec: ModelSpec } {
  return {
    stateDict: decodeWeights(entry.text("weights.json"), entry.read("weights.bin")),
    log: JSON.parse(entry.text("log.json")) as TrainingLog,
    spec: JSON.parse(entry.text("spec.json")) as ModelSpec,
  };
}

/** Trains (or reads from the cache) one model of the zoo, by id or spec. */
export async function trainModel(which: string | ModelSpec, opts: TrainModelOptions = {}): Promise<ZooModel> {
  const raw = typeof which === "string" ? getSpec(which) : which;
  const spec = checkSpec(raw, specFile(raw.id), typeof which === "string" ? which : undefined);
  const budget = effectiveBudget(spec, opts.budget);
  const seed = opts.seed ?? spec.seed;
  const say = opts.say ?? ((m: string) => console.log(m));
  const family = await familyOf(spec);
  const train = async () => {
    const r = await trainWith(family, spec, opts);
    const sd = r.stateDict;
    r.model.free();
    return { stateDict: sd, log: trainingLog(r) };
  };
  if (opts.cache === false) {
    const { stateDict, log } = await train();
    return { id: spec.id, spec, budget, stateDict, log, cached: false };
  }
  const cache = opts.cache ?? new ModelCache();
  const id = cacheId(spec, budget, seed);
  const kspec = keySpec(spec, budget, seed);
  let trained: { stateDict: StateDict; log: TrainingLog } | undefined;
  const res = await cache.getOrBuild(
    id,
    { spec: kspec, packages: DATA_PACKAGES[spec.data.set] ?? [], trainer: opts.trainer ?? trainerVersion() },
    async () => {
      trained = await train();
      const w = encodeWeights(trained.stateDict);
      return {
        files: { "weights.json": w.json, "weights.bin": w.bin, "log.json": `${JSON.stringify(trained.log)}\n`, "spec.json": `${JSON.stringify(kspec, null, 1)}\n` },
        meta: { metrics: trained.log.metrics, steps: trained.log.steps, seconds: trained.log.seconds, budget },
      };
    },
    { force: opts.force },
  );
  if (res.problem) say(`${id}: the cached entry was damaged (${res.problem}); retrained`);
  if (trained) return { id: spec.id, spec, budget, stateDict: trained.stateDict, log: trained.log, cached: false, entry: res.entry, problem: res.problem };
  say(`${id}: cached (${res.entry.key.slice(0, 12)}…), not retrained`);
  const { stateDict, log } = readEntry(res.entry);
  return { id: spec.id, spec, budget, stateDict, log, cached: true, entry: res.entry };
}
