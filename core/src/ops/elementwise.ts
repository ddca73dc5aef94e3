// Element-wise ops: binary with NumPy broadcasting (strided kernel, any layout) and unary (contiguous
// kernel; non-contiguous inputs are copied first). Gradients of broadcast operands are summed back.
import { kernels, writeScratch } from "../backend.ts";
import { BinaryOp, UnaryOp } from "../wasm.ts";
import { attach, full, Tensor } from "../tensor.ts";
import { assertFloat, broadcastShapes, broadcastStrides, mergeDims } from "./util.ts";
import { sumTo } from "./reduce.ts";
import { contiguous } from "./shape.ts";

/** Non-differentiable binary kernel call: out = a op b with broadcasting. */
export function binaryRaw(op: BinaryOp, name: string, a: Tensor, b: Tensor): Tensor {
  assertFloat(name, a, b);
  const shape = broadcastShapes(name, a.shape, b.shape);
  const out = Tensor.empty(shape);
  if (out.size === 0) return out;
  const m = mergeDims(shape, [out.strides, broadcastStrides(a, shape), broadcastStrides(b, shape)]);
  if (m.shape.length > 6) {
    throw new Error(`${name}: too many non-mergeable dims (${m.shape.length} > 6) for shapes [${a.shape}] and [${b.shape}]`);
  }
  const [shp, sa, sb] = writeScratch([m.shape, m.strides[1], m.strides[2]]);
  kernels().binary(op, m.shape.length, shp, out.ptr, a.ptr, sa, b.ptr, sb);
  return out;
}

/** Contiguous handle of t (a new view or a copy) without autograd. */
function contig(t: Tensor): Tensor {
  if (t.isContiguous()) return t.view();
  const out = Tensor.empty(t.shape, t.dtype);
  const m = mergeDims(t.shape, [out.strides, t.strides]);
  if (m.shape.length <= 6) {
    const [shp, st] = writeScratch([m.shape, m.strides[1]]);
    kernels().copyStrided(m.shape.length, shp, out.ptr, t.ptr, st);
    return out;
  }
  out.free();
  return contiguous(t);
}

/** out = alpha·a + beta (contiguous result; no autograd). */
export function affineRaw(a: Tensor, alpha: number, beta: number): Tensor {
  const K = kernels();
  const ac = contig(a);
  const out = Tensor.empty(a.shape);
  K.fill(out.ptr, out.size, beta);
  K.axpy(out.size, alpha, ac.ptr, out.ptr);
  ac.free();
  return out;
}

/** Sum t to `shape`, freeing t if a new tensor was made. */
function reduceOwned(t: Tensor, shape: readonly number[]): Tensor {
  const r = sumTo(t, shape);
  if (r !== t) t.free();
  return r;
}

function scalarT(v: number): Tensor {
  return full([], v);
}

function toT(b: Tensor | number): Tensor {
  return typeof b === "number" ? scalarT(b) : b;
}

export function add(a: Tensor, b: Tensor | number): Tensor {
  if (typeof b === "number") {
    assertFloat("add", a);
    return attach(affineRaw(a, 1, b), "add", [a], (g) => [g]);
  }
  const out = binaryRaw(BinaryOp.Add, "add", a, b);
  return attach(out, "add", [a, b], (g) => [a.requiresGrad ? sumTo(g, a.shape) : null, b.requiresGrad ? sumTo(g, b.shape) : null]);
}

export function sub(a: Tensor, b: Tensor | number): Tensor {
  if (typeof b === "number") return add(a, -b);
  const out = binaryRaw(BinaryOp.Sub, "sub", a, b);
  return attach(out, "sub", [a, b], (g) => [
    a.requiresGrad ? sumTo(g, a.shape) : null,
    b.requiresGrad ? reduceOwned(affineRaw(g, -1, 0), b.shape) : null,
  ]);
}

export function mul(a: Tensor, b: Tensor | number): Tensor {
  if (typeof b === "number") {
    assertFloat("mul", a);
    return attach(affineRaw(a, b, 0), "mul", [a], (g) => [affineRaw(g, b, 0)]);
  }
  const out = binaryRaw(BinaryOp.Mul, "mul", a, b);
  return attach(out, "mul", [a, b], (g) => [
    a.requiresGrad ? reduceOwned(binaryRaw(BinaryOp.Mul, "mul", g, b), a.shape) : null,
    b.requiresGrad ? reduceOwned(binaryRaw(BinaryOp.Mul, "mul", g, a), b.shape) : null,
  ]);
}

export function div(a: Tensor, b: Tensor | number): Tensor {
  if (typeof b === "number") return mul(a, 1 / b);
  const out = binaryRaw(BinaryOp.Div, "div", a, b);
  return attach(out, "div", [a, b], (g) => {
    const gb = binaryRaw(BinaryOp.Div, "div", g, b);
    let rb: Tensor | null = null;
    if (b.requiresGrad) {
      const q = binaryRaw(BinaryOp.Div, "div", a, b);
      const t = binaryRaw(BinaryOp.Mul, "mul", gb, q);
      q.free();
      const n = affineRaw(t, -1, 0);
      t.free();
      rb = reduceOwned(n, b.shape);
    }
    const ra = a.requiresGrad ? reduceOwned(gb, a.shape) : (gb.free(), null);
    return [ra, rb];
  });
}

