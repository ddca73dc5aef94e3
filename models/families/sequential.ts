/**
 * The sequential family (MODEL-ZOO.md linear, softmax, mlp, cnn): a stack of core layers built from
 * `architecture.layers` with core's PyTorch default initialisations, fed examples shaped
 * `[B, ...architecture.input]`.
 *
 * Data by `data.set`:
 * - `mnist`: the shared loader's split (7,996 train / 2,004 test, digit-major); every epoch takes a
 *   fresh permutation of the train rows from the trainer's data generator and cuts it into batches of
 *   `training.batch` (the last one partial: mlp 80 batches of 100 an epoch, the last 96).
 * - `iris`: the shared loader's split (112 train / 38 test), raw features, full batch.
 * - `linear-toy`: X = [1,2,3,4], y = 2X; test X = [5,6,7,8] (the post's 1.2), full batch.
 * Without `training.batch` every step is the whole train split.
 *
 * Options for short runs (tests; the zoo's specs never set them): `data.options.trainRows` and
 * `testRows` keep that many rows spread evenly over the split (every k-th row, so all classes stay).
 *
 * Loss: cross-entropy on logits (softmax is inside it, as PyTorch's CrossEntropyLoss) or MSE.
 * Metrics: `accuracy` and `loss` on the test split for classification; `test-mse` for regression.
 * Parameter names (stateDict): `<layer index>.weight`, `<layer index>.bias` (PyTorch's Sequential).
 */
import {
  Conv2d,
  Flatten,
  GELU,
  Linear,
  MaxPool2d,
  ReLU,
  Sequential,
  Sigmoid,
  Tanh,
  argmax,
  crossEntropy,
  mseLoss,
  noGrad,
  tensor,
  tidy,
  type Generator,
  type Module,
  type Tensor,
} from "../../core/src/index.ts";
import type { SequentialChild } from "../../core/src/nn/sequential.ts";
import type { ArchitectureSpec, Family, LayerSpec, ModelSpec, TrainingSpec } from "../types.ts";
import { loadIris } from "../data/iris.ts";
import { loadMnist } from "../data/mnist.ts";
import { MT19937 } from "../data/numpy-random.ts";

export interface Rows {
  n: number;
  /** n examples, each `width` floats, row-major. */
  x: Float32Array;
  /** Class ids (classification) or targets (regression, `width`-wide: here 1). */
  y: Int32Array | Float32Array;
}

export interface SequentialData {
  train: Rows;
  test: Rows;
  /** Floats per example (product of architecture.input). */
  width: number;
  task: "classification" | "regression";
}

export interface SequentialBatch {
  x: Float32Array;
  y: Int32Array | Float32Array;
  n: number;
}

type SequentialArch = Extract<ArchitectureSpec, { family: "sequential" }>;

function arch(spec: ModelSpec): SequentialArch {
  if (spec.architecture.family !== "sequential") throw new Error(`${spec.id}: architecture.family is ${spec.architecture.family}, expected sequential`);
  return spec.architecture;
}

/** The post's 1.2 toy regression: y = 2x, train X = [1,2,3,4], test X = [5,6,7,8]. */
export function linearToyData(): { train: Rows; test: Rows } {
  const rows = (xs: number[]): Rows => ({ n: xs.length, x: Float32Array.from(xs), y: Float32Array.from(xs, (v) => 2 * v) });
  return { train: rows([1, 2, 3, 4]), test: rows([5, 6, 7, 8]) };
}

/** `keep` rows spread evenly over `rows` (every k-th, k = n/keep), or all of them. */
export function spreadRows(rows: Rows, width: number, keep: number | undefined): Rows {
  if (keep === undefined || keep >= rows.n) return rows;
  const x = new Float32Array(keep * width);
  const y = rows.y instanceof Int32Array ? new Int32Array(keep) : new Float32Array(keep);
  for (let i = 0; i < keep; i++) {
    const r = Math.floor((i * rows.n) / keep);
    x.set(rows.x.subarray(r * width, (r + 1) * width), i * width);
    y[i] = rows.y[r];
  }
  return { n: keep, x, y };
}

/** The train/test rows a sequential spec reads. */
export function sequentialData(spec: ModelSpec): SequentialData {
  const a = arch(spec);
  const width = a.input.reduce((p, d) => p * d, 1);
  const o = spec.data.options ?? {};
  const count = (k: string): number | undefined => (typeof o[k] === "number" ? (o[k] as number) : undefined);
  let train: Rows;
  let test: Rows;
  let task: SequentialData["task"] = "classification";
  switch (spec.data.set) {
    case "mnist": {
      const m = loadMnist();
      train = m.train;
      test = m.test;
      break;
    }
    case "iris": {
      const d = loadIris();
      train = d.train;
      test = d.test;
      break;
    }
    case "linear-toy":
      ({ train, test } = linearToyData());
      task = "regression";
      break;
    default:
      throw new Error(`${spec.id}: the sequential family cannot read data set ${spec.data.set}`);
  }
  if (train.x.length !== train.n * width) throw new Error(`${spec.id}: ${spec.data.set} rows have ${train.x.length / train.n} values, architecture.input wants ${width}`);
  return { train: spreadRows(train, width, count("trainRows")), test: spreadRows(test, width, count("testRows")), width, task };
}

