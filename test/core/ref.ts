// Float64 reference implementations and checking helpers for the core tests (not a test file).
import * as assert from "uvu/assert";
import { Tensor, tensor, tidy } from "../../core/src/index.ts";

// ---- a tiny independent RNG (mulberry32) for test data ----
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- f64 n-d arrays ----
export class Nd {
  constructor(
    readonly data: Float64Array,
    readonly shape: number[],
  ) {
    if (data.length !== size(shape)) throw new Error(`Nd: ${data.length} values for shape [${shape}]`);
  }
  get size(): number {
    return this.data.length;
  }
  clone(): Nd {
    return new Nd(this.data.slice(), this.shape.slice());
  }
}

export function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function strides(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = s;
    s *= shape[i];
  }
  return st;
}

/** Random values in [lo, hi), rounded to f32 so core and reference see identical inputs. */
export function randNd(r: () => number, shape: number[], lo = -1, hi = 1, awayFromZero = 0): Nd {
  const d = new Float64Array(size(shape));
  for (let i = 0; i < d.length; i++) {
    let v = lo + (hi - lo) * r();
    if (awayFromZero > 0 && Math.abs(v) < awayFromZero) v = v < 0 ? -awayFromZero - r() * 0.5 : awayFromZero + r() * 0.5;
    d[i] = Math.fround(v);
  }
  return new Nd(d, shape);
}

export function fromFn(shape: number[], f: (idx: number[]) => number): Nd {
  const out = new Float64Array(size(shape));
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < out.length; i++) {
    out[i] = f(idx);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return new Nd(out, shape.slice());
}

export function at(a: Nd, idx: readonly number[]): number {
  let off = 0;
  const st = strides(a.shape);
  for (let i = 0; i < idx.length; i++) off += idx[i] * st[i];
  return a.data[off];
}

export function map(a: Nd, f: (x: number) => number): Nd {
  return new Nd(a.data.map(f), a.shape.slice());
}

export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new Error("ref: not broadcastable");
    out.push(Math.max(da, db));
  }
  return out;
}

function bidx(a: Nd, idx: readonly number[]): number {
  const off = idx.length - a.shape.length;
  const st = strides(a.shape);
  let o = 0;
  for (let i = 0; i < a.shape.length; i++) o += (a.shape[i] === 1 ? 0 : idx[off + i]) * st[i];
  return a.data[o];
}

export function zip(a: Nd, b: Nd, f: (x: number, y: number) => number): Nd {
  const shape = broadcastShape(a.shape, b.shape);
  return fromFn(shape, (idx) => f(bidx(a, idx), bidx(b, idx)));
}

export function reduce(a: Nd, axes: number[], keepdim: boolean, kind: "sum" | "mean" | "max"): Nd {
  const ax = axes.map((x) => (x < 0 ? x + a.shape.length : x));
  const kshape = a.shape.map((d, i) => (ax.includes(i) ? 1 : d));
  const out = new Float64Array(size(kshape)).fill(kind === "max" ? -Infinity : 0);
  const kst = strides(kshape);
  const idx = new Array<number>(a.shape.length).fill(0);
  for (let i = 0; i < a.size; i++) {
    let o = 0;
    for (let d = 0; d < idx.length; d++) if (!ax.includes(d)) o += idx[d] * kst[d];
    if (kind === "max") out[o] = Math.max(out[o], a.data[i]);
    else out[o] += a.data[i];
    for (let d = a.shape.length - 1; d >= 0; d--) {
      if (++idx[d] < a.shape[d]) break;
      idx[d] = 0;
    }
  }
  if (kind === "mean") {
    const c = size(ax.map((x) => a.shape[x]));
    for (let i = 0; i < out.length; i++) out[i] /= c;
  }
  return new Nd(out, keepdim ? kshape : a.shape.filter((_, i) => !ax.includes(i)));
}

export function permute(a: Nd, dims: number[]): Nd {
  const shape = dims.map((d) => a.shape[d]);
  return fromFn(shape, (idx) => {
    const src = new Array<number>(dims.length);
    dims.forEach((d, i) => (src[d] = idx[i]));
    return at(a, src);
  });
}

export function reshape(a: Nd, shape: number[]): Nd {
  return new Nd(a.data.slice(), shape);
}

export function narrow(a: Nd, dim: number, start: number, len: number): Nd {
  const shape = a.shape.slice();
  shape[dim] = len;
  return fromFn(shape, (idx) => {
    const s = idx.slice();
    s[dim] += start;
    return at(a, s);
  });
}

