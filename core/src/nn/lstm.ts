// LSTM with PyTorch's gate order (i, f, g, o) and two bias vectors; numLayers and bidirectional.
//   i = σ(·), f = σ(·), g = tanh(·), o = σ(·);  c' = f⊙c + i⊙g;  h' = o⊙tanh(c')
import { type Tensor, zeros } from "../tensor.ts";
import { add, mul, sigmoid, tanh } from "../ops/elementwise.ts";
import { linear } from "../ops/nn.ts";
import { narrow, reshape } from "../ops/shape.ts";
import { lstmSequence } from "../ops/lstm.ts";
import { RNNBase, RNNCellBase, type RNNOptions, type RNNWeights } from "./rnn.ts";
import type { Generator } from "../rng.ts";

/** One LSTM step from the input projection xw = x·W_ihᵀ + b_ih (composed from primitive ops). */
export function lstmStep(xw: Tensor, h: Tensor, c: Tensor, w: RNNWeights, H: number): { h: Tensor; c: Tensor } {
  const pre = add(xw, linear(h, w.whh, w.bhh));
  // One sigmoid over all four gate blocks (g's is unused), tanh only over g; strided views.
  const sg = sigmoid(pre);
  const i = narrow(sg, 1, 0, H);
  const f = narrow(sg, 1, H, H);
  const g = tanh(narrow(pre, 1, 2 * H, H));
  const o = narrow(sg, 1, 3 * H, H);
  const c2 = add(mul(f, c), mul(i, g));
  const h2 = mul(o, tanh(c2));
  return { h: h2, c: c2 };
}

/** torch.nn.LSTMCell: x [B, in], state [h, c] each [B, H] (zeros if omitted) → [h', c']. */
export class LSTMCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, opts: { bias?: boolean; generator?: Generator } = {}) {
    super(4, inputSize, hiddenSize, opts);
  }
  forward(x: Tensor, state: [Tensor, Tensor] | null = null): [Tensor, Tensor] {
    const xw = this.project(x);
    const r = lstmStep(xw, state ? state[0] : this.zeroState(x), state ? state[1] : this.zeroState(x), this.w, this.hiddenSize);
    return [r.h, r.c];
  }
}

export class LSTM extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, opts: RNNOptions = {}) {
    super(4, inputSize, hiddenSize, opts);
  }
  protected override get hasCell(): boolean {
    return true;
  }
  /** The whole sequence as one fused op (ops/lstm.ts); `step` remains as the unfused reference path. */
  protected override runDirection(flat: Tensor, w: RNNWeights, T: number, B: number, h0: Tensor | null, c0: Tensor | null, reverse: boolean): { seq: Tensor; h: Tensor; c: Tensor | null } {
    if (this.unfused) return super.runDirection(flat, w, T, B, h0, c0, reverse);
    const H = this.hiddenSize;
    const xw = reshape(linear(flat, w.wih, w.bih), [T, B, 4 * H]);
    const y = lstmSequence(xw, w.whh, w.bhh, h0, c0, reverse);
    const seq = narrow(y, 0, 0, T);
    const last = reverse ? 0 : T - 1;
    const h = T > 0 ? reshape(narrow(y, 0, last, 1), [B, H]) : (h0 ?? zeros([B, H]));
    const c = reshape(narrow(y, 0, T, 1), [B, H]);
    return { seq, h, c };
  }

  /** Use the per-step composed path instead of the fused sequence op (for testing). */
  unfused = false;

  protected step(xw: Tensor, h: Tensor, c: Tensor | null, w: RNNWeights): { h: Tensor; c: Tensor | null } {
    return lstmStep(xw, h, c!, w, this.hiddenSize);
  }
  /** Returns [output, [hN, cN]] like torch.nn.LSTM. */
  forward(input: Tensor, state: [Tensor, Tensor] | null = null): [Tensor, [Tensor, Tensor]] {
    const r = this.run(input, state ? state[0] : null, state ? state[1] : null);
    return [r.output, [r.hN, r.cN!]];
  }
}
