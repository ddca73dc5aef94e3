// Loader for core/build/kernels.wasm and the typed `Kernels` object of core/KERNELS.md, with the
// size-class pool allocator over the WASM linear memory.
import { readFileSync, existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const enum BinaryOp { Add, Sub, Mul, Div, Max, Min, Pow, Eq, Gt, Lt }
export const enum UnaryOp { Neg, Exp, Log, Tanh, Sigmoid, Relu, Gelu, Sqrt, Abs, Square, Recip, Step, LeakyRelu }
export const enum ReduceOp { Sum, Max, Mean }

/** The raw exports of kernels.wasm (pointers are byte offsets, booleans are 0/1). */
export interface KernelExports {
  heapBase(): number;
  sgemmWorkspaceBytes(): number;
  sgemmWs(ws: number, transA: number, transB: number, M: number, N: number, K: number, alpha: number,
          a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number): void;
  sgemmBatchedWs(ws: number, transA: number, transB: number, batch: number, M: number, N: number, K: number, alpha: number,
                 a: number, lda: number, strideA: number, b: number, ldb: number, strideB: number,
                 beta: number, c: number, ldc: number, strideC: number): void;
  /** Ceiling micro-kernel with 8, 10 or 12 independent mul+add chains (core/assembly/ceiling.ts). */
  ceilingKernel(iters: number, seed: number, chains: number): number;
  ceilingFlopsPerIter(chains: number): number;
  binary(op: number, ndim: number, shapePtr: number, out: number, a: number, aStridesPtr: number, b: number, bStridesPtr: number): void;
  copyStrided(ndim: number, shapePtr: number, out: number, a: number, aStridesPtr: number): void;
  unary(op: number, out: number, a: number, n: number, alpha: number): void;
  unaryBackward(op: number, gradA: number, a: number, y: number, gradY: number, n: number, alpha: number): void;
  fill(out: number, n: number, value: number): void;
  axpy(n: number, alpha: number, x: number, y: number): void;
  reduce(op: number, out: number, a: number, outer: number, mid: number, inner: number): void;
  softmax(out: number, a: number, rows: number, cols: number): void;
  logSoftmax(out: number, a: number, rows: number, cols: number): void;
  crossEntropy(logits: number, targets: number, rows: number, cols: number, lossPerRow: number, gradLogits: number, gradScale: number): void;
  layerNorm(out: number, mean: number, rstd: number, x: number, gamma: number, beta: number, rows: number, cols: number, eps: number): void;
  layerNormBackward(gx: number, ggamma: number, gbeta: number, gy: number, x: number, mean: number, rstd: number, gamma: number, rows: number, cols: number): void;
  im2col(col: number, x: number, C: number, H: number, W: number, kh: number, kw: number, pad: number, stride: number): void;
  col2im(x: number, col: number, C: number, H: number, W: number, kh: number, kw: number, pad: number, stride: number): void;
  maxPool2d(out: number, argmax: number, x: number, N: number, C: number, H: number, W: number, k: number, stride: number): void;
  maxPool2dBackward(gx: number, gy: number, argmax: number, nOut: number): void;
  gather(out: number, table: number, idx: number, n: number, dim: number): void;
  scatterAdd(gTable: number, idx: number, gOut: number, n: number, dim: number): void;
  dropout(out: number, mask: number, a: number, n: number, p: number, seed: number): void;
  adam(param: number, grad: number, m: number, v: number, n: number, lr: number, beta1: number, beta2: number,
       eps: number, weightDecay: number, step: number, decoupled: number): void;
  sgd(param: number, grad: number, buf: number, n: number, lr: number, momentum: number, dampening: number,
      weightDecay: number, nesterov: number, first: number): void;
  sumSquares(a: number, n: number): number;
  scale(a: number, n: number, s: number): void;
}

/** Splits an sgemm over worker threads (installed by core/src/threads.ts). Returns false to run it inline. */
export type SgemmDispatch = (transA: boolean, transB: boolean, M: number, N: number, K: number, alpha: number,
  a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number) => boolean;

export interface Kernels {
  readonly memory: WebAssembly.Memory;
  f32(): Float32Array;            // view of the whole memory (re-created after growth)
  i32(): Int32Array;
  // arena / pool: size-class free lists, so a training step that frees what it allocated reuses it
  alloc(bytes: number): number;   // never returns 0; grows memory as needed; contents NOT zeroed
  free(ptr: number, bytes: number): void;
  bytesInUse(): number;
  peakBytes(): number;
  sgemm(transA: boolean, transB: boolean, M: number, N: number, K: number, alpha: number,
        a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number): void;
  sgemmBatched(transA: boolean, transB: boolean, batch: number, M: number, N: number, K: number, alpha: number,
               a: number, lda: number, strideA: number, b: number, ldb: number, strideB: number,
               beta: number, c: number, ldc: number, strideC: number): void;
  binary(op: BinaryOp, ndim: number, shapePtr: number, out: number,
         a: number, aStridesPtr: number, b: number, bStridesPtr: number): void;
  copyStrided(ndim: number, shapePtr: number, out: number, a: number, aStridesPtr: number): void;
  unary(op: UnaryOp, out: number, a: number, n: number, alpha: number): void;
  unaryBackward(op: UnaryOp, gradA: number, a: number, y: number, gradY: number, n: number, alpha: number): void;
  fill(out: number, n: number, value: number): void;
  axpy(n: number, alpha: number, x: number, y: number): void;
  reduce(op: ReduceOp, out: number, a: number, outer: number, mid: number, inner: number): void;
  softmax(out: number, a: number, rows: number, cols: number): void;
  logSoftmax(out: number, a: number, rows: number, cols: number): void;
  crossEntropy(logits: number, targets: number, rows: number, cols: number,
               lossPerRow: number, gradLogits: number, gradScale: number): void;
  layerNorm(out: number, mean: number, rstd: number, x: number, gamma: number, beta: number, rows: number, cols: number, eps: number): void;
  layerNormBackward(gx: number, ggamma: number, gbeta: number, gy: number, x: number, mean: number, rstd: number, gamma: number, rows: number, cols: number): void;
  im2col(col: number, x: number, C: number, H: number, W: number, kh: number, kw: number, pad: number, stride: number): void;
  col2im(x: number, col: number, C: number, H: number, W: number, kh: number, kw: number, pad: number, stride: number): void;
  maxPool2d(out: number, argmax: number, x: number, N: number, C: number, H: number, W: number, k: number, stride: number): void;
  maxPool2dBackward(gx: number, gy: number, argmax: number, nOut: number): void;
  gather(out: number, table: number, idx: number, n: number, dim: number): void;
  scatterAdd(gTable: number, idx: number, gOut: number, n: number, dim: number): void;
  dropout(out: number, mask: number, a: number, n: number, p: number, seed: number): void;
  adam(param: number, grad: number, m: number, v: number, n: number, lr: number, beta1: number, beta2: number,
       eps: number, weightDecay: number, step: number, decoupled: boolean): void;
  sgd(param: number, grad: number, buf: number, n: number, lr: number, momentum: number, dampening: number,
      weightDecay: number, nesterov: boolean, first: boolean): void;
  sumSquares(a: number, n: number): number;
  scale(a: number, n: number, s: number): void;

  // ---- additions (see KERNELS.md "Additions") ----
  /** alloc + zero fill. */
  calloc(bytes: number): number;
  /** Bytes taken from the linear memory by the arena so far (high-water mark of the bump pointer). */
  heapBytes(): number;
  /** Linear memory size in bytes. */
  memoryBytes(): number;
  /** Rounded size actually reserved for a request of `bytes` (the size class). */
  sizeClass(bytes: number): number;
  /** Which build is running: "simd" | "simd-shared" | "relaxed-simd" | "relaxed-simd-shared". */
  readonly variant: string;
  readonly shared: boolean;
  readonly module: WebAssembly.Module;
  readonly raw: KernelExports;
  /** Byte offset of the main thread's sgemm packing workspace and its size. */
  readonly sgemmWorkspace: number;
  readonly sgemmWorkspaceBytes: number;
  /** Installed by threads.ts; null = single thread. */
  setSgemmDispatch(d: SgemmDispatch | null): void;
}

export interface LoadOptions {
  /** Use the shared-memory build (needed for core/src/threads.ts). Default false. */
  shared?: boolean;
  /** Maximum memory in 64 KiB pages (shared memory needs one). Default 32768 (2 GiB). */
  maximumPages?: number;
  /**
   * Use the relaxed-SIMD build (SGEMM with fused multiply-add) where the engine validates it, else the
   * SIMD128 one (`variant` says which runs). Default false: a fused multiply-add rounds once where
   * mul + add rounds twice, and whether the engine fuses depends on the CPU, so weights trained with it
   * would differ from machine to machine; the model zoo trains with the default build.
   */
  relaxed?: boolean;
}

const buildDir = fileURLToPath(new URL("../build/", import.meta.url));
const buildScript = fileURLToPath(new URL("../../scripts/build-core.mjs", import.meta.url));

function wasmPath(file: string): string {
  return buildDir + file;
}

const BUILDS = ["kernels.wasm", "kernels-shared.wasm", "kernels-relaxed.wasm", "kernels-relaxed-shared.wasm"];

function ensureBuilt(): void {
  if (BUILDS.every((f) => existsSync(wasmPath(f)))) return;
  const r = spawnSync(process.execPath, [buildScript], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("core: building core/build/kernels.wasm failed (node scripts/build-core.mjs)");
}

let relaxedMemo: boolean | undefined;

/**
 * Whether this engine runs the relaxed-SIMD build (Chrome 114+, Node 22+; Node 20 only with
 * --experimental-wasm-relaxed-simd). Checked by validating the build itself.
 */
export function relaxedSimdSupported(): boolean {
  ensureBuilt();
  relaxedMemo ??= WebAssembly.validate(readFileSync(wasmPath("kernels-relaxed.wasm")));
  return relaxedMemo;
}

function chooseFile(opts: LoadOptions): { file: string; variant: string } {
  const base = opts.relaxed === true && relaxedSimdSupported() ? "relaxed-simd" : "simd";
  const file = base === "simd" ? "kernels" : "kernels-relaxed";
  return opts.shared ? { file: `${file}-shared.wasm`, variant: `${base}-shared` } : { file: `${file}.wasm`, variant: base };
}

const PAGE = 65536;

/** Instantiate kernels over an existing memory (used by worker threads). */
export function instantiateKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  const inst = new WebAssembly.Instance(module, { env: { memory } });
  return inst.exports as unknown as KernelExports;
}

function createMemory(opts: LoadOptions): WebAssembly.Memory {
  const maximum = opts.maximumPages ?? 32768;
  return opts.shared
    ? new WebAssembly.Memory({ initial: 64, maximum, shared: true })
    : new WebAssembly.Memory({ initial: 64, maximum });
}

/** Size class: multiples of 16 bytes up to 256, then 4 classes per power of two (≤ 25 % slack). */
export function sizeClass(bytes: number): number {
  const q = Math.max(1, Math.ceil(bytes / 16));
  if (q <= 16) return q * 16;
  const p = 31 - Math.clz32(q);
  const step = 1 << (p - 2);
  return Math.ceil(q / step) * step * 16;
}

function makeKernels(module: WebAssembly.Module, variant: string, opts: LoadOptions): Kernels {
  const memory = createMemory(opts);
  const x = instantiateKernels(module, memory);
  let f32 = new Float32Array(memory.buffer);
  let i32 = new Int32Array(memory.buffer);
  const base = x.heapBase();
  let top = base;
  let inUse = 0;
  let peak = 0;
  const freeLists = new Map<number, number[]>();

  function ensure(end: number): void {
    const have = memory.buffer.byteLength;
    if (end <= have) return;
    const need = Math.ceil((end - have) / PAGE);
    // grow geometrically (at least 1/8 of the current size) to keep the number of growths small
    const pages = Math.max(need, Math.ceil(have / PAGE / 8));
    try {
      memory.grow(pages);
    } catch {
      memory.grow(need);
    }
    f32 = new Float32Array(memory.buffer);
    i32 = new Int32Array(memory.buffer);
  }

  function bump(bytes: number): number {
    const p = (top + 15) & ~15;
    ensure(p + bytes);
    top = p + bytes;
    return p;
  }

  const wsBytes = x.sgemmWorkspaceBytes();
  const ws = bump(wsBytes);
  let dispatch: SgemmDispatch | null = null;

  const alloc = (bytes: number): number => {
    const cls = sizeClass(bytes);
    const list = freeLists.get(cls);
    const p = list !== undefined && list.length > 0 ? (list.pop() as number) : bump(cls);
    inUse += cls;
    if (inUse > peak) peak = inUse;
    return p;
  };

  const k: Kernels = {
    memory,
    variant,
    shared: opts.shared === true,
    module,
    raw: x,
    sgemmWorkspace: ws,
    sgemmWorkspaceBytes: wsBytes,
    f32: () => f32,
    i32: () => i32,
    alloc,
    calloc(bytes) {
      const p = alloc(bytes);
      x.fill(p, sizeClass(bytes) >> 2, 0);
      return p;
    },
    free(ptr, bytes) {
      if (ptr === 0) return;
      const cls = sizeClass(bytes);
      let list = freeLists.get(cls);
      if (list === undefined) { list = []; freeLists.set(cls, list); }
      list.push(ptr);
      inUse -= cls;
    },
    bytesInUse: () => inUse,
    peakBytes: () => peak,
    heapBytes: () => top - base,
    memoryBytes: () => memory.buffer.byteLength,
    sizeClass,
    setSgemmDispatch(d) { dispatch = d; },
    sgemm(transA, transB, M, N, K, alpha, a, lda, b, ldb, beta, c, ldc) {
      if (dispatch !== null && dispatch(transA, transB, M, N, K, alpha, a, lda, b, ldb, beta, c, ldc)) return;
      x.sgemmWs(ws, transA ? 1 : 0, transB ? 1 : 0, M, N, K, alpha, a, lda, b, ldb, beta, c, ldc);
    },
    sgemmBatched(transA, transB, batch, M, N, K, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC) {
      if (dispatch !== null && batch * M * N * K >= 1 << 21) {
        for (let i = 0; i < batch; i++) {
          k.sgemm(transA, transB, M, N, K, alpha, a + 4 * i * strideA, lda, b + 4 * i * strideB, ldb, beta, c + 4 * i * strideC, ldc);
        }
        return;
      }
      x.sgemmBatchedWs(ws, transA ? 1 : 0, transB ? 1 : 0, batch, M, N, K, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC);
    },
    binary: (op, ndim, shapePtr, out, a, aS, b, bS) => x.binary(op, ndim, shapePtr, out, a, aS, b, bS),
    copyStrided: (ndim, shapePtr, out, a, aS) => x.copyStrided(ndim, shapePtr, out, a, aS),
    unary: (op, out, a, n, alpha) => x.unary(op, out, a, n, alpha),
    unaryBackward: (op, gradA, a, y, gradY, n, alpha) => x.unaryBackward(op, gradA, a, y, gradY, n, alpha),
    fill: (out, n, value) => x.fill(out, n, value),
    axpy: (n, alpha, xp, y) => x.axpy(n, alpha, xp, y),
    reduce: (op, out, a, outer, mid, inner) => x.reduce(op, out, a, outer, mid, inner),
    softmax: (out, a, rows, cols) => x.softmax(out, a, rows, cols),
    logSoftmax: (out, a, rows, cols) => x.logSoftmax(out, a, rows, cols),
    crossEntropy: (logits, targets, rows, cols, loss, grad, gs) => x.crossEntropy(logits, targets, rows, cols, loss, grad, gs),
    layerNorm: (out, mean, rstd, xp, gamma, beta, rows, cols, eps) => x.layerNorm(out, mean, rstd, xp, gamma, beta, rows, cols, eps),
    layerNormBackward: (gx, gg, gb, gy, xp, mean, rstd, gamma, rows, cols) => x.layerNormBackward(gx, gg, gb, gy, xp, mean, rstd, gamma, rows, cols),
    im2col: (col, xp, C, H, W, kh, kw, pad, stride) => x.im2col(col, xp, C, H, W, kh, kw, pad, stride),
    col2im: (xp, col, C, H, W, kh, kw, pad, stride) => x.col2im(xp, col, C, H, W, kh, kw, pad, stride),
    maxPool2d: (out, argmax, xp, N, C, H, W, kk, stride) => x.maxPool2d(out, argmax, xp, N, C, H, W, kk, stride),
    maxPool2dBackward: (gx, gy, argmax, nOut) => x.maxPool2dBackward(gx, gy, argmax, nOut),
    gather: (out, table, idx, n, dim) => x.gather(out, table, idx, n, dim),
    scatterAdd: (gTable, idx, gOut, n, dim) => x.scatterAdd(gTable, idx, gOut, n, dim),
    dropout: (out, mask, a, n, p, seed) => x.dropout(out, mask, a, n, p, seed | 0),
    adam: (param, grad, m, v, n, lr, b1, b2, eps, wd, step, decoupled) => x.adam(param, grad, m, v, n, lr, b1, b2, eps, wd, step, decoupled ? 1 : 0),
    sgd: (param, grad, buf, n, lr, mom, damp, wd, nesterov, first) => x.sgd(param, grad, buf, n, lr, mom, damp, wd, nesterov ? 1 : 0, first ? 1 : 0),
    sumSquares: (a, n) => x.sumSquares(a, n),
    scale: (a, n, s) => x.scale(a, n, s),
  };
  return k;
}

/** Compile and instantiate synchronously (builds core/build first if it is missing). */
export function loadKernelsSync(opts: LoadOptions = {}): Kernels {
  ensureBuilt();
  const { file, variant } = chooseFile(opts);
  const module = new WebAssembly.Module(readFileSync(wasmPath(file)));
  return makeKernels(module, variant, opts);
}

/** Compile asynchronously (builds core/build first if it is missing). */
export async function loadKernels(opts: LoadOptions = {}): Promise<Kernels> {
  ensureBuilt();
  const { file, variant } = chooseFile(opts);
  const module = await WebAssembly.compile(await readFile(wasmPath(file)));
  return makeKernels(module, variant, opts);
}
