// Tensor: an f32 (or i32 index) array in WASM linear memory with shape, strides and an offset.
// Views (reshape of contiguous data, permute/transpose, narrow/slice, expand) share storage through
// a reference count; `free()` releases a handle, and `tidy(fn)` frees every tensor created inside fn
// except those it returns or that were `keep()`-ed.
import { kernels } from "./backend.ts";
import { attach, runBackward, setAutogradHooks, type GradNode } from "./autograd.ts";
import { defaultGenerator, type Generator } from "./rng.ts";
import * as ew from "./ops/elementwise.ts";
import * as red from "./ops/reduce.ts";
import * as sh from "./ops/shape.ts";
import * as mm from "./ops/matmul.ts";
import * as nnops from "./ops/nn.ts";
import { addIntoRegion } from "./ops/util.ts";

export type DType = "float32" | "int32";

export function formatShape(s: readonly number[]): string {
  return `[${s.join(", ")}]`;
}

export function checkDType(dtype: string, op = "tensor"): DType {
  if (dtype !== "float32" && dtype !== "int32") {
    throw new Error(`${op}: unsupported dtype "${dtype}" (the core supports float32, and int32 for indices)`);
  }
  return dtype;
}

/** A block of WASM memory shared by tensor handles (views). */
export class Storage {
  refs = 1;
  constructor(
    readonly ptr: number,
    readonly bytes: number,
  ) {}
  release(): void {
    if (--this.refs === 0) kernels().free(this.ptr, this.bytes);
  }
}

// ---- scopes -------------------------------------------------------------------------------------
const scopes: Tensor[][] = [];

function track(t: Tensor): void {
  if (scopes.length) scopes[scopes.length - 1].push(t);
}

function collect(value: unknown, out: Set<Tensor>, depth = 0): void {
  if (depth > 4 || value === null || typeof value !== "object") return;
  if (value instanceof Tensor) {
    out.add(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, depth + 1);
    return;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value as Record<string, unknown>)) collect(v, out, depth + 1);
  }
}

/**
 * Run fn; afterwards free every tensor created during it, except tensors in its result (which move
 * to the enclosing scope) and tensors marked with `keep()`. Parameters' `.grad` and optimiser state
 * are kept automatically.
 */
export function tidy<T>(fn: () => T): T {
  const scope: Tensor[] = [];
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    scopes.pop();
    for (const t of scope) if (!t.kept) t.free();
    throw e;
  }
  scopes.pop();
  if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") {
    for (const t of scope) if (!t.kept) t.free();
    throw new Error("tidy: fn returned a promise; tidy scopes are synchronous (await outside, tidy each step inside)");
  }
  const keepSet = new Set<Tensor>();
  collect(result, keepSet);
  for (const t of scope) {
    if (t.kept) continue;
    if (keepSet.has(t)) track(t);
    else t.free();
  }
  return result;
}

/** Number of tensor handles tracked by open tidy scopes (for diagnostics). */
export function trackedCount(): number {
  let n = 0;
  for (const s of scopes) n += s.length;
  return n;
}

// ---- tensor ------------------------------------------------------------------------------------
export function contiguousStrides(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = s;
    s *= shape[i];
  }
  return st;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export type Scalar = number;
export type NestedArray = number | NestedArray[];

export class Tensor {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  /** Offset of element [0,...,0] in elements from the storage start. */
  readonly offset: number;
  readonly dtype: DType;
  readonly size: number;
  storage: Storage | null;
  requiresGrad = false;
  grad: Tensor | null = null;
  node: GradNode | null = null;
  /** Exempt from tidy() (parameters, optimiser state, grads). */
  kept = false;

  constructor(storage: Storage, shape: readonly number[], strides: readonly number[], offset: number, dtype: DType) {
    this.storage = storage;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    this.dtype = dtype;
    this.size = sizeOf(shape);
    track(this);
  }

