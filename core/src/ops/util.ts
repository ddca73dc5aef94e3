// Shared helpers for ops: shape checks, broadcasting, dimension merging, strided copies.
import { kernels, writeScratch } from "../backend.ts";
import { contiguousStrides, formatShape, Tensor } from "../tensor.ts";

export function assertFloat(op: string, ...ts: Tensor[]): void {
  for (const t of ts) {
    t.assertLive(op);
    if (t.dtype !== "float32") throw new Error(`${op}: unsupported dtype ${t.dtype} (expected float32)`);
  }
}

export function normAxis(op: string, axis: number, ndim: number): number {
  const a = axis < 0 ? axis + ndim : axis;
  if (!Number.isInteger(a) || a < 0 || a >= ndim) throw new Error(`${op}: axis ${axis} out of range for ${ndim}-d tensor`);
  return a;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`${op}: shapes ${formatShape(a)} and ${formatShape(b)} are not broadcastable`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides of t broadcast to `shape` (0 on broadcast dims). */
export function broadcastStrides(t: Tensor, shape: readonly number[]): number[] {
  const n = shape.length;
  const off = n - t.ndim;
  const st = new Array<number>(n).fill(0);
  for (let i = 0; i < t.ndim; i++) st[off + i] = t.shape[i] === 1 && shape[off + i] !== 1 ? 0 : t.strides[i];
  return st;
}

/**
 * Collapse a loop nest: drop size-1 dims and merge adjacent dims whose strides are compatible for
 * every operand. `stridesList[0]` is usually the (contiguous) output.
 */
export function mergeDims(shape: readonly number[], stridesList: readonly (readonly number[])[]): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = stridesList.map(() => []);
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 1) continue;
    const last = outShape.length - 1;
    let mergeable = last >= 0;
    if (mergeable) {
      for (let k = 0; k < stridesList.length; k++) {
        if (outStrides[k][last] !== stridesList[k][i] * shape[i]) {
          mergeable = false;
          break;
        }
      }
    }
    if (mergeable) {
      outShape[last] *= shape[i];
      for (let k = 0; k < stridesList.length; k++) outStrides[k][last] = stridesList[k][i];
    } else {
      outShape.push(shape[i]);
      for (let k = 0; k < stridesList.length; k++) outStrides[k].push(stridesList[k][i]);
    }
  }
  if (outShape.length === 0) {
    outShape.push(1);
    for (const s of outStrides) s.push(1);
  }
  return { shape: outShape, strides: outStrides };
}

/** Copy src (any strides, same shape) into dst (any strides). */
export function copyInto(dst: Tensor, src: Tensor): void {
  if (!sameShape(dst.shape, src.shape)) throw new Error(`copy: shapes ${formatShape(dst.shape)} and ${formatShape(src.shape)} differ`);
  if (src.size === 0) return;
  const K = kernels();
  const m = mergeDims(dst.shape, [dst.strides, src.strides]);
  const nd = m.shape.length;
  const [ds, ss] = m.strides;
  if (nd === 1 && ds[0] === 1 && ss[0] === 1) {
    const f = K.f32();
    const s0 = src.ptr >> 2;
    f.copyWithin(dst.ptr >> 2, s0, s0 + m.shape[0]);
    return;
  }
  if (dst.isContiguous() && nd <= 6) {
    const [shp, st] = writeScratch([m.shape, ss]);
    K.copyStrided(nd, shp, dst.ptr, src.ptr, st);
    return;
  }
  // Strided destination: copy runs of the innermost dim (memmove when both are unit-stride).
  const f = K.f32();
  const inner = m.shape[nd - 1];
  const unit = ds[nd - 1] === 1 && ss[nd - 1] === 1;
  const outerN = src.size / inner;
  const idx = new Array<number>(nd).fill(0);
  const dBase = dst.ptr >> 2;
  const sBase = src.ptr >> 2;
  for (let o = 0; o < outerN; o++) {
    let doff = dBase;
    let soff = sBase;
    for (let d = 0; d < nd - 1; d++) {
      doff += idx[d] * ds[d];
      soff += idx[d] * ss[d];
    }
    if (unit) f.copyWithin(doff, soff, soff + inner);
    else {
      const dsi = ds[nd - 1];
      const ssi = ss[nd - 1];
      for (let i = 0; i < inner; i++) f[doff + i * dsi] = f[soff + i * ssi];
    }
    for (let d = nd - 2; d >= 0; d--) {
      if (++idx[d] < m.shape[d]) break;
      idx[d] = 0;
    }
  }
}

/** full[region] += g where the region is g.shape at `start` along `dim` of the contiguous `full`. */
export function addIntoRegion(full: Tensor, dim: number, start: number, g: Tensor): void {
  if (g.size === 0) return;
  const K = kernels();
  let gc = g;
  if (!g.isContiguous()) {
    gc = Tensor.empty(g.shape);
    copyInto(gc, g);
  }
  const rStrides = full.strides;
  const m = mergeDims(g.shape, [rStrides, contiguousStrides(g.shape)]);
  const nd = m.shape.length;
  const [rs] = m.strides;
  const inner = m.shape[nd - 1];
  const rBase = full.ptr + start * full.strides[dim] * 4;
  const gBase = gc.ptr;
  if (rs[nd - 1] === 1) {
    const outer = g.size / inner;
    const idx = new Array<number>(nd).fill(0);
    for (let o = 0; o < outer; o++) {
      let roff = 0;
      for (let d = 0; d < nd - 1; d++) roff += idx[d] * rs[d];
      K.axpy(inner, 1, gBase + o * inner * 4, rBase + roff * 4);
      for (let d = nd - 2; d >= 0; d--) {
        if (++idx[d] < m.shape[d]) break;
        idx[d] = 0;
      }
    }
  } else {
    // region with a non-unit innermost stride (only when a size-1 dim was narrowed last): per element
    const f = K.f32();
    const idx = new Array<number>(nd).fill(0);
    for (let i = 0; i < g.size; i++) {
      let roff = 0;
      for (let d = 0; d < nd; d++) roff += idx[d] * rs[d];
      f[(rBase >> 2) + roff] += f[(gBase >> 2) + i];
      for (let d = nd - 1; d >= 0; d--) {
        if (++idx[d] < m.shape[d]) break;
        idx[d] = 0;
      }
    }
  }
  if (gc !== g) gc.free();
}