function layer(l: LayerSpec, rng: Generator): SequentialChild {
  switch (l.type) {
    case "linear":
      return new Linear(l.in, l.out, { bias: l.bias, generator: rng });
    case "conv2d":
      return new Conv2d(l.in, l.out, l.kernel, { padding: l.padding ?? 0, stride: l.stride ?? 1, generator: rng });
    case "maxpool2d":
      return new MaxPool2d(l.kernel, l.stride);
    case "relu":
      return new ReLU();
    case "tanh":
      return new Tanh();
    case "sigmoid":
      return new Sigmoid();
    case "gelu":
      return new GELU();
    case "flatten":
      return new Flatten();
    default:
      throw new Error(`unknown layer type ${(l as { type: string }).type}`);
  }
}

/** The module of a sequential spec: its layers in order, parameters drawn from `rng` in layer order. */
export function buildSequential(spec: ModelSpec, rng: Generator): Sequential {
  const model = new Sequential(...arch(spec).layers.map((l) => layer(l, rng)));
  if (arch(spec).init === "torch") torchInit(model, spec.seed);
  return model;
}

/**
 * Re-draws the parameters as PyTorch does after torch.manual_seed(seed): its CPU generator is MT19937
 * seeded with `seed`; uniform_(from, to) on float32 takes the low 24 bits of a 32-bit draw,
 * (u & 0xffffff)·2⁻²⁴·(to − from) + from. Linear and Conv2d draw weight then bias, each
 * U(±1/√fan_in) (kaiming_uniform_ with a = √5 gives that bound), layer by layer.
 */
export function torchInit(model: Sequential, seed: number): void {
  const mt = new MT19937(seed >>> 0);
  const fill = (t: Tensor, bound: number) => {
    const v = new Float32Array(t.size);
    for (let i = 0; i < v.length; i++) v[i] = ((mt.nextUint32() & 0xffffff) / 16777216) * (2 * bound) - bound;
    t.copyFrom(v);
  };
  for (const m of model.layers) {
    if (m instanceof Linear || m instanceof Conv2d) {
      const fanIn = m.weight.size / m.weight.shape[0];
      fill(m.weight, Math.sqrt(3) * Math.sqrt(1 / 3) / Math.sqrt(fanIn));
      if (m.bias) fill(m.bias, 1 / Math.sqrt(fanIn));
    }
  }
}

export function batchesPerEpoch(n: number, training: TrainingSpec): number {
  return training.batch === undefined ? 1 : Math.ceil(n / training.batch);
}

/** Per training run (keyed by its data generator): the current epoch's permutation. */
const epochs = new WeakMap<Generator, { epoch: number; perm: Int32Array }>();

function gather(rows: Rows, width: number, idx: ArrayLike<number>): SequentialBatch {
  const n = idx.length;
  const x = new Float32Array(n * width);
  const y = rows.y instanceof Int32Array ? new Int32Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = idx[i];
    x.set(rows.x.subarray(r * width, (r + 1) * width), i * width);
    y[i] = rows.y[r];
  }
  return { x, y, n };
}

function forward(model: Module, x: Float32Array, n: number, input: number[]): Tensor {
  return (model as Sequential).forward(tensor(x, [n, ...input]));
}

function batchLoss(model: Module, b: SequentialBatch, spec: ModelSpec, reduction: "mean" | "sum" = "mean"): Tensor {
  const out = forward(model, b.x, b.n, arch(spec).input);
  if (spec.training.loss === "mse") {
    return mseLoss(out, tensor(b.y as Float32Array, [b.n, 1]), reduction);
  }
  return crossEntropy(out, b.y as Int32Array, { reduction });
}

/** Test metrics: accuracy and mean cross-entropy (classification) or test MSE (regression). */
export function evaluateSequential(model: Module, data: SequentialData, spec: ModelSpec, chunk = 500): Record<string, number> {
  const rows = data.test;
  let loss = 0;
  let correct = 0;
  noGrad(() => {
    for (let s = 0; s < rows.n; s += chunk) {
      const idx = Array.from({ length: Math.min(chunk, rows.n - s) }, (_, i) => s + i);
      const b = gather(rows, data.width, idx);
      tidy(() => {
        loss += batchLoss(model, b, spec, "sum").item();
        if (data.task === "classification") {
          const pred = argmax(forward(model, b.x, b.n, arch(spec).input), 1).toInt32Array();
          for (let i = 0; i < b.n; i++) if (pred[i] === b.y[i]) correct++;
        }
      });
    }
  });
  if (data.task === "regression") return { "test-mse": loss / rows.n };
  return { accuracy: correct / rows.n, loss: loss / rows.n };
}

export const sequentialFamily: Family<SequentialData, SequentialBatch> = {
  data: (spec) => sequentialData(spec),
  build: (spec, _data, rng) => buildSequential(spec, rng),
  totalSteps: (_spec, training, data) => training.steps ?? (training.epochs ?? 1) * batchesPerEpoch(data.train.n, training),
  batch: (step, data, training, rng) => {
    const n = data.train.n;
    if (training.batch === undefined) return { x: data.train.x, y: data.train.y, n };
    const B = Math.min(training.batch, n);
    const per = batchesPerEpoch(n, training);
    const epoch = Math.floor(step / per);
    let cur = epochs.get(rng);
    if (!cur || cur.epoch !== epoch) {
      // A fresh permutation at each epoch's first batch (steps come in order within one run).
      cur = { epoch, perm: rng.permutation(n) };
      epochs.set(rng, cur);
    }
    const k = (step % per) * B;
    return gather(data.train, data.width, cur.perm.subarray(k, Math.min(k + B, n)));
  },
  loss: (model, batch, spec) => batchLoss(model, batch, spec),
  evaluate: (model, data, spec) => evaluateSequential(model, data, spec),
  batchSize: (batch) => batch.n,
};
export default sequentialFamily;
