// Shape ops: views where the layout allows (reshape of contiguous data, permute, transpose, narrow,
// slice, expand, (un)squeeze) and copies otherwise (contiguous, clone, cat, stack).
import { attach, contiguousStrides, formatShape, sizeOf, Tensor } from "../tensor.ts";
import { RegionGrad } from "../autograd.ts";
import { copyInto, normAxis, sameShape } from "./util.ts";
import { sumTo } from "./reduce.ts";

/** A contiguous copy (no autograd link). */
function copyRaw(t: Tensor): Tensor {
  const out = Tensor.empty(t.shape, t.dtype);
  copyInto(out, t);
  return out;
}

/** Always a new contiguous tensor with the same values (differentiable). */
export function clone(t: Tensor): Tensor {
  t.assertLive("clone");
  return attach(copyRaw(t), "clone", [t], (g) => [g]);
}

/** t itself (a new handle) if already contiguous, otherwise a contiguous copy. Differentiable. */
export function contiguous(t: Tensor): Tensor {
  t.assertLive("contiguous");
  if (t.isContiguous()) return attach(t.view(t.shape, contiguousStrides(t.shape), t.offset), "contiguous", [t], (g) => [g]);
  return attach(copyRaw(t), "contiguous", [t], (g) => [g]);
}

/** Strides for viewing t with `shape` without a copy, or null if impossible. */
function viewStrides(t: Tensor, shape: readonly number[]): number[] | null {
  if (t.isContiguous() || t.ndim === 0 || t.size === 0) return contiguousStrides(shape);
  const os = t.shape;
  const ost = t.strides;
  const ns = new Array<number>(shape.length);
  let vd = shape.length - 1;
  let base = ost[os.length - 1];
  let tNumel = 1;
  let vNumel = 1;
  // Walk old dims from the inside out, cutting them into chunks that are contiguous in memory; each
  // chunk must be covered exactly by a run of new dims.
  for (let td = os.length - 1; td >= 0; td--) {
    tNumel *= os[td];
    if (td === 0 || (os[td - 1] !== 1 && ost[td - 1] !== tNumel * base)) {
      while (vd >= 0 && (vNumel < tNumel || shape[vd] === 1)) {
        ns[vd] = vNumel * base;
        vNumel *= shape[vd];
        vd--;
      }
      if (vNumel !== tNumel) return null;
      if (td > 0) {
        base = ost[td - 1];
        tNumel = 1;
        vNumel = 1;
      }
    }
  }
  if (vd !== -1) return null;
  return ns;
}

export function reshape(t: Tensor, shape: readonly number[]): Tensor {
  t.assertLive("reshape");
  const shp = shape.slice();
  const neg = shp.indexOf(-1);
  if (neg >= 0) {
    const rest = sizeOf(shp.filter((_, i) => i !== neg));
    shp[neg] = rest === 0 ? 0 : t.size / rest;
  }
  if (sizeOf(shp) !== t.size || shp.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new Error(`reshape: cannot reshape tensor of shape ${formatShape(t.shape)} into ${formatShape(shape)}`);
  }
  const inShape = t.shape;
  const st = viewStrides(t, shp);
  let out: Tensor;
  if (st) out = t.view(shp, st, t.offset);
  else {
    const c = copyRaw(t);
    out = c.view(shp, contiguousStrides(shp), 0);
    c.free();
  }
  return attach(out, "reshape", [t], (g) => [reshape(g, inShape)]);
}

export function flatten(t: Tensor, startDim = 0, endDim = -1): Tensor {
  if (t.ndim === 0) return reshape(t, [1]);
  const s = normAxis("flatten", startDim, t.ndim);
  const e = normAxis("flatten", endDim, t.ndim);
  const shp = [...t.shape.slice(0, s), sizeOf(t.shape.slice(s, e + 1)), ...t.shape.slice(e + 1)];
  return reshape(t, shp);
}

export function permute(t: Tensor, dims: readonly number[]): Tensor {
  t.assertLive("permute");
  if (dims.length !== t.ndim) throw new Error(`permute: ${dims.length} dims given for tensor of shape ${formatShape(t.shape)}`);
  const d = dims.map((x) => normAxis("permute", x, t.ndim));
  if (new Set(d).size !== d.length) throw new Error(`permute: repeated dims [${dims.join(", ")}]`);
  const out = t.view(d.map((i) => t.shape[i]), d.map((i) => t.strides[i]), t.offset);
  const inv = new Array<number>(d.length);
  d.forEach((x, i) => (inv[x] = i));
  return attach(out, "permute", [t], (g) => [permute(g, inv)]);
}

export function transpose(t: Tensor, d0 = -2, d1 = -1): Tensor {
  if (t.ndim < 2) return contiguous(t);
  const a = normAxis("transpose", d0, t.ndim);
  const b = normAxis("transpose", d1, t.ndim);
  const dims = t.shape.map((_, i) => i);
  dims[a] = b;
  dims[b] = a;
  return permute(t, dims);
}