export function cat(xs: Nd[], dim: number): Nd {
  const shape = xs[0].shape.slice();
  shape[dim] = xs.reduce((s, x) => s + x.shape[dim], 0);
  return fromFn(shape, (idx) => {
    let k = idx[dim];
    for (const x of xs) {
      if (k < x.shape[dim]) {
        const s = idx.slice();
        s[dim] = k;
        return at(x, s);
      }
      k -= x.shape[dim];
    }
    throw new Error("cat");
  });
}

export function stack(xs: Nd[], dim: number): Nd {
  const shape = xs[0].shape.slice();
  shape.splice(dim, 0, xs.length);
  return fromFn(shape, (idx) => {
    const s = idx.slice();
    const [k] = s.splice(dim, 1);
    return at(xs[k], s);
  });
}

/** Batched matmul with matching batch dims or a 2-d operand. */
export function matmul(a: Nd, b: Nd): Nd {
  const M = a.shape[a.shape.length - 2];
  const K = a.shape[a.shape.length - 1];
  const N = b.shape[b.shape.length - 1];
  const batch = a.shape.length > 2 ? a.shape.slice(0, -2) : b.shape.slice(0, -2);
  return fromFn([...batch, M, N], (idx) => {
    const bi = idx.slice(0, -2);
    const [i, j] = idx.slice(-2);
    let s = 0;
    for (let k = 0; k < K; k++) {
      const av = at(a, a.shape.length > 2 ? [...bi, i, k] : [i, k]);
      const bv = at(b, b.shape.length > 2 ? [...bi, k, j] : [k, j]);
      s += av * bv;
    }
    return s;
  });
}

export function transpose2(a: Nd): Nd {
  const n = a.shape.length;
  const dims = a.shape.map((_, i) => i);
  dims[n - 2] = n - 1;
  dims[n - 1] = n - 2;
  return permute(a, dims);
}

export function softmaxLast(a: Nd, log = false): Nd {
  const C = a.shape[a.shape.length - 1];
  const out = new Float64Array(a.size);
  for (let r = 0; r < a.size / C; r++) {
    let m = -Infinity;
    for (let j = 0; j < C; j++) m = Math.max(m, a.data[r * C + j]);
    let s = 0;
    for (let j = 0; j < C; j++) s += Math.exp(a.data[r * C + j] - m);
    for (let j = 0; j < C; j++) out[r * C + j] = log ? a.data[r * C + j] - m - Math.log(s) : Math.exp(a.data[r * C + j] - m) / s;
  }
  return new Nd(out, a.shape.slice());
}

export function layerNormRef(x: Nd, cols: number, w: Nd | null, b: Nd | null, eps = 1e-5): Nd {
  const out = new Float64Array(x.size);
  for (let r = 0; r < x.size / cols; r++) {
    let mu = 0;
    for (let j = 0; j < cols; j++) mu += x.data[r * cols + j];
    mu /= cols;
    let v = 0;
    for (let j = 0; j < cols; j++) v += (x.data[r * cols + j] - mu) ** 2;
    v /= cols;
    const rs = 1 / Math.sqrt(v + eps);
    for (let j = 0; j < cols; j++) out[r * cols + j] = (x.data[r * cols + j] - mu) * rs * (w ? w.data[j] : 1) + (b ? b.data[j] : 0);
  }
  return new Nd(out, x.shape.slice());
}

export function linearRef(x: Nd, w: Nd, b: Nd | null): Nd {
  const y = matmul(x.shape.length === 2 ? x : reshape(x, [size(x.shape.slice(0, -1)), x.shape[x.shape.length - 1]]), transpose2(w));
  const z = b ? zip(y, b, (p, q) => p + q) : y;
  return reshape(z, [...x.shape.slice(0, -1), w.shape[0]]);
}

export const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** erf by Abramowitz-Stegun 7.1.26 is too coarse; use a series/continued fraction accurate to ~1e-12. */
export function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  if (a < 3) {
    // Taylor series
    let sum = a;
    let term = a;
    for (let n = 1; n < 200; n++) {
      term *= (-a * a) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17) break;
    }
    return (s * 2 * sum) / Math.sqrt(Math.PI);
  }
  // continued fraction for erfc
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (a + f);
  const erfc = Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + f);
  return s * (1 - erfc);
}

export const geluRef = (v: number) => 0.5 * v * (1 + erf(v / Math.SQRT2));

// ---- core <-> reference ----
export function toCore(a: Nd, requiresGrad = false): Tensor {
  return tensor(Float32Array.from(a.data), a.shape, { requiresGrad });
}

export function fromCore(t: Tensor): Nd {
  return new Nd(Float64Array.from(t.toFloat32Array()), t.shape.slice());
}