  /** A fresh uninitialised contiguous tensor. */
  static empty(shape: readonly number[], dtype: DType = "float32"): Tensor {
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) throw new Error(`empty: invalid shape ${formatShape(shape)}`);
    }
    const n = sizeOf(shape);
    const bytes = Math.max(16, n * 4);
    const ptr = kernels().alloc(bytes);
    return new Tensor(new Storage(ptr, bytes), shape.slice(), contiguousStrides(shape), 0, dtype);
  }

  get ndim(): number {
    return this.shape.length;
  }

  get isFreed(): boolean {
    return this.storage === null;
  }

  assertLive(op: string): void {
    if (this.storage === null) throw new Error(`${op}: tensor of shape ${formatShape(this.shape)} has been freed`);
  }

  /** Byte address of the first element. */
  get ptr(): number {
    if (this.storage === null) throw new Error(`tensor of shape ${formatShape(this.shape)} has been freed`);
    return this.storage.ptr + this.offset * 4;
  }

  isContiguous(): boolean {
    let s = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      if (this.shape[i] !== 1 && this.strides[i] !== s) return false;
      s *= this.shape[i];
    }
    return true;
  }

  /** A new handle on the same storage (no autograd link). */
  view(shape: readonly number[] = this.shape, strides: readonly number[] = this.strides, offset = this.offset): Tensor {
    this.assertLive("view");
    this.storage!.refs++;
    return new Tensor(this.storage!, shape, strides, offset, this.dtype);
  }

  /** Release this handle's memory (idempotent). Also frees `.grad`. */
  free(): void {
    if (this.storage !== null) {
      this.storage.release();
      this.storage = null;
    }
    if (this.grad !== null) {
      this.grad.free();
      this.grad = null;
    }
    this.node = null;
  }

  /** Exempt from tidy(); returns this. */
  keep(): this {
    this.kept = true;
    return this;
  }

  /** Set requiresGrad (leaf tensors); returns this. */
  requiresGrad_(flag = true): this {
    this.requiresGrad = flag;
    return this;
  }

  // ---- data access ----
  /** A copy of the data in row-major order. */
  toFloat32Array(): Float32Array {
    this.assertLive("toFloat32Array");
    const k = kernels();
    if (this.dtype === "int32") return Float32Array.from(this.toInt32Array());
    const mem = k.f32();
    return this.readInto(mem, new Float32Array(this.size)) as Float32Array;
  }

  toInt32Array(): Int32Array {
    this.assertLive("toInt32Array");
    const k = kernels();
    if (this.dtype === "float32") return Int32Array.from(this.toFloat32Array());
    return this.readInto(k.i32(), new Int32Array(this.size)) as Int32Array;
  }

  private readInto(mem: Float32Array | Int32Array, out: Float32Array | Int32Array): Float32Array | Int32Array {
    const base = this.ptr >> 2;
    if (this.isContiguous()) {
      out.set(mem.subarray(base, base + this.size));
      return out;
    }
    const nd = this.ndim;
    const idx = new Array<number>(nd).fill(0);
    for (let i = 0; i < this.size; i++) {
      let off = base;
      for (let d = 0; d < nd; d++) off += idx[d] * this.strides[d];
      out[i] = mem[off];
      for (let d = nd - 1; d >= 0; d--) {
        if (++idx[d] < this.shape[d]) break;
        idx[d] = 0;
      }
    }
    return out;
  }

  /** Plain JS numbers (flat, row-major). */
  toArray(): number[] {
    return Array.from(this.dtype === "int32" ? this.toInt32Array() : this.toFloat32Array());
  }

  /** Nested arrays like torch's tolist(). */
  tolist(): NestedArray {
    const flat = this.toArray();
    if (this.ndim === 0) return flat[0];
    const build = (dim: number, at: number): NestedArray => {
      const n = this.shape[dim];
      const inner = sizeOf(this.shape.slice(dim + 1));
      const res: NestedArray[] = [];
      for (let i = 0; i < n; i++) res.push(dim === this.ndim - 1 ? flat[at + i] : build(dim + 1, at + i * inner));
      return res;
    };
    return build(0, 0);
  }

  /** The value of a one-element tensor. */
  item(): number {
    this.assertLive("item");
    if (this.size !== 1) throw new Error(`item: tensor of shape ${formatShape(this.shape)} has ${this.size} elements, expected 1`);
    const k = kernels();
    return this.dtype === "int32" ? k.i32()[this.ptr >> 2] : k.f32()[this.ptr >> 2];
  }

  /** Overwrite the contents (row-major data of this tensor's size); the tensor must be contiguous. */
  copyFrom(data: ArrayLike<number>): this {
    this.assertLive("copyFrom");
    if (data.length !== this.size) throw new Error(`copyFrom: ${data.length} values for a tensor of shape ${formatShape(this.shape)}`);
    if (!this.isContiguous()) throw new Error("copyFrom: tensor is not contiguous");
    const k = kernels();
    if (this.dtype === "int32") k.i32().set(data, this.ptr >> 2);
    else k.f32().set(data, this.ptr >> 2);
    return this;
  }

  backward(grad?: Tensor): void {
    runBackward(this, grad);
  }

  /** Same data, no grad history. */
  detach(): Tensor {
    return this.view();
  }

  toString(): string {
    return `Tensor(${formatShape(this.shape)}, ${this.dtype}${this.requiresGrad ? ", requiresGrad" : ""})`;
  }

  // ---- op sugar ----
  add(b: Tensor | number): Tensor { return ew.add(this, b); }
  sub(b: Tensor | number): Tensor { return ew.sub(this, b); }
  mul(b: Tensor | number): Tensor { return ew.mul(this, b); }
  div(b: Tensor | number): Tensor { return ew.div(this, b); }
  pow(b: Tensor | number): Tensor { return ew.pow(this, b); }
  maximum(b: Tensor | number): Tensor { return ew.maximum(this, b); }
  minimum(b: Tensor | number): Tensor { return ew.minimum(this, b); }
  eq(b: Tensor | number): Tensor { return ew.eq(this, b); }
  gt(b: Tensor | number): Tensor { return ew.gt(this, b); }
  lt(b: Tensor | number): Tensor { return ew.lt(this, b); }
  neg(): Tensor { return ew.neg(this); }
  exp(): Tensor { return ew.exp(this); }
  log(): Tensor { return ew.log(this); }
  tanh(): Tensor { return ew.tanh(this); }
  sigmoid(): Tensor { return ew.sigmoid(this); }
  relu(): Tensor { return ew.relu(this); }
  gelu(): Tensor { return ew.gelu(this); }
  sqrt(): Tensor { return ew.sqrt(this); }
  abs(): Tensor { return ew.abs(this); }
  square(): Tensor { return ew.square(this); }
  reciprocal(): Tensor { return ew.reciprocal(this); }
  sum(axes?: number | number[], keepdim = false): Tensor { return red.sum(this, axes, keepdim); }
  mean(axes?: number | number[], keepdim = false): Tensor { return red.mean(this, axes, keepdim); }
  max(axes?: number | number[], keepdim = false): Tensor { return red.max(this, axes, keepdim); }
  argmax(axis = -1, keepdim = false): Tensor { return red.argmax(this, axis, keepdim); }
  matmul(b: Tensor): Tensor { return mm.matmul(this, b); }
  reshape(...shape: number[] | [number[]]): Tensor { return sh.reshape(this, flatShape(shape)); }
  flatten(startDim = 0, endDim = -1): Tensor { return sh.flatten(this, startDim, endDim); }
  permute(...dims: number[] | [number[]]): Tensor { return sh.permute(this, flatShape(dims)); }
  transpose(d0 = -2, d1 = -1): Tensor { return sh.transpose(this, d0, d1); }
  get T(): Tensor { return sh.transpose(this, -2, -1); }
  narrow(dim: number, start: number, length: number): Tensor { return sh.narrow(this, dim, start, length); }
  slice(ranges: ([number, number] | null | number)[]): Tensor { return sh.slice(this, ranges); }
  expand(...shape: number[] | [number[]]): Tensor { return sh.expand(this, flatShape(shape)); }
  unsqueeze(dim: number): Tensor { return sh.unsqueeze(this, dim); }
  squeeze(dim?: number): Tensor { return sh.squeeze(this, dim); }
  contiguous(): Tensor { return sh.contiguous(this); }
  clone(): Tensor { return sh.clone(this); }
  softmax(dim = -1): Tensor { return nnops.softmax(this, dim); }
  logSoftmax(dim = -1): Tensor { return nnops.logSoftmax(this, dim); }
}

