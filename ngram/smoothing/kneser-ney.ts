/**
 * Interpolated Kneser-Ney (Kneser & Ney 1995; Chen & Goodman 1998, eq. 17 interpolated):
 *
 *   p(w | h) = max(a(h w) − D_k, 0) / Σ_v a(h v)  +  D_k · N1+(h •) / Σ_v a(h v) · p(w | h')
 *   p(w)     = max(a(w) − D_1, 0) / Σ_v a(v)      +  D_1 · N1+(•) / Σ_v a(v) · 1/|V|
 *
 * where a(g) is the raw count c(g) at the highest order and for n-grams starting with `<s>`, and the
 * continuation count N1+(• g) (distinct words seen before g) at lower orders. One discount per order,
 * D_k = n1 / (n1 + 2 n2) from the counts of counts of a at that order (0.75 if undefined or 0).
 */
import type { BackoffModel } from "../backoff.ts";
import type { NgramCounts } from "../counts.ts";
import { neyDiscount, type DiscountOptions } from "./absolute.ts";
import { adjustedCounts, interpolate } from "./interpolated.ts";
import { truncateCounts } from "../counts.ts";

export function kneserNey(counts: NgramCounts, order: number, options: DiscountOptions = {}): BackoffModel {
  const a = adjustedCounts(truncateCounts(counts, order), true);
  const discounts = a.map((ak) => {
    const d = options.discount ?? neyDiscount(ak);
    return [d, d, d];
  });
  return interpolate(counts, order, { method: "kn", adjusted: true, discounts, uniformSize: options.uniformSize });
}
