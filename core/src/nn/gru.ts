// GRU with PyTorch's equations (gate order r, z, n; two bias vectors):
//   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz)
//   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 − z) ⊙ n + z ⊙ h
import type { Tensor } from "../tensor.ts";
import { add, mul, sigmoid, sub, tanh } from "../ops/elementwise.ts";
import { linear } from "../ops/nn.ts";
import { narrow, reshape } from "../ops/shape.ts";
import { gruSequence } from "../ops/gru.ts";
import { RNNBase, RNNCellBase, type RNNOptions, type RNNWeights } from "./rnn.ts";
import type { Generator } from "../rng.ts";

/** One GRU step from the input projection xw = x·W_ihᵀ + b_ih. */
export function gruStep(xw: Tensor, h: Tensor, w: RNNWeights, H: number): Tensor {
  const hw = linear(h, w.whh, w.bhh);
  const rz = sigmoid(add(narrow(xw, 1, 0, 2 * H), narrow(hw, 1, 0, 2 * H)));
  const r = narrow(rz, 1, 0, H);
  const z = narrow(rz, 1, H, H);
  const n = tanh(add(narrow(xw, 1, 2 * H, H), mul(r, narrow(hw, 1, 2 * H, H))));
  return add(n, mul(z, sub(h, n)));
}

/** torch.nn.GRUCell: x [B, in], h [B, H] (zeros if omitted) → h'. */
export class GRUCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, opts: { bias?: boolean; generator?: Generator } = {}) {
    super(3, inputSize, hiddenSize, opts);
  }
  forward(x: Tensor, h: Tensor | null = null): Tensor {
    return gruStep(this.project(x), h ?? this.zeroState(x), this.w, this.hiddenSize);
  }
}

export class GRU extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, opts: RNNOptions = {}) {
    super(3, inputSize, hiddenSize, opts);
  }
  protected step(xw: Tensor, h: Tensor, _c: Tensor | null, w: RNNWeights): { h: Tensor; c: Tensor | null } {
    return { h: gruStep(xw, h, w, this.hiddenSize), c: null };
  }
  /** Use the per-step composed path instead of the fused sequence op (for testing). */
  unfused = false;

  /** The whole sequence as one fused op (ops/gru.ts). */
  protected override runDirection(flat: Tensor, w: RNNWeights, T: number, B: number, h0: Tensor | null, c0: Tensor | null, reverse: boolean): { seq: Tensor; h: Tensor; c: Tensor | null } {
    if (this.unfused || T === 0) return super.runDirection(flat, w, T, B, h0, c0, reverse);
    const H = this.hiddenSize;
    const xw = reshape(linear(flat, w.wih, w.bih), [T, B, 3 * H]);
    const seq = gruSequence(xw, w.whh, w.bhh, h0, reverse);
    const h = reshape(narrow(seq, 0, reverse ? 0 : T - 1, 1), [B, H]);
    return { seq, h, c: null };
  }

  /** Returns [output, hN] like torch.nn.GRU. */
  forward(input: Tensor, h0: Tensor | null = null): [Tensor, Tensor] {
    const r = this.run(input, h0, null);
    return [r.output, r.hN];
  }
}
