// Matrix products on the kernels' SGEMM. Transposed views (e.g. `w.T`) are passed to SGEMM as
// transpose flags, never copied; batch dims fold into M when the right operand is 2-D.
import { kernels } from "../backend.ts";
import { attach, contiguousStrides, formatShape, sizeOf, Tensor } from "../tensor.ts";
import { assertFloat, copyInto, mergeDims } from "./util.ts";
import { sumTo } from "./reduce.ts";

interface Mat {
  t: Tensor; // tensor holding the data (input or a contiguous copy)
  trans: boolean; // stored as the transpose of the logical [R, C] matrix
  ld: number; // row stride of the stored matrix
  batchStride: number; // element stride between batch items (0 = broadcast / single)
}

/** Describe the last two dims of t as a (possibly transposed) strided matrix, or null. */
function describe(t: Tensor, foldBatch: boolean): Mat | null {
  const nd = t.ndim;
  const R = t.shape[nd - 2];
  const C = t.shape[nd - 1];
  const sR = t.strides[nd - 2];
  const sC = t.strides[nd - 1];
  let trans: boolean;
  let ld: number;
  if ((sC === 1 || C === 1) && (R === 1 || sR >= C)) {
    trans = false;
    ld = R === 1 ? Math.max(C, 1) : sR;
  } else if ((sR === 1 || R === 1) && (C === 1 || sC >= R)) {
    trans = true;
    ld = C === 1 ? Math.max(R, 1) : sC;
  } else return null;
  const batchShape = t.shape.slice(0, nd - 2);
  if (foldBatch) {
    if (sizeOf(batchShape) <= 1) return { t, trans, ld, batchStride: 0 };
    if (trans) return null;
    // Batch dims must merge with the row dim into one run of stride ld.
    const m = mergeDims(t.shape.slice(0, nd - 1), [t.strides.slice(0, nd - 1)]);
    if (m.shape.length !== 1 || m.strides[0][0] !== ld) return null;
    return { t, trans, ld, batchStride: 0 };
  }
  if (batchShape.length === 0 || sizeOf(batchShape) === 1) return { t, trans, ld, batchStride: 0 };
  const m = mergeDims(batchShape, [t.strides.slice(0, nd - 2)]);
  if (m.shape.length !== 1) return null;
  return { t, trans, ld, batchStride: m.strides[0][0] };
}

function contigCopy(t: Tensor): Tensor {
  const out = Tensor.empty(t.shape);
  copyInto(out, t);
  return out;
}

function describeOrCopy(t: Tensor, foldBatch: boolean): Mat {
  const d = describe(t, foldBatch);
  if (d) return d;
  const c = contigCopy(t);
  return describe(c, foldBatch)!;
}

function contig(g: Tensor): Tensor {
  return g.isContiguous() ? g : contigCopy(g);
}

/** Matrix product with PyTorch's matmul broadcasting for ≥2-D operands. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  assertFloat("matmul", a, b);
  if (a.ndim < 2 || b.ndim < 2) throw new Error(`matmul: expects tensors with at least 2 dims, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  const M = a.shape[a.ndim - 2];
  const Kd = a.shape[a.ndim - 1];
  const K2 = b.shape[b.ndim - 2];
  const N = b.shape[b.ndim - 1];
  if (Kd !== K2) throw new Error(`matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} are not compatible (${Kd} != ${K2})`);
  const K = kernels();
  if (b.ndim === 2) {
    const A = describeOrCopy(a, true);
    const B = describeOrCopy(b, false);
    const rows = sizeOf(a.shape.slice(0, a.ndim - 1));
    const outShape = [...a.shape.slice(0, a.ndim - 1), N];
    const out = Tensor.empty(outShape);
    if (out.size > 0) {
      if (Kd === 0) K.fill(out.ptr, out.size, 0);
      else K.sgemm(A.trans, B.trans, rows, N, Kd, 1, A.t.ptr, A.ld, B.t.ptr, B.ld, 0, out.ptr, N);
    }
    if (!a.requiresGrad && !b.requiresGrad) {
      if (A.t !== a) A.t.free();
      if (B.t !== b) B.t.free();
      return out;
    }
    return attach(out, "matmul", [a, b], (g) => {
      const gc = contig(g);
      let ga: Tensor | null = null;
      let gb: Tensor | null = null;
      if (a.requiresGrad) {
        ga = Tensor.empty(a.shape);
        K.sgemm(false, !B.trans, rows, Kd, N, 1, gc.ptr, N, B.t.ptr, B.ld, 0, ga.ptr, Kd);
      }
      if (b.requiresGrad) {
        gb = Tensor.empty(b.shape);
        K.sgemm(!A.trans, false, Kd, N, rows, 1, A.t.ptr, A.ld, gc.ptr, N, 0, gb.ptr, N);
      }
      if (gc !== g) gc.free();
      return [ga, gb];
    });
  }
  // Batched: batch dims must match, or one operand is 2-D (broadcast).
  const aBatch = a.shape.slice(0, a.ndim - 2);
  const bBatch = b.shape.slice(0, b.ndim - 2);
  if (a.ndim > 2 && (aBatch.length !== bBatch.length || aBatch.some((d, i) => d !== bBatch[i]))) {
    throw new Error(`matmul: batch dims of ${formatShape(a.shape)} and ${formatShape(b.shape)} differ`);
  }
  const batch = sizeOf(bBatch);
  const A = describeOrCopy(a, false);
  const B = describeOrCopy(b, false);
  const sA = a.ndim === 2 ? 0 : A.batchStride;
  const sB = B.batchStride;
  const outShape = [...bBatch, M, N];
  const out = Tensor.empty(outShape);
  if (out.size > 0) {
    if (Kd === 0) K.fill(out.ptr, out.size, 0);
    else K.sgemmBatched(A.trans, B.trans, batch, M, N, Kd, 1, A.t.ptr, A.ld, sA, B.t.ptr, B.ld, sB, 0, out.ptr, N, M * N);
  }
  if (!a.requiresGrad && !b.requiresGrad) {
    if (A.t !== a) A.t.free();
    if (B.t !== b) B.t.free();
    return out;
  }
  return attach(out, "matmul", [a, b], (g) => {
    const gc = contig(g);
    let ga: Tensor | null = null;
    let gb: Tensor | null = null;
    if (a.requiresGrad) {
      const full = Tensor.empty([batch, M, Kd]);
      K.sgemmBatched(false, !B.trans, batch, M, Kd, N, 1, gc.ptr, N, M * N, B.t.ptr, B.ld, sB, 0, full.ptr, Kd, M * Kd);
      if (a.ndim === 2) {
        const s = sumTo(full, [1, M, Kd]);
        ga = s.view(a.shape.slice(), [Kd, 1], s.offset);
        s.free();
        full.free();
      } else {
        ga = full.view(a.shape.slice(), contiguousStrides(a.shape), 0);
        full.free();
      }
    }
    if (b.requiresGrad) {
      gb = Tensor.empty(b.shape);
      K.sgemmBatched(!A.trans, false, batch, Kd, N, M, 1, A.t.ptr, A.ld, sA, gc.ptr, N, M * N, 0, gb.ptr, N, Kd * N);
    }
    if (gc !== g) gc.free();
    return [ga, gb];
  });
}


/** Batched matrix product [B, M, K] × [B, K, N] → [B, M, N]. */
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 3 || b.ndim !== 3) throw new Error(`bmm: expects 3-d tensors, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  return matmul(a, b);
}
