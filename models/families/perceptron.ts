/**
 * The perceptron family (MODEL-ZOO.md perceptron, the post's 1.1): step(w·x + b) on iris, setosa (1)
 * vs the rest (0), on petal length and width. w = 0, b = 0; the perceptron rule with step `lr` (1):
 * for each train row in split order, ŷ = step(w·x + b) (1 when the score is > 0), and on a mistake
 * w ← w + lr·(y − ŷ)·x, b ← b + lr·(y − ŷ). One trainer step is one epoch over the train rows; its
 * "loss" is the number of mistakes, and with `training.untilConverged` training stops after the first
 * epoch without one (the reference: 2 epochs, w = [−0.6, −1.5], b = 3).
 *
 * The rule runs in float64 as the reference's NumPy does; the parameters (stateDict `weight` [1, F],
 * `bias` [1], as models/onnx expects) are the float32 copies.
 *
 * Data options: `features` "petal" (columns 2, 3; default) or "all"; `positive`: the class that is 1
 * ("setosa" by default).
 */
import { Module, tensor, zeros, type Tensor } from "../../core/src/index.ts";
import type { Family, ModelSpec } from "../types.ts";
import { loadIris } from "../data/iris.ts";

export interface PerceptronRows {
  n: number;
  /** n rows of F features (float64, as the package's numbers). */
  x: Float64Array;
  /** 1 for the positive class, else 0. */
  y: Uint8Array;
}

export interface PerceptronData {
  features: number;
  train: PerceptronRows;
  test: PerceptronRows;
}

export class Perceptron extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor;
  /** The float64 state the rule updates. */
  readonly w: Float64Array;
  b = 0;
  constructor(readonly features: number) {
    super();
    this.weight = this.registerParameter("weight", zeros([1, features]));
    this.bias = this.registerParameter("bias", zeros([1]));
    this.w = new Float64Array(features);
  }

  score(x: ArrayLike<number>, row = 0): number {
    let s = this.b;
    const F = this.features;
    for (let j = 0; j < F; j++) s += this.w[j] * x[row * F + j];
    return s;
  }

  predict(x: ArrayLike<number>, row = 0): 0 | 1 {
    return this.score(x, row) > 0 ? 1 : 0;
  }

  /** Scores x·wᵀ + b as a tensor [N, 1] from the float32 parameters (what the ONNX export computes). */
  forward(x: Tensor): Tensor {
    return x.matmul(this.weight.T).add(this.bias);
  }

  /** Copies the float64 state into the float32 parameters. */
  sync(): void {
    this.weight.copyFrom(Float32Array.from(this.w));
    this.bias.copyFrom(Float32Array.of(this.b));
  }

  /** Restores the float64 state from the parameters (after loadStateDict). */
  override loadStateDict(...args: Parameters<Module["loadStateDict"]>): void {
    super.loadStateDict(...args);
    this.w.set(this.weight.toFloat32Array());
    this.b = this.bias.toFloat32Array()[0];
  }
}

export function perceptronData(spec: ModelSpec): PerceptronData {
  if (spec.data.set !== "iris") throw new Error(`${spec.id}: the perceptron family reads iris, not ${spec.data.set}`);
  const o = spec.data.options ?? {};
  const cols = (o.features ?? "petal") === "petal" ? [2, 3] : [0, 1, 2, 3];
  const iris = loadIris();
  const positive = iris.classes.indexOf(String(o.positive ?? "setosa"));
  if (positive < 0) throw new Error(`${spec.id}: data.options.positive: no iris class ${String(o.positive)} (has ${iris.classes.join(", ")})`);
  const rows = (idx: number[]): PerceptronRows => {
    const x = new Float64Array(idx.length * cols.length);
    idx.forEach((r, i) => cols.forEach((c, j) => (x[i * cols.length + j] = iris.features[r][c])));
    return { n: idx.length, x, y: Uint8Array.from(idx, (r) => (iris.labels[r] === positive ? 1 : 0)) };
  };
  return { features: cols.length, train: rows(iris.train.rows), test: rows(iris.test.rows) };
}

/** One epoch of the perceptron rule over `rows` in order; returns the number of mistakes. */
export function perceptronEpoch(model: Perceptron, rows: PerceptronRows, lr = 1): number {
  const F = model.features;
  let mistakes = 0;
  for (let i = 0; i < rows.n; i++) {
    const d = rows.y[i] - model.predict(rows.x, i);
    if (d === 0) continue;
    mistakes++;
    for (let j = 0; j < F; j++) model.w[j] += lr * d * rows.x[i * F + j];
    model.b += lr * d;
  }
  model.sync();
  return mistakes;
}

export function perceptronAccuracy(model: Perceptron, rows: PerceptronRows): number {
  let ok = 0;
  for (let i = 0; i < rows.n; i++) if (model.predict(rows.x, i) === rows.y[i]) ok++;
  return ok / rows.n;
}

export const perceptronFamily: Family<PerceptronData, PerceptronRows> = {
  data: (spec) => perceptronData(spec),
  build: (spec, data) => {
    if (spec.architecture.family !== "perceptron") throw new Error(`${spec.id}: architecture.family is ${spec.architecture.family}, expected perceptron`);
    if (spec.architecture.features !== data.features) throw new Error(`${spec.id}: architecture.features is ${spec.architecture.features}, the data has ${data.features}`);
    return new Perceptron(data.features);
  },
  totalSteps: (_spec, training) => training.steps ?? training.epochs ?? 100,
  batch: (_step, data) => data.train,
  // The rule needs no gradient; `loss` is the mean squared mistake, for completeness (not trained on).
  loss: (model, rows) => {
    const m = model as Perceptron;
    let wrong = 0;
    for (let i = 0; i < rows.n; i++) if (m.predict(rows.x, i) !== rows.y[i]) wrong++;
    return tensor([wrong / rows.n]).reshape([]);
  },
  update: (model, rows, spec) => perceptronEpoch(model as Perceptron, rows, spec.training.optimizer.lr),
  converged: (_model, _data, _spec, lastLoss) => lastLoss === 0,
  evaluate: (model, data) => {
    const m = model as Perceptron;
    const weights = Object.fromEntries(Array.from(m.w, (v, j) => [`w${j}`, v]));
    return { accuracy: perceptronAccuracy(m, data.test), "train-accuracy": perceptronAccuracy(m, data.train), ...weights, b: m.b };
  },
  batchSize: (rows) => rows.n,
};
export default perceptronFamily;