export function pow(a: Tensor, b: Tensor | number): Tensor {
  const bt = toT(b);
  const out = binaryRaw(BinaryOp.Pow, "pow", a, bt);
  return attach(out, "pow", [a, bt], (g) => {
    let ra: Tensor | null = null;
    let rb: Tensor | null = null;
    if (a.requiresGrad) {
      // d/da a^b = b·a^(b-1)
      const bm1 = affineRaw(bt, 1, -1);
      const p = binaryRaw(BinaryOp.Pow, "pow", a, bm1);
      bm1.free();
      const t = binaryRaw(BinaryOp.Mul, "mul", p, bt);
      p.free();
      const u = binaryRaw(BinaryOp.Mul, "mul", t, g);
      t.free();
      ra = reduceOwned(u, a.shape);
    }
    if (bt.requiresGrad) {
      // d/db a^b = a^b·ln a
      const la = unaryRaw(UnaryOp.Log, a, 0);
      const y = binaryRaw(BinaryOp.Pow, "pow", a, bt);
      const t = binaryRaw(BinaryOp.Mul, "mul", y, la);
      y.free();
      la.free();
      const u = binaryRaw(BinaryOp.Mul, "mul", t, g);
      t.free();
      rb = reduceOwned(u, bt.shape);
    }
    return [ra, rb];
  });
}

function minmax(op: BinaryOp, name: string, a: Tensor, b: Tensor | number): Tensor {
  const bt = toT(b);
  const out = binaryRaw(op, name, a, bt);
  return attach(out, name, [a, bt], (g) => {
    // Ties split the gradient evenly (as torch.maximum / torch.minimum).
    const w = binaryRaw(op === BinaryOp.Max ? BinaryOp.Gt : BinaryOp.Lt, name, a, bt);
    const e = binaryRaw(BinaryOp.Eq, name, a, bt);
    const K = kernels();
    K.axpy(w.size, 0.5, e.ptr, w.ptr);
    e.free();
    const ga = binaryRaw(BinaryOp.Mul, "mul", g, w);
    let rb: Tensor | null = null;
    if (bt.requiresGrad) rb = reduceOwned(binaryRaw(BinaryOp.Sub, "sub", g, ga), bt.shape);
    w.free();
    const ra = a.requiresGrad ? reduceOwned(ga, a.shape) : (ga.free(), null);
    return [ra, rb];
  });
}

export function maximum(a: Tensor, b: Tensor | number): Tensor {
  return minmax(BinaryOp.Max, "maximum", a, b);
}

export function minimum(a: Tensor, b: Tensor | number): Tensor {
  return minmax(BinaryOp.Min, "minimum", a, b);
}

/** 1 where a == b else 0 (no gradient). */
export function eq(a: Tensor, b: Tensor | number): Tensor {
  return binaryRaw(BinaryOp.Eq, "eq", a, toT(b));
}

export function gt(a: Tensor, b: Tensor | number): Tensor {
  return binaryRaw(BinaryOp.Gt, "gt", a, toT(b));
}

export function lt(a: Tensor, b: Tensor | number): Tensor {
  return binaryRaw(BinaryOp.Lt, "lt", a, toT(b));
}

// ---- unary ----
/** Non-differentiable unary kernel call on a contiguous copy/view of a. */
export function unaryRaw(op: UnaryOp, a: Tensor, alpha: number): Tensor {
  const ac = contig(a);
  const out = Tensor.empty(a.shape);
  kernels().unary(op, out.ptr, ac.ptr, out.size, alpha);
  ac.free();
  return out;
}

function unary(op: UnaryOp, name: string, a: Tensor, alpha = 0): Tensor {
  assertFloat(name, a);
  const ac = contig(a);
  const out = Tensor.empty(a.shape);
  kernels().unary(op, out.ptr, ac.ptr, out.size, alpha);
  if (!a.requiresGrad) {
    ac.free();
    return attach(out, name, [a], () => [null]);
  }
  // The contiguous input handle is saved for the backward pass (released by tidy or free()).
  return attach(out, name, [a], (g) => {
    const gc = contig(g);
    const ga = Tensor.empty(a.shape);
    const K = kernels();
    K.fill(ga.ptr, ga.size, 0);
    K.unaryBackward(op, ga.ptr, ac.ptr, out.ptr, gc.ptr, ga.size, alpha);
    gc.free();
    return [ga];
  });
}

export const neg = (a: Tensor): Tensor => {
  assertFloat("neg", a);
  return attach(affineRaw(a, -1, 0), "neg", [a], (g) => [affineRaw(g, -1, 0)]);
};
export const exp = (a: Tensor): Tensor => unary(UnaryOp.Exp, "exp", a);
export const log = (a: Tensor): Tensor => unary(UnaryOp.Log, "log", a);
export const tanh = (a: Tensor): Tensor => unary(UnaryOp.Tanh, "tanh", a);
export const sigmoid = (a: Tensor): Tensor => unary(UnaryOp.Sigmoid, "sigmoid", a);
export const relu = (a: Tensor): Tensor => unary(UnaryOp.Relu, "relu", a);
/** Exact (erf) GELU, as PyTorch's default. */
export const gelu = (a: Tensor): Tensor => unary(UnaryOp.Gelu, "gelu", a);
export const sqrt = (a: Tensor): Tensor => unary(UnaryOp.Sqrt, "sqrt", a);
export const abs = (a: Tensor): Tensor => unary(UnaryOp.Abs, "abs", a);
export const square = (a: Tensor): Tensor => unary(UnaryOp.Square, "square", a);
export const reciprocal = (a: Tensor): Tensor => unary(UnaryOp.Recip, "reciprocal", a);
export const leakyRelu = (a: Tensor, slope = 0.01): Tensor => unary(UnaryOp.LeakyRelu, "leakyRelu", a, slope);
/** 1 where a > 0 else 0 (no gradient). */
export const step = (a: Tensor): Tensor => {
  assertFloat("step", a);
  return unaryRaw(UnaryOp.Step, a, 0);
};
