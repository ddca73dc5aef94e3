/**
 * Modified Kneser-Ney (Chen & Goodman 1998, §3.5), as KenLM's lmplz estimates it:
 *
 *   p(w | h) = (a(h w) − D_k(a(h w))) / Σ_v a(h v)  +  γ(h) · p(w | h')
 *   γ(h)     = (D_k1 N1(h •) + D_k2 N2(h •) + D_k3+ N3+(h •)) / Σ_v a(h v)
 *   p(w)     = (a(w) − D_1(a(w))) / Σ_v a(v)  +  γ(ε) / |V|
 *
 * Adjusted counts a(g): the raw count c(g) at the highest order and for n-grams starting with `<s>`,
 * else the continuation count N1+(• g). N_j(h •) counts the words after h with adjusted count j
 * (3+ for ≥ 3). Three discounts per order from the counts of counts t_j of adjusted counts at that
 * order (Chen & Goodman eq. 26):
 *
 *   Y = t1 / (t1 + 2 t2),   D_j = j − (j + 1) · Y · t_{j+1} / t_j   (j = 1, 2, 3)
 *
 * If some t_j (j ≤ 3) is 0 or a D_j falls outside [0, j], the order uses lmplz's
 * `--discount_fallback` values 0.5, 1, 1.5. |V| (KenLM: vocabulary with `<unk>`, without `<s>`)
 * defaults to the predictable tokens.
 */
import type { BackoffModel } from "../backoff.ts";
import { countsOfCounts, truncateCounts, type NgramCounts } from "../counts.ts";
import { adjustedCounts, interpolate } from "./interpolated.ts";

export const FALLBACK_DISCOUNTS = [0.5, 1, 1.5];

export interface MknOptions {
  /** Fixed [D1, D2, D3+] per order (index order−1) instead of the estimates. */
  discounts?: number[][];
  uniformSize?: number;
}

/** The three discounts from counts of counts t[1…4]; null when they cannot be estimated. */
export function mknDiscounts(t: number[]): number[] | null {
  if (t[1] === 0 || t[2] === 0 || t[3] === 0) return null;
  const y = t[1] / (t[1] + 2 * t[2]);
  const d = [1, 2, 3].map((j) => j - (j + 1) * y * (t[j + 1] / t[j]));
  return d.every((x, i) => Number.isFinite(x) && x >= 0 && x <= i + 1) ? d : null;
}

export function estimateMknDiscounts(counts: NgramCounts, order: number): { discounts: number[][]; fallback: boolean[] } {
  const a = adjustedCounts(truncateCounts(counts, order), true);
  const fallback: boolean[] = [];
  const discounts = a.map((ak) => {
    const d = mknDiscounts(countsOfCounts(ak, 4));
    fallback.push(d === null);
    return d ?? FALLBACK_DISCOUNTS;
  });
  return { discounts, fallback };
}

export function modifiedKneserNey(counts: NgramCounts, order: number, options: MknOptions = {}): BackoffModel {
  const discounts = options.discounts ?? estimateMknDiscounts(counts, order).discounts;
  return interpolate(counts, order, { method: "mkn", adjusted: true, discounts, uniformSize: options.uniformSize });
}
