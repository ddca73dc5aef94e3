/**
 * Interpolated Witten-Bell smoothing (Witten & Bell 1991; Chen & Goodman 1998 §2.3):
 *
 *   p(w | h) = (c(h w) + N1+(h •) · p(w | h')) / (c(h) + N1+(h •))
 *   p(w)     = (c(w) + N1+(•) / |V|) / (N + N1+(•))
 *
 * with c(h) = Σ_v c(h v) and N1+(h •) the number of distinct words seen after h: the weight of the
 * lower order grows with how many different words follow the context.
 */
import { BackoffModel, log10 } from "../backoff.ts";
import { sumChildren, truncateCounts, type NgramCounts } from "../counts.ts";
import { BOS_ID } from "../vocab.ts";

export function wittenBell(countsIn: NgramCounts, order: number, options: { uniformSize?: number } = {}): BackoffModel {
  const counts = truncateCounts(countsIn, order);
  const trie = counts.trie;
  const V = counts.vocab.size;
  const uniform = 1 / (options.uniformSize ?? counts.vocab.predictable);
  const c1 = counts.counts[0];
  let n = 0;
  let types = 0;
  for (let w = 0; w < V; w++) {
    if (w === BOS_ID) continue;
    n += c1[w];
    if (c1[w] > 0) types++;
  }
  const probs = [Float64Array.from(c1, (c, w) => (w === BOS_ID ? 0 : (c + types * uniform) / (n + types)))];
  const backoffs: Float64Array[] = [];
  for (let k = 2; k <= order; k++) {
    const ck = counts.counts[k - 1];
    const tot = sumChildren(trie, k - 1, ck);
    const cs = trie.levels[k - 2].childStart;
    const T = Float64Array.from(tot, (_, h) => cs[h + 1] - cs[h]);
    const lower = probs[k - 2];
    const suffix = counts.suffix[k - 1];
    const parents = trie.levels[k - 1].parents;
    probs.push(Float64Array.from(ck, (c, i) => (c + T[parents[i]] * lower[suffix[i]]) / (tot[parents[i]] + T[parents[i]])));
    backoffs.push(Float64Array.from(tot, (t, h) => (T[h] > 0 ? log10(T[h] / (t + T[h])) : 0)));
  }
  return new BackoffModel("witten-bell", counts.vocab, trie, probs.map((p) => Float64Array.from(p, log10)), backoffs);
}