function flatShape(args: number[] | [number[]]): number[] {
  return Array.isArray(args[0]) ? (args[0] as number[]) : (args as number[]);
}

// ---- creation ----------------------------------------------------------------------------------
export interface TensorOptions {
  dtype?: DType | string;
  requiresGrad?: boolean;
}

function inferShape(data: NestedArray): number[] {
  const shape: number[] = [];
  let d: NestedArray = data;
  while (Array.isArray(d)) {
    shape.push(d.length);
    d = d[0];
  }
  return shape;
}

function flattenNested(data: NestedArray, out: number[]): void {
  if (Array.isArray(data)) for (const v of data) flattenNested(v, out);
  else out.push(data);
}

/** Create a tensor from numbers, nested arrays or a typed array (with an explicit shape). */
export function tensor(data: NestedArray | Float32Array | Int32Array | Float64Array, shape?: readonly number[], opts: TensorOptions = {}): Tensor {
  const dtype = checkDType(opts.dtype ?? (data instanceof Int32Array ? "int32" : "float32"));
  let flat: ArrayLike<number>;
  let shp: number[];
  if (ArrayBuffer.isView(data)) {
    flat = data;
    shp = shape ? shape.slice() : [data.length];
  } else {
    const arr: number[] = [];
    flattenNested(data, arr);
    flat = arr;
    shp = shape ? shape.slice() : inferShape(data);
  }
  if (sizeOf(shp) !== flat.length) throw new Error(`tensor: ${flat.length} values do not fill shape ${formatShape(shp)}`);
  const t = Tensor.empty(shp, dtype).copyFrom(flat);
  if (opts.requiresGrad) t.requiresGrad = true;
  return t;
}