/** Elements start..start+length-1 along dim (a view). */
export function narrow(t: Tensor, dim: number, start: number, length: number): Tensor {
  t.assertLive("narrow");
  const d = normAxis("narrow", dim, t.ndim);
  if (start < 0) start += t.shape[d];
  if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || length < 0 || start + length > t.shape[d]) {
    throw new Error(`narrow: range [${start}, ${start + length}) out of bounds for dim ${d} of shape ${formatShape(t.shape)}`);
  }
  const shp = t.shape.slice();
  shp[d] = length;
  const out = t.view(shp, t.strides, t.offset + start * t.strides[d]);
  return attach(out, "narrow", [t], (g) => [new RegionGrad(g, d, start)]);
}

/** Slice with one entry per leading dim: null keeps the dim, [start, end) narrows, a number selects (drops the dim). */
export function slice(t: Tensor, ranges: readonly ([number, number] | null | number)[]): Tensor {
  t.assertLive("slice");
  if (ranges.length > t.ndim) throw new Error(`slice: ${ranges.length} ranges for tensor of shape ${formatShape(t.shape)}`);
  let cur = t;
  const drop: number[] = [];
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i];
    if (r === null) continue;
    let s: number;
    let e: number;
    if (typeof r === "number") {
      s = r < 0 ? r + t.shape[i] : r;
      e = s + 1;
      drop.push(i);
    } else {
      s = r[0] < 0 ? r[0] + t.shape[i] : r[0];
      e = r[1] < 0 ? r[1] + t.shape[i] : Math.min(r[1], t.shape[i]);
    }
    cur = narrow(cur, i, s, e - s);
  }
  if (drop.length) {
    const shp = cur.shape.filter((_, i) => !drop.includes(i));
    cur = reshape(cur, shp);
  }
  return cur === t ? contiguous(t) : cur;
}

/** Broadcast to a larger shape without copying (stride 0 on expanded dims). */
export function expand(t: Tensor, shape: readonly number[]): Tensor {
  t.assertLive("expand");
  const n = shape.length;
  if (n < t.ndim) throw new Error(`expand: cannot expand ${formatShape(t.shape)} to ${formatShape(shape)}`);
  const off = n - t.ndim;
  const shp = new Array<number>(n);
  const st = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const src = i >= off ? t.shape[i - off] : 1;
    const want = shape[i] === -1 ? src : shape[i];
    if (src !== want && src !== 1) throw new Error(`expand: cannot expand ${formatShape(t.shape)} to ${formatShape(shape)}`);
    shp[i] = want;
    st[i] = i >= off && src === want ? t.strides[i - off] : 0;
  }
  const inShape = t.shape;
  return attach(t.view(shp, st, t.offset), "expand", [t], (g) => [sumTo(g, inShape)]);
}

export function unsqueeze(t: Tensor, dim: number): Tensor {
  const d = normAxis("unsqueeze", dim, t.ndim + 1);
  const shp = t.shape.slice();
  shp.splice(d, 0, 1);
  return reshape(t, shp);
}

export function squeeze(t: Tensor, dim?: number): Tensor {
  if (dim === undefined) return reshape(t, t.shape.filter((d) => d !== 1));
  const d = normAxis("squeeze", dim, t.ndim);
  if (t.shape[d] !== 1) return reshape(t, t.shape);
  const shp = t.shape.slice();
  shp.splice(d, 1);
  return reshape(t, shp);
}

export function cat(ts: readonly Tensor[], dim = 0): Tensor {
  if (ts.length === 0) throw new Error("cat: no tensors");
  const first = ts[0];
  for (const t of ts) t.assertLive("cat");
  const d = normAxis("cat", dim, first.ndim);
  let total = 0;
  for (const t of ts) {
    if (t.ndim !== first.ndim || t.dtype !== first.dtype || t.shape.some((x, i) => i !== d && x !== first.shape[i])) {
      throw new Error(`cat: shapes ${formatShape(first.shape)} and ${formatShape(t.shape)} do not match outside dim ${d}`);
    }
    total += t.shape[d];
  }
  const shp = first.shape.slice();
  shp[d] = total;
  const out = Tensor.empty(shp, first.dtype);
  let at = 0;
  const starts: number[] = [];
  for (const t of ts) {
    starts.push(at);
    const rshape = t.shape;
    const region = out.view(rshape, out.strides, at * out.strides[d]);
    copyInto(region, t);
    region.free();
    at += t.shape[d];
  }
  return attach(out, "cat", ts, (g) => ts.map((t, i) => narrow(g, d, starts[i], t.shape[d])));
}

export function stack(ts: readonly Tensor[], dim = 0): Tensor {
  if (ts.length === 0) throw new Error("stack: no tensors");
  for (const t of ts) {
    t.assertLive("stack");
    if (!sameShape(t.shape, ts[0].shape)) throw new Error(`stack: shapes ${formatShape(ts[0].shape)} and ${formatShape(t.shape)} differ`);
  }
  const d = normAxis("stack", dim, ts[0].ndim + 1);
  const shp = ts[0].shape.slice();
  shp.splice(d, 0, ts.length);
  const out = Tensor.empty(shp, ts[0].dtype);
  const inner = ts[0].shape.slice();
  const innerStrides = out.strides.filter((_, i) => i !== d);
  ts.forEach((t, i) => {
    const region = out.view(inner, innerStrides, i * out.strides[d]);
    copyInto(region, t);
    region.free();
  });
  return attach(out, "stack", ts, (g) => ts.map((_, i) => {
    const v = narrow(g, d, i, 1);
    const r = reshape(v, inner);
    v.free();
    return r;
  }));
}
