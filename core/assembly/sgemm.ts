// SGEMM: C = alpha·op(A)·op(B) + beta·C, row-major, all transpose forms.
//
// GotoBLAS-style blocking: B is packed per (KC × NC) panel into NR-wide slivers (512 KiB: L2), A one MR-row sliver
// at a time (L1); the transposed operand is handled entirely by the packing routines, so the micro-kernel
// (MR × NR accumulators of f32x4) is the same for NN, NT, TN and TT.
//
// A is packed "pre-splatted": each element is stored four times (one f32x4 per element), so the
// micro-kernel reads it with plain v128.load. Measured on V8 11.3 / Zen 3: v128.load32_splat (vbroadcastss
// from memory) costs about as much as an FP operation there, and with it the 4 × 8 kernel ran at ~70 % of
// the ceiling micro-kernel; with pre-splatted A it runs at ~85 %. The extra packing work is linear in the
// size of A.
//
// The k loop's multiply-adds go through madd (madd.ts): fused in the relaxed build, where they are half
// the FP instructions of the loop, which is what kept this kernel short of the ceiling on V8 11.3.
//
// `ws` is a per-thread workspace of sgemmWorkspaceBytes() bytes (packed A sliver, packed B panel, one edge tile).

import { madd } from "./madd";

// @ts-ignore: decorator
@inline export const MR: i32 = 4;
// @ts-ignore: decorator
@inline export const NR: i32 = 8;
// @ts-ignore: decorator
@inline export const KC: i32 = 256;
// @ts-ignore: decorator
@inline export const NC: i32 = 512;

// @ts-ignore: decorator
@inline const PACKA_BYTES: i32 = KC * MR * 16;
// @ts-ignore: decorator
@inline const PACKB_BYTES: i32 = KC * NC * 4;

export function sgemmWorkspaceBytes(): i32 {
  return PACKA_BYTES + PACKB_BYTES + MR * NR * 4 + 64;
}

// Pack the MR-row sliver op(A)[i0 .. i0+m, k0 .. k0+kc] pre-splatted: dst[k][r] = f32x4.splat(A(i0+r, k0+k)),
// rows m .. MR-1 zero. `rs` / `ks` are the byte strides of A between rows and between k.
function packA(dst: usize, a: usize, rs: usize, ks: usize, m: i32, kc: i32): void {
  let d = dst;
  if (m == MR) {
    let src = a;
    const end = d + <usize>kc * (MR * 16);
    while (d < end) {
      v128.store(d, v128.load32_splat(src));
      v128.store(d, v128.load32_splat(src + rs), 16);
      v128.store(d, v128.load32_splat(src + 2 * rs), 32);
      v128.store(d, v128.load32_splat(src + 3 * rs), 48);
      src += ks;
      d += MR * 16;
    }
    return;
  }
  const zero = f32x4.splat(0);
  for (let k = 0; k < kc; k++) {
    const src = a + <usize>k * ks;
    for (let r = 0; r < MR; r++) {
      v128.store(d, r < m ? v128.load32_splat(src + <usize>r * rs) : zero);
      d += 16;
    }
  }
}

// Store the 4 × 4 transpose of rows r0..r3 as 4 vectors at d, d + step, d + 2·step, d + 3·step.
// @ts-ignore: decorator
@inline function storeT4(d: usize, step: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const t0 = f32x4.shuffle(r0, r1, 0, 4, 1, 5);
  const t1 = f32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const t2 = f32x4.shuffle(r0, r1, 2, 6, 3, 7);
  const t3 = f32x4.shuffle(r2, r3, 2, 6, 3, 7);
  v128.store(d, f32x4.shuffle(t0, t1, 0, 1, 4, 5));
  v128.store(d + step, f32x4.shuffle(t0, t1, 2, 3, 6, 7));
  v128.store(d + 2 * step, f32x4.shuffle(t2, t3, 0, 1, 4, 5));
  v128.store(d + 3 * step, f32x4.shuffle(t2, t3, 2, 3, 6, 7));
}

