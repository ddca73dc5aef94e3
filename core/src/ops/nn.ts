// Fused neural-network primitives: linear, softmax / logSoftmax (last dim), cross-entropy, layer
// norm, dropout, embedding gather, conv2d (im2col + SGEMM per image) and 2-d max pooling.
import { kernels, writeScratch } from "../backend.ts";
import { BinaryOp, ReduceOp, UnaryOp } from "../wasm.ts";
import { attach, contiguousStrides, formatShape, sizeOf, Tensor } from "../tensor.ts";
import { defaultGenerator, type Generator } from "../rng.ts";
import { assertFloat, copyInto, normAxis, sameShape } from "./util.ts";
import { reduceRaw } from "./reduce.ts";
import { reshape, transpose } from "./shape.ts";
import { binaryRaw } from "./elementwise.ts";

/** Contiguous handle (new view or copy), no autograd. */
function contig(t: Tensor): Tensor {
  if (t.isContiguous()) return t.view(t.shape, contiguousStrides(t.shape), t.offset);
  const out = Tensor.empty(t.shape, t.dtype);
  copyInto(out, t);
  return out;
}

function zerosRaw(shape: readonly number[]): Tensor {
  const t = Tensor.empty(shape);
  kernels().fill(t.ptr, t.size, 0);
  return t;
}

// ---- linear -------------------------------------------------------------------------------------
/** y = x·Wᵀ + b for x [..., in], W [out, in], b [out] (bias pre-filled, SGEMM with beta = 1). */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  assertFloat("linear", x, weight);
  if (bias) assertFloat("linear", bias);
  if (weight.ndim !== 2 || x.ndim < 1 || x.shape[x.ndim - 1] !== weight.shape[1]) {
    throw new Error(`linear: input shape ${formatShape(x.shape)} does not match weight shape ${formatShape(weight.shape)}`);
  }
  const [O, I] = weight.shape;
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== O)) throw new Error(`linear: bias shape ${formatShape(bias.shape)} does not match weight shape ${formatShape(weight.shape)}`);
  const K = kernels();
  const xc = contig(x);
  const wc = contig(weight);
  const rows = x.size / I;
  const out = Tensor.empty([...x.shape.slice(0, x.ndim - 1), O]);
  if (bias) {
    const bc = contig(bias);
    const [shp, st] = writeScratch([[rows, O], [0, 1]]);
    K.copyStrided(2, shp, out.ptr, bc.ptr, st);
    bc.free();
  }
  if (rows > 0) {
    if (I === 0) {
      if (!bias) K.fill(out.ptr, out.size, 0);
    } else K.sgemm(false, true, rows, O, I, 1, xc.ptr, I, wc.ptr, I, bias ? 1 : 0, out.ptr, O);
  }
  const inputs = bias ? [x, weight, bias] : [x, weight];
  if (!(x.requiresGrad || weight.requiresGrad || (bias && bias.requiresGrad))) {
    xc.free();
    wc.free();
    return out;
  }
  return attach(out, "linear", inputs, (g) => {
    const gc = contig(g);
    let gx: Tensor | null = null;
    let gw: Tensor | null = null;
    let gb: Tensor | null = null;
    if (x.requiresGrad) {
      gx = Tensor.empty(x.shape);
      K.sgemm(false, false, rows, I, O, 1, gc.ptr, O, wc.ptr, I, 0, gx.ptr, I);
    }
    if (weight.requiresGrad) {
      gw = Tensor.empty(weight.shape);
      K.sgemm(true, false, O, I, rows, 1, gc.ptr, O, xc.ptr, I, 0, gw.ptr, I);
    }
    if (bias && bias.requiresGrad) {
      gb = Tensor.empty([O]);
      K.reduce(ReduceOp.Sum, gb.ptr, gc.ptr, 1, rows, O);
    }
    gc.free();
    return bias ? [gx, gw, gb] : [gx, gw];
  });
}

// ---- softmax family -----------------------------------------------------------------------------
function lastDim(op: string, t: Tensor, dim: number, f: (t: Tensor) => Tensor): Tensor | null {
  const d = normAxis(op, dim, t.ndim);
  if (d === t.ndim - 1) return null;
  const tt = transpose(t, d, -1);
  const r = f(tt);
  const out = transpose(r, d, -1);
  return out;
}

