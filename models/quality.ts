/**
 * `tsx models/quality.ts [model…] [--budget quick|parity|full] [--force] [--seeds n]`: each model's test
 * metric against its quality bar in MODEL-ZOO.md, from the PyTorch reference
 * (../shared/reference/pytorch.json, the mean over its seeds; linear: the median over 20 seeds;
 * softmax: scikit-learn's LogisticRegression() accuracy). Models are trained for each of the bar's
 * seeds (spec.seed, spec.seed+1, …) or read from the model cache, then a PASS/FAIL table is printed
 * with both figures. Exit code 1 if any model fails.
 *
 * Only this script and the tests read ../shared; without it the script says so loudly and stops.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./cache.ts";
import { MODEL_IDS, getSpec } from "./specs/index.ts";
import type { ModelSpec } from "./types.ts";
import { trainModel } from "./train/run.ts";
import { isBudget, type Budget } from "./train/trainer.ts";

export const REFERENCE = join(REPO_ROOT, "..", "shared", "reference", "pytorch.json");

interface Stat {
  values: number[];
  mean: number;
  median: number;
}
type Json = Record<string, unknown>;

/** The reference figure a model's bar is stated against, and how it is summarised. */
export interface Reference {
  /** The PyTorch (or sklearn) figure the bar is computed from. */
  figure: number;
  what: string;
  /** The bar itself (pass if ours ≥ or ≤ it, see `higherIsBetter`). */
  bar: number;
  higherIsBetter: boolean;
  /** How our seeds are summarised: mean, or median (linear). */
  summary: "mean" | "median";
}

export function loadReference(path = REFERENCE): Json | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as Json;
}

const stat = (ref: Json, ...path: string[]): Stat => {
  let v: unknown = ref;
  for (const p of path) v = (v as Json | undefined)?.[p];
  if (!v || typeof (v as Stat).mean !== "number") throw new Error(`pytorch.json has no ${path.join(".")}`);
  return v as Stat;
};
const num = (ref: Json, ...path: string[]): number => {
  let v: unknown = ref;
  for (const p of path) v = (v as Json | undefined)?.[p];
  if (typeof v !== "number") throw new Error(`pytorch.json has no number at ${path.join(".")}`);
  return v;
};

/** Where each model's reference sits in pytorch.json. */
function referenceStat(ref: Json, id: string): Stat {
  switch (id) {
    case "linear":
      return stat(ref, "linear", "test_mse");
    case "softmax":
      return stat(ref, "iris", "softmax_test_acc");
    case "mlp":
    case "cnn":
      return stat(ref, id, "test_acc");
    case "rnn":
    case "lstm":
    case "stacked":
    case "transformer":
      return stat(ref, id, "val_bpc");
    case "classify":
      return stat(ref, "classify", "lstm", "balanced_accuracy");
    case "bilstm":
      return stat(ref, "bilstm", "bilstm_test_acc");
    default:
      throw new Error(`pytorch.json has no figure for ${id}`);
  }
}

