/**
 * Good-Turing discounting with Katz back-off (Katz 1987; Chen & Goodman 1998 §2.4).
 *
 * Good-Turing re-estimates a count r as r_GT = (r + 1) n_{r+1} / n_r from the counts of counts n_r of
 * that order. Katz keeps large counts (r > K = 5) as they are and discounts small ones by
 *
 *   d_r = (r_GT / r − (K+1) n_{K+1} / n_1) / (1 − (K+1) n_{K+1} / n_1),   1 ≤ r ≤ K
 *
 * (d_r = 1 where this is undefined or outside (0, 1]). Then
 *
 *   p(w | h) = d_r · r / c(h)              if r = c(h w) > 0
 *            = α(h) · p(w | h')            otherwise
 *   α(h)     = (1 − Σ_{w: c(h w)>0} d_r r / c(h)) / (1 − Σ_{w: c(h w)>0} p(w | h'))
 *
 * A context whose successors all have counts above K keeps no mass for unseen words; there the
 * seen probabilities are scaled by c(h) / (c(h) + 1) and the freed 1 / (c(h) + 1) is backed off (as
 * if one more, unseen, event had been observed), so no test word gets probability 0.
 *
 * At order 1 the discounted mass goes uniformly to the predictable tokens with count 0 (with the
 * same one-phantom-event rule if nothing was discounted); if every token was seen, unigrams are
 * plain c(w)/N. When a context has seen every word its lower order
 * gives mass to (the α denominator is 0), its seen probabilities are r / c(h) and α(h) = 0.
 */
import { BackoffModel, log10 } from "../backoff.ts";
import { countsOfCounts, sumChildren, truncateCounts, type NgramCounts } from "../counts.ts";
import { BOS_ID } from "../vocab.ts";

export const KATZ_K = 5;

/** d_1 … d_K (index r) for one order's counts. */
export function katzDiscounts(values: ArrayLike<number>, K = KATZ_K): number[] {
  const n = countsOfCounts(values, K + 1);
  const d = new Array<number>(K + 1).fill(1);
  const big = n[1] > 0 ? ((K + 1) * n[K + 1]) / n[1] : NaN;
  for (let r = 1; r <= K; r++) {
    const rStar = ((r + 1) * n[r + 1]) / n[r];
    const dr = (rStar / r - big) / (1 - big);
    d[r] = Number.isFinite(dr) && dr > 0 && dr <= 1 ? dr : 1;
  }
  return d;
}

export function katz(countsIn: NgramCounts, order: number): BackoffModel {
  const counts = truncateCounts(countsIn, order);
  const trie = counts.trie;
  const V = counts.vocab.size;
  const disc = (d: number[], r: number): number => (r <= KATZ_K ? d[r] : 1);

  // Order 1.
  const c1 = counts.counts[0];
  const d1 = katzDiscounts(c1);
  let n = 0;
  let zero = 0;
  for (let w = 0; w < V; w++) {
    if (w === BOS_ID) continue;
    n += c1[w];
    if (c1[w] === 0) zero++;
  }
  const p1 = new Float64Array(V);
  if (zero === 0) {
    for (let w = 0; w < V; w++) p1[w] = w === BOS_ID ? 0 : c1[w] / n;
  } else {
    let seen = 0;
    for (let w = 0; w < V; w++) if (w !== BOS_ID && c1[w] > 0) seen += (disc(d1, c1[w]) * c1[w]) / n;
    // No discounted mass (every count above K): one phantom unseen event, as for contexts.
    const phantom = seen >= 1 - 1e-12;
    const scale = phantom ? n / (n + 1) : 1;
    const rest = phantom ? 1 / (n + 1) : 1 - seen;
    for (let w = 0; w < V; w++) p1[w] = w === BOS_ID ? 0 : c1[w] > 0 ? (scale * disc(d1, c1[w]) * c1[w]) / n : rest / zero;
  }
  const probs = [p1];
  const backoffs: Float64Array[] = [];
  for (let k = 2; k <= order; k++) {
    const ck = counts.counts[k - 1];
    const d = katzDiscounts(ck);
    const tot = sumChildren(trie, k - 1, ck);
    const lower = probs[k - 2];
    const suffix = counts.suffix[k - 1];
    const seenMass = sumChildren(trie, k - 1, Array.from(ck, (r, i) => (disc(d, r) * r) / tot[trie.levels[k - 1].parents[i]]));
    const lowerMass = sumChildren(trie, k - 1, Array.from(suffix, (s) => lower[s]));
    const nCtx = trie.size(k - 1);
    const alpha = new Float64Array(nCtx);
    const plain = new Uint8Array(nCtx);
    const cs = trie.levels[k - 2].childStart;
    for (let h = 0; h < nCtx; h++) {
      if (cs[h + 1] === cs[h]) {
        alpha[h] = 1;
        continue;
      }
      const den = 1 - lowerMass[h];
      if (den <= 1e-12) {
        plain[h] = 1;
        alpha[h] = 0;
      } else if (seenMass[h] >= 1 - 1e-12) {
        plain[h] = 2;
        alpha[h] = 1 / (tot[h] + 1) / den;
      } else alpha[h] = (1 - seenMass[h]) / den;
    }
    const parents = trie.levels[k - 1].parents;
    probs.push(
      Float64Array.from(ck, (r, i) => {
        const h = parents[i];
        return plain[h] === 1 ? r / tot[h] : plain[h] === 2 ? r / (tot[h] + 1) : (disc(d, r) * r) / tot[h];
      }),
    );
    backoffs.push(Float64Array.from(alpha, log10));
  }
  return new BackoffModel("katz", counts.vocab, trie, probs.map((p) => Float64Array.from(p, log10)), backoffs);
}
