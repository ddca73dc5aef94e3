/**
 * The trainer: runs any family (models/types.ts) on a spec, the same way for every model.
 *
 * - Seeded: the model is built from `new Generator(seed)` and batches (shuffles, window offsets) are
 *   drawn from `new Generator(1000 + seed)` — the reference's torch.manual_seed(seed) before the
 *   model and torch.Generator().manual_seed(1000 + seed) for the data. Same seed → same weights, bit
 *   for bit.
 * - Each step runs inside core's tidy(): zero grads → loss → backward → (clip) → optimiser step, so
 *   memory stays flat; a family with `update` (the perceptron rule) does the step itself.
 * - A NaN or infinite loss stops the model before the optimiser step, with a TrainingDiverged error
 *   naming the model and the step (1-based); nothing is returned, so nothing gets cached.
 * - Every `evalEvery` steps (and after the last) the family evaluates; the training log holds the
 *   loss of every step and the metrics of every evaluation.
 * - Budgets: "parity" is `spec.training`, "full" is `spec.training` overridden by `spec.full`, "quick"
 *   is `spec.training` overridden by `spec.quick` (same architecture, fewer steps: what a cold CI build
 *   can afford). A spec without the override trains its parity budget, and the log says "parity":
 *   the budget recorded is always the one actually trained ({@link effectiveBudget}).
 */
import { Adam, Generator, SGD, bytesInUse, clipGradNorm, noGrad, tidy, type Module, type Optimizer, type StateDict } from "../../core/src/index.ts";
import type { Family, LogEntry, ModelSpec, TrainingSpec } from "../types.ts";
import { Progress, formatSeconds, type ProgressOptions } from "./progress.ts";

export type Budget = "quick" | "parity" | "full";

export const BUDGETS: readonly Budget[] = ["quick", "parity", "full"];

export function isBudget(x: unknown): x is Budget {
  return typeof x === "string" && (BUDGETS as readonly string[]).includes(x);
}

/** What the trainer writes for a model (the cache's log.json). */
export interface TrainingLog {
  id: string;
  budget: Budget;
  /** Steps run (fewer than planned when a family converged early). */
  steps: number;
  /** Wall time of the training steps (evaluation excluded), seconds. */
  seconds: number;
  log: LogEntry[];
  /** The final evaluation. */
  metrics: Record<string, number>;
  examplesPerSecond: number;
  /** Steps the budget planned. */
  plannedSteps: number;
  seed: number;
  /** Seconds spent loading data and evaluating. */
  dataSeconds: number;
  evalSeconds: number;
}

export interface TrainResult extends TrainingLog {
  model: Module;
  stateDict: StateDict;
}

export interface TrainOptions {
  budget?: Budget;
  /** Override the spec's seed (quality runs over several seeds). */
  seed?: number;
  /** Progress output; false for none. */
  progress?: ProgressOptions | false;
  /** Use this family instead of the registry's (tests, e.g. an injected NaN). */
  family?: Family<unknown, unknown>;
  /** Use already loaded data (several seeds of one spec). */
  data?: unknown;
  /** Called after every step (tests: memory checks). */
  onStep?: (step: number, loss: number) => void;
}

export class TrainingDiverged extends Error {
  constructor(
    readonly id: string,
    readonly step: number,
    readonly loss: number,
  ) {
    super(`${id}: training stopped at step ${step}: the loss is ${loss} (NaN or infinite); nothing was cached`);
    this.name = "TrainingDiverged";
  }
}

/** The budget a spec really trains when `budget` is asked for: "parity" when the spec has no such override. */
export function effectiveBudget(spec: ModelSpec, budget: Budget = "parity"): Budget {
  if (budget === "full" && spec.full) return "full";
  if (budget === "quick" && spec.quick) return "quick";
  return "parity";
}

/** The training spec of a budget: parity as specified, full/quick = parity overridden by `spec.full`/`spec.quick`. */
export function budgetTraining(spec: ModelSpec, budget: Budget = "parity"): TrainingSpec {
  const b = effectiveBudget(spec, budget);
  const over = b === "full" ? spec.full : b === "quick" ? spec.quick : undefined;
  if (!over) return spec.training;
  const t: TrainingSpec = { ...spec.training, ...over };
  // A budget stated in steps replaces an epochs budget, and vice versa.
  if (over.steps !== undefined && over.epochs === undefined) delete t.epochs;
  if (over.epochs !== undefined && over.steps === undefined) delete t.steps;
  return t;
}

export function makeOptimizer(model: Module, training: TrainingSpec): Optimizer | null {
  const o = training.optimizer;
  switch (o.type) {
    case "adam":
      return new Adam(model.parameters(), { lr: o.lr, betas: o.betas, eps: o.eps, weightDecay: o.weightDecay });
    case "sgd":
      return new SGD(model.parameters(), { lr: o.lr, momentum: o.momentum, weightDecay: o.weightDecay });
    case "perceptron":
      return null;
    default:
      throw new Error(`unknown optimizer ${(o as { type: string }).type}`);
  }
}