/** The bar of a spec from the reference file. */
export function referenceFor(spec: ModelSpec, ref: Json): Reference {
  const q = spec.quality;
  switch (q.rule) {
    case "median-le-2x": {
      const s = referenceStat(ref, spec.id);
      return { figure: s.median, what: "PyTorch median", bar: (q.value ?? 2) * s.median, higherIsBetter: false, summary: "median" };
    }
    case "eq-100": {
      const figure = spec.id === "perceptron" ? num(ref, "iris", "perceptron", "test_acc") : 1;
      return { figure, what: "PyTorch", bar: 1, higherIsBetter: true, summary: "mean" };
    }
    case "ge-sklearn": {
      const figure = num(ref, "iris", "sklearn_logreg_test_acc_package_data");
      return { figure, what: "sklearn LogisticRegression", bar: figure, higherIsBetter: true, summary: "mean" };
    }
    case "ge-mean-minus": {
      const s = referenceStat(ref, spec.id);
      return { figure: s.mean, what: "PyTorch mean", bar: s.mean - (q.value ?? 0) / 100, higherIsBetter: true, summary: "mean" };
    }
    case "le-mean-times": {
      const s = referenceStat(ref, spec.id);
      return { figure: s.mean, what: "PyTorch mean", bar: s.mean * (q.value ?? 1), higherIsBetter: false, summary: "mean" };
    }
    case "ge-absolute":
      return { figure: q.value ?? 1, what: "MODEL-ZOO.md", bar: q.value ?? 1, higherIsBetter: true, summary: "mean" };
    default:
      throw new Error(`${spec.id}: unknown quality rule ${(q as { rule: string }).rule}`);
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
export const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export interface QualityRow {
  id: string;
  metric: string;
  seeds: number;
  values: number[];
  ours: number;
  reference: Reference;
  pass: boolean;
  seconds: number;
}

/** Trains (or reads) a model over its bar's seeds and compares it to the reference. */
export async function measure(id: string, ref: Json, opts: { budget?: Budget; force?: boolean; seeds?: number; quiet?: boolean } = {}): Promise<QualityRow> {
  const spec = getSpec(id);
  const reference = referenceFor(spec, ref);
  const n = opts.seeds ?? spec.quality.seeds ?? 1;
  const values: number[] = [];
  let seconds = 0;
  for (let k = 0; k < n; k++) {
    const m = await trainModel(spec, {
      budget: opts.budget,
      force: opts.force,
      seed: spec.seed + k,
      progress: opts.quiet ? false : undefined,
      say: opts.quiet ? () => {} : undefined,
    });
    values.push(m.log.metrics[spec.quality.metric]);
    seconds += m.log.seconds;
  }
  const ours = reference.summary === "median" ? median(values) : mean(values);
  const pass = reference.higherIsBetter ? ours >= reference.bar - 1e-12 : ours <= reference.bar + 1e-12;
  return { id, metric: spec.quality.metric, seeds: n, values, ours, reference, pass, seconds };
}

const fmt = (metric: string, v: number): string => (metric.includes("accuracy") || metric === "exact-match" ? `${(100 * v).toFixed(2)} %` : v.toFixed(4));

export function table(rows: QualityRow[]): string {
  const head = ["model", "metric", "seeds", "ours", "reference", "bar", "result", "train s (all seeds)"];
  const body = rows.map((r) => [
    r.id,
    `${r.metric} (${r.reference.summary})`,
    String(r.seeds),
    fmt(r.metric, r.ours),
    `${fmt(r.metric, r.reference.figure)} ${r.reference.what}`,
    `${r.reference.higherIsBetter ? "≥" : "≤"} ${fmt(r.metric, r.reference.bar)}`,
    r.pass ? "PASS" : "FAIL",
    r.seconds.toFixed(1),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(w[i])).join("  ").trimEnd();
  return [line(head), line(w.map((n) => "-".repeat(n))), ...body.map(line)].join("\n");
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let budget: Budget = "parity";
  let force = false;
  let seeds: number | undefined;
  const ids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--force") force = true;
    else if (a === "--budget") {
      const b = args[++i];
      if (!isBudget(b)) {
        console.error(`--budget: expected quick, parity or full, got ${b}`);
        return 2;
      }
      budget = b;
    }
    else if (a === "--seeds") seeds = Number(args[++i]);
    else if (MODEL_IDS.includes(a)) ids.push(a);
    else {
      console.error(`unknown argument ${a}; models: ${MODEL_IDS.join(", ")}`);
      return 2;
    }
  }
  const ref = loadReference();
  if (!ref) {
    console.error(`\n*** models/quality.ts: SKIPPED — the PyTorch reference ${REFERENCE} is absent (../shared is not checked out). ***\n`);
    return 0;
  }
  const rows: QualityRow[] = [];
  for (const id of ids.length ? ids : MODEL_IDS) {
    try {
      rows.push(await measure(id, ref, { budget, force, seeds }));
    } catch (e) {
      console.error(`${id}: ${(e as Error).message}`);
      rows.push({ id, metric: getSpec(id).quality.metric, seeds: 0, values: [], ours: NaN, reference: { figure: NaN, what: "error", bar: NaN, higherIsBetter: true, summary: "mean" }, pass: false, seconds: 0 });
    }
  }
  console.log(`\nquality (${budget} budget) against ${REFERENCE}\n`);
  console.log(table(rows));
  for (const r of rows) if (r.values.length > 1) console.log(`${r.id}: per seed ${r.values.map((v) => fmt(r.metric, v)).join(", ")}`);
  return rows.every((r) => r.pass) ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