// Pack op(B)[k0 .. k0+kc, j0 .. j0+nc] into slivers of NR columns: dst[s][k][j].
function packB(dst: usize, transB: bool, b: usize, ldb: i32, k0: i32, j0: i32, kc: i32, nc: i32): void {
  for (let s = 0; s < nc; s += NR) {
    const cols = min(NR, nc - s);
    const base = dst + <usize>(s * kc) * 4;
    if (!transB) {
      // B(k, j) = b[k*ldb + j]
      let src = b + (<usize>k0 * <usize>ldb + <usize>(j0 + s)) * 4;
      const stride = <usize>ldb * 4;
      let d = base;
      if (cols == NR) {
        for (let k = 0; k < kc; k++) {
          v128.store(d, v128.load(src));
          v128.store(d, v128.load(src, 16), 16);
          src += stride;
          d += NR * 4;
        }
      } else {
        for (let k = 0; k < kc; k++) {
          for (let j = 0; j < NR; j++) store<f32>(d + <usize>j * 4, j < cols ? load<f32>(src + <usize>j * 4) : 0);
          src += stride;
          d += NR * 4;
        }
      }
    } else if (cols == NR) {
      // B(k, j) = b[j*ldb + k]: 4 columns × 4 k at a time through a register transpose
      const cs = <usize>ldb * 4;
      for (let g = 0; g < NR; g += 4) {
        let src = b + (<usize>(j0 + s + g) * <usize>ldb + <usize>k0) * 4;
        let d = base + <usize>g * 4;
        let k = 0;
        for (; k + 4 <= kc; k += 4) {
          storeT4(d, NR * 4, v128.load(src), v128.load(src + cs), v128.load(src + 2 * cs), v128.load(src + 3 * cs));
          src += 16;
          d += 4 * NR * 4;
        }
        for (; k < kc; k++) {
          store<f32>(d, load<f32>(src));
          store<f32>(d, load<f32>(src + cs), 4);
          store<f32>(d, load<f32>(src + 2 * cs), 8);
          store<f32>(d, load<f32>(src + 3 * cs), 12);
          src += 4;
          d += NR * 4;
        }
      }
    } else {
      // B(k, j) = b[j*ldb + k]: walk each column j contiguously over k
      for (let j = 0; j < NR; j++) {
        let d = base + <usize>j * 4;
        if (j < cols) {
          let src = b + (<usize>(j0 + s + j) * <usize>ldb + <usize>k0) * 4;
          for (let k = 0; k < kc; k++) {
            store<f32>(d, load<f32>(src));
            src += 4;
            d += NR * 4;
          }
        } else {
          for (let k = 0; k < kc; k++) {
            store<f32>(d, 0);
            d += NR * 4;
          }
        }
      }
    }
  }
}


// 4 × 8 micro-kernel: acc[r][0..7] += pa[k][r] · pb[k][0..7] over kc ≥ 1 steps; then C = alpha·acc + beta·C.
// c points at C(i, j); ldcb is the row stride of C in bytes.
// k is unrolled by 2 with an exit test between the halves: the test is a block boundary, so V8 keeps each
// half's 6 loads next to their uses (8 accumulators + 2 B + 1 A + a product fit in the 15 usable xmm
// registers). Measured: this beat the plain loop (V8 hoists the loads of its own unrolled copies) and ×4.
// @ts-ignore: decorator
@inline
function micro(kc: i32, pa: usize, pb: usize, c: usize, ldcb: usize, alpha: f32, beta: f32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let a: v128, b0: v128, b1: v128;
  const end = pa + <usize>kc * (MR * 16);
  const last = end - MR * 16;
  while (true) {
    b0 = v128.load(pb, 0); b1 = v128.load(pb, 16);
    a = v128.load(pa, 0); c00 = madd(c00, a, b0); c01 = madd(c01, a, b1);
    a = v128.load(pa, 16); c10 = madd(c10, a, b0); c11 = madd(c11, a, b1);
    a = v128.load(pa, 32); c20 = madd(c20, a, b0); c21 = madd(c21, a, b1);
    a = v128.load(pa, 48); c30 = madd(c30, a, b0); c31 = madd(c31, a, b1);
    if (pa >= last) break;
    b0 = v128.load(pb, 32); b1 = v128.load(pb, 48);
    a = v128.load(pa, 64); c00 = madd(c00, a, b0); c01 = madd(c01, a, b1);
    a = v128.load(pa, 80); c10 = madd(c10, a, b0); c11 = madd(c11, a, b1);
    a = v128.load(pa, 96); c20 = madd(c20, a, b0); c21 = madd(c21, a, b1);
    a = v128.load(pa, 112); c30 = madd(c30, a, b0); c31 = madd(c31, a, b1);
    pa += 2 * MR * 16;
    pb += 2 * NR * 4;
    if (pa >= end) break;
  }
  const va = f32x4.splat(alpha);
  if (beta == 0) {
    v128.store(c, f32x4.mul(va, c00));
    v128.store(c, f32x4.mul(va, c01), 16);
    c += ldcb;
    v128.store(c, f32x4.mul(va, c10));
    v128.store(c, f32x4.mul(va, c11), 16);
    c += ldcb;
    v128.store(c, f32x4.mul(va, c20));
    v128.store(c, f32x4.mul(va, c21), 16);
    c += ldcb;
    v128.store(c, f32x4.mul(va, c30));
    v128.store(c, f32x4.mul(va, c31), 16);
  } else if (beta == 1) {
    v128.store(c, f32x4.add(v128.load(c), f32x4.mul(va, c00)));
    v128.store(c, f32x4.add(v128.load(c, 16), f32x4.mul(va, c01)), 16);
    c += ldcb;
    v128.store(c, f32x4.add(v128.load(c), f32x4.mul(va, c10)));
    v128.store(c, f32x4.add(v128.load(c, 16), f32x4.mul(va, c11)), 16);
    c += ldcb;
    v128.store(c, f32x4.add(v128.load(c), f32x4.mul(va, c20)));
    v128.store(c, f32x4.add(v128.load(c, 16), f32x4.mul(va, c21)), 16);
    c += ldcb;
    v128.store(c, f32x4.add(v128.load(c), f32x4.mul(va, c30)));
    v128.store(c, f32x4.add(v128.load(c, 16), f32x4.mul(va, c31)), 16);
  } else {
    const vb = f32x4.splat(beta);
    v128.store(c, f32x4.add(f32x4.mul(vb, v128.load(c)), f32x4.mul(va, c00)));
    v128.store(c, f32x4.add(f32x4.mul(vb, v128.load(c, 16)), f32x4.mul(va, c01)), 16);
    c += ldcb;
    v128.store(c, f32x4.add(f32x4.mul(vb, v128.load(c)), f32x4.mul(va, c10)));
    v128.store(c, f32x4.add(f32x4.mul(vb, v128.load(c, 16)), f32x4.mul(va, c11)), 16);
    c += ldcb;
    v128.store(c, f32x4.add(f32x4.mul(vb, v128.load(c)), f32x4.mul(va, c20)));
    v128.store(c, f32x4.add(f32x4.mul(vb, v128.load(c, 16)), f32x4.mul(va, c21)), 16);
    c += ldcb;
    v128.store(c, f32x4.add(f32x4.mul(vb, v128.load(c)), f32x4.mul(va, c30)));
    v128.store(c, f32x4.add(f32x4.mul(vb, v128.load(c, 16)), f32x4.mul(va, c31)), 16);
  }
}

