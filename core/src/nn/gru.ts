// GRU with PyTorch's equations (gate order r, z, n; two bias vectors):
//   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz)
//   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 − z) ⊙ n + z ⊙ h
import type { Tensor } from "../tensor.ts";
import { add, mul, sigmoid, sub, tanh } from "../ops/elementwise.ts";
import { linear } from "../ops/nn.ts";
import { narrow } from "../ops/shape.ts";
import { RNNBase, type RNNOptions, type RNNWeights } from "./rnn.ts";

export class GRU extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, opts: RNNOptions = {}) {
    super(3, inputSize, hiddenSize, opts);
  }
  protected step(xw: Tensor, h: Tensor, _c: Tensor | null, w: RNNWeights): { h: Tensor; c: Tensor | null } {
    const H = this.hiddenSize;
    const hw = linear(h, w.whh, w.bhh);
    const rz = sigmoid(add(narrow(xw, 1, 0, 2 * H), narrow(hw, 1, 0, 2 * H)));
    const r = narrow(rz, 1, 0, H);
    const z = narrow(rz, 1, H, H);
    const n = tanh(add(narrow(xw, 1, 2 * H, H), mul(r, narrow(hw, 1, 2 * H, H))));
    const h2 = add(n, mul(z, sub(h, n)));
    return { h: h2, c: null };
  }
  /** Returns [output, hN] like torch.nn.GRU. */
  forward(input: Tensor, h0: Tensor | null = null): [Tensor, Tensor] {
    const r = this.run(input, h0, null);
    return [r.output, r.hN];
  }
}
