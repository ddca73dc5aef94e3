/**
 * Maximum likelihood:
 *
 *   p(w | h) = c(h w) / c(h),   c(h) = Σ_v c(h v);     p(w) = c(w) / N
 *
 * An unseen n-gram after a seen context gets probability 0 (perplexity ∞ as soon as the test text
 * has one). For a context never seen there is no estimate at all; the model then uses the longest
 * seen suffix of the history (back-off weight 1), so every distribution still sums to 1.
 */
import { BackoffModel, log10 } from "../backoff.ts";
import { sumChildren, truncateCounts, type NgramCounts } from "../counts.ts";
import { BOS_ID } from "../vocab.ts";

export function maximumLikelihood(countsIn: NgramCounts, order: number): BackoffModel {
  const counts = truncateCounts(countsIn, order);
  const trie = counts.trie;
  const c1 = counts.counts[0];
  let n = 0;
  for (let w = 0; w < c1.length; w++) if (w !== BOS_ID) n += c1[w];
  const probs = [Float64Array.from(c1, (c, w) => (w === BOS_ID ? -Infinity : log10(c / n)))];
  const backoffs: Float64Array[] = [];
  for (let k = 2; k <= order; k++) {
    const ck = counts.counts[k - 1];
    const tot = sumChildren(trie, k - 1, ck);
    const parents = trie.levels[k - 1].parents;
    probs.push(Float64Array.from(ck, (c, i) => log10(c / tot[parents[i]])));
    // A seen context gives its unseen words nothing.
    backoffs.push(Float64Array.from(tot, (t) => (t > 0 ? -Infinity : 0)));
  }
  return new BackoffModel("mle", counts.vocab, trie, probs, backoffs);
}
