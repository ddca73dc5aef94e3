// Fused Elman RNN layer (one direction) as a single autograd op: h_t = act(xw_t + b_hh + h_{t−1}·W_hhᵀ)
// with act = tanh or relu. GEMMs in the WASM SGEMM; the activation and its derivative are TypeScript
// loops over Float32Array views of the WASM memory; BPTT accumulates dW_hh in one SGEMM.
import { kernels, writeScratch } from "../backend.ts";
import { BinaryOp, ReduceOp } from "../wasm.ts";
import { attach, contiguousStrides, formatShape, Tensor } from "../tensor.ts";
import { assertFloat, copyInto } from "./util.ts";

function contig(t: Tensor): Tensor {
  if (t.isContiguous()) return t.view(t.shape, contiguousStrides(t.shape), t.offset);
  const out = Tensor.empty(t.shape, t.dtype);
  copyInto(out, t);
  return out;
}

/** xw [T, B, H] = x·W_ihᵀ + b_ih, whh [H, H], bhh [H] or null, h0 [B, H] or null → h for every step [T, B, H]. */
export function rnnSequence(xw: Tensor, whh: Tensor, bhh: Tensor | null, h0: Tensor | null, reverse: boolean, nonlinearity: "tanh" | "relu"): Tensor {
  assertFloat("rnn", xw, whh);
  const [T, B, H] = xw.shape;
  if (xw.ndim !== 3 || whh.shape[0] !== H || whh.shape[1] !== H) throw new Error(`rnn: inputs ${formatShape(xw.shape)} do not match W_hh ${formatShape(whh.shape)}`);
  const K = kernels();
  const relu = nonlinearity === "relu";
  const xc = contig(xw);
  const wc = contig(whh);
  const bc = bhh ? contig(bhh) : null;
  const h0c = h0 ? contig(h0) : null;
  const Y = Tensor.empty([T, B, H]);
  const BH = B * H;
  const [shp, sa, sb] = writeScratch([[B, H], [H, 1], [0, 1]]);
  for (let s = 0; s < T; s++) {
    const t = reverse ? T - 1 - s : s;
    const pt = reverse ? t + 1 : t - 1;
    const yPtr = Y.ptr + t * BH * 4;
    const xPtr = xc.ptr + t * BH * 4;
    if (bc) K.binary(BinaryOp.Add, 2, shp, yPtr, xPtr, sa, bc.ptr, sb);
    else K.f32().copyWithin(yPtr >> 2, xPtr >> 2, (xPtr >> 2) + BH);
    const hPrev = s > 0 ? Y.ptr + pt * BH * 4 : h0c ? h0c.ptr : 0;
    if (hPrev) K.sgemm(false, true, B, H, H, 1, hPrev, H, wc.ptr, H, 1, yPtr, H);
    const f = K.f32();
    const y0 = yPtr >> 2;
    if (relu) for (let k = 0; k < BH; k++) f[y0 + k] = f[y0 + k] > 0 ? f[y0 + k] : 0;
    else for (let k = 0; k < BH; k++) f[y0 + k] = Math.tanh(f[y0 + k]);
  }
  xc.free();
  bc?.free();
  const inputs: Tensor[] = [xw, whh];
  if (bhh) inputs.push(bhh);
  if (h0) inputs.push(h0);
  if (!inputs.some((x) => x.requiresGrad)) {
    wc.free();
    h0c?.free();
    return Y;
  }
  return attach(Y, "rnn", inputs, (gy) => {
    const g = contig(gy);
    const dA = Tensor.empty([T, B, H]); // gradient at the pre-activations
    const dhn = Tensor.empty([B, H]);
    K.fill(dhn.ptr, BH, 0);
    for (let s = T - 1; s >= 0; s--) {
      const t = reverse ? T - 1 - s : s;
      const f = K.f32();
      const y0 = (Y.ptr >> 2) + t * BH;
      const d0 = (dA.ptr >> 2) + t * BH;
      const g0 = (g.ptr >> 2) + t * BH;
      const hn = dhn.ptr >> 2;
      if (relu) for (let k = 0; k < BH; k++) f[d0 + k] = f[y0 + k] > 0 ? f[g0 + k] + f[hn + k] : 0;
      else for (let k = 0; k < BH; k++) {
        const y = f[y0 + k];
        f[d0 + k] = (f[g0 + k] + f[hn + k]) * (1 - y * y);
      }
      if (s > 0 || h0) K.sgemm(false, false, B, H, H, 1, dA.ptr + t * BH * 4, H, wc.ptr, H, 0, dhn.ptr, H);
    }
    let gW: Tensor | null = null;
    if (whh.requiresGrad) {
      gW = Tensor.empty([H, H]);
      K.fill(gW.ptr, gW.size, 0);
      if (T > 1) {
        const dStart = reverse ? 0 : 1;
        const hStart = reverse ? 1 : 0;
        K.sgemm(true, false, H, H, (T - 1) * B, 1, dA.ptr + dStart * BH * 4, H, Y.ptr + hStart * BH * 4, H, 1, gW.ptr, H);
      }
      if (h0c && T > 0) {
        const first = reverse ? T - 1 : 0;
        K.sgemm(true, false, H, H, B, 1, dA.ptr + first * BH * 4, H, h0c.ptr, H, 1, gW.ptr, H);
      }
    }
    let gb: Tensor | null = null;
    if (bhh && bhh.requiresGrad) {
      gb = Tensor.empty([H]);
      if (T * B > 0) K.reduce(ReduceOp.Sum, gb.ptr, dA.ptr, 1, T * B, H);
      else K.fill(gb.ptr, H, 0);
    }
    g.free();
    const res: (Tensor | null)[] = [dA, gW];
    if (bhh) res.push(gb);
    if (h0) res.push(dhn);
    else dhn.free();
    return res;
  });
}
