// Reductions (sum, mean, max) over any set of axes, via the kernel's [outer, mid, inner] reduce.
import { kernels, writeScratch } from "../backend.ts";
import { BinaryOp, ReduceOp } from "../wasm.ts";
import { attach, contiguousStrides, formatShape, sizeOf, Tensor } from "../tensor.ts";
import { assertFloat, mergeDims, normAxis } from "./util.ts";

function normAxes(op: string, t: Tensor, axes: number | number[] | undefined): number[] {
  if (axes === undefined) return t.shape.map((_, i) => i);
  const list = typeof axes === "number" ? [axes] : axes;
  const res = [...new Set(list.map((a) => normAxis(op, a, t.ndim)))];
  res.sort((a, b) => a - b);
  return res;
}

/** Contiguous handle (view or copy) without autograd. */
function contig(t: Tensor): Tensor {
  if (t.isContiguous()) return t.view(t.shape, contiguousStrides(t.shape), t.offset);
  const out = Tensor.empty(t.shape, t.dtype);
  const m = mergeDims(t.shape, [out.strides, t.strides]);
  const [shp, st] = writeScratch([m.shape, m.strides[1]]);
  kernels().copyStrided(m.shape.length, shp, out.ptr, t.ptr, st);
  return out;
}

/** Reduce over sorted axes, keeping them as size-1 dims. No autograd. */
export function reduceRaw(op: ReduceOp, t: Tensor, axes: readonly number[]): Tensor {
  const K = kernels();
  let cur = contig(t);
  const shape = t.shape.slice();
  // Group consecutive axes and reduce each group in one kernel call, last group first.
  const groups: [number, number][] = [];
  for (const a of axes) {
    const last = groups[groups.length - 1];
    if (last && last[1] === a - 1) last[1] = a;
    else groups.push([a, a]);
  }
  if (groups.length === 0) return cur;
  for (let gi = groups.length - 1; gi >= 0; gi--) {
    const [s, e] = groups[gi];
    const outer = sizeOf(shape.slice(0, s));
    const mid = sizeOf(shape.slice(s, e + 1));
    const inner = sizeOf(shape.slice(e + 1));
    for (let i = s; i <= e; i++) shape[i] = 1;
    const out = Tensor.empty(shape);
    if (mid === 0) K.fill(out.ptr, out.size, op === ReduceOp.Max ? -Infinity : op === ReduceOp.Mean ? NaN : 0);
    else if (out.size > 0) K.reduce(op, out.ptr, cur.ptr, outer, mid, inner);
    cur.free();
    cur = out;
  }
  return cur;
}

function dropAxes(t: Tensor, axes: readonly number[]): Tensor {
  const shp = t.shape.filter((_, i) => !axes.includes(i));
  const v = t.view(shp, contiguousStrides(shp), t.offset);
  t.free();
  return v;
}

/** Expand g (shape with kept size-1 axes, or axes dropped) to `shape` as a contiguous tensor. */
function broadcastTo(g: Tensor, keptShape: readonly number[], shape: readonly number[]): Tensor {
  const K = kernels();
  const out = Tensor.empty(shape);
  // strides of g viewed as keptShape (g may be non-contiguous, e.g. a view from upstream)
  const gv = contig(g);
  const gs = contiguousStrides(keptShape).map((s, i) => (keptShape[i] === 1 ? 0 : s));
  const m = mergeDims(shape, [out.strides, gs]);
  const [shp, st] = writeScratch([m.shape, m.strides[1]]);
  if (out.size > 0) K.copyStrided(m.shape.length, shp, out.ptr, gv.ptr, st);
  gv.free();
  return out;
}

export function sum(t: Tensor, axes?: number | number[], keepdim = false): Tensor {
  assertFloat("sum", t);
  const ax = normAxes("sum", t, axes);
  const r = reduceRaw(ReduceOp.Sum, t, ax);
  const out = keepdim ? r : dropAxes(r, ax);
  const kept = r.shape.slice();
  const inShape = t.shape;
  return attach(out, "sum", [t], (g) => [broadcastTo(g, kept, inShape)]);
}

