// im2col / col2im, max-pool forward/backward, embedding gather / scatter-add, dropout.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadKernelsSync } from "../../core/src/wasm.ts";
import { rng, randn, randInt, putF, putI, getF, getI, assertClose, f32r } from "./_helpers.ts";

const k = loadKernelsSync();

test("conv2d via im2col + sgemm equals a direct float64 convolution; col2im is im2col's adjoint", () => {
  const r = rng(31);
  for (let t = 0; t < 12; t++) {
    const C = randInt(r, 1, 3), H = randInt(r, 3, 9), W = randInt(r, 3, 10), kh = randInt(r, 1, 3), kw = randInt(r, 1, 3);
    const pad = randInt(r, 0, 1), stride = randInt(r, 1, 2), F = randInt(r, 1, 5);
    const oh = Math.floor((H + 2 * pad - kh) / stride) + 1, ow = Math.floor((W + 2 * pad - kw) / stride) + 1;
    const x = f32r(randn(r, C * H * W)), w = f32r(randn(r, F * C * kh * kw));
    const want = new Float64Array(F * oh * ow);
    for (let f = 0; f < F; f++) for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) {
      let s = 0;
      for (let c = 0; c < C; c++) for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
        const iy = oy * stride - pad + i, ix = ox * stride - pad + j;
        if (iy >= 0 && iy < H && ix >= 0 && ix < W) s += x[(c * H + iy) * W + ix] * w[((f * C + c) * kh + i) * kw + j];
      }
      want[(f * oh + oy) * ow + ox] = s;
    }
    const rowsK = C * kh * kw, P = oh * ow;
    const col = k.alloc(rowsK * P * 4), out = k.alloc(F * P * 4);
    k.im2col(col, putF(k, x), C, H, W, kh, kw, pad, stride);
    k.sgemm(false, false, F, P, rowsK, 1, putF(k, w), rowsK, col, P, 0, out, P);
    assertClose(getF(k, out, F * P), want, `conv C${C} ${H}x${W} k${kh}x${kw} p${pad} s${stride}`, 1e-4, 1e-4);
    // adjoint: <im2col(x), g> == <x, col2im(g)>
    const g = f32r(randn(r, rowsK * P));
    const gx = putF(k, new Array(C * H * W).fill(0));
    k.col2im(gx, putF(k, g), C, H, W, kh, kw, pad, stride);
    const colv = getF(k, col, rowsK * P), gxv = getF(k, gx, C * H * W);
    const lhs = colv.reduce((s, v, i) => s + v * g[i], 0), rhs = x.reduce((s, v, i) => s + v * gxv[i], 0);
    assertClose([lhs], [rhs], "col2im adjoint", 1e-4, 1e-4);
  }
});

test("maxPool2d forward (values + argmax) and backward (accumulates)", () => {
  const r = rng(32);
  for (const [N, C, H, W, kk, s] of [[2, 3, 6, 6, 2, 2], [1, 2, 7, 5, 3, 2], [1, 1, 5, 5, 2, 1]]) {
    const x = f32r(randn(r, N * C * H * W));
    const oh = Math.floor((H - kk) / s) + 1, ow = Math.floor((W - kk) / s) + 1, n = N * C * oh * ow;
    const wantV: number[] = [], wantI: number[] = [];
    for (let p = 0; p < N * C; p++) for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) {
      let best = -Infinity, bi = -1;
      for (let i = 0; i < kk; i++) for (let j = 0; j < kk; j++) {
        const idx = p * H * W + (oy * s + i) * W + ox * s + j;
        if (x[idx] > best) { best = x[idx]; bi = idx; }
      }
      wantV.push(best); wantI.push(bi);
    }
    const out = k.alloc(n * 4), am = k.alloc(n * 4);
    k.maxPool2d(out, am, putF(k, x), N, C, H, W, kk, s);
    assert.equal(Array.from(getF(k, out, n)), wantV);
    assert.equal(Array.from(getI(k, am, n)), wantI);
    const gy = f32r(randn(r, n));
    const gx = putF(k, new Array(N * C * H * W).fill(0.5));
    k.maxPool2dBackward(gx, putF(k, gy), am, n);
    const want = new Float64Array(N * C * H * W).fill(0.5);
    wantI.forEach((idx, i) => { want[idx] += gy[i]; });
    assertClose(getF(k, gx, N * C * H * W), want, "maxPool2dBackward");
  }
});

test("gather and scatterAdd (repeated indices accumulate)", () => {
  const r = rng(33);
  const rowsT = 7, dim = 5, n = 11;
  const table = f32r(randn(r, rowsT * dim));
  const idx = Array.from({ length: n }, () => randInt(r, 0, rowsT - 1));
  const out = k.alloc(n * dim * 4), pidx = putI(k, idx);
  k.gather(out, putF(k, table), pidx, n, dim);
  assert.equal(Array.from(getF(k, out, n * dim)), idx.flatMap((i) => Array.from(table.subarray(i * dim, (i + 1) * dim))));
  const gOut = f32r(randn(r, n * dim));
  const gT = putF(k, new Array(rowsT * dim).fill(0));
  k.scatterAdd(gT, pidx, putF(k, gOut), n, dim);
  const want = new Float64Array(rowsT * dim);
  idx.forEach((row, i) => { for (let j = 0; j < dim; j++) want[row * dim + j] += gOut[i * dim + j]; });
  assertClose(getF(k, gT, rowsT * dim), want, "scatterAdd");
});

test("dropout: seeded and reproducible, mask ∈ {0, 1/(1-p)}, keep rate ≈ 1 - p, p = 0 keeps all", () => {
  const n = 20001, p = 0.3;
  const a = f32r(randn(rng(34), n));
  const pa = putF(k, a), out = k.alloc(n * 4), mask = k.alloc(n * 4), out2 = k.alloc(n * 4);
  k.dropout(out, mask, pa, n, p, 42);
  k.dropout(out2, 0, pa, n, p, 42);
  const o = getF(k, out, n), m = getF(k, mask, n), o2 = getF(k, out2, n);
  assert.equal(Array.from(o), Array.from(o2));
  const keep = Math.fround(1 / (1 - p));
  let kept = 0;
  for (let i = 0; i < n; i++) {
    assert.ok(m[i] === 0 || m[i] === keep);
    if (m[i] !== 0) kept++;
    assert.is(o[i], Math.fround(a[i] * m[i]));
  }
  assert.ok(Math.abs(kept / n - (1 - p)) < 0.015, `keep rate ${kept / n}`);
  k.dropout(out2, mask, pa, n, p, 43);
  assert.not.equal(Array.from(getF(k, out2, n)), Array.from(o));
  k.dropout(out2, mask, pa, n, 0, 1);
  assert.equal(Array.from(getF(k, out2, n)), Array.from(a));
});

test.run();
