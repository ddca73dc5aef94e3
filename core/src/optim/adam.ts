// Adam and AdamW as torch.optim: bias-corrected moments; Adam adds weightDecay·p to the gradient,
// AdamW decays the parameter directly (p ← p·(1 − lr·wd)) before the Adam update.
import { kernels } from "../backend.ts";
import type { Tensor } from "../tensor.ts";
import { Optimizer } from "./optimizer.ts";

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
}

interface AdamState {
  m: Tensor;
  v: Tensor;
  step: number;
}

export class Adam extends Optimizer {
  betas: [number, number];
  eps: number;
  weightDecay: number;
  protected readonly decoupled: boolean = false;
  private readonly state = new Map<Tensor, AdamState>();

  constructor(params: Iterable<Tensor>, opts: AdamOptions = {}, defaultWeightDecay = 0) {
    super(params, opts.lr ?? 1e-3);
    this.betas = opts.betas ?? [0.9, 0.999];
    this.eps = opts.eps ?? 1e-8;
    this.weightDecay = opts.weightDecay ?? defaultWeightDecay;
    for (const b of this.betas) if (!(b >= 0 && b < 1)) throw new Error(`${this.constructor.name}: invalid beta ${b}`);
  }

  step(): void {
    const K = kernels();
    for (const p of this.params) {
      const g = this.gradOf(p);
      if (!g) continue;
      let s = this.state.get(p);
      if (!s) {
        s = { m: this.stateLike(p), v: this.stateLike(p), step: 0 };
        this.state.set(p, s);
      }
      s.step++;
      K.adam(p.ptr, g.ptr, s.m.ptr, s.v.ptr, p.size, this.lr, this.betas[0], this.betas[1], this.eps, this.weightDecay, s.step, this.decoupled);
    }
  }

  free(): void {
    for (const s of this.state.values()) {
      s.m.free();
      s.v.free();
    }
    this.state.clear();
  }
}

export class AdamW extends Adam {
  protected override readonly decoupled: boolean = true;
  constructor(params: Iterable<Tensor>, opts: AdamOptions = {}) {
    super(params, opts, 1e-2);
  }
}
