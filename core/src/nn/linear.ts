// Linear: y = x·Wᵀ + b. Weight kaiming-uniform(a=√5) (= U(±1/√in)), bias U(±1/√in), as PyTorch.
import type { Tensor } from "../tensor.ts";
import { defaultGenerator, type Generator } from "../rng.ts";
import { linear } from "../ops/nn.ts";
import { kaimingUniform, uniformInit } from "./init.ts";
import { Module } from "./module.ts";

export interface LinearOptions {
  bias?: boolean;
  generator?: Generator;
}

export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    opts: LinearOptions = {},
  ) {
    super();
    const gen = opts.generator ?? defaultGenerator;
    this.weight = this.registerParameter("weight", kaimingUniform([outFeatures, inFeatures], Math.sqrt(5), gen));
    this.bias = opts.bias === false ? null : this.registerParameter("bias", uniformInit([outFeatures], inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0, gen));
  }
  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }
}