export function close(actual: Nd | Tensor, expected: Nd, atol: number, rtol: number, what: string): void {
  const a = actual instanceof Tensor ? fromCore(actual) : actual;
  assert.equal(a.shape, expected.shape, `${what}: shape`);
  let worst = 0;
  let wi = -1;
  for (let i = 0; i < a.size; i++) {
    const err = Math.abs(a.data[i] - expected.data[i]) - (atol + rtol * Math.abs(expected.data[i]));
    if (!(err <= worst)) {
      worst = Number.isNaN(err) ? Infinity : err;
      wi = i;
    }
  }
  if (wi >= 0) assert.unreachable(`${what}: element ${wi} is ${a.data[wi]}, expected ${expected.data[wi]} (atol ${atol}, rtol ${rtol})`);
}

/** Central finite differences of L(xs) = Σ f(xs)·w with respect to every input. */
export function numericGrads(f: (xs: Nd[]) => Nd, xs: Nd[], w: Nd, h = 1e-6): Nd[] {
  const loss = (ins: Nd[]) => {
    const y = f(ins);
    let s = 0;
    for (let i = 0; i < y.size; i++) s += y.data[i] * w.data[i];
    return s;
  };
  return xs.map((x, k) => {
    const g = new Float64Array(x.size);
    for (let i = 0; i < x.size; i++) {
      const orig = x.data[i];
      x.data[i] = orig + h;
      const lp = loss(xs.map((y, j) => (j === k ? x : y)));
      x.data[i] = orig - h;
      const lm = loss(xs.map((y, j) => (j === k ? x : y)));
      x.data[i] = orig;
      g[i] = (lp - lm) / (2 * h);
    }
    return new Nd(g, x.shape.slice());
  });
}

export type Layout = "contiguous" | "transposed" | "sliced";

/**
 * Make a core input holding the values of `a` with the given memory layout: "transposed" stores the
 * data with the last two dims swapped and returns a transposed view; "sliced" embeds it in a larger
 * buffer and returns a narrow view (offset and non-unit row stride). Returns the leaf and the view,
 * plus a function mapping the leaf's gradient back to the logical layout.
 */
export function layoutInput(a: Nd, layout: Layout): { leaf: Tensor; view: () => Tensor; gradOf: (leafGrad: Nd) => Nd } {
  if (layout === "contiguous" || a.shape.length < 2) {
    const leaf = toCore(a, true);
    return { leaf, view: () => leaf, gradOf: (g) => g };
  }
  if (layout === "transposed") {
    const leaf = toCore(transpose2(a), true);
    return { leaf, view: () => leaf.transpose(-2, -1), gradOf: (g) => transpose2(g) };
  }
  const n = a.shape.length;
  const big = a.shape.slice();
  big[n - 1] += 3;
  const padded = fromFn(big, (idx) => (idx[n - 1] >= 1 && idx[n - 1] <= a.shape[n - 1] ? at(a, [...idx.slice(0, -1), idx[n - 1] - 1]) : 7));
  const leaf = toCore(padded, true);
  return { leaf, view: () => leaf.narrow(-1, 1, a.shape[n - 1]), gradOf: (g) => narrow(g, n - 1, 1, a.shape[n - 1]) };
}

export interface GradCheck {
  name: string;
  inputs: Nd[];
  core: (xs: Tensor[]) => Tensor;
  ref: (xs: Nd[]) => Nd;
  layouts?: Layout[];
  /** indices of inputs that should not be differentiated (e.g. positive-only domains are fine) */
  noGrad?: number[];
  fwdTol?: [number, number];
  gradTol?: [number, number];
  seed?: number;
}

/** Forward against the f64 reference, gradient against central differences of the reference. */
export function checkOp(c: GradCheck): void {
  const r = rng(c.seed ?? 1234);
  const [fa, fr] = c.fwdTol ?? [1e-5, 1e-4];
  const [ga, gr] = c.gradTol ?? [1e-3, 1e-3];
  tidy(() => {
    const made = c.inputs.map((x, i) => layoutInput(x, c.layouts?.[i] ?? "contiguous"));
    const views = made.map((m) => m.view());
    const y = c.core(views);
    const yr = c.ref(c.inputs);
    close(y, yr, fa + 1e-6, fr, `${c.name} forward`);
    const w = randNd(r, yr.shape.slice(), -1, 1);
    const loss = y.mul(toCore(w)).sum();
    loss.backward();
    const num = numericGrads(c.ref, c.inputs.map((x) => x.clone()), w);
    made.forEach((m, i) => {
      if (c.noGrad?.includes(i)) return;
      assert.ok(m.leaf.grad, `${c.name}: input ${i} got no gradient`);
      close(m.gradOf(fromCore(m.leaf.grad!)), num[i], ga, gr, `${c.name} grad of input ${i}`);
    });
  });
}
