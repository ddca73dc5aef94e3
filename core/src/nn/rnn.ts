// Recurrent layers shared machinery (RNNBase) and the Elman RNN (tanh or relu).
//
// Layout as PyTorch: input [T, B, in] (or [B, T, in] with batchFirst), h0 [layers·dirs, B, H];
// parameters weight_ih_l{k}[_reverse] [G·H, in], weight_hh_l{k}[_reverse] [G·H, H], bias_ih_l{k},
// bias_hh_l{k} (two bias vectors), all initialised U(±1/√H). Each step computes the input
// projection for all time steps in one SGEMM, then one [B, H]×[H, G·H] SGEMM per step.
import { type Tensor, zeros } from "../tensor.ts";
import { defaultGenerator, type Generator } from "../rng.ts";
import { add, relu, tanh } from "../ops/elementwise.ts";
import { dropout, linear } from "../ops/nn.ts";
import { cat, contiguous, narrow, reshape, stack, transpose } from "../ops/shape.ts";
import { rnnSequence } from "../ops/rnn.ts";
import { uniformInit } from "./init.ts";
import { Module } from "./module.ts";

export interface RNNOptions {
  numLayers?: number;
  bias?: boolean;
  batchFirst?: boolean;
  /** Dropout on the outputs of every layer but the last (training mode only). */
  dropout?: number;
  bidirectional?: boolean;
  generator?: Generator;
}

export interface RNNWeights {
  wih: Tensor;
  whh: Tensor;
  bih: Tensor | null;
  bhh: Tensor | null;
}

export abstract class RNNBase extends Module {
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropoutP: number;
  readonly bidirectional: boolean;
  readonly numDirections: number;
  readonly cells: RNNWeights[] = [];
  protected readonly generator: Generator;

  constructor(
    readonly gates: number,
    readonly inputSize: number,
    readonly hiddenSize: number,
    opts: RNNOptions,
  ) {
    super();
    this.numLayers = opts.numLayers ?? 1;
    this.bias = opts.bias ?? true;
    this.batchFirst = opts.batchFirst ?? false;
    this.dropoutP = opts.dropout ?? 0;
    this.bidirectional = opts.bidirectional ?? false;
    this.numDirections = this.bidirectional ? 2 : 1;
    this.generator = opts.generator ?? defaultGenerator;
    const H = hiddenSize;
    const bound = 1 / Math.sqrt(H);
    for (let l = 0; l < this.numLayers; l++) {
      for (let d = 0; d < this.numDirections; d++) {
        const sfx = `_l${l}${d === 1 ? "_reverse" : ""}`;
        const inSize = l === 0 ? inputSize : H * this.numDirections;
        const wih = this.registerParameter(`weight_ih${sfx}`, uniformInit([gates * H, inSize], bound, this.generator));
        const whh = this.registerParameter(`weight_hh${sfx}`, uniformInit([gates * H, H], bound, this.generator));
        const bih = this.bias ? this.registerParameter(`bias_ih${sfx}`, uniformInit([gates * H], bound, this.generator)) : null;
        const bhh = this.bias ? this.registerParameter(`bias_hh${sfx}`, uniformInit([gates * H], bound, this.generator)) : null;
        this.cells.push({ wih, whh, bih, bhh });
      }
    }
  }

  /** One time step: xw = x_t·W_ihᵀ + b_ih and the previous state → the new state. */
  protected abstract step(xw: Tensor, h: Tensor, c: Tensor | null, w: RNNWeights): { h: Tensor; c: Tensor | null };

  /** One layer in one direction: the output sequence [T, B, H] and the final h (and c). */
  protected runDirection(flat: Tensor, w: RNNWeights, T: number, B: number, h0: Tensor | null, c0: Tensor | null, reverse: boolean): { seq: Tensor; h: Tensor; c: Tensor | null } {
    const H = this.hiddenSize;
    const xw = linear(flat, w.wih, w.bih);
    let h = h0 ?? zeros([B, H]);
    let c: Tensor | null = this.hasCell ? (c0 ?? zeros([B, H])) : null;
    const seq: Tensor[] = new Array<Tensor>(T);
    for (let s = 0; s < T; s++) {
      const t = reverse ? T - 1 - s : s;
      const r = this.step(narrow(xw, 0, t * B, B), h, c, w);
      h = r.h;
      c = r.c;
      seq[t] = h;
    }
    return { seq: T > 0 ? stack(seq, 0) : zeros([0, B, H]), h, c };
  }

  protected get hasCell(): boolean {
    return false;
  }

