// Optimisers against their update formulas (computed here in float64), and gradient clipping.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as T from "../../core/src/index.ts";
import * as R from "./ref.ts";

const N = 11; // not a multiple of 4: exercises the kernels' scalar tails
const r = R.rng(7);
const p0 = Array.from({ length: N }, () => Math.fround(r() * 2 - 1));
const grads = [0, 1, 2, 3].map(() => Array.from({ length: N }, () => Math.fround(r() * 2 - 1)));

function runCore(make: (p: T.Tensor) => T.Optimizer): number[] {
  const p = T.tensor(p0, [N], { requiresGrad: true }).keep();
  const opt = make(p);
  for (const g of grads) {
    if (!p.grad) p.grad = T.zeros([N]).keep();
    p.grad.copyFrom(g);
    opt.step();
  }
  const out = p.toArray();
  opt.free();
  p.free();
  return out;
}

function closeArr(a: number[], b: number[], tol: number, what: string): void {
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= tol * (1 + Math.abs(b[i])), `${what}[${i}]: ${v} vs ${b[i]}`));
}

function sgdRef(lr: number, mom: number, damp: number, wd: number, nesterov: boolean): number[] {
  const p = p0.slice();
  const buf = new Array<number>(N).fill(0);
  grads.forEach((gs, t) => {
    for (let i = 0; i < N; i++) {
      let g = gs[i] + wd * p[i];
      if (mom !== 0) {
        buf[i] = t === 0 ? g : mom * buf[i] + (1 - damp) * g;
        g = nesterov ? g + mom * buf[i] : buf[i];
      }
      p[i] -= lr * g;
    }
  });
  return p;
}

function adamRef(lr: number, b1: number, b2: number, eps: number, wd: number, decoupled: boolean): number[] {
  const p = p0.slice();
  const m = new Array<number>(N).fill(0);
  const v = new Array<number>(N).fill(0);
  grads.forEach((gs, k) => {
    const t = k + 1;
    for (let i = 0; i < N; i++) {
      let g = gs[i];
      if (decoupled) p[i] *= 1 - lr * wd;
      else g += wd * p[i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      const mh = m[i] / (1 - b1 ** t);
      const vh = v[i] / (1 - b2 ** t);
      p[i] -= (lr * mh) / (Math.sqrt(vh) + eps);
    }
  });
  return p;
}

test("SGD: plain, momentum, dampening, nesterov, weight decay match the PyTorch formulas", () => {
  const cases: [number, number, number, number, boolean][] = [
    [0.1, 0, 0, 0, false],
    [0.1, 0.9, 0, 0, false],
    [0.05, 0.9, 0.3, 0, false],
    [0.05, 0.8, 0, 0, true],
    [0.1, 0.9, 0, 0.01, true],
    [0.1, 0, 0, 0.1, false],
  ];
  for (const [lr, momentum, dampening, weightDecay, nesterov] of cases) {
    const got = runCore((p) => new T.SGD([p], { lr, momentum, dampening, weightDecay, nesterov }));
    closeArr(got, sgdRef(lr, momentum, dampening, weightDecay, nesterov), 1e-6, `SGD ${[lr, momentum, dampening, weightDecay, nesterov]}`);
  }
  assert.throws(() => new T.SGD([], { lr: 0.1, nesterov: true }), /nesterov/);
});

test("Adam and AdamW match their formulas (L2 vs decoupled weight decay)", () => {
  closeArr(runCore((p) => new T.Adam([p], { lr: 0.01 })), adamRef(0.01, 0.9, 0.999, 1e-8, 0, false), 1e-6, "Adam");
  closeArr(runCore((p) => new T.Adam([p], { lr: 0.02, betas: [0.8, 0.99], eps: 1e-6, weightDecay: 0.1 })), adamRef(0.02, 0.8, 0.99, 1e-6, 0.1, false), 1e-6, "Adam wd");
  closeArr(runCore((p) => new T.AdamW([p], { lr: 0.01 })), adamRef(0.01, 0.9, 0.999, 1e-8, 0.01, true), 1e-6, "AdamW default wd 0.01");
  closeArr(runCore((p) => new T.AdamW([p], { lr: 0.05, weightDecay: 0.5 })), adamRef(0.05, 0.9, 0.999, 1e-8, 0.5, true), 1e-6, "AdamW wd 0.5");
  // the two weight-decay styles really differ
  const a = adamRef(0.05, 0.9, 0.999, 1e-8, 0.5, false);
  const b = adamRef(0.05, 0.9, 0.999, 1e-8, 0.5, true);
  assert.ok(a.some((v, i) => Math.abs(v - b[i]) > 1e-4));
});

test("optimiser skips parameters without gradients; zeroGrad zeroes in place", () => {
  const p = T.tensor([1, 2], undefined, { requiresGrad: true }).keep();
  const q = T.tensor([3, 4], undefined, { requiresGrad: true }).keep();
  const opt = new T.SGD([p, q], { lr: 0.5 });
  T.tidy(() => p.mul(2).sum().backward());
  const g = p.grad!;
  opt.step();
  assert.equal(p.toArray(), [0, 1]);
  assert.equal(q.toArray(), [3, 4]);
  opt.zeroGrad();
  assert.is(p.grad, g, "same buffer");
  assert.equal(p.grad!.toArray(), [0, 0]);
  p.free();
  q.free();
});

test("clipGradNorm scales to the max norm and returns the total norm", () => {
  const a = T.tensor([3, 0], undefined, { requiresGrad: true }).keep();
  const b = T.tensor([0, 0, 4], undefined, { requiresGrad: true }).keep();
  a.grad = T.tensor([3, 0]).keep();
  b.grad = T.tensor([0, 0, 4]).keep();
  const n = T.clipGradNorm([a, b], 1);
  assert.ok(Math.abs(n - 5) < 1e-6);
  closeArr(a.grad.toArray(), [0.6, 0], 1e-5, "a");
  closeArr(b.grad.toArray(), [0, 0, 0.8], 1e-5, "b");
  const n2 = T.clipGradNorm([a, b], 10);
  assert.ok(Math.abs(n2 - 1) < 1e-5);
  closeArr(b.grad.toArray(), [0, 0, 0.8], 1e-5, "unchanged below the max");
  a.free();
  b.free();
});

test.run();
