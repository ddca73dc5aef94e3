// Gradient-norm clipping as torch.nn.utils.clip_grad_norm_ (2-norm over all gradients).
import { kernels } from "../backend.ts";
import type { Tensor } from "../tensor.ts";

/** Scale all gradients so their global 2-norm is at most maxNorm; returns the norm before clipping. */
export function clipGradNorm(params: Iterable<Tensor>, maxNorm: number): number {
  const K = kernels();
  const grads: Tensor[] = [];
  for (const p of params) if (p.grad) grads.push(p.grad);
  let ss = 0;
  for (const g of grads) ss += K.sumSquares(g.ptr, g.size);
  const total = Math.sqrt(ss);
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1) for (const g of grads) K.scale(g.ptr, g.size, coef);
  return total;
}
