/**
 * Interpolated absolute discounting (Ney, Essen & Kneser 1994), on raw counts:
 *
 *   p(w | h) = max(c(h w) − D_k, 0) / c(h)  +  D_k · N1+(h •) / c(h) · p(w | h')
 *   p(w)     = max(c(w) − D_1, 0) / N      +  D_1 · N1+(•) / N · 1/|V|
 *
 * with c(h) = Σ_v c(h v), N1+(h •) the number of distinct words seen after h, and one discount per
 * order estimated from that order's counts of counts: D_k = n1 / (n1 + 2 n2) (0.75 if undefined or 0).
 */
import type { BackoffModel } from "../backoff.ts";
import { countsOfCounts, type NgramCounts } from "../counts.ts";
import { interpolate } from "./interpolated.ts";

export interface DiscountOptions {
  /** A fixed discount for every order instead of the estimate. */
  discount?: number;
  uniformSize?: number;
}

/** Ney's estimate D = n1 / (n1 + 2 n2) from counts of counts; `fallback` when it is undefined or 0 (no singletons). */
export function neyDiscount(values: ArrayLike<number>, fallback = 0.75): number {
  const t = countsOfCounts(values, 2);
  const d = t[1] / (t[1] + 2 * t[2]);
  return Number.isFinite(d) && d > 0 && d < 1 ? d : fallback;
}

export function absoluteDiscounting(counts: NgramCounts, order: number, options: DiscountOptions = {}): BackoffModel {
  const discounts: number[][] = [];
  for (let k = 1; k <= order; k++) {
    const d = options.discount ?? neyDiscount(counts.counts[k - 1]);
    discounts.push([d, d, d]);
  }
  return interpolate(counts, order, { method: "absolute", adjusted: false, discounts, uniformSize: options.uniformSize });
}
