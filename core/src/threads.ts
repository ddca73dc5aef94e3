// A worker_threads pool over the shared-memory kernels build. SGEMM (and so conv, which is im2col + SGEMM,
// and large batched SGEMM) is split by rows of C: the calling thread computes the first block of rows,
// each worker one further block, and the call returns when all are done (Atomics.wait), so the
// synchronous Kernels API is unchanged. One thread (no pool) stays the default.
//
//   const k = loadKernelsSync({ shared: true });
//   const pool = await startThreads(k, 2);   // k.sgemm now uses 2 threads
//   ...
//   await pool.close();                       // back to one thread
import { Worker } from "node:worker_threads";
import { cpus } from "node:os";
import type { Kernels } from "./wasm.ts";

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

// control block per worker: Int32 [0] seq, [1] done, [2] cmd (1 = sgemm, -1 = quit), [3..13] int args;
// Float64 at byte 64: alpha, beta
const CTRL_BYTES = 128;

const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, ctrl, ws } = workerData;
const x = new WebAssembly.Instance(module, { env: { memory } }).exports;
const I = new Int32Array(ctrl);
const F = new Float64Array(ctrl, 64, 2);
let seen = 0;
for (;;) {
  Atomics.wait(I, 0, seen);
  seen = Atomics.load(I, 0);
  if (I[2] === -1) { Atomics.store(I, 1, seen); Atomics.notify(I, 1); break; }
  try {
    x.sgemmWs(ws, I[3], I[4], I[5], I[6], I[7], F[0], I[8], I[9], I[10], I[11], F[1], I[12], I[13]);
  } catch (e) {
    I[2] = -2;
  }
  Atomics.store(I, 1, seen);
  Atomics.notify(I, 1);
}
`;

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
  const online: Promise<void>[] = [];
  for (let i = 1; i < n; i++) {
    const ctrl = new SharedArrayBuffer(CTRL_BYTES);
    const ws = k.alloc(k.sgemmWorkspaceBytes);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: k.module, memory: k.memory, ctrl, ws } });
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

  const MR = 4;
  k.setSgemmDispatch((transA, transB, M, N, K, alpha, a, lda, b, ldb, beta, c, ldc) => {
    if (M * N * K < pool.minWork || M < 2 * MR) return false;
    const parts = Math.min(n, Math.floor(M / MR));
    // rows per part, a multiple of the micro-kernel height
    const per = Math.ceil(M / parts / MR) * MR;
    const ta = transA ? 1 : 0, tb = transB ? 1 : 0;
    const aOff = (r: number): number => a + 4 * (transA ? r : r * lda);
    let used = 0;
    for (let p = 1; p < parts; p++) {
      const r0 = p * per;
      if (r0 >= M) break;
      const rows = Math.min(per, M - r0);
      const s = slots[p - 1];
      const I = s.I;
      I[2] = 1; I[3] = ta; I[4] = tb; I[5] = rows; I[6] = N; I[7] = K;
      I[8] = aOff(r0); I[9] = lda; I[10] = b; I[11] = ldb; I[12] = c + 4 * r0 * ldc; I[13] = ldc;
      s.F[0] = alpha; s.F[1] = beta;
      s.seq++;
      Atomics.store(I, 0, s.seq);
      Atomics.notify(I, 0);
      used++;
    }
    k.raw.sgemmWs(k.sgemmWorkspace, ta, tb, Math.min(per, M), N, K, alpha, a, lda, b, ldb, beta, c, ldc);
    let failed = false;
    for (let p = 0; p < used; p++) {
      waitDone(slots[p]);
      if (slots[p].I[2] === -2) failed = true;
    }
    if (failed) throw new Error("threads: sgemm failed in a worker");
    return true;
  });
  return pool;
}
