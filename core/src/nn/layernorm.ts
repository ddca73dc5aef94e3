// LayerNorm over the trailing `normalizedShape` dims; weight ones, bias zeros (as PyTorch).
import type { Tensor } from "../tensor.ts";
import { layerNorm } from "../ops/nn.ts";
import { onesInit, zerosInit } from "./init.ts";
import { Module } from "./module.ts";

export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
  constructor(
    normalizedShape: number | readonly number[],
    readonly eps = 1e-5,
    elementwiseAffine = true,
  ) {
    super();
    this.normalizedShape = typeof normalizedShape === "number" ? [normalizedShape] : normalizedShape.slice();
    this.weight = elementwiseAffine ? this.registerParameter("weight", onesInit(this.normalizedShape)) : null;
    this.bias = elementwiseAffine ? this.registerParameter("bias", zerosInit(this.normalizedShape)) : null;
  }
  forward(x: Tensor): Tensor {
    return layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps);
  }
}
