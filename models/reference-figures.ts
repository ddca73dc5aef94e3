/**
 * The PyTorch reference figures the pages show, committed as data (models/reference.json): the site's
 * build must not read ../shared (absent in a blogger's clone). `npx tsx models/reference-figures.ts`
 * regenerates the file from ../shared/reference/pytorch.json when it is present; test/figures checks
 * that the committed file still matches it.
 *
 * Per model: the metric, the figure its quality bar is stated against (PyTorch mean over the reference
 * seeds; linear: the median of 20 seeds; softmax: scikit-learn), the bar itself (models/quality.ts's
 * rule from MODEL-ZOO.md) and the torch version that measured it.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./cache.ts";
import { REFERENCE, loadReference, referenceFor } from "./quality.ts";
import { MODEL_IDS, getSpec } from "./specs/index.ts";

export const REFERENCE_FIGURES = join(REPO_ROOT, "models", "reference.json");

export interface ReferenceFigure {
  metric: string;
  /** The figure the bar is computed from (see `what`). */
  figure: number;
  /** Whose figure: "PyTorch mean", "PyTorch median", "sklearn LogisticRegression", "MODEL-ZOO.md", "PyTorch". */
  what: string;
  /** Mean over the reference seeds when the reference has several (else the figure). */
  mean: number;
  seeds: number;
  bar: number;
  higherIsBetter: boolean;
  torch: string;
}

export interface ReferenceFigures {
  format: "tensorpost-reference-1";
  source: "pytorch.json";
  models: Record<string, ReferenceFigure>;
}

type Json = Record<string, unknown>;

const at = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, p) => (v as Json | undefined)?.[p], o);

/** Where pytorch.json keeps the per-seed values of a model's metric (none for the single-figure ones). */
function seedStat(ref: Json, id: string): { mean: number; values: number[] } | undefined {
  const path: Record<string, string[]> = {
    linear: ["linear", "test_mse"],
    softmax: ["iris", "softmax_test_acc"],
    mlp: ["mlp", "test_acc"],
    cnn: ["cnn", "test_acc"],
    rnn: ["rnn", "val_bpc"],
    lstm: ["lstm", "val_bpc"],
    stacked: ["stacked", "val_bpc"],
    transformer: ["transformer", "val_bpc"],
    classify: ["classify", "lstm", "balanced_accuracy"],
    bilstm: ["bilstm", "bilstm_test_acc"],
  };
  const s = path[id] ? at(ref, ...path[id]) : undefined;
  const mean = at(s, "mean");
  const values = at(s, "values");
  return typeof mean === "number" && Array.isArray(values) ? { mean, values: values as number[] } : undefined;
}

/** The figures of every model from the parsed pytorch.json. */
export function referenceFigures(ref: Json): ReferenceFigures {
  const models: Record<string, ReferenceFigure> = {};
  for (const id of MODEL_IDS) {
    const spec = getSpec(id);
    const r = referenceFor(spec, ref);
    const s = seedStat(ref, id);
    // The text models were measured on the GPU run (their section keeps a CPU seed-0 check beside it).
    const gpu = at(ref, id, "cpu_seed0_pytorch_1_13") !== undefined;
    const torch = String(at(ref, "meta", ...(gpu ? ["gpu_run", "torch"] : ["torch"])) ?? "unknown");
    models[id] = {
      metric: spec.quality.metric,
      figure: r.figure,
      what: r.what,
      mean: s?.mean ?? r.figure,
      seeds: s?.values.length ?? 1,
      bar: r.bar,
      higherIsBetter: r.higherIsBetter,
      torch,
    };
  }
  return { format: "tensorpost-reference-1", source: "pytorch.json", models };
}

export const formatFigures = (f: ReferenceFigures): string => `${JSON.stringify(f, null, 1)}\n`;

/** The committed figures (what the site reads). */
export function readReferenceFigures(path = REFERENCE_FIGURES): ReferenceFigures {
  if (!existsSync(path)) throw new Error(`${path}: missing; run npx tsx models/reference-figures.ts with ../shared present`);
  return JSON.parse(readFileSync(path, "utf8")) as ReferenceFigures;
}

function main(): number {
  const ref = loadReference();
  if (!ref) {
    console.error(`\n*** models/reference-figures.ts: SKIPPED — ${REFERENCE} is absent; ${REFERENCE_FIGURES} left as it is. ***\n`);
    return 0;
  }
  writeFileSync(REFERENCE_FIGURES, formatFigures(referenceFigures(ref)));
  console.log(`wrote ${REFERENCE_FIGURES}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
