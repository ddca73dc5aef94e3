// SGEMM and batched SGEMM against a float64 reference: every transpose form, odd sizes, padded
// leading dimensions, alpha/beta (beta = 0 must not read C), sizes crossing the cache blocks. Every
// test runs on both kernel builds: the default SIMD128 one and the relaxed-SIMD one (fused
// multiply-add), which Node 20 runs only with the V8 flag set below.
import { setFlagsFromString } from "node:v8";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadKernelsSync, relaxedSimdSupported, type Kernels } from "../../core/src/wasm.ts";
import { rng, randn, randInt, putF, getF, assertClose, f32r } from "./_helpers.ts";

setFlagsFromString("--experimental-wasm-relaxed-simd");

function refGemm(tA: boolean, tB: boolean, M: number, N: number, K: number, alpha: number,
                 a: Float64Array, lda: number, b: Float64Array, ldb: number, beta: number, c: Float64Array, ldc: number): Float64Array {
  const out = Float64Array.from(c);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let p = 0; p < K; p++) s += (tA ? a[p * lda + i] : a[i * lda + p]) * (tB ? b[j * ldb + p] : b[p * ldb + j]);
      out[i * ldc + j] = alpha * s + (beta === 0 ? 0 : beta * c[i * ldc + j]);
    }
  }
  return out;
}

function check(k: Kernels, tA: boolean, tB: boolean, M: number, N: number, K: number, alpha: number, beta: number, pad: number, seed: number): void {
  const r = rng(seed);
  const lda = (tA ? M : K) + pad, ldb = (tB ? K : N) + pad, ldc = N + pad;
  const a = f32r(randn(r, (tA ? K : M) * lda));
  const b = f32r(randn(r, (tB ? N : K) * ldb));
  const c0 = f32r(randn(r, M * ldc));
  const pa = putF(k, a), pb = putF(k, b), pc = putF(k, beta === 0 ? new Float64Array(M * ldc).fill(NaN) : c0);
  k.sgemm(tA, tB, M, N, K, alpha, pa, lda, pb, ldb, beta, pc, ldc);
  const want = refGemm(tA, tB, M, N, K, alpha, a, lda, b, ldb, beta, c0, ldc);
  const got = getF(k, pc, M * ldc);
  // compare only the M × N window (padding columns untouched is checked separately)
  const gw: number[] = [], ww: number[] = [];
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) { gw.push(got[i * ldc + j]); ww.push(want[i * ldc + j]); }
  assertClose(gw, ww, `sgemm ${tA ? "T" : "N"}${tB ? "T" : "N"} M=${M} N=${N} K=${K} pad=${pad} a=${alpha} b=${beta}`, 1e-4, 1e-4 * Math.sqrt(K));
  if (pad > 0) for (let i = 0; i < M; i++) for (let j = N; j < ldc; j++) {
    const g = got[i * ldc + j], w = beta === 0 ? NaN : c0[i * ldc + j];
    assert.ok(Object.is(g, w) || (Number.isNaN(g) && Number.isNaN(w)), "sgemm wrote outside the M×N window");
  }
  k.free(pa, a.length * 4); k.free(pb, b.length * 4); k.free(pc, M * ldc * 4);
}

const forms: [boolean, boolean][] = [[false, false], [false, true], [true, false], [true, true]];