export function full(shape: readonly number[], value: number, opts: TensorOptions = {}): Tensor {
  const dtype = checkDType(opts.dtype ?? "float32");
  const t = Tensor.empty(shape, dtype);
  if (dtype === "float32") kernels().fill(t.ptr, t.size, value);
  else kernels().i32().fill(value, t.ptr >> 2, (t.ptr >> 2) + t.size);
  if (opts.requiresGrad) t.requiresGrad = true;
  return t;
}

export function zeros(shape: readonly number[], opts: TensorOptions = {}): Tensor {
  return full(shape, 0, opts);
}

export function ones(shape: readonly number[], opts: TensorOptions = {}): Tensor {
  return full(shape, 1, opts);
}

export function empty(shape: readonly number[], opts: TensorOptions = {}): Tensor {
  const t = Tensor.empty(shape, checkDType(opts.dtype ?? "float32"));
  if (opts.requiresGrad) t.requiresGrad = true;
  return t;
}

export interface RandomOptions extends TensorOptions {
  generator?: Generator;
}

export function randn(shape: readonly number[], opts: RandomOptions = {}): Tensor {
  const buf = new Float32Array(sizeOf(shape));
  (opts.generator ?? defaultGenerator).fillNormal(buf);
  return tensor(buf, shape, opts);
}

/** Uniform in [lo, hi). */
export function uniform(shape: readonly number[], lo = 0, hi = 1, opts: RandomOptions = {}): Tensor {
  const buf = new Float32Array(sizeOf(shape));
  (opts.generator ?? defaultGenerator).fillUniform(buf, lo, hi);
  return tensor(buf, shape, opts);
}

export function rand(shape: readonly number[], opts: RandomOptions = {}): Tensor {
  return uniform(shape, 0, 1, opts);
}

export function arange(n: number, opts: TensorOptions = {}): Tensor {
  const buf = new Float32Array(n);
  for (let i = 0; i < n; i++) buf[i] = i;
  return tensor(buf, [n], opts);
}

// Small attach helper for op modules.
export { attach };

setAutogradHooks({
  ones: (shape) => ones(shape),
  add: (a, b) => ew.add(a, b),
  contiguousCopy: (t) => sh.clone(t),
  zeros: (shape) => zeros(shape),
  addIntoRegion: (full, dim, start, g) => addIntoRegion(full, dim, start, g),
});
