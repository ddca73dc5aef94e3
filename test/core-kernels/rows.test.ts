// Reductions, softmax / log-softmax / cross-entropy and layer norm against float64 references.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadKernelsSync, ReduceOp } from "../../core/src/wasm.ts";
import { rng, randn, randInt, putF, putI, getF, assertClose, f32r } from "./_helpers.ts";

const k = loadKernelsSync();

test("reduce: sum / max / mean over the middle axis, inner = 1 and inner > 1, odd sizes", () => {
  const r = rng(21);
  for (let t = 0; t < 60; t++) {
    const op = t % 3;
    const outer = randInt(r, 1, 5), mid = randInt(r, 1, 40), inner = t % 2 ? 1 : randInt(r, 1, 11);
    const a = f32r(randn(r, outer * mid * inner, 3));
    const want = new Float64Array(outer * inner);
    for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) {
      let acc = op === ReduceOp.Max ? -Infinity : 0;
      for (let m = 0; m < mid; m++) { const v = a[(o * mid + m) * inner + i]; acc = op === ReduceOp.Max ? Math.max(acc, v) : acc + v; }
      want[o * inner + i] = op === ReduceOp.Mean ? acc / mid : acc;
    }
    const out = k.alloc(outer * inner * 4);
    k.reduce(op as ReduceOp, out, putF(k, a), outer, mid, inner);
    assertClose(getF(k, out, outer * inner), want, `reduce ${op} [${outer},${mid},${inner}]`, 1e-5, 1e-5);
  }
});

function refLogSoftmax(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let m = -Infinity;
    for (let j = 0; j < cols; j++) m = Math.max(m, a[i * cols + j]);
    let s = 0;
    for (let j = 0; j < cols; j++) s += Math.exp(a[i * cols + j] - m);
    for (let j = 0; j < cols; j++) out[i * cols + j] = a[i * cols + j] - m - Math.log(s);
  }
  return out;
}

test("softmax and logSoftmax (large logits stay finite)", () => {
  const r = rng(22);
  for (const [rows, cols] of [[1, 1], [3, 7], [5, 10], [2, 33]]) {
    const a = f32r(randn(r, rows * cols, 30));
    const ls = refLogSoftmax(a, rows, cols);
    const pa = putF(k, a), out = k.alloc(rows * cols * 4);
    k.logSoftmax(out, pa, rows, cols);
    assertClose(getF(k, out, rows * cols), ls, "logSoftmax", 1e-5, 1e-5);
    k.softmax(out, pa, rows, cols);
    assertClose(getF(k, out, rows * cols), ls.map(Math.exp), "softmax", 1e-5, 1e-6);
  }
});

test("crossEntropy: loss per row, gradient (written, scaled), ignore index -1", () => {
  const r = rng(23);
  const rows = 9, cols = 13;
  const a = f32r(randn(r, rows * cols, 4));
  const t = Array.from({ length: rows }, (_, i) => (i === 4 ? -1 : randInt(r, 0, cols - 1)));
  const loss = k.alloc(rows * 4), grad = putF(k, new Array(rows * cols).fill(123));
  k.crossEntropy(putF(k, a), putI(k, t), rows, cols, loss, grad, 0.25);
  const ls = refLogSoftmax(a, rows, cols);
  const wantLoss = t.map((ti, i) => (ti < 0 ? 0 : -ls[i * cols + ti]));
  const wantGrad = Array.from(ls, (v, idx) => {
    const i = Math.floor(idx / cols), j = idx % cols;
    return t[i] < 0 ? 0 : (Math.exp(v) - (j === t[i] ? 1 : 0)) * 0.25;
  });
  assertClose(getF(k, loss, rows), wantLoss, "crossEntropy loss", 1e-5, 1e-5);
  assertClose(getF(k, grad, rows * cols), wantGrad, "crossEntropy grad", 1e-5, 1e-6);
  // gradLogits = 0 means no gradient
  k.crossEntropy(putF(k, a), putI(k, t), rows, cols, loss, 0, 1);
  assertClose(getF(k, loss, rows), wantLoss, "crossEntropy loss without grad", 1e-5, 1e-5);
});

test("layerNorm forward + backward (accumulating) against float64, with and without gamma/beta", () => {
  const r = rng(24);
  for (const [rows, cols, affine] of [[3, 7, true], [4, 16, false], [1, 33, true]] as [number, number, boolean][]) {
    const x = f32r(randn(r, rows * cols, 2).map((v, i) => v + (i % cols) * 0.1));
    const gamma = f32r(randn(r, cols)), beta = f32r(randn(r, cols));
    const gy = f32r(randn(r, rows * cols));
    const eps = 1e-5;
    // reference
    const y = new Float64Array(rows * cols), gx = new Float64Array(rows * cols), gg = new Float64Array(cols), gb = new Float64Array(cols);
    const means: number[] = [], rstds: number[] = [];
    for (let i = 0; i < rows; i++) {
      const row = x.subarray(i * cols, (i + 1) * cols);
      const mu = row.reduce((s, v) => s + v, 0) / cols;
      const vr = row.reduce((s, v) => s + (v - mu) ** 2, 0) / cols;
      const rs = 1 / Math.sqrt(vr + eps);
      means.push(mu); rstds.push(rs);
      const xh = Array.from(row, (v) => (v - mu) * rs);
      const dxh = xh.map((_, j) => gy[i * cols + j] * (affine ? gamma[j] : 1));
      const m1 = dxh.reduce((s, v) => s + v, 0) / cols;
      const m2 = dxh.reduce((s, v, j) => s + v * xh[j], 0) / cols;
      for (let j = 0; j < cols; j++) {
        y[i * cols + j] = affine ? xh[j] * gamma[j] + beta[j] : xh[j];
        gx[i * cols + j] = 1 + rs * (dxh[j] - m1 - xh[j] * m2);
        gg[j] += gy[i * cols + j] * xh[j];
        gb[j] += gy[i * cols + j];
      }
    }
    const px = putF(k, x), out = k.alloc(rows * cols * 4), pm = k.alloc(rows * 4), pr = k.alloc(rows * 4);
    const pg = affine ? putF(k, gamma) : 0, pb = affine ? putF(k, beta) : 0;
    k.layerNorm(out, pm, pr, px, pg, pb, rows, cols, eps);
    assertClose(getF(k, out, rows * cols), y, "layerNorm y", 1e-4, 1e-5);
    assertClose(getF(k, pm, rows), means, "layerNorm mean", 1e-5, 1e-6);
    assertClose(getF(k, pr, rows), rstds, "layerNorm rstd", 1e-5, 1e-6);
    const pgx = putF(k, new Array(rows * cols).fill(1)), pgg = putF(k, new Array(cols).fill(0)), pgb = putF(k, new Array(cols).fill(0));
    k.layerNormBackward(pgx, pgg, pgb, putF(k, gy), px, pm, pr, pg, rows, cols);
    assertClose(getF(k, pgx, rows * cols), gx, "layerNorm gx", 1e-4, 1e-4);
    assertClose(getF(k, pgg, cols), gg, "layerNorm ggamma", 1e-4, 1e-5);
    assertClose(getF(k, pgb, cols), gb, "layerNorm gbeta", 1e-5, 1e-5);
  }
  assert.ok(true);
});

test.run();
