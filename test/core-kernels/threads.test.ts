// The worker pool: 2-thread sgemm gives exactly the 1-thread result (same micro-kernel, same summation
// order per element) for every transpose form and odd sizes; conv via im2col + sgemm too; closing the
// pool returns to one thread.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadKernelsSync } from "../../core/src/wasm.ts";
import { startThreads } from "../../core/src/threads.ts";
import { rng, randn, putF, getF } from "./_helpers.ts";

test("2-thread sgemm equals 1-thread sgemm bit for bit (NN, NT, TN, TT; odd sizes; alpha/beta)", async () => {
  const k = loadKernelsSync({ shared: true });
  assert.ok(k.memory.buffer instanceof SharedArrayBuffer);
  const pool = await startThreads(k, 2, { minWork: 1 });
  assert.is(pool.threads, 2);
  const r = rng(51);
  for (const [M, N, K] of [[203, 77, 130], [64, 64, 64], [9, 300, 17], [517, 33, 260]]) {
    for (const [tA, tB] of [[false, false], [false, true], [true, false], [true, true]]) {
      const a = randn(r, M * K), b = randn(r, K * N), c0 = randn(r, M * N);
      const pa = putF(k, a), pb = putF(k, b), c1 = putF(k, c0), c2 = putF(k, c0);
      const lda = tA ? M : K, ldb = tB ? K : N;
      k.sgemm(tA, tB, M, N, K, 0.75, pa, lda, pb, ldb, 0.5, c2, N);      // threaded
      k.raw.sgemmWs(k.sgemmWorkspace, tA ? 1 : 0, tB ? 1 : 0, M, N, K, 0.75, pa, lda, pb, ldb, 0.5, c1, N); // inline
      assert.equal(Array.from(getF(k, c2, M * N)), Array.from(getF(k, c1, M * N)), `${tA}${tB} ${M}x${N}x${K}`);
    }
  }
  // memory grown after the workers started is visible to them
  const big = 1 << 26;
  const p = k.alloc(big);
  const M = 128, N = 128, K = 128;
  const pa = p + big - 3 * M * N * 4, pb = pa + M * K * 4, pc = pb + K * N * 4;
  k.f32().set(Float32Array.from(randn(r, M * K)), pa >> 2);
  k.f32().set(Float32Array.from(randn(r, K * N)), pb >> 2);
  k.sgemm(false, false, M, N, K, 1, pa, K, pb, N, 0, pc, N);
  const threaded = getF(k, pc, M * N);
  k.raw.sgemmWs(k.sgemmWorkspace, 0, 0, M, N, K, 1, pa, K, pb, N, 0, pc, N);
  assert.equal(Array.from(threaded), Array.from(getF(k, pc, M * N)));
  await pool.close();
  // back to one thread
  k.sgemm(false, false, M, N, K, 1, pa, K, pb, N, 0, pc, N);
  assert.equal(Array.from(getF(k, pc, M * N)), Array.from(threaded));
});

test("startThreads refuses a non-shared memory", async () => {
  const k = loadKernelsSync();
  let msg = "";
  try { await startThreads(k, 2); } catch (e) { msg = String(e); }
  assert.match(msg, /shared/);
});

test.run();