export function softmax(t: Tensor, dim = -1): Tensor {
  assertFloat("softmax", t);
  if (t.ndim === 0) throw new Error("softmax: needs at least 1 dim");
  const other = lastDim("softmax", t, dim, (u) => softmax(u, -1));
  if (other) return other;
  const K = kernels();
  const cols = t.shape[t.ndim - 1];
  const rows = cols === 0 ? 0 : t.size / cols;
  const xc = contig(t);
  const y = Tensor.empty(t.shape);
  if (rows > 0) K.softmax(y.ptr, xc.ptr, rows, cols);
  xc.free();
  return attach(y, "softmax", [t], (g) => {
    // gx = y ⊙ (g − Σ_j g_j y_j)
    const gy = binaryRaw(BinaryOp.Mul, "softmax", g, y);
    const s = reduceRaw(ReduceOp.Sum, gy, [t.ndim - 1]);
    gy.free();
    const d = binaryRaw(BinaryOp.Sub, "softmax", g, s);
    s.free();
    const gx = binaryRaw(BinaryOp.Mul, "softmax", d, y);
    d.free();
    return [gx];
  });
}

export function logSoftmax(t: Tensor, dim = -1): Tensor {
  assertFloat("logSoftmax", t);
  if (t.ndim === 0) throw new Error("logSoftmax: needs at least 1 dim");
  const other = lastDim("logSoftmax", t, dim, (u) => logSoftmax(u, -1));
  if (other) return other;
  const K = kernels();
  const cols = t.shape[t.ndim - 1];
  const rows = cols === 0 ? 0 : t.size / cols;
  const xc = contig(t);
  const y = Tensor.empty(t.shape);
  if (rows > 0) K.logSoftmax(y.ptr, xc.ptr, rows, cols);
  xc.free();
  return attach(y, "logSoftmax", [t], (g) => {
    // gx = g − softmax ⊙ Σ_j g_j
    const s = reduceRaw(ReduceOp.Sum, g, [t.ndim - 1]);
    const e = Tensor.empty(t.shape);
    K.unary(UnaryOp.Exp, e.ptr, y.ptr, y.size, 0);
    const m = binaryRaw(BinaryOp.Mul, "logSoftmax", e, s);
    e.free();
    s.free();
    const gx = binaryRaw(BinaryOp.Sub, "logSoftmax", g, m);
    m.free();
    return [gx];
  });
}

// ---- cross-entropy ------------------------------------------------------------------------------
export type Reduction = "mean" | "sum" | "none";

export interface CrossEntropyOptions {
  ignoreIndex?: number;
  reduction?: Reduction;
}

function targetsToI32(op: string, targets: Tensor | ArrayLike<number>, n: number, classes: number, ignoreIndex: number): { t: Tensor; count: number } {
  let vals: ArrayLike<number>;
  if (targets instanceof Tensor) {
    targets.assertLive(op);
    if (targets.size !== n) throw new Error(`${op}: targets of shape ${formatShape(targets.shape)} do not match ${n} rows of input`);
    vals = targets.dtype === "int32" ? targets.toInt32Array() : targets.toFloat32Array();
  } else {
    if (targets.length !== n) throw new Error(`${op}: ${targets.length} targets for ${n} rows of input`);
    vals = targets;
  }
  const idx = Tensor.empty([n], "int32");
  const i32 = kernels().i32();
  const base = idx.ptr >> 2;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = vals[i];
    if (v === ignoreIndex) {
      i32[base + i] = -1;
      continue;
    }
    if (!Number.isInteger(v) || v < 0 || v >= classes) {
      idx.free();
      throw new Error(`${op}: target ${v} out of range for ${classes} classes`);
    }
    i32[base + i] = v;
    count++;
  }
  return { t: idx, count };
}

/**
 * Cross-entropy of logits [..., C] against integer class targets [...] (Tensor or array).
 * Rows whose target equals ignoreIndex (default −100) contribute nothing; 'mean' divides by the
 * number of non-ignored rows.
 */
