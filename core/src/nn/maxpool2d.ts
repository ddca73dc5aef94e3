// MaxPool2d without padding (stride defaults to the kernel size, as PyTorch).
import type { Tensor } from "../tensor.ts";
import { maxPool2d } from "../ops/nn.ts";
import { Module } from "./module.ts";

export class MaxPool2d extends Module {
  readonly stride: number;
  constructor(
    readonly kernelSize: number,
    stride?: number,
  ) {
    super();
    this.stride = stride ?? kernelSize;
  }
  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.kernelSize, this.stride);
  }
}
