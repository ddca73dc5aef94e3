// SGD as torch.optim.SGD: weight decay added to the gradient, momentum buffer initialised to the
// first gradient, then b = μ·b + (1 − dampening)·g; nesterov uses g + μ·b.
import { kernels } from "../backend.ts";
import type { Tensor } from "../tensor.ts";
import { Optimizer } from "./optimizer.ts";

export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

export class SGD extends Optimizer {
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  private readonly bufs = new Map<Tensor, Tensor>();

  constructor(params: Iterable<Tensor>, opts: SGDOptions) {
    super(params, opts.lr);
    this.momentum = opts.momentum ?? 0;
    this.dampening = opts.dampening ?? 0;
    this.weightDecay = opts.weightDecay ?? 0;
    this.nesterov = opts.nesterov ?? false;
    if (this.momentum < 0) throw new Error(`SGD: invalid momentum ${this.momentum}`);
    if (this.weightDecay < 0) throw new Error(`SGD: invalid weight decay ${this.weightDecay}`);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) throw new Error("SGD: nesterov momentum requires a momentum and zero dampening");
  }

  step(): void {
    const K = kernels();
    for (const p of this.params) {
      const g = this.gradOf(p);
      if (!g) continue;
      let buf = this.bufs.get(p);
      const first = buf === undefined;
      if (this.momentum !== 0 && !buf) {
        buf = this.stateLike(p);
        this.bufs.set(p, buf);
      }
      K.sgd(p.ptr, g.ptr, buf ? buf.ptr : 0, p.size, this.lr, this.momentum, this.dampening, this.weightDecay, this.nesterov, first);
    }
  }

  free(): void {
    for (const b of this.bufs.values()) b.free();
    this.bufs.clear();
  }
}