export function crossEntropy(logits: Tensor, targets: Tensor | ArrayLike<number>, opts: CrossEntropyOptions = {}): Tensor {
  assertFloat("crossEntropy", logits);
  const ignoreIndex = opts.ignoreIndex ?? -100;
  const reduction = opts.reduction ?? "mean";
  if (logits.ndim < 1) throw new Error("crossEntropy: logits need at least 1 dim");
  const C = logits.shape[logits.ndim - 1];
  const rows = C === 0 ? 0 : logits.size / C;
  const { t: idx, count } = targetsToI32("crossEntropy", targets, rows, C, ignoreIndex);
  const K = kernels();
  const xc = contig(logits);
  const per = Tensor.empty([rows]);
  const needGrad = logits.requiresGrad;
  const scale = reduction === "mean" ? 1 / count : 1;
  const gl = needGrad ? Tensor.empty(logits.shape) : null;
  if (rows > 0) K.crossEntropy(xc.ptr, idx.ptr, rows, C, per.ptr, gl ? gl.ptr : 0, scale);
  xc.free();
  idx.free();
  let out: Tensor;
  if (reduction === "none") {
    out = per.view(logits.shape.slice(0, logits.ndim - 1), contiguousStrides(logits.shape.slice(0, logits.ndim - 1)), 0);
  } else {
    out = Tensor.empty([]);
    if (rows > 0) K.reduce(ReduceOp.Sum, out.ptr, per.ptr, 1, rows, 1);
    else K.fill(out.ptr, 1, 0);
    if (reduction === "mean") K.scale(out.ptr, 1, scale);
  }
  per.free();
  if (!gl) return out;
  return attach(out, "crossEntropy", [logits], (g) => {
    if (reduction === "none") {
      const gc = contig(g);
      const gv = gc.view([rows, 1], [1, 1], gc.offset);
      gc.free();
      const glv = gl.view([rows, C], [C, 1], gl.offset);
      const r = binaryRaw(BinaryOp.Mul, "crossEntropy", glv, gv);
      glv.free();
      gv.free();
      const rv = r.view(logits.shape, contiguousStrides(logits.shape), 0);
      r.free();
      return [rv];
    }
    const s = g.item();
    const r = Tensor.empty(logits.shape);
    K.fill(r.ptr, r.size, 0);
    K.axpy(r.size, s, gl.ptr, r.ptr);
    return [r];
  });
}

// ---- layer norm ---------------------------------------------------------------------------------
/** Normalise over the trailing dims `normalizedShape`, then scale by weight and shift by bias. */
export function layerNorm(x: Tensor, normalizedShape: readonly number[], weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  assertFloat("layerNorm", x);
  const k = normalizedShape.length;
  if (k === 0 || x.ndim < k || !sameShape(x.shape.slice(x.ndim - k), normalizedShape)) {
    throw new Error(`layerNorm: input shape ${formatShape(x.shape)} does not end with normalized shape ${formatShape(normalizedShape)}`);
  }
  for (const p of [weight, bias]) {
    if (p) {
      assertFloat("layerNorm", p);
      if (!sameShape(p.shape, normalizedShape)) throw new Error(`layerNorm: parameter shape ${formatShape(p.shape)} does not match normalized shape ${formatShape(normalizedShape)}`);
    }
  }
  const K = kernels();
  const cols = sizeOf(normalizedShape);
  const rows = cols === 0 ? 0 : x.size / cols;
  const xc = contig(x);
  const wc = weight ? contig(weight) : null;
  const bc = bias ? contig(bias) : null;
  const out = Tensor.empty(x.shape);
  const mean = Tensor.empty([rows]);
  const rstd = Tensor.empty([rows]);
  if (rows > 0) K.layerNorm(out.ptr, mean.ptr, rstd.ptr, xc.ptr, wc ? wc.ptr : 0, bc ? bc.ptr : 0, rows, cols, eps);
  bc?.free();
  const inputs = [x, ...(weight ? [weight] : []), ...(bias ? [bias] : [])];
  if (!inputs.some((t) => t.requiresGrad)) {
    xc.free();
    wc?.free();
    mean.free();
    rstd.free();
    return out;
  }
  return attach(out, "layerNorm", inputs, (g) => {
    const gc = contig(g);
    const gx = x.requiresGrad ? zerosRaw(x.shape) : null;
    const gw = weight && weight.requiresGrad ? zerosRaw(normalizedShape) : null;
    const gb = bias && bias.requiresGrad ? zerosRaw(normalizedShape) : null;
    K.layerNormBackward(gx ? gx.ptr : 0, gw ? gw.ptr : 0, gb ? gb.ptr : 0, gc.ptr, xc.ptr, mean.ptr, rstd.ptr, wc ? wc.ptr : 0, rows, cols);
    gc.free();
    const res: (Tensor | null)[] = [gx];
    if (weight) res.push(gw);
    if (bias) res.push(gb);
    return res;
  });
}

