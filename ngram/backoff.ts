/**
 * A back-off model: every stored n-gram has a probability, every context a back-off weight, the ARPA
 * representation. Node-free (the browser scores with it too).
 *
 *   p(w | h) = p*(h w)                       if h w is stored
 *            = bow(h) · p(w | h')            otherwise, h' = h without its first token
 *
 * where bow(h) = 1 when h itself is not stored. Interpolated methods (Kneser-Ney, absolute
 * discounting, Witten-Bell) fit this form exactly: p* is the interpolated probability and bow(h) the
 * interpolation weight γ(h), since for an unseen w the interpolated estimate is γ(h)·p(w | h').
 * Values are kept as log10, as in ARPA files, so a written and re-read model is bit-identical.
 * A log10 probability of −Infinity means "probability 0"; NaN marks a node that only exists to hold
 * children (never returned as a match).
 */
import type { LanguageModel } from "./model.ts";
import type { Trie } from "./trie.ts";
import type { Vocab } from "./vocab.ts";

export class BackoffModel implements LanguageModel {
  readonly order: number;
  readonly vocab: Vocab;
  readonly method: string;
  readonly trie: Trie;
  /** log10 p*(n-gram), per level. */
  readonly prob: Float64Array[];
  /** log10 bow(context), per level 1…order−1 (0 = weight 1). */
  readonly backoff: Float64Array[];
  private readonly ctx: Int32Array;

  constructor(method: string, vocab: Vocab, trie: Trie, prob: Float64Array[], backoff: Float64Array[]) {
    if (prob.length !== trie.order) throw new Error("one probability array per order");
    this.method = method;
    this.vocab = vocab;
    this.trie = trie;
    this.order = trie.order;
    this.prob = prob;
    this.backoff = backoff;
    this.ctx = new Int32Array(this.order);
  }

  /** log10 p(word | history). */
  log10Prob(history: ArrayLike<number>, len: number, word: number): number {
    const maxk = Math.min(this.order, len + 1);
    const trie = this.trie;
    // ctx[j]: node of the last j history tokens (level j), or −1.
    const ctx = this.ctx;
    for (let j = 1; j < maxk; j++) ctx[j] = trie.find(history, len - j, len);
    let acc = 0;
    for (let k = maxk; k >= 2; k--) {
      const h = ctx[k - 1];
      if (h < 0) continue;
      const node = trie.child(k - 1, h, word);
      if (node >= 0) {
        const p = this.prob[k - 1][node];
        if (!Number.isNaN(p)) return acc + p;
      }
      acc += this.backoff[k - 2][h];
    }
    if (word >= this.vocab.size) return -Infinity;
    return acc + this.prob[0][word];
  }

  logProb(history: ArrayLike<number>, len: number, word: number): number {
    return this.log10Prob(history, len, word) * Math.LN10;
  }

  /**
   * The whole next-token distribution in O(N·V): start from the unigrams, then for each longer
   * context that exists multiply everything by its back-off weight and overwrite its stored children.
   */
  distribution(history: ArrayLike<number>, len: number): Float64Array {
    const V = this.vocab.size;
    const logp = new Float64Array(V);
    logp.set(this.prob[0]);
    const maxk = Math.min(this.order, len + 1);
    for (let k = 2; k <= maxk; k++) {
      const h = this.trie.find(history, len - (k - 1), len);
      if (h < 0) continue;
      const bow = this.backoff[k - 2][h];
      if (bow !== 0) for (let w = 0; w < V; w++) logp[w] += bow;
      const cs = this.trie.levels[k - 2].childStart;
      const words = this.trie.levels[k - 1].words;
      const pk = this.prob[k - 1];
      for (let j = cs[h]; j < cs[h + 1]; j++) if (!Number.isNaN(pk[j])) logp[words[j]] = pk[j];
    }
    const p = new Float64Array(V);
    for (let w = 0; w < V; w++) p[w] = Math.pow(10, logp[w]);
    return p;
  }

  bytes(): number {
    let b = this.trie.bytes();
    for (const a of this.prob) b += a.byteLength;
    for (const a of this.backoff) b += a.byteLength;
    return b;
  }

  /** Number of stored n-grams per order (context-only placeholder nodes excluded). */
  ngramCounts(): number[] {
    return this.prob.map((p) => {
      let n = 0;
      for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i])) n++;
      return n;
    });
  }
}

/** log10 of a probability, −Infinity for 0. */
export function log10(p: number): number {
  return p > 0 ? Math.log10(p) : -Infinity;
}
