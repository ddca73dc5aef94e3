// Embedding: a [num, dim] table initialised N(0, 1), looked up by integer indices.
import type { Tensor } from "../tensor.ts";
import { defaultGenerator, type Generator } from "../rng.ts";
import { embedding } from "../ops/nn.ts";
import { normalInit } from "./init.ts";
import { Module } from "./module.ts";

export class Embedding extends Module {
  readonly weight: Tensor;
  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    opts: { generator?: Generator } = {},
  ) {
    super();
    this.weight = this.registerParameter("weight", normalInit([numEmbeddings, embeddingDim], 1, opts.generator ?? defaultGenerator));
  }
  /** indices: an int32 Tensor of any shape, or plain numbers with an optional shape. */
  forward(indices: Tensor | ArrayLike<number>, shape?: readonly number[]): Tensor {
    return embedding(this.weight, indices, shape);
  }
}