// ---- dropout ------------------------------------------------------------------------------------
/** Inverted dropout: zero each element with probability p and scale the rest by 1/(1−p). */
export function dropout(x: Tensor, p = 0.5, training = true, generator: Generator = defaultGenerator): Tensor {
  assertFloat("dropout", x);
  if (!(p >= 0 && p <= 1)) throw new Error(`dropout: probability ${p} not in [0, 1]`);
  if (!training || p === 0) return x;
  const K = kernels();
  const xc = contig(x);
  const out = Tensor.empty(x.shape);
  const mask = Tensor.empty(x.shape);
  K.dropout(out.ptr, mask.ptr, xc.ptr, out.size, p, generator.nextU32() | 0);
  xc.free();
  if (!x.requiresGrad) {
    mask.free();
    return out;
  }
  return attach(out, "dropout", [x], (g) => [binaryRaw(BinaryOp.Mul, "dropout", g, mask)]);
}

// ---- embedding ----------------------------------------------------------------------------------
/** Rows of `weight` [V, D] selected by integer indices of any shape → [...indices.shape, D]. */
export function embedding(weight: Tensor, indices: Tensor | ArrayLike<number>, shape?: readonly number[]): Tensor {
  assertFloat("embedding", weight);
  if (weight.ndim !== 2) throw new Error(`embedding: weight must be 2-d, got ${formatShape(weight.shape)}`);
  const [V, D] = weight.shape;
  let vals: ArrayLike<number>;
  let ishape: readonly number[];
  if (indices instanceof Tensor) {
    indices.assertLive("embedding");
    vals = indices.dtype === "int32" ? indices.toInt32Array() : indices.toFloat32Array();
    ishape = indices.shape;
  } else {
    vals = indices;
    ishape = shape ?? [indices.length];
  }
  const n = vals.length;
  const idx = Tensor.empty([n], "int32");
  const i32 = kernels().i32();
  const base = idx.ptr >> 2;
  for (let i = 0; i < n; i++) {
    const v = vals[i];
    if (!Number.isInteger(v) || v < 0 || v >= V) {
      idx.free();
      throw new Error(`embedding: index ${v} out of range for ${V} rows`);
    }
    i32[base + i] = v;
  }
  const K = kernels();
  const wc = contig(weight);
  const out = Tensor.empty([...ishape, D]);
  if (n > 0) K.gather(out.ptr, wc.ptr, idx.ptr, n, D);
  wc.free();
  if (!weight.requiresGrad) {
    idx.free();
    return out;
  }
  return attach(out, "embedding", [weight], (g) => {
    const gc = contig(g);
    const gw = zerosRaw([V, D]);
    if (n > 0) K.scatterAdd(gw.ptr, idx.ptr, gc.ptr, n, D);
    gc.free();
    return [gw];
  });
}

/** Entries of t along dim 0 picked by integer indices (differentiable in t): [N, ...] → [...idxShape, ...]. */
export function indexSelect(t: Tensor, indices: Tensor | ArrayLike<number>, shape?: readonly number[]): Tensor {
  assertFloat("indexSelect", t);
  if (t.ndim < 1) throw new Error("indexSelect: needs at least 1 dim");
  const rest = t.shape.slice(1);
  const t2 = reshape(t, [t.shape[0], sizeOf(rest)]);
  const rows = embedding(t2, indices, shape);
  return reshape(rows, [...rows.shape.slice(0, rows.ndim - 1), ...rest]);
}

// ---- conv2d / max-pool --------------------------------------------------------------------------
export interface Conv2dOptions {
  stride?: number;
  padding?: number;
}

