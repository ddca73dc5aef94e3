/**
 * The engine shared by absolute discounting, Kneser-Ney and modified Kneser-Ney: interpolated
 * discounting over a count trie, producing a {@link BackoffModel}.
 *
 *   p(w | h) = (a(h w) − D_k(a(h w))) / Σ_v a(h v)  +  γ(h) · p(w | h')
 *   γ(h)     = Σ_{v : a(h v) > 0} D_k(a(h v)) / Σ_v a(h v)
 *   p(w)     = (a(w) − D_1(a(w))) / Σ_v a(v)  +  γ(ε) / |V|         (order 1: uniform base)
 *
 * where k = |h w|, h' is h without its first token, and a(·) is the count the method uses:
 * raw counts for absolute discounting; for Kneser-Ney the raw count at the highest order and for
 * n-grams starting with `<s>`, the continuation count N1+(• g) elsewhere (KenLM's "adjusted
 * counts"). D_k(a) is the discount for an adjusted count a at order k (0 for a = 0). For a context h
 * never seen, p(w | h) = p(w | h'). `<s>` is never predicted: p(<s>) = 0 and it takes no part in the
 * sums. |V| is the number of predictable tokens unless the caller says otherwise.
 */
import { BackoffModel, log10 } from "../backoff.ts";
import { sumChildren, truncateCounts, type NgramCounts } from "../counts.ts";
import { BOS_ID } from "../vocab.ts";

export interface InterpolationSpec {
  method: string;
  /** Use continuation counts below the highest order (Kneser-Ney). */
  adjusted: boolean;
  /** discounts[k−1] = [D(1), D(2), D(3+)] for order k. */
  discounts: number[][];
  /** Size of the uniform distribution at the base; default: every token but `<s>`. */
  uniformSize?: number;
}

/** The counts each order uses: raw, or KenLM's adjusted counts. */
export function adjustedCounts(counts: NgramCounts, adjusted: boolean): Uint32Array[] {
  const out: Uint32Array[] = [];
  for (let k = 1; k <= counts.order; k++) {
    const raw = counts.counts[k - 1];
    if (!adjusted || k === counts.order) {
      out.push(raw);
      continue;
    }
    const cont = counts.continuation[k - 1];
    const bos = counts.bosStart[k - 1];
    const a = new Uint32Array(raw.length);
    for (let i = 0; i < a.length; i++) a[i] = bos[i] ? raw[i] : cont[i];
    if (k === 1) a[BOS_ID] = 0;
    out.push(a);
  }
  return out;
}

function discountOf(d: number[], a: number): number {
  return a <= 0 ? 0 : a >= 3 ? d[2] : d[a - 1];
}

export function interpolate(countsIn: NgramCounts, order: number, spec: InterpolationSpec): BackoffModel {
  const counts = truncateCounts(countsIn, order);
  const trie = counts.trie;
  const a = adjustedCounts(counts, spec.adjusted);
  const V = counts.vocab.size;
  const uniform = 1 / (spec.uniformSize ?? counts.vocab.predictable);
  const probs: Float64Array[] = [];
  const logProbs: Float64Array[] = [];
  const backoffs: Float64Array[] = [];

  // Order 1.
  {
    const a1 = a[0];
    const d = spec.discounts[0];
    let denom = 0;
    let disc = 0;
    for (let w = 0; w < V; w++) {
      if (w === BOS_ID) continue;
      denom += a1[w];
      disc += discountOf(d, a1[w]);
    }
    if (denom <= 0) throw new Error("no unigram counts");
    const gamma = disc / denom;
    const p = new Float64Array(V);
    for (let w = 0; w < V; w++) p[w] = w === BOS_ID ? 0 : (a1[w] - discountOf(d, a1[w])) / denom + gamma * uniform;
    probs.push(p);
  }
  for (let k = 2; k <= order; k++) {
    const ak = a[k - 1];
    const d = spec.discounts[k - 1];
    const denom = sumChildren(trie, k - 1, ak);
    const disc = sumChildren(trie, k - 1, Array.from(ak, (x) => discountOf(d, x)));
    const nParent = trie.size(k - 1);
    const gamma = new Float64Array(nParent);
    const bo = new Float64Array(nParent);
    const cs = trie.levels[k - 2].childStart;
    for (let h = 0; h < nParent; h++) {
      if (cs[h + 1] > cs[h]) {
        gamma[h] = disc[h] / denom[h];
        bo[h] = log10(gamma[h]);
      }
    }
    backoffs.push(bo);
    const lower = probs[k - 2];
    const parents = trie.levels[k - 1].parents;
    const suffix = counts.suffix[k - 1];
    const p = new Float64Array(ak.length);
    for (let i = 0; i < p.length; i++) {
      const h = parents[i];
      p[i] = (ak[i] - discountOf(d, ak[i])) / denom[h] + gamma[h] * lower[suffix[i]];
    }
    probs.push(p);
  }
  for (const p of probs) logProbs.push(Float64Array.from(p, log10));
  return new BackoffModel(spec.method, counts.vocab, trie, logProbs, backoffs);
}
