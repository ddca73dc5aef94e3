// Element-wise kernels against float64 references: strided N-d binary ops with broadcasting (stride 0)
// and non-contiguous views, copyStrided, unary ops and their derivatives, fill/axpy/scale/sumSquares.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadKernelsSync, BinaryOp, UnaryOp } from "../../core/src/wasm.ts";
import { rng, randn, randInt, putF, putI, getF, assertClose, f32r } from "./_helpers.ts";

const k = loadKernelsSync();

const binRef: Record<number, (x: number, y: number) => number> = {
  [BinaryOp.Add]: (x, y) => x + y,
  [BinaryOp.Sub]: (x, y) => x - y,
  [BinaryOp.Mul]: (x, y) => x * y,
  [BinaryOp.Div]: (x, y) => x / y,
  [BinaryOp.Max]: (x, y) => Math.max(x, y),
  [BinaryOp.Min]: (x, y) => Math.min(x, y),
  [BinaryOp.Pow]: (x, y) => Math.pow(x, y),
  [BinaryOp.Eq]: (x, y) => (x === y ? 1 : 0),
  [BinaryOp.Gt]: (x, y) => (x > y ? 1 : 0),
  [BinaryOp.Lt]: (x, y) => (x < y ? 1 : 0),
};

function contiguousStrides(shape: number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) { s[d] = acc; acc *= shape[d]; }
  return s;
}

/** A random strided view of `shape` inside a bigger buffer: broadcast axes (stride 0), permuted and padded strides. */
function randomView(r: () => number, shape: number[]): { strides: number[]; size: number; offset: number } {
  const nd = shape.length;
  const order = [...Array(nd).keys()];
  if (r() < 0.5) order.sort(() => r() - 0.5);
  const strides = new Array<number>(nd).fill(0);
  let acc = 1;
  for (let i = nd - 1; i >= 0; i--) {
    const d = order[i];
    if (shape[d] === 1 || r() < 0.2) { strides[d] = 0; continue; } // broadcast
    const step = r() < 0.3 ? 2 : 1;
    strides[d] = acc * step;
    acc *= shape[d] * step + (r() < 0.3 ? 1 : 0);
  }
  const offset = randInt(r, 0, 3);
  return { strides, size: acc + offset + 1, offset };
}

function forEachIndex(shape: number[], f: (idx: number[], flat: number) => void): void {
  const n = shape.reduce((a, b) => a * b, 1);
  const idx = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < n; flat++) {
    f(idx, flat);
    for (let d = shape.length - 1; d >= 0; d--) { if (++idx[d] < shape[d]) break; idx[d] = 0; }
  }
}

test("binary: every op, random 1–6-d shapes, broadcasting and non-contiguous strides", () => {
  const r = rng(3);
  for (let t = 0; t < 200; t++) {
    const op = t % 10;
    const nd = randInt(r, 1, 6);
    const shape = Array.from({ length: nd }, () => randInt(r, 1, nd > 3 ? 3 : 9));
    const va = randomView(r, shape), vb = randomView(r, shape);
    let a = f32r(randn(r, va.size, 3)), b = f32r(randn(r, vb.size, 3));
    if (op === BinaryOp.Pow) { a = a.map(Math.abs); b = f32r(b.map((x) => x / 2)); }
    if (op === BinaryOp.Eq) b = Float64Array.from(b, (x, i) => (i % 2 ? a[i % a.length] : x));
    const n = shape.reduce((x, y) => x * y, 1);
    const want = new Float64Array(n);
    forEachIndex(shape, (idx, flat) => {
      let oa = va.offset, ob = vb.offset;
      for (let d = 0; d < nd; d++) { oa += idx[d] * va.strides[d]; ob += idx[d] * vb.strides[d]; }
      want[flat] = binRef[op](a[oa], b[ob]);
    });
    const pa = putF(k, a), pb = putF(k, b), out = k.alloc(n * 4);
    const ps = putI(k, shape), pas = putI(k, va.strides), pbs = putI(k, vb.strides);
    k.binary(op as BinaryOp, nd, ps, out, pa + 4 * va.offset, pas, pb + 4 * vb.offset, pbs);
    assertClose(getF(k, out, n), want, `binary op ${op} shape [${shape}] a ${va.strides} b ${vb.strides}`, 2e-6, 1e-6);
  }
});

