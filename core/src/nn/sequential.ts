// Sequential: children named "0", "1", ... (as PyTorch), applied in order.
import type { Tensor } from "../tensor.ts";
import { Module, type Layer } from "./module.ts";

export type SequentialChild = Module & Layer;

export class Sequential extends Module {
  readonly layers: SequentialChild[];
  constructor(...layers: SequentialChild[]) {
    super();
    this.layers = layers;
    layers.forEach((m, i) => this.registerModule(String(i), m));
  }
  forward(x: Tensor): Tensor {
    let h = x;
    for (const m of this.layers) h = m.forward(h);
    return h;
  }
}
