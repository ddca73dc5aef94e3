// A worker_threads pool over the shared-memory kernels build. SGEMM (and so conv, which is im2col + SGEMM,
// and large batched SGEMM) is split into blocks of rows of C (columns when C is short and wide); the
// calling thread and the workers take blocks from a shared counter until none is left, and the call
// returns when all are done (Atomics.wait), so the synchronous Kernels API is unchanged. One thread
// (no pool) stays the default.
//
//   const k = loadKernelsSync({ shared: true });
//   const pool = await startThreads(k, 2);   // k.sgemm now uses 2 threads
//   ...
//   await pool.close();                       // back to one thread
import { Worker } from "node:worker_threads";
import { cpus } from "node:os";
import type { Kernels, KernelExports } from "./wasm.ts";

export interface ThreadPool {
  /** Threads used by a split sgemm, counting the calling thread. */
  readonly threads: number;
  /** Smallest M·N·K that is split (smaller products run on the calling thread). */
  minWork: number;
  close(): Promise<void>;
}

export interface ThreadOptions {
  /** Default 2^20 (≈ a 100×100×100 product): below that, waking a worker costs more than it saves. */
  minWork?: number;
}

// control block per worker: Int32 [0] seq, [1] done, [2] cmd (1 = sgemm, -1 = quit, -2 = failed),
// [3..13] ta, tb, M, N, K, a, lda, b, ldb, c, ldc, [14] axis (0 = rows of C, 1 = columns), [15] chunk;
// Float64 at byte 64: alpha, beta. The job block's [0] is the next chunk to take (shared by all threads,
// so a thread slowed down by other load simply takes fewer chunks).
const CTRL_BYTES = 128;

// Shared by the calling thread and the workers (kept as source so workers need no TypeScript loader).
const RUN_CHUNKS_SOURCE = `
function runChunks(x, ws, I, F, J) {
  const ta = I[3], tb = I[4], M = I[5], N = I[6], K = I[7], a = I[8], lda = I[9], b = I[10], ldb = I[11], c = I[12], ldc = I[13];
  const axis = I[14], chunk = I[15], total = axis === 0 ? M : N;
  for (;;) {
    const s0 = Atomics.add(J, 0, 1) * chunk;
    if (s0 >= total) return;
    const len = Math.min(chunk, total - s0);
    if (axis === 0) x.sgemmWs(ws, ta, tb, len, N, K, F[0], a + 4 * (ta ? s0 : s0 * lda), lda, b, ldb, F[1], c + 4 * s0 * ldc, ldc);
    else x.sgemmWs(ws, ta, tb, M, len, K, F[0], a, lda, b + 4 * (tb ? s0 * ldb : s0), ldb, F[1], c + 4 * s0, ldc);
  }
}
`;
type RunChunks = (x: KernelExports, ws: number, I: Int32Array, F: Float64Array, J: Int32Array) => void;
const runChunks = new Function(`${RUN_CHUNKS_SOURCE}; return runChunks;`)() as RunChunks;

