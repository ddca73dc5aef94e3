// Multi-head self-attention (causal by default), parameters named as torch.nn.MultiheadAttention:
// in_proj_weight [3E, E] (Xavier-uniform), in_proj_bias [3E] (zeros), out_proj.weight [E, E]
// (kaiming-uniform a=√5, like Linear) and out_proj.bias (zeros). Input and output [B, T, E].
import { Tensor, tensor } from "../tensor.ts";
import { defaultGenerator, type Generator } from "../rng.ts";
import { add, mul } from "../ops/elementwise.ts";
import { matmul } from "../ops/matmul.ts";
import { dropout, linear, softmax } from "../ops/nn.ts";
import { narrow, permute, reshape, transpose } from "../ops/shape.ts";
import { xavierUniform, zerosInit } from "./init.ts";
import { Linear } from "./linear.ts";
import { Module } from "./module.ts";

export interface AttentionOptions {
  /** Mask future positions (default true). */
  causal?: boolean;
  /** Dropout on the attention weights (training only). */
  dropout?: number;
  generator?: Generator;
}

export class CausalSelfAttention extends Module {
  readonly headDim: number;
  readonly causal: boolean;
  readonly dropoutP: number;
  readonly inProjWeight: Tensor;
  readonly inProjBias: Tensor;
  readonly outProj: Linear;
  private readonly generator: Generator;
  private maskCache = new Map<number, Tensor>();

  constructor(
    readonly embedDim: number,
    readonly numHeads: number,
    opts: AttentionOptions = {},
  ) {
    super();
    if (embedDim % numHeads !== 0) throw new Error(`CausalSelfAttention: embedDim ${embedDim} is not divisible by numHeads ${numHeads}`);
    this.headDim = embedDim / numHeads;
    this.causal = opts.causal ?? true;
    this.dropoutP = opts.dropout ?? 0;
    this.generator = opts.generator ?? defaultGenerator;
    this.inProjWeight = this.registerParameter("in_proj_weight", xavierUniform([3 * embedDim, embedDim], 1, this.generator));
    this.inProjBias = this.registerParameter("in_proj_bias", zerosInit([3 * embedDim]));
    this.outProj = this.registerModule("out_proj", new Linear(embedDim, embedDim, { generator: this.generator }));
    this.outProj.bias!.copyFrom(new Float32Array(embedDim));
  }

  /** Additive mask [T, T]: 0 on and below the diagonal, −1e9 above (cached per T). */
  private mask(T: number): Tensor {
    let m = this.maskCache.get(T);
    if (!m || m.isFreed) {
      const buf = new Float32Array(T * T);
      for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) buf[i * T + j] = -1e9;
      m = tensor(buf, [T, T]).keep();
      this.maskCache.set(T, m);
    }
    return m;
  }

  forward(x: Tensor): Tensor {
    if (x.ndim !== 3 || x.shape[2] !== this.embedDim) {
      throw new Error(`CausalSelfAttention: input shape [${x.shape.join(", ")}] should be [B, T, ${this.embedDim}]`);
    }
    const [B, T, E] = x.shape;
    const h = this.numHeads;
    const d = this.headDim;
    // q, k, v from row blocks of in_proj (dim-0 slices: contiguous, so their gradients are single
    // in-place adds), each [B, T, E] → [B·h, T, d]
    const heads = (i: number) => {
      const p = linear(x, narrow(this.inProjWeight, 0, i * E, E), narrow(this.inProjBias, 0, i * E, E));
      return reshape(permute(reshape(p, [B, T, h, d]), [0, 2, 1, 3]), [B * h, T, d]);
    };
    const q = heads(0);
    const k = heads(1);
    const v = heads(2);
    let scores = mul(matmul(q, transpose(k, 1, 2)), 1 / Math.sqrt(d)); // [B·h, T, T]
    if (this.causal) scores = add(scores, this.mask(T));
    let att = softmax(scores, -1);
    if (this.dropoutP > 0 && this.training) att = dropout(att, this.dropoutP, true, this.generator);
    const y = matmul(att, v); // [B·h, T, d]
    const merged = reshape(permute(reshape(y, [B, h, T, d]), [0, 2, 1, 3]), [B, T, E]);
    return this.outProj.forward(merged);
  }

  override free(): void {
    super.free();
    for (const m of this.maskCache.values()) m.free();
    this.maskCache.clear();
  }
}

/** Alias with PyTorch's module name (self-attention only: query = key = value = x). */
export { CausalSelfAttention as MultiheadSelfAttention };
