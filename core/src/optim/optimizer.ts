// Optimiser base: a flat list of parameters, zeroGrad, and kept (tidy-exempt) per-parameter state.
import { kernels } from "../backend.ts";
import { Tensor, zeros } from "../tensor.ts";

export abstract class Optimizer {
  readonly params: Tensor[];
  lr: number;
  constructor(params: Iterable<Tensor>, lr: number) {
    this.params = [...params];
    if (!(lr >= 0)) throw new Error(`${this.constructor.name}: invalid learning rate ${lr}`);
    this.lr = lr;
    for (const p of this.params) {
      if (!(p instanceof Tensor) || p.dtype !== "float32") throw new Error(`${this.constructor.name}: parameters must be float32 tensors`);
    }
  }

  /** Zero gradients in place (buffers are kept, so steady-state steps allocate nothing). */
  zeroGrad(): void {
    const K = kernels();
    for (const p of this.params) if (p.grad) K.fill(p.grad.ptr, p.grad.size, 0);
  }

  abstract step(): void;

  /** A persistent zero tensor shaped like p (exempt from tidy). */
  protected stateLike(p: Tensor): Tensor {
    return zeros(p.shape).keep();
  }

  protected gradOf(p: Tensor): Tensor | null {
    p.assertLive(`${this.constructor.name}.step`);
    const g = p.grad;
    if (!g) return null;
    if (!p.isContiguous()) throw new Error(`${this.constructor.name}: parameter of shape [${p.shape.join(", ")}] is not contiguous`);
    return g;
  }

  /** Release the optimiser state. */
  abstract free(): void;
}