const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, ctrl, job, ws } = workerData;
const x = new WebAssembly.Instance(module, { env: { memory } }).exports;
const I = new Int32Array(ctrl);
const F = new Float64Array(ctrl, 64, 2);
const J = new Int32Array(job);
let seen = 0;
for (;;) {
  Atomics.wait(I, 0, seen);
  seen = Atomics.load(I, 0);
  if (I[2] === -1) { Atomics.store(I, 1, seen); Atomics.notify(I, 1); break; }
  try {
    runChunks(x, ws, I, F, J);
  } catch (e) {
    I[2] = -2;
  }
  Atomics.store(I, 1, seen);
  Atomics.notify(I, 1);
}
` + RUN_CHUNKS_SOURCE;
interface Slot {
  worker: Worker;
  I: Int32Array;
  F: Float64Array;
  ws: number;
  seq: number;
}

function waitDone(s: Slot): void {
  for (;;) {
    const d = Atomics.load(s.I, 1);
    if (d === s.seq) return;
    Atomics.wait(s.I, 1, d, 1000);
  }
}

/** Start `threads - 1` workers (default: 2, capped at the CPU count) and route k.sgemm through them. */
export async function startThreads(k: Kernels, threads = Math.min(2, cpus().length), opts: ThreadOptions = {}): Promise<ThreadPool> {
  if (!k.shared) throw new Error("startThreads: the kernels must be loaded with loadKernelsSync({ shared: true }) (shared memory)");
  const n = Math.max(1, Math.floor(threads));
  const slots: Slot[] = [];
  const job = new SharedArrayBuffer(64);
  const J = new Int32Array(job);
  const mainCtrl = new SharedArrayBuffer(CTRL_BYTES);
  const MI = new Int32Array(mainCtrl), MF = new Float64Array(mainCtrl, 64, 2);
  const online: Promise<void>[] = [];
  for (let i = 1; i < n; i++) {
    const ctrl = new SharedArrayBuffer(CTRL_BYTES);
    const ws = k.alloc(k.sgemmWorkspaceBytes);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: k.module, memory: k.memory, ctrl, job, ws } });
    online.push(new Promise((resolve, reject) => { worker.once("online", () => resolve()); worker.once("error", reject); }));
    slots.push({ worker, I: new Int32Array(ctrl), F: new Float64Array(ctrl, 64, 2), ws, seq: 0 });
  }
  await Promise.all(online);
  // the workers then block in Atomics.wait between jobs; they must not keep the process alive
  for (const s of slots) s.worker.unref();

  const pool: ThreadPool = {
    threads: n,
    minWork: opts.minWork ?? 1 << 20,
    async close() {
      k.setSgemmDispatch(null);
      for (const s of slots) {
        s.seq++;
        s.I[2] = -1;
        Atomics.store(s.I, 0, s.seq);
        Atomics.notify(s.I, 0);
      }
      for (const s of slots) {
        waitDone(s);
        k.free(s.ws, k.sgemmWorkspaceBytes);
        await s.worker.terminate();
      }
      slots.length = 0;
    },
  };
  if (n === 1) return pool;

  const MR = 4, NR = 8;
  k.setSgemmDispatch((transA, transB, M, N, K, alpha, a, lda, b, ldb, beta, c, ldc) => {
    if (M * N * K < pool.minWork) return false;
    // split the rows of C; when C is short and wide (e.g. a batch of 100 against 500 units), split columns
    // instead so that each thread packs only its part of B
    const axis = M >= N || M >= 256 ? 0 : 1;
    const total = axis === 0 ? M : N, unit = axis === 0 ? MR : NR;
    if (total < 2 * unit) return false;
    // two blocks per thread when there is enough work (some load balance; every block repacks B),
    // at least one block each
    const chunks = Math.max(n, Math.min(2 * n, Math.floor(total / 128)));
    const chunk = Math.ceil(total / chunks / unit) * unit;
    const fill = (I: Int32Array, F: Float64Array): void => {
      I[2] = 1; I[3] = transA ? 1 : 0; I[4] = transB ? 1 : 0; I[5] = M; I[6] = N; I[7] = K;
      I[8] = a; I[9] = lda; I[10] = b; I[11] = ldb; I[12] = c; I[13] = ldc; I[14] = axis; I[15] = chunk;
      F[0] = alpha; F[1] = beta;
    };
    Atomics.store(J, 0, 0);
    for (const s of slots) {
      fill(s.I, s.F);
      s.seq++;
      Atomics.store(s.I, 0, s.seq);
      Atomics.notify(s.I, 0);
    }
    fill(MI, MF);
    runChunks(k.raw, k.sgemmWorkspace, MI, MF, J);
    let failed = false;
    for (const s of slots) {
      waitDone(s);
      if (s.I[2] === -2) failed = true;
    }
    if (failed) throw new Error("threads: sgemm failed in a worker");
    return true;
  });
  return pool;
}