/** Trains one spec with one family; see the module comment. */
export async function trainWith(family: Family<unknown, unknown>, spec: ModelSpec, opts: TrainOptions = {}): Promise<TrainResult> {
  const budget = effectiveBudget(spec, opts.budget);
  const seed = opts.seed ?? spec.seed;
  const training = budgetTraining(spec, budget);
  const run: ModelSpec = { ...spec, seed, training };
  const tData = performance.now();
  const data = opts.data ?? (await family.data(run));
  let dataSeconds = (performance.now() - tData) / 1000;
  const model = family.build(run, data, new Generator(seed));
  const rng = new Generator(1000 + seed);
  const planned = family.totalSteps(run, training, data);
  const optimizer = family.update ? null : makeOptimizer(model, training);
  if (!family.update && !optimizer) throw new Error(`${spec.id}: training.optimizer.type ${training.optimizer.type} needs a family with its own update rule`);
  const progress = opts.progress === false ? null : new Progress(spec.id, planned, opts.progress);
  const log: LogEntry[] = [];
  const params = model.parameters();
  let examples = 0;
  let seconds = 0;
  let evalSeconds = 0;
  let steps = 0;
  let metrics: Record<string, number> = {};
  const evaluate = (step: number): Record<string, number> => {
    const t = performance.now();
    model.eval();
    const m = noGrad(() => tidy(() => family.evaluate(model, data, run)));
    model.train();
    evalSeconds += (performance.now() - t) / 1000;
    progress?.note(`${spec.id}  step ${step}/${planned}  ${Object.entries(m).slice(0, 4).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(4)}`).join("  ")}`);
    return m;
  };
  try {
    model.train();
    for (let s = 0; s < planned; s++) {
      const t = performance.now();
      const batch = family.batch(s, data, training, rng);
      let loss: number;
      if (family.update) {
        loss = family.update(model, batch, run, s);
        if (!Number.isFinite(loss)) throw new TrainingDiverged(spec.id, s + 1, loss);
      } else {
        loss = tidy(() => {
          optimizer!.zeroGrad();
          const l = family.loss(model, batch, run);
          const v = l.item();
          if (!Number.isFinite(v)) return v;
          l.backward();
          return v;
        });
        if (!Number.isFinite(loss)) throw new TrainingDiverged(spec.id, s + 1, loss);
        if (training.clip !== undefined) clipGradNorm(params, training.clip);
        optimizer!.step();
      }
      seconds += (performance.now() - t) / 1000;
      steps = s + 1;
      examples += family.batchSize ? family.batchSize(batch) : (training.batch ?? 1);
      const entry: LogEntry = { step: steps, loss };
      log.push(entry);
      const stop = training.untilConverged === true && family.converged !== undefined && family.converged(model, data, run, loss);
      progress?.step(steps, loss, stop ? "converged" : "", stop);
      opts.onStep?.(steps, loss);
      if (steps === planned || stop) break;
      if (training.evalEvery && steps % training.evalEvery === 0) entry.metrics = evaluate(steps);
    }
    metrics = evaluate(steps);
    if (log.length) log[log.length - 1].metrics = metrics;
    for (const [k, v] of Object.entries(metrics)) if (typeof v !== "number" || Number.isNaN(v)) throw new Error(`${spec.id}: evaluation gave ${k} = ${v}`);
    if (!(spec.quality.metric in metrics)) throw new Error(`${spec.id}: the family's metrics lack ${spec.quality.metric} (has ${Object.keys(metrics).join(", ")})`);
  } catch (e) {
    progress?.done();
    if (e instanceof TrainingDiverged) progress?.note(e.message);
    optimizer?.free();
    model.free();
    throw e;
  }
  progress?.done();
  optimizer?.free();
  const stateDict = model.stateDict();
  if (opts.data !== undefined) dataSeconds = 0;
  const result: TrainResult = {
    id: spec.id,
    budget,
    steps,
    seconds,
    log,
    metrics,
    examplesPerSecond: seconds > 0 ? examples / seconds : 0,
    plannedSteps: planned,
    seed,
    dataSeconds,
    evalSeconds,
    model,
    stateDict,
  };
  return result;
}

/** The JSON log of a result (without the model). */
export function trainingLog(r: TrainResult | TrainingLog): TrainingLog {
  const { id, budget, steps, seconds, log, metrics, examplesPerSecond, plannedSteps, seed, dataSeconds, evalSeconds } = r;
  return { id, budget, steps, seconds, log, metrics, examplesPerSecond, plannedSteps, seed, dataSeconds, evalSeconds };
}

export function summary(r: TrainingLog): string {
  const m = Object.entries(r.metrics)
    .slice(0, 3)
    .map(([k, v]) => `${k} ${v.toFixed(4)}`)
    .join("  ");
  return `${r.id} (${r.budget}): ${r.steps} steps in ${formatSeconds(r.seconds)} (${Math.round(r.examplesPerSecond)} examples/s), ${m}`;
}

/** Bytes held by the core (for memory checks). */
export const coreBytes = bytesInUse;