function microFull(kc: i32, pa: usize, pb: usize, c: usize, ldcb: usize, alpha: f32, beta: f32): void {
  micro(kc, pa, pb, c, ldcb, alpha, beta);
}

// Edge tile: compute the full MR × NR tile into `tile`, then merge the m × n corner into C.
function microEdge(kc: i32, pa: usize, pb: usize, tile: usize, c: usize, ldcb: usize, m: i32, n: i32, alpha: f32, beta: f32): void {
  micro(kc, pa, pb, tile, NR * 4, 1, 0);
  for (let r = 0; r < m; r++) {
    const crow = c + <usize>r * ldcb;
    const trow = tile + <usize>(r * NR) * 4;
    for (let j = 0; j < n; j++) {
      const t = alpha * load<f32>(trow + <usize>j * 4);
      const p = crow + <usize>j * 4;
      if (beta == 0) store<f32>(p, t);
      else store<f32>(p, beta * load<f32>(p) + t);
    }
  }
}

function scaleC(M: i32, N: i32, beta: f32, c: usize, ldc: i32): void {
  for (let i = 0; i < M; i++) {
    const row = c + <usize>i * <usize>ldc * 4;
    for (let j = 0; j < N; j++) {
      const p = row + <usize>j * 4;
      store<f32>(p, beta == 0 ? <f32>0 : beta * load<f32>(p));
    }
  }
}

export function sgemmWs(ws: usize, transA: bool, transB: bool, M: i32, N: i32, K: i32, alpha: f32,
                        a: usize, lda: i32, b: usize, ldb: i32, beta: f32, c: usize, ldc: i32): void {
  if (M <= 0 || N <= 0) return;
  if (K <= 0 || alpha == 0) { if (beta != 1) scaleC(M, N, beta, c, ldc); return; }
  const pA = (ws + 15) & ~<usize>15;
  const pB = pA + PACKA_BYTES;
  const tile = pB + PACKB_BYTES;
  const ldcb = <usize>ldc * 4;
  // byte strides of op(A) between rows and between k
  const ars: usize = transA ? 4 : <usize>lda * 4;
  const aks: usize = transA ? <usize>lda * 4 : 4;
  for (let jc = 0; jc < N; jc += NC) {
    const nc = min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = min(KC, K - pc);
      const bt: f32 = pc == 0 ? beta : 1;
      packB(pB, transB, b, ldb, pc, jc, kc, nc);
      for (let ir = 0; ir < M; ir += MR) {
        const m = min(MR, M - ir);
        packA(pA, a + <usize>ir * ars + <usize>pc * aks, ars, aks, m, kc);
        const crow = c + (<usize>ir * <usize>ldc + <usize>jc) * 4;
        for (let jr = 0; jr < nc; jr += NR) {
          const n = min(NR, nc - jr);
          const pbs = pB + <usize>(jr * kc) * 4;
          const cp = crow + <usize>jr * 4;
          if (m == MR && n == NR) microFull(kc, pA, pbs, cp, ldcb, alpha, bt);
          else microEdge(kc, pA, pbs, tile, cp, ldcb, m, n, alpha, bt);
        }
      }
    }
  }
}

export function sgemmBatchedWs(ws: usize, transA: bool, transB: bool, batch: i32, M: i32, N: i32, K: i32, alpha: f32,
                               a: usize, lda: i32, strideA: i32, b: usize, ldb: i32, strideB: i32,
                               beta: f32, c: usize, ldc: i32, strideC: i32): void {
  for (let i = 0; i < batch; i++) {
    sgemmWs(ws, transA, transB, M, N, K, alpha,
      a + <usize>i * <usize>strideA * 4, lda, b + <usize>i * <usize>strideB * 4, ldb,
      beta, c + <usize>i * <usize>strideC * 4, ldc);
  }
}
