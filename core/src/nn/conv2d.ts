// Conv2d (NCHW; kernel k or [kh, kw]; one stride and padding for both axes). Weight kaiming-uniform(a=√5), bias U(±1/√fan_in).
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
  readonly kernelSize: [number, number];
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: number | [number, number],
    opts: Conv2dModuleOptions = {},
  ) {
    super();
    const [kh, kw] = typeof kernelSize === "number" ? [kernelSize, kernelSize] : kernelSize;
    this.kernelSize = [kh, kw];
    const gen = opts.generator ?? defaultGenerator;
    this.stride = opts.stride ?? 1;
    this.padding = opts.padding ?? 0;
    const fanIn = inChannels * kh * kw;
    this.weight = this.registerParameter("weight", kaimingUniform([outChannels, inChannels, kh, kw], Math.sqrt(5), gen));
    this.bias = opts.bias === false ? null : this.registerParameter("bias", uniformInit([outChannels], 1 / Math.sqrt(fanIn), gen));
  }
  forward(x: Tensor): Tensor {
    return conv2d(x, this.weight, this.bias, { stride: this.stride, padding: this.padding });
  }
}