test("binary: contiguous fast paths (both contiguous, scalar broadcast either side) with odd lengths", () => {
  const r = rng(5);
  for (const n of [1, 3, 4, 7, 16, 33, 130]) {
    for (let op = 0; op < 10; op++) {
      for (const [sa, sb] of [[1, 1], [1, 0], [0, 1]]) {
        const a = f32r(randn(r, n, 2).map((x) => (op === BinaryOp.Pow ? Math.abs(x) : x)));
        const b = f32r(randn(r, n, 2));
        const pa = putF(k, a), pb = putF(k, b), out = k.alloc(n * 4);
        k.binary(op as BinaryOp, 1, putI(k, [n]), out, pa, putI(k, [sa]), pb, putI(k, [sb]));
        const want = Array.from({ length: n }, (_, i) => binRef[op](a[i * sa], b[i * sb]));
        assertClose(getF(k, out, n), want, `binary op ${op} n=${n} strides ${sa},${sb}`, 2e-6, 1e-6);
      }
    }
  }
});

test("binary: NaN propagates through max/min", () => {
  const pa = putF(k, [NaN, 1, 2, NaN, 5]), pb = putF(k, [1, NaN, 3, 4, 0]), out = k.alloc(20);
  k.binary(BinaryOp.Max, 1, putI(k, [5]), out, pa, putI(k, [1]), pb, putI(k, [1]));
  const got = getF(k, out, 5);
  assert.ok(Number.isNaN(got[0]) && Number.isNaN(got[1]) && got[2] === 3 && Number.isNaN(got[3]) && got[4] === 5);
});

test("copyStrided: transposes, slices and broadcasts into a contiguous buffer", () => {
  const r = rng(8);
  for (let t = 0; t < 60; t++) {
    const nd = randInt(r, 1, 6);
    const shape = Array.from({ length: nd }, () => randInt(r, 1, 5));
    const v = randomView(r, shape);
    const a = f32r(randn(r, v.size));
    const n = shape.reduce((x, y) => x * y, 1);
    const want = new Float64Array(n);
    forEachIndex(shape, (idx, flat) => { let o = v.offset; for (let d = 0; d < nd; d++) o += idx[d] * v.strides[d]; want[flat] = a[o]; });
    const out = k.alloc(n * 4);
    k.copyStrided(nd, putI(k, shape), out, putF(k, a) + 4 * v.offset, putI(k, v.strides));
    assert.equal(Array.from(getF(k, out, n)), Array.from(want));
  }
  const c = contiguousStrides([2, 3]);
  assert.equal(c, [3, 1]);
});

const erf = (x: number): number => {
  // float64 reference by series / continued fraction (independent of the kernel's approximation)
  const ax = Math.abs(x);
  if (ax < 3) {
    let sum = 0, term = ax;
    for (let n = 0; n < 200; n++) { sum += term / (2 * n + 1); term *= -ax * ax / (n + 1); }
    return Math.sign(x) * sum * 2 / Math.sqrt(Math.PI);
  }
  let f = 0;
  for (let n = 60; n >= 1; n--) f = (n / 2) / (ax + f);
  return Math.sign(x) * (1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f));
};

const unRef: Record<number, [(x: number, al: number) => number, (x: number, al: number) => number]> = {
  [UnaryOp.Neg]: [(x) => -x, () => -1],
  [UnaryOp.Exp]: [(x) => Math.exp(x), (x) => Math.exp(x)],
  [UnaryOp.Log]: [(x) => Math.log(x), (x) => 1 / x],
  [UnaryOp.Tanh]: [(x) => Math.tanh(x), (x) => 1 - Math.tanh(x) ** 2],
  [UnaryOp.Sigmoid]: [(x) => 1 / (1 + Math.exp(-x)), (x) => { const s = 1 / (1 + Math.exp(-x)); return s * (1 - s); }],
  [UnaryOp.Relu]: [(x) => Math.max(x, 0), (x) => (x > 0 ? 1 : 0)],
  [UnaryOp.Gelu]: [(x) => 0.5 * x * (1 + erf(x / Math.SQRT2)), (x) => 0.5 * (1 + erf(x / Math.SQRT2)) + x * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI)],
  [UnaryOp.Sqrt]: [(x) => Math.sqrt(x), (x) => 0.5 / Math.sqrt(x)],
  [UnaryOp.Abs]: [(x) => Math.abs(x), (x) => Math.sign(x)],
  [UnaryOp.Square]: [(x) => x * x, (x) => 2 * x],
  [UnaryOp.Recip]: [(x) => 1 / x, (x) => -1 / (x * x)],
  [UnaryOp.Step]: [(x) => (x > 0 ? 1 : 0), () => 0],
  [UnaryOp.LeakyRelu]: [(x, al) => (x > 0 ? x : al * x), (x, al) => (x > 0 ? 1 : al)],
};

