// Dropout (inverted): active only in training mode; masks come from the given or global Generator.
import type { Tensor } from "../tensor.ts";
import { defaultGenerator, type Generator } from "../rng.ts";
import { dropout } from "../ops/nn.ts";
import { Module } from "./module.ts";

export class Dropout extends Module {
  constructor(
    readonly p = 0.5,
    readonly generator: Generator = defaultGenerator,
  ) {
    super();
    if (!(p >= 0 && p <= 1)) throw new Error(`Dropout: probability ${p} not in [0, 1]`);
  }
  forward(x: Tensor): Tensor {
    return dropout(x, this.p, this.training, this.generator);
  }
}