  protected run(input: Tensor, h0: Tensor | null, c0: Tensor | null): { output: Tensor; hN: Tensor; cN: Tensor | null } {
    if (input.ndim !== 3 || input.shape[2] !== this.inputSize) {
      throw new Error(`${this.constructor.name}: input shape [${input.shape.join(", ")}] does not match input size ${this.inputSize} (expected 3 dims)`);
    }
    let x = this.batchFirst ? transpose(input, 0, 1) : input;
    const [T, B] = x.shape;
    const H = this.hiddenSize;
    const L = this.numLayers;
    const D = this.numDirections;
    for (const s of [h0, c0]) {
      if (s && (s.ndim !== 3 || s.shape[0] !== L * D || s.shape[1] !== B || s.shape[2] !== H)) {
        throw new Error(`${this.constructor.name}: initial state shape [${s.shape.join(", ")}] should be [${L * D}, ${B}, ${H}]`);
      }
    }
    const hFinal: Tensor[] = [];
    const cFinal: Tensor[] = [];
    for (let l = 0; l < L; l++) {
      const inSize = x.shape[2];
      const xc = contiguous(x);
      const flat = reshape(xc, [T * B, inSize]);
      const outs: Tensor[] = [];
      for (let d = 0; d < D; d++) {
        const w = this.cells[l * D + d];
        const idx = l * D + d;
        const hInit = h0 ? reshape(narrow(h0, 0, idx, 1), [B, H]) : null;
        const cInit = this.hasCell && c0 ? reshape(narrow(c0, 0, idx, 1), [B, H]) : null;
        const r = this.runDirection(flat, w, T, B, hInit, cInit, d === 1);
        hFinal.push(r.h);
        if (r.c) cFinal.push(r.c);
        outs.push(r.seq);
      }
      x = D === 2 ? cat(outs, 2) : outs[0];
      if (this.dropoutP > 0 && this.training && l < L - 1) x = dropout(x, this.dropoutP, true, this.generator);
    }
    const output = this.batchFirst ? transpose(x, 0, 1) : x;
    return { output, hN: stack(hFinal, 0), cN: this.hasCell ? stack(cFinal, 0) : null };
  }
}

export interface ElmanOptions extends RNNOptions {
  nonlinearity?: "tanh" | "relu";
}

/** One Elman step from the input projection xw = x·W_ihᵀ + b_ih. */
export function elmanStep(xw: Tensor, h: Tensor, w: RNNWeights, nonlinearity: "tanh" | "relu"): Tensor {
  const pre = add(xw, linear(h, w.whh, w.bhh));
  return nonlinearity === "tanh" ? tanh(pre) : relu(pre);
}

/** Base of the single-step cells: weight_ih [G·H, in], weight_hh [G·H, H], bias_ih, bias_hh, all U(±1/√H). */
export abstract class RNNCellBase extends Module {
  readonly w: RNNWeights;
  constructor(
    readonly gates: number,
    readonly inputSize: number,
    readonly hiddenSize: number,
    opts: { bias?: boolean; generator?: Generator } = {},
  ) {
    super();
    const gen = opts.generator ?? defaultGenerator;
    const bound = 1 / Math.sqrt(hiddenSize);
    const G = gates * hiddenSize;
    const wih = this.registerParameter("weight_ih", uniformInit([G, inputSize], bound, gen));
    const whh = this.registerParameter("weight_hh", uniformInit([G, hiddenSize], bound, gen));
    const bias = opts.bias ?? true;
    const bih = bias ? this.registerParameter("bias_ih", uniformInit([G], bound, gen)) : null;
    const bhh = bias ? this.registerParameter("bias_hh", uniformInit([G], bound, gen)) : null;
    this.w = { wih, whh, bih, bhh };
  }

  protected project(x: Tensor): Tensor {
    if (x.ndim !== 2 || x.shape[1] !== this.inputSize) {
      throw new Error(`${this.constructor.name}: input shape [${x.shape.join(", ")}] should be [B, ${this.inputSize}]`);
    }
    return linear(x, this.w.wih, this.w.bih);
  }

  protected zeroState(x: Tensor): Tensor {
    return zeros([x.shape[0], this.hiddenSize]);
  }
}

/** torch.nn.RNNCell: h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh) for x [B, in], h [B, H]. */
export class RNNCell extends RNNCellBase {
  readonly nonlinearity: "tanh" | "relu";
  constructor(inputSize: number, hiddenSize: number, opts: { bias?: boolean; nonlinearity?: "tanh" | "relu"; generator?: Generator } = {}) {
    super(1, inputSize, hiddenSize, opts);
    this.nonlinearity = opts.nonlinearity ?? "tanh";
  }
  forward(x: Tensor, h: Tensor | null = null): Tensor {
    return elmanStep(this.project(x), h ?? this.zeroState(x), this.w, this.nonlinearity);
  }
}

/** Elman RNN: h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh). Returns [output, hN]. */
export class RNN extends RNNBase {
  readonly nonlinearity: "tanh" | "relu";
  constructor(inputSize: number, hiddenSize: number, opts: ElmanOptions = {}) {
    super(1, inputSize, hiddenSize, opts);
    this.nonlinearity = opts.nonlinearity ?? "tanh";
  }
  protected step(xw: Tensor, h: Tensor, _c: Tensor | null, w: RNNWeights): { h: Tensor; c: Tensor | null } {
    return { h: elmanStep(xw, h, w, this.nonlinearity), c: null };
  }

  /** Use the per-step composed path instead of the fused sequence op (for testing). */
  unfused = false;

  /** The whole sequence as one fused op (ops/rnn.ts). */
  protected override runDirection(flat: Tensor, w: RNNWeights, T: number, B: number, h0: Tensor | null, c0: Tensor | null, reverse: boolean): { seq: Tensor; h: Tensor; c: Tensor | null } {
    if (this.unfused || T === 0) return super.runDirection(flat, w, T, B, h0, c0, reverse);
    const H = this.hiddenSize;
    const xw = reshape(linear(flat, w.wih, w.bih), [T, B, H]);
    const seq = rnnSequence(xw, w.whh, w.bhh, h0, reverse, this.nonlinearity);
    const h = reshape(narrow(seq, 0, reverse ? 0 : T - 1, 1), [B, H]);
    return { seq, h, c: null };
  }
  forward(input: Tensor, h0: Tensor | null = null): [Tensor, Tensor] {
    const r = this.run(input, h0, null);
    return [r.output, r.hN];
  }
}
