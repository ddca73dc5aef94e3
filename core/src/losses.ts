// Loss modules and functions (PyTorch names and reductions).
import type { Tensor } from "./tensor.ts";
import { abs, add, exp, log, maximum, mul, neg, square, sub } from "./ops/elementwise.ts";
import { mean, sum } from "./ops/reduce.ts";
import { crossEntropy, type Reduction } from "./ops/nn.ts";
import { formatShape } from "./tensor.ts";

function reduce(t: Tensor, reduction: Reduction): Tensor {
  return reduction === "mean" ? mean(t) : reduction === "sum" ? sum(t) : t;
}

function sameShapeOrThrow(op: string, a: Tensor, b: Tensor): void {
  if (a.ndim !== b.ndim || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new Error(`${op}: input shape ${formatShape(a.shape)} and target shape ${formatShape(b.shape)} differ`);
  }
}

/** Mean (or sum) of squared differences. */
export function mseLoss(input: Tensor, target: Tensor, reduction: Reduction = "mean"): Tensor {
  sameShapeOrThrow("mseLoss", input, target);
  return reduce(square(sub(input, target)), reduction);
}

/** Binary cross-entropy on logits, stably: max(x, 0) − x·y + log(1 + e^(−|x|)). */
export function bceWithLogits(input: Tensor, target: Tensor, reduction: Reduction = "mean"): Tensor {
  sameShapeOrThrow("bceWithLogits", input, target);
  const l = add(sub(maximum(input, 0), mul(input, target)), log(add(exp(neg(abs(input))), 1)));
  return reduce(l, reduction);
}

export { crossEntropy };

export class MSELoss {
  constructor(readonly reduction: Reduction = "mean") {}
  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, this.reduction);
  }
}

export class CrossEntropyLoss {
  readonly ignoreIndex: number;
  readonly reduction: Reduction;
  constructor(opts: { ignoreIndex?: number; reduction?: Reduction } = {}) {
    this.ignoreIndex = opts.ignoreIndex ?? -100;
    this.reduction = opts.reduction ?? "mean";
  }
  /** input [N, C] (or [..., C]) logits, target integer classes [N] (or [...]). */
  forward(input: Tensor, target: Tensor | ArrayLike<number>): Tensor {
    return crossEntropy(input, target, { ignoreIndex: this.ignoreIndex, reduction: this.reduction });
  }
}

export class BCEWithLogitsLoss {
  constructor(readonly reduction: Reduction = "mean") {}
  forward(input: Tensor, target: Tensor): Tensor {
    return bceWithLogits(input, target, this.reduction);
  }
}