export function mean(t: Tensor, axes?: number | number[], keepdim = false): Tensor {
  assertFloat("mean", t);
  const ax = normAxes("mean", t, axes);
  const r = reduceRaw(ReduceOp.Mean, t, ax);
  const count = sizeOf(ax.map((a) => t.shape[a]));
  const out = keepdim ? r : dropAxes(r, ax);
  const kept = ax.length ? t.shape.map((d, i) => (ax.includes(i) ? 1 : d)) : t.shape.slice();
  const inShape = t.shape;
  return attach(out, "mean", [t], (g) => {
    const b = broadcastTo(g, kept, inShape);
    kernels().scale(b.ptr, b.size, 1 / count);
    return [b];
  });
}

/** Maximum over axes (like torch.amax: ties share the gradient evenly). */
export function max(t: Tensor, axes?: number | number[], keepdim = false): Tensor {
  assertFloat("max", t);
  const ax = normAxes("max", t, axes);
  const r = reduceRaw(ReduceOp.Max, t, ax);
  const kept = r.shape.slice();
  const out = keepdim ? r : dropAxes(r.view(), ax);
  const inShape = t.shape;
  if (!t.requiresGrad) {
    if (!keepdim) r.free();
    return out;
  }
  return attach(out, "max", [t], (g) => {
    const K = kernels();
    const mask = Tensor.empty(inShape);
    const ms = mergeDims(inShape, [mask.strides, t.strides, contiguousStrides(kept).map((s, i) => (kept[i] === 1 ? 0 : s))]);
    const [shp, sa, sb] = writeScratch([ms.shape, ms.strides[1], ms.strides[2]]);
    K.binary(BinaryOp.Eq, ms.shape.length, shp, mask.ptr, t.ptr, sa, r.ptr, sb);
    const cnt = reduceRaw(ReduceOp.Sum, mask, ax);
    const gb = broadcastTo(g, kept, inShape);
    const cb = broadcastTo(cnt, kept, inShape);
    cnt.free();
    const m2 = mergeDims(inShape, [mask.strides, mask.strides, mask.strides]);
    const [shp2, s1, s2] = writeScratch([m2.shape, m2.strides[1], m2.strides[2]]);
    K.binary(BinaryOp.Mul, m2.shape.length, shp2, gb.ptr, gb.ptr, s1, mask.ptr, s2);
    K.binary(BinaryOp.Div, m2.shape.length, shp2, gb.ptr, gb.ptr, s1, cb.ptr, s2);
    mask.free();
    cb.free();
    return [gb];
  });
}

/** Sum a broadcast result back to `shape` (returns g itself when shapes already match). No autograd. */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  if (g.ndim === shape.length && g.shape.every((d, i) => d === shape[i])) return g;
  const lead = g.ndim - shape.length;
  if (lead < 0) throw new Error(`internal: sumTo ${formatShape(g.shape)} -> ${formatShape(shape)}`);
  const axes: number[] = [];
  for (let i = 0; i < g.ndim; i++) if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  const r = reduceRaw(ReduceOp.Sum, g, axes);
  const v = r.view(shape, contiguousStrides(shape), r.offset);
  r.free();
  return v;
}

/** Index of the maximum along `axis` (first on ties) as an int32 tensor; no gradient. Reads the data in JS. */
export function argmax(t: Tensor, axis = -1, keepdim = false): Tensor {
  assertFloat("argmax", t);
  const a = normAxis("argmax", axis, t.ndim);
  const v = t.toFloat32Array();
  const outer = sizeOf(t.shape.slice(0, a));
  const mid = t.shape[a];
  const inner = sizeOf(t.shape.slice(a + 1));
  const res = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = 0;
      let bv = v[o * mid * inner + i];
      for (let m = 1; m < mid; m++) {
        const x = v[(o * mid + m) * inner + i];
        if (x > bv || (Number.isNaN(x) && !Number.isNaN(bv))) {
          bv = x;
          best = m;
        }
      }
      res[o * inner + i] = best;
    }
  }
  const shape = keepdim ? t.shape.map((d, i) => (i === a ? 1 : d)) : t.shape.filter((_, i) => i !== a);
  const out = Tensor.empty(shape, "int32");
  out.copyFrom(res);
  return out;
}
