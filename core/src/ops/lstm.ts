// Fused LSTM layer (one direction) as a single autograd op: the recurrent GEMMs run in the WASM
// SGEMM; the per-step gate arithmetic (σ, tanh, cell update) and its backward are TypeScript loops
// over Float32Array views of the WASM memory (no kernel exists for a fused LSTM cell yet). The
// backward is BPTT with dW_hh accumulated in one SGEMM over the whole sequence.
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

/**
 * xw [T, B, 4H] = x·W_ihᵀ + b_ih for every step (gate order i, f, g, o), whh [4H, H], bhh [4H] or
 * null, h0/c0 [B, H] or null (zeros). Returns Y [T + 1, B, H]: rows 0..T−1 are h_t (in time
 * order, whichever the direction) and row T is the final cell state.
 */
export function lstmSequence(xw: Tensor, whh: Tensor, bhh: Tensor | null, h0: Tensor | null, c0: Tensor | null, reverse: boolean): Tensor {
  assertFloat("lstm", xw, whh);
  const [T, B, G] = xw.shape;
  const H = whh.shape[1];
  if (xw.ndim !== 3 || G !== 4 * H || whh.shape[0] !== G) throw new Error(`lstm: gate inputs ${formatShape(xw.shape)} do not match W_hh ${formatShape(whh.shape)}`);
  const K = kernels();
  const xc = contig(xw);
  const wc = contig(whh);
  const bc = bhh ? contig(bhh) : null;
  const h0c = h0 ? contig(h0) : null;
  const c0c = c0 ? contig(c0) : null;
  const A = Tensor.empty([T, B, G]); // gate activations
  const C = Tensor.empty([T, B, H]); // cell states
  const TC = Tensor.empty([T, B, H]); // tanh(c)
  const Y = Tensor.empty([T + 1, B, H]);
  const BH = B * H;
  const BG = B * G;
  const [shp, sa, sb] = writeScratch([[B, G], [G, 1], [0, 1]]);
  for (let s = 0; s < T; s++) {
    const t = reverse ? T - 1 - s : s;
    const pt = reverse ? t + 1 : t - 1;
    const aPtr = A.ptr + t * BG * 4;
    const xPtr = xc.ptr + t * BG * 4;
    if (bc) K.binary(BinaryOp.Add, 2, shp, aPtr, xPtr, sa, bc.ptr, sb);
    else K.f32().copyWithin(aPtr >> 2, xPtr >> 2, (xPtr >> 2) + BG);
    const hPrev = s > 0 ? Y.ptr + pt * BH * 4 : h0c ? h0c.ptr : 0;
    if (hPrev) K.sgemm(false, true, B, G, H, 1, hPrev, H, wc.ptr, H, 1, aPtr, G);
    const f = K.f32();
    const a0 = aPtr >> 2;
    const cPrev = s > 0 ? (C.ptr >> 2) + pt * BH : c0c ? c0c.ptr >> 2 : -1;
    const cOut = (C.ptr >> 2) + t * BH;
    const tcOut = (TC.ptr >> 2) + t * BH;
    const hOut = (Y.ptr >> 2) + t * BH;
    for (let b = 0; b < B; b++) {
      const row = a0 + b * G;
      for (let j = 0; j < H; j++) {
        const ig = 1 / (1 + Math.exp(-f[row + j]));
        const fg = 1 / (1 + Math.exp(-f[row + H + j]));
        const gg = Math.tanh(f[row + 2 * H + j]);
        const og = 1 / (1 + Math.exp(-f[row + 3 * H + j]));
        f[row + j] = ig;
        f[row + H + j] = fg;
        f[row + 2 * H + j] = gg;
        f[row + 3 * H + j] = og;
        const k = b * H + j;
        const c = (cPrev >= 0 ? fg * f[cPrev + k] : 0) + ig * gg;
        f[cOut + k] = c;
        const tc = Math.tanh(c);
        f[tcOut + k] = tc;
        f[hOut + k] = og * tc;
      }
    }
  }
  if (T > 0) {
    const last = reverse ? 0 : T - 1;
    const f = K.f32();
    f.copyWithin((Y.ptr >> 2) + T * BH, (C.ptr >> 2) + last * BH, (C.ptr >> 2) + (last + 1) * BH);
  } else {
    const f = K.f32();
    if (c0c) f.copyWithin(Y.ptr >> 2, c0c.ptr >> 2, (c0c.ptr >> 2) + BH);
    else K.fill(Y.ptr, BH, 0);
  }
  xc.free();
  bc?.free();
  const inputs: Tensor[] = [xw, whh];
  if (bhh) inputs.push(bhh);
  if (h0) inputs.push(h0);
  if (c0) inputs.push(c0);
  if (!inputs.some((x) => x.requiresGrad)) {
    for (const x of [wc, h0c, c0c, A, C, TC]) x?.free();
    return Y;
  }
  return attach(Y, "lstm", inputs, (gy) => {
    const g = contig(gy);
    const dA = Tensor.empty([T, B, G]);
    const dhn = Tensor.empty([B, H]);
    const dc = Tensor.empty([B, H]);
    K.fill(dhn.ptr, BH, 0);
    K.f32().copyWithin(dc.ptr >> 2, (g.ptr >> 2) + T * BH, (g.ptr >> 2) + (T + 1) * BH);
    for (let s = T - 1; s >= 0; s--) {
      const t = reverse ? T - 1 - s : s;
      const pt = reverse ? t + 1 : t - 1;
      const f = K.f32();
      const a0 = (A.ptr >> 2) + t * BG;
      const d0 = (dA.ptr >> 2) + t * BG;
      const gh = (g.ptr >> 2) + t * BH;
      const hn = dhn.ptr >> 2;
      const dcp = dc.ptr >> 2;
      const tc0 = (TC.ptr >> 2) + t * BH;
      const cPrev = s > 0 ? (C.ptr >> 2) + pt * BH : c0c ? c0c.ptr >> 2 : -1;
      for (let b = 0; b < B; b++) {
        const row = a0 + b * G;
        const drow = d0 + b * G;
        for (let j = 0; j < H; j++) {
          const k = b * H + j;
          const ig = f[row + j];
          const fg = f[row + H + j];
          const gg = f[row + 2 * H + j];
          const og = f[row + 3 * H + j];
          const tc = f[tc0 + k];
          const dh = f[gh + k] + f[hn + k];
          const dcv = f[dcp + k] + dh * og * (1 - tc * tc);
          const cp = cPrev >= 0 ? f[cPrev + k] : 0;
          f[drow + j] = dcv * gg * ig * (1 - ig);
          f[drow + H + j] = dcv * cp * fg * (1 - fg);
          f[drow + 2 * H + j] = dcv * ig * (1 - gg * gg);
          f[drow + 3 * H + j] = dh * tc * og * (1 - og);
          f[dcp + k] = dcv * fg;
        }
      }
      // gradient to the previous hidden state: dA_t · W_hh
      if (s > 0 || h0) K.sgemm(false, false, B, H, G, 1, dA.ptr + t * BG * 4, G, wc.ptr, H, 0, dhn.ptr, H);
    }
    let gW: Tensor | null = null;
    if (whh.requiresGrad) {
      // dW_hh = Σ_t dA_tᵀ · h_prev(t): one SGEMM over the T−1 steps whose h_prev is in Y, plus h0.
      gW = Tensor.empty([G, H]);
      K.fill(gW.ptr, gW.size, 0);
      if (T > 1) {
        const dStart = reverse ? 0 : 1;
        const hStart = reverse ? 1 : 0;
        K.sgemm(true, false, G, H, (T - 1) * B, 1, dA.ptr + dStart * BG * 4, G, Y.ptr + hStart * BH * 4, H, 1, gW.ptr, H);
      }
      if (h0c && T > 0) {
        const first = reverse ? T - 1 : 0;
        K.sgemm(true, false, G, H, B, 1, dA.ptr + first * BG * 4, G, h0c.ptr, H, 1, gW.ptr, H);
      }
    }
    let gb: Tensor | null = null;
    if (bhh && bhh.requiresGrad) {
      gb = Tensor.empty([G]);
      if (T * B > 0) K.reduce(ReduceOp.Sum, gb.ptr, dA.ptr, 1, T * B, G);
      else K.fill(gb.ptr, G, 0);
    }
    g.free();
    const res: (Tensor | null)[] = [dA, gW];
    if (bhh) res.push(gb);
    if (h0) res.push(dhn);
    else dhn.free();
    if (c0) res.push(dc);
    else dc.free();
    return res;
  });
}
