// Conv2d (NCHW, square kernel/stride/padding). Weight kaiming-uniform(a=√5), bias U(±1/√fan_in).
import type { Tensor } from "../tensor.ts";
import { defaultGenerator, type Generator } from "../rng.ts";
import { conv2d } from "../ops/nn.ts";
import { kaimingUniform, uniformInit } from "./init.ts";
import { Module } from "./module.ts";

export interface Conv2dModuleOptions {
  stride?: number;
  padding?: number;
  bias?: boolean;
  generator?: Generator;
}

export class Conv2d extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly stride: number;
  readonly padding: number;
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    opts: Conv2dModuleOptions = {},
  ) {
    super();
    const gen = opts.generator ?? defaultGenerator;
    this.stride = opts.stride ?? 1;
    this.padding = opts.padding ?? 0;
    const fanIn = inChannels * kernelSize * kernelSize;
    this.weight = this.registerParameter("weight", kaimingUniform([outChannels, inChannels, kernelSize, kernelSize], Math.sqrt(5), gen));
    this.bias = opts.bias === false ? null : this.registerParameter("bias", uniformInit([outChannels], 1 / Math.sqrt(fanIn), gen));
  }
  forward(x: Tensor): Tensor {
    return conv2d(x, this.weight, this.bias, { stride: this.stride, padding: this.padding });
  }
}