test("unary + unaryBackward: every op, odd lengths, gradA accumulates", () => {
  const r = rng(11);
  for (let op = 0; op <= 12; op++) {
    for (const n of [1, 5, 8, 37, 203]) {
      const positive = op === UnaryOp.Log || op === UnaryOp.Sqrt;
      let x = randn(r, n, 4);
      if (positive) x = x.map((v) => Math.abs(v) + 0.1);
      if (op === UnaryOp.Recip) x = x.map((v) => (v < 0 ? v - 0.2 : v + 0.2));
      x = f32r(x);
      const alpha = 0.01 + r() * 0.2;
      const [f, df] = unRef[op];
      const px = putF(k, x), py = k.alloc(n * 4);
      k.unary(op as UnaryOp, py, px, n, alpha);
      assertClose(getF(k, py, n), Array.from(x, (v) => f(v, alpha)), `unary ${op} n=${n}`, 2e-6, 2e-6);
      const gy = f32r(randn(r, n)), g0 = f32r(randn(r, n));
      const pg = putF(k, g0);
      k.unaryBackward(op as UnaryOp, pg, px, py, putF(k, gy), n, alpha);
      assertClose(getF(k, pg, n), Array.from(x, (v, i) => g0[i] + df(v, alpha) * gy[i]), `unaryBackward ${op} n=${n}`, 1e-5, 1e-5);
    }
  }
});

test("SIMD exp / sigmoid / tanh / gelu: extremes, NaN and lanes agree with the scalar tail", () => {
  const xs = [-200, -100, -87, -20, -5, -1e-3, 0, 1e-6, 0.2, 0.3, 3, 20, 88, 89, 200, NaN, -0, 1e-30, -0.26, 0.24];
  const n = xs.length;
  const px = putF(k, xs), py = k.alloc(n * 4), pt = k.alloc(4);
  for (const op of [UnaryOp.Exp, UnaryOp.Sigmoid, UnaryOp.Tanh, UnaryOp.Gelu]) {
    k.unary(op, py, px, n, 0);
    const got = getF(k, py, n);
    const f = unRef[op][0];
    for (let i = 0; i < n; i++) {
      const want = Math.fround(f(xs[i], 0));
      // the same value through the scalar tail (n = 1)
      k.unary(op, pt, px + 4 * i, 1, 0);
      const tail = getF(k, pt, 1)[0];
      for (const [what, v] of [["simd", got[i]], ["scalar", tail]] as [string, number][]) {
        if (Number.isNaN(want)) { assert.ok(Number.isNaN(v), `${what} op ${op} at ${xs[i]}`); continue; }
        if (!Number.isFinite(want)) { assert.is(v, want, `${what} op ${op} at ${xs[i]}`); continue; }
        assert.ok(Math.abs(v - want) <= 2e-6 * Math.abs(want) + 1e-30 + (op === UnaryOp.Gelu ? 2e-7 : 0), `${what} op ${op} at ${xs[i]}: ${v} vs ${want}`);
      }
    }
  }
});

test("unary in place (out = a) works", () => {
  const p = putF(k, [-1, 2, -3, 4, -5]);
  k.unary(UnaryOp.Relu, p, p, 5, 0);
  assert.equal(Array.from(getF(k, p, 5)), [0, 2, 0, 4, 0]);
});

test("fill, axpy, scale, sumSquares", () => {
  const r = rng(12);
  for (const n of [1, 3, 4, 9, 100]) {
    const x = f32r(randn(r, n)), y = f32r(randn(r, n));
    const px = putF(k, x), py = putF(k, y);
    k.axpy(n, 0.5, px, py);
    assertClose(getF(k, py, n), Array.from(y, (v, i) => v + 0.5 * x[i]), "axpy");
    k.scale(px, n, -2);
    assertClose(getF(k, px, n), Array.from(x, (v) => -2 * v), "scale");
    const ss = k.sumSquares(px, n);
    assertClose([ss], [x.reduce((s, v) => s + 4 * v * v, 0)], "sumSquares", 1e-6, 1e-6);
    k.fill(px, n, 3.5);
    assert.equal(Array.from(getF(k, px, n)), new Array(n).fill(3.5));
  }
});

test.run();