/** 2-d convolution (cross-correlation), NCHW input, weight [O, C, kh, kw], square stride/padding. */
export function conv2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, opts: Conv2dOptions = {}): Tensor {
  assertFloat("conv2d", x, weight);
  const stride = opts.stride ?? 1;
  const pad = opts.padding ?? 0;
  if (x.ndim !== 4 || weight.ndim !== 4 || x.shape[1] !== weight.shape[1]) {
    throw new Error(`conv2d: input shape ${formatShape(x.shape)} does not match weight shape ${formatShape(weight.shape)} (expected [N, C, H, W] and [O, C, kh, kw])`);
  }
  const [N, C, H, W] = x.shape;
  const [O, , kh, kw] = weight.shape;
  if (bias) {
    assertFloat("conv2d", bias);
    if (bias.ndim !== 1 || bias.shape[0] !== O) throw new Error(`conv2d: bias shape ${formatShape(bias.shape)} does not match weight shape ${formatShape(weight.shape)}`);
  }
  const OH = Math.floor((H + 2 * pad - kh) / stride) + 1;
  const OW = Math.floor((W + 2 * pad - kw) / stride) + 1;
  if (OH <= 0 || OW <= 0) throw new Error(`conv2d: input ${formatShape(x.shape)} too small for kernel ${kh}x${kw} with padding ${pad}`);
  const K = kernels();
  const P = OH * OW;
  const CKK = C * kh * kw;
  const xc = contig(x);
  const wc = contig(weight);
  const out = Tensor.empty([N, O, OH, OW]);
  // When the weight needs a gradient, keep every image's columns for the backward pass instead of
  // recomputing im2col there (memory N·C·kh·kw·OH·OW floats for the step).
  const cache = weight.requiresGrad;
  const col = Tensor.empty(cache ? [N, CKK, P] : [CKK, P]);
  if (bias) {
    const bc = contig(bias);
    const [shp, st] = writeScratch([[N, O, P], [0, 1, 0]]);
    K.copyStrided(3, shp, out.ptr, bc.ptr, st);
    bc.free();
  }
  for (let n = 0; n < N; n++) {
    const cp = cache ? col.ptr + n * CKK * P * 4 : col.ptr;
    K.im2col(cp, xc.ptr + n * C * H * W * 4, C, H, W, kh, kw, pad, stride);
    K.sgemm(false, false, O, P, CKK, 1, wc.ptr, CKK, cp, P, bias ? 1 : 0, out.ptr + n * O * P * 4, P);
  }
  if (!cache) col.free();
  const inputs = bias ? [x, weight, bias] : [x, weight];
  if (!inputs.some((t) => t.requiresGrad)) {
    xc.free();
    wc.free();
    return out;
  }
  return attach(out, "conv2d", inputs, (g) => {
    const gc = contig(g);
    const gx = x.requiresGrad ? zerosRaw(x.shape) : null;
    const gw = weight.requiresGrad ? zerosRaw(weight.shape) : null;
    let gb: Tensor | null = null;
    const gcol = gx ? Tensor.empty([CKK, P]) : null;
    for (let n = 0; n < N; n++) {
      const gn = gc.ptr + n * O * P * 4;
      if (gw) K.sgemm(false, true, O, CKK, P, 1, gn, P, col.ptr + n * CKK * P * 4, P, 1, gw.ptr, CKK);
      if (gx && gcol) {
        K.sgemm(true, false, CKK, P, O, 1, wc.ptr, CKK, gn, P, 0, gcol.ptr, P);
        K.col2im(gx.ptr + n * C * H * W * 4, gcol.ptr, C, H, W, kh, kw, pad, stride);
      }
    }
    gcol?.free();
    if (bias && bias.requiresGrad) {
      const r = reduceRaw(ReduceOp.Sum, gc, [0, 2, 3]);
      gb = r.view([O], [1], r.offset);
      r.free();
    }
    gc.free();
    return bias ? [gx, gw, gb] : [gx, gw];
  });
}

/** 2-d max pooling without padding (kernel k, stride defaults to k). */
export function maxPool2d(x: Tensor, k: number, stride = k): Tensor {
  assertFloat("maxPool2d", x);
  if (x.ndim !== 4) throw new Error(`maxPool2d: expected input [N, C, H, W], got ${formatShape(x.shape)}`);
  const [N, C, H, W] = x.shape;
  const OH = Math.floor((H - k) / stride) + 1;
  const OW = Math.floor((W - k) / stride) + 1;
  if (OH <= 0 || OW <= 0) throw new Error(`maxPool2d: input ${formatShape(x.shape)} too small for kernel ${k}`);
  const K = kernels();
  const xc = contig(x);
  const out = Tensor.empty([N, C, OH, OW]);
  const arg = Tensor.empty([N, C, OH, OW], "int32");
  K.maxPool2d(out.ptr, arg.ptr, xc.ptr, N, C, H, W, k, stride);
  xc.free();
  if (!x.requiresGrad) {
    arg.free();
    return out;
  }
  return attach(out, "maxPool2d", [x], (g) => {
    const gc = contig(g);
    const gx = zerosRaw(x.shape);
    K.maxPool2dBackward(gx.ptr, gc.ptr, arg.ptr, out.size);
    gc.free();
    return [gx];
  });
}

