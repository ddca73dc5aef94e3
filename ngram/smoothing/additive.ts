/**
 * Additive smoothing, the model behind add-one (Laplace) and add-δ (Lidstone):
 *
 *   p(w | h) = (c(h w) + δ) / (c(h) + δ |V|),   c(h) = Σ_v c(h v)
 *
 * where h is the last N−1 tokens of the history (fewer at the start of a sentence). There is no
 * back-off: a context never seen gives the uniform 1/|V|, as in NLTK. |V| defaults to the number of
 * predictable tokens (every entry but `<s>`), so each distribution sums to 1; NLTK's figures use
 * its `len(vocab)`, which counts `<s>` and its own `<UNK>` label as well.
 *
 * These models are not back-off models (an unseen word's probability does not follow any lower
 * order), so they cannot be written as ARPA files beyond order 1.
 */
import { sumChildren, truncateCounts, type NgramCounts } from "../counts.ts";
import type { LanguageModel } from "../model.ts";
import type { Trie } from "../trie.ts";
import { BOS_ID, type Vocab } from "../vocab.ts";

export class AdditiveModel implements LanguageModel {
  readonly order: number;
  readonly vocab: Vocab;
  readonly method: string;
  readonly delta: number;
  readonly vocabSize: number;
  readonly trie: Trie;
  readonly counts: Uint32Array[];
  /** totals[k−1][node]: c(h) for the contexts of order k (index 0: unused). */
  private readonly totals: Float64Array[];
  private readonly unigramTotal: number;

  constructor(method: string, countsIn: NgramCounts, order: number, delta: number, vocabSize?: number) {
    if (!(delta > 0) || !Number.isFinite(delta)) throw new Error(`δ must be a positive number, got ${delta}`);
    const counts = truncateCounts(countsIn, order);
    this.method = method;
    this.order = order;
    this.vocab = counts.vocab;
    this.delta = delta;
    this.vocabSize = vocabSize ?? counts.vocab.predictable;
    this.trie = counts.trie;
    this.counts = counts.counts;
    this.totals = [new Float64Array(0)];
    for (let k = 2; k <= order; k++) this.totals.push(sumChildren(this.trie, k - 1, this.counts[k - 1]));
    let n = 0;
    const c1 = this.counts[0];
    for (let w = 0; w < c1.length; w++) if (w !== BOS_ID) n += c1[w];
    this.unigramTotal = n;
  }

  logProb(history: ArrayLike<number>, len: number, word: number): number {
    if (word === BOS_ID) return -Infinity;
    const d = this.delta;
    const V = this.vocabSize;
    const k = Math.min(this.order, len + 1);
    if (k === 1) {
      const c = word < this.counts[0].length ? this.counts[0][word] : 0;
      return Math.log((c + d) / (this.unigramTotal + V * d));
    }
    const h = this.trie.find(history, len - (k - 1), len);
    if (h < 0) return Math.log(1 / V);
    const node = this.trie.child(k - 1, h, word);
    const c = node >= 0 ? this.counts[k - 1][node] : 0;
    return Math.log((c + d) / (this.totals[k - 1][h] + V * d));
  }

  bytes(): number {
    let b = this.trie.bytes();
    for (const a of this.counts) b += a.byteLength;
    for (const a of this.totals) b += a.byteLength;
    return b;
  }
}
