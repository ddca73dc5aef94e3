// Fused GRU layer (one direction) as a single autograd op, PyTorch's equations (gates r, z, n):
//   r = σ(x_r + hw_r), z = σ(x_z + hw_z), n = tanh(x_n + r ⊙ hw_n), h' = (1 − z) ⊙ n + z ⊙ h
// with x_* = x·W_iᵀ + b_i (precomputed for all steps) and hw = h·W_hhᵀ + b_hh. GEMMs run in the WASM
// SGEMM; the gate arithmetic and its backward are TypeScript loops over Float32Array views of the
// WASM memory; BPTT accumulates dW_hh in one SGEMM.
import { kernels, writeScratch } from "../backend.ts";
import { ReduceOp } from "../wasm.ts";
import { attach, contiguousStrides, formatShape, Tensor } from "../tensor.ts";
import { assertFloat, copyInto } from "./util.ts";

function contig(t: Tensor): Tensor {
  if (t.isContiguous()) return t.view(t.shape, contiguousStrides(t.shape), t.offset);
  const out = Tensor.empty(t.shape, t.dtype);
  copyInto(out, t);
  return out;
}

/** xw [T, B, 3H], whh [3H, H], bhh [3H] or null, h0 [B, H] or null → h for every step [T, B, H]. */
export function gruSequence(xw: Tensor, whh: Tensor, bhh: Tensor | null, h0: Tensor | null, reverse: boolean): Tensor {
  assertFloat("gru", xw, whh);
  const [T, B, G] = xw.shape;
  const H = whh.shape[1];
  if (xw.ndim !== 3 || G !== 3 * H || whh.shape[0] !== G) throw new Error(`gru: gate inputs ${formatShape(xw.shape)} do not match W_hh ${formatShape(whh.shape)}`);
  const K = kernels();
  const xc = contig(xw);
  const wc = contig(whh);
  const bc = bhh ? contig(bhh) : null;
  const h0c = h0 ? contig(h0) : null;
  const A = Tensor.empty([T, B, G]); // r, z, n
  const HW = Tensor.empty([T, B, G]); // h·W_hhᵀ + b_hh
  const Y = Tensor.empty([T, B, H]);
  const BH = B * H;
  const BG = B * G;
  const [shp, st] = writeScratch([[B, G], [0, 1]]);
  for (let s = 0; s < T; s++) {
    const t = reverse ? T - 1 - s : s;
    const pt = reverse ? t + 1 : t - 1;
    const hwPtr = HW.ptr + t * BG * 4;
    if (bc) K.copyStrided(2, shp, hwPtr, bc.ptr, st);
    else K.fill(hwPtr, BG, 0);
    const hPrev = s > 0 ? Y.ptr + pt * BH * 4 : h0c ? h0c.ptr : 0;
    if (hPrev) K.sgemm(false, true, B, G, H, 1, hPrev, H, wc.ptr, H, 1, hwPtr, G);
    const f = K.f32();
    const x0 = (xc.ptr >> 2) + t * BG;
    const a0 = (A.ptr >> 2) + t * BG;
    const w0 = hwPtr >> 2;
    const hp = hPrev ? hPrev >> 2 : -1;
    const y0 = (Y.ptr >> 2) + t * BH;
    for (let b = 0; b < B; b++) {
      const row = b * G;
      for (let j = 0; j < H; j++) {
        const r = 1 / (1 + Math.exp(-(f[x0 + row + j] + f[w0 + row + j])));
        const z = 1 / (1 + Math.exp(-(f[x0 + row + H + j] + f[w0 + row + H + j])));
        const n = Math.tanh(f[x0 + row + 2 * H + j] + r * f[w0 + row + 2 * H + j]);
        f[a0 + row + j] = r;
        f[a0 + row + H + j] = z;
        f[a0 + row + 2 * H + j] = n;
        const k = b * H + j;
        f[y0 + k] = (1 - z) * n + (hp >= 0 ? z * f[hp + k] : 0);
      }
    }
  }
  xc.free();
  bc?.free();
  const inputs: Tensor[] = [xw, whh];
  if (bhh) inputs.push(bhh);
  if (h0) inputs.push(h0);
  if (!inputs.some((x) => x.requiresGrad)) {
    for (const x of [wc, h0c, A, HW]) x?.free();
    return Y;
  }
  return attach(Y, "gru", inputs, (gy) => {
    const g = contig(gy);
    const dX = Tensor.empty([T, B, G]);
    const dHW = Tensor.empty([T, B, G]);
    const dhn = Tensor.empty([B, H]);
    K.fill(dhn.ptr, BH, 0);
    for (let s = T - 1; s >= 0; s--) {
      const t = reverse ? T - 1 - s : s;
      const pt = reverse ? t + 1 : t - 1;
      const f = K.f32();
      const a0 = (A.ptr >> 2) + t * BG;
      const w0 = (HW.ptr >> 2) + t * BG;
      const dx0 = (dX.ptr >> 2) + t * BG;
      const dw0 = (dHW.ptr >> 2) + t * BG;
      const g0 = (g.ptr >> 2) + t * BH;
      const hn = dhn.ptr >> 2;
      const hp = s > 0 ? (Y.ptr >> 2) + pt * BH : h0c ? h0c.ptr >> 2 : -1;
      for (let b = 0; b < B; b++) {
        const row = b * G;
        for (let j = 0; j < H; j++) {
          const k = b * H + j;
          const r = f[a0 + row + j];
          const z = f[a0 + row + H + j];
          const n = f[a0 + row + 2 * H + j];
          const hprev = hp >= 0 ? f[hp + k] : 0;
          const dh = f[g0 + k] + f[hn + k];
          const dnPre = dh * (1 - z) * (1 - n * n);
          const dzPre = dh * (hprev - n) * z * (1 - z);
          const drPre = dnPre * f[w0 + row + 2 * H + j] * r * (1 - r);
          f[dx0 + row + j] = drPre;
          f[dx0 + row + H + j] = dzPre;
          f[dx0 + row + 2 * H + j] = dnPre;
          f[dw0 + row + j] = drPre;
          f[dw0 + row + H + j] = dzPre;
          f[dw0 + row + 2 * H + j] = dnPre * r;
          f[hn + k] = dh * z; // direct path; the W_hh path is added below
        }
      }
      if (s > 0 || h0) K.sgemm(false, false, B, H, G, 1, dHW.ptr + t * BG * 4, G, wc.ptr, H, 1, dhn.ptr, H);
    }
    let gW: Tensor | null = null;
    if (whh.requiresGrad) {
      gW = Tensor.empty([G, H]);
      K.fill(gW.ptr, gW.size, 0);
      if (T > 1) {
        const dStart = reverse ? 0 : 1;
        const hStart = reverse ? 1 : 0;
        K.sgemm(true, false, G, H, (T - 1) * B, 1, dHW.ptr + dStart * BG * 4, G, Y.ptr + hStart * BH * 4, H, 1, gW.ptr, H);
      }
      if (h0c && T > 0) {
        const first = reverse ? T - 1 : 0;
        K.sgemm(true, false, G, H, B, 1, dHW.ptr + first * BG * 4, G, h0c.ptr, H, 1, gW.ptr, H);
      }
    }
    let gb: Tensor | null = null;
    if (bhh && bhh.requiresGrad) {
      gb = Tensor.empty([G]);
      if (T * B > 0) K.reduce(ReduceOp.Sum, gb.ptr, dHW.ptr, 1, T * B, G);
      else K.fill(gb.ptr, G, 0);
    }
    g.free();
    dHW.free();
    const res: (Tensor | null)[] = [dX, gW];
    if (bhh) res.push(gb);
    if (h0) res.push(dhn);
    else dhn.free();
    return res;
  });
}