function suite(k: Kernels, name: string): void {
  test(`${name}: sgemm: random small sizes, all transpose forms, alpha/beta, padded strides`, () => {
    const r = rng(7);
    let seed = 1;
    for (const [tA, tB] of forms) {
      for (let t = 0; t < 25; t++) {
        const M = randInt(r, 1, 37), N = randInt(r, 1, 41), K = randInt(r, 1, 45);
        const alpha = [1, 0.5, -2][t % 3], beta = [0, 1, 0.25][(t >> 1) % 3];
        check(k, tA, tB, M, N, K, alpha, beta, t % 4 === 0 ? 0 : randInt(r, 1, 5), seed++);
      }
    }
  });

  test(`${name}: sgemm: sizes crossing the K, M and N cache blocks`, () => {
    for (const [tA, tB] of forms) {
      check(k, tA, tB, 133, 521, 300, 1, 0, 0, 11);
      check(k, tA, tB, 131, 67, 513, 0.5, 1, 3, 12);
    }
  });

  test(`${name}: sgemm: exact multiples of the register block`, () => {
    for (const [tA, tB] of forms) check(k, tA, tB, 64, 64, 64, 1, 0, 0, 21);
  });

  test(`${name}: sgemm: micro-kernel edges (K = 1, 2, 3, odd K past the k-unroll, M < MR, N < NR, lda > K)`, () => {
    let seed = 31;
    for (const [tA, tB] of forms) {
      for (const K of [1, 2, 3, 5, 257]) check(k, tA, tB, 9, 17, K, 1, 0, 0, seed++);
      check(k, tA, tB, 1, 8, 7, 1, 0.5, 0, seed++);   // M < MR, N = NR
      check(k, tA, tB, 4, 3, 7, -1, 0, 0, seed++);    // M = MR, N < NR
      check(k, tA, tB, 3, 5, 2, 2, 1, 0, seed++);     // both below the register block
      check(k, tA, tB, 6, 12, 33, 1, 0.25, 7, seed++); // padded leading dimensions (lda > K or > M)
      check(k, tA, tB, 4, 8, 256, 1, 0, 0, seed++);   // exactly one K block, one register block
    }
  });

  test(`${name}: sgemm: K = 0 scales C by beta; alpha = 0 too`, () => {
    const c = putF(k, [1, 2, 3, 4]);
    k.sgemm(false, false, 2, 2, 0, 1, c, 2, c, 2, 0.5, c, 2);
    assert.equal(Array.from(getF(k, c, 4)), [0.5, 1, 1.5, 2]);
    k.sgemm(false, false, 2, 2, 2, 0, c, 2, c, 2, 0, c, 2);
    assert.equal(Array.from(getF(k, c, 4)), [0, 0, 0, 0]);
  });

  test(`${name}: sgemmBatched: all forms, batch strides including a broadcast (stride 0) operand`, () => {
    const r = rng(99);
    for (const [tA, tB] of forms) {
      const batch = 3, M = randInt(r, 1, 19), N = randInt(r, 1, 23), K = randInt(r, 1, 17);
      const lda = tA ? M : K, ldb = tB ? K : N, ldc = N;
      const sA = M * K, sB = 0, sC = M * N;
      const a = f32r(randn(r, batch * sA)), b = f32r(randn(r, K * N)), c = f32r(randn(r, batch * sC));
      const pa = putF(k, a), pb = putF(k, b), pc = putF(k, c);
      k.sgemmBatched(tA, tB, batch, M, N, K, 1.5, pa, lda, sA, pb, ldb, sB, 0.5, pc, ldc, sC);
      const got = getF(k, pc, batch * sC);
      for (let i = 0; i < batch; i++) {
        const want = refGemm(tA, tB, M, N, K, 1.5, a.subarray(i * sA), lda, b, ldb, 0.5, c.subarray(i * sC, (i + 1) * sC), ldc);
        assertClose(got.subarray(i * sC, (i + 1) * sC), want, `sgemmBatched ${tA}${tB} batch ${i}`, 1e-4, 1e-4);
      }
    }
  });
}

const simd = loadKernelsSync();
const relaxed = loadKernelsSync({ relaxed: true });
test("the default build is SIMD128; with the V8 flag this engine runs the relaxed build", () => {
  assert.is(simd.variant, "simd");
  assert.ok(relaxedSimdSupported(), "Node 20+ validates relaxed SIMD with --experimental-wasm-relaxed-simd");
  assert.is(relaxed.variant, "relaxed-simd");
});
suite(simd, "simd");
suite(relaxed, "relaxed-simd");

test("relaxed build: fused multiply-add agrees with mul + add up to rounding", () => {
  const r = rng(5);
  const n = 96, a = f32r(randn(r, n * n)), b = f32r(randn(r, n * n));
  const out = [simd, relaxed].map((k) => {
    const pa = putF(k, a), pb = putF(k, b), pc = putF(k, new Float64Array(n * n));
    k.sgemm(false, false, n, n, n, 1, pa, n, pb, n, 0, pc, n);
    return getF(k, pc, n * n);
  });
  let maxDiff = 0;
  for (let i = 0; i < n * n; i++) maxDiff = Math.max(maxDiff, Math.abs(out[0][i] - out[1][i]));
  assert.ok(maxDiff < 1e-4, `max difference ${maxDiff}`);
});

test.run();
