/**
 * Counting n-grams of orders 1…N into a {@link Trie}, with typed arrays only.
 *
 * Level by level: at order k every position i whose sentence has at least k tokens up to i gets the
 * packed key `node_{k−1}(i−1) · V + token(i)` (the node of the (k−1)-gram ending one token earlier,
 * then the new word), a float64 holding an exact integer below 2^53. Sorting the keys (native typed
 * array sort) groups equal k-grams; their run lengths are the counts, and their rank is the node id
 * at order k, which the next order's keys build on. Alongside, per node:
 *
 * - `counts`: raw counts c(w1…wk), the number of times the k-gram ends a position (k-grams ending on
 *   `<s>` are not counted: only the unigram `<s>` could, and it is context only);
 * - `continuation`: N1+(• w1…wk), the number of distinct tokens seen before it (orders < N);
 * - `suffix`: node of w2…wk in the previous level (the back-off n-gram);
 * - `bosStart`: 1 if w1 is `<s>`.
 */
import { BOS_ID, type Corpus, type Vocab } from "./vocab.ts";
import { Trie, childStarts, searchSorted, unigramLevel, type TrieLevel } from "./trie.ts";

export interface NgramCounts {
  order: number;
  vocab: Vocab;
  trie: Trie;
  /** counts[k−1][node]: raw count of the node's k-gram. */
  counts: Uint32Array[];
  /** continuation[k−1][node] for k < order: number of distinct (k+1)-grams whose suffix it is. */
  continuation: Uint32Array[];
  /** suffix[k−1][node] for k ≥ 2: node of the k-gram without its first token (suffix[0] is empty). */
  suffix: Uint32Array[];
  /** bosStart[k−1][node]: 1 if the k-gram starts with `<s>`. */
  bosStart: Uint8Array[];
  /** Number of sentences counted. */
  sentences: number;
}

const MAX_EXACT = 2 ** 53;

export function countNgrams(corpus: Corpus, vocab: Vocab, order: number): NgramCounts {
  if (!Number.isInteger(order) || order < 1) throw new Error(`order must be an integer ≥ 1, got ${order}`);
  const sentences = corpus.starts.length - 1;
  if (sentences === 0 || corpus.tokens.length === 0) throw new Error("cannot count an empty corpus");
  const V = vocab.size;
  const toks = corpus.tokens;
  const n = toks.length;
  // depth[i]: tokens of its sentence up to and including position i.
  const depth = new Uint16Array(n);
  for (let s = 0; s < sentences; s++) {
    const a = corpus.starts[s];
    const b = corpus.starts[s + 1];
    for (let i = a; i < b; i++) depth[i] = Math.min(i - a + 1, 65535);
  }
  for (let i = 0; i < n; i++) if (toks[i] >= V) throw new Error(`token id ${toks[i]} at position ${i} is outside the vocabulary`);

  const levels: TrieLevel[] = [unigramLevel(V)];
  const uni = new Uint32Array(V);
  for (let i = 0; i < n; i++) if (toks[i] !== BOS_ID) uni[toks[i]]++;
  const counts: Uint32Array[] = [uni];
  const bos1 = new Uint8Array(V);
  bos1[BOS_ID] = 1;
  const bosStart: Uint8Array[] = [bos1];
  const suffix: Uint32Array[] = [new Uint32Array(0)];
  const continuation: Uint32Array[] = [];

  // Node of the (k−1)-gram ending at each position (−1 where the sentence is too short).
  let prev = new Int32Array(n);
  for (let i = 0; i < n; i++) prev[i] = toks[i];

  for (let k = 2; k <= order; k++) {
    const prevCount = levels[k - 2].words.length;
    if (prevCount * V >= MAX_EXACT) throw new Error(`too many ${k - 1}-grams to pack ${k}-gram keys exactly`);
    let m = 0;
    for (let i = 0; i < n; i++) if (depth[i] >= k) m++;
    const keys = new Float64Array(m);
    for (let i = 0, j = 0; i < n; i++) if (depth[i] >= k) keys[j++] = prev[i - 1] * V + toks[i];
    const sorted = keys.slice().sort();
    // Unique keys and their run lengths.
    let u = 0;
    for (let j = 0; j < m; j++) if (j === 0 || sorted[j] !== sorted[j - 1]) u++;
    const uniq = new Float64Array(u);
    const cnt = new Uint32Array(u);
    for (let j = 0, r = -1; j < m; j++) {
      if (j === 0 || sorted[j] !== sorted[j - 1]) uniq[++r] = sorted[j];
      cnt[r]++;
    }
    const words = new Uint32Array(u);
    const parents = new Uint32Array(u);
    for (let r = 0; r < u; r++) {
      const key = uniq[r];
      const p = Math.floor(key / V);
      parents[r] = p;
      words[r] = key - p * V;
    }
    levels[k - 2].childStart = childStarts(prevCount, parents);
    levels.push({ words, parents, childStart: new Uint32Array(u + 1) });
    counts.push(cnt);

    const cur = new Int32Array(n).fill(-1);
    const suf = new Uint32Array(u);
    const bos = new Uint8Array(u);
    const cont = new Uint32Array(prevCount);
    const seen = new Uint8Array(u);
    for (let i = 0, j = 0; i < n; i++) {
      if (depth[i] < k) continue;
      const node = searchSorted(uniq, keys[j++]);
      cur[i] = node;
      if (!seen[node]) {
        seen[node] = 1;
        const lower = prev[i];
        suf[node] = lower;
        cont[lower]++;
        if (depth[i] === k) bos[node] = 1;
      }
    }
    continuation.push(cont);
    suffix.push(suf);
    bosStart.push(bos);
    prev = cur;
  }
  return { order, vocab, trie: new Trie(levels, V), counts, continuation, suffix, bosStart, sentences };
}

/** The same counts seen as a model of lower order (arrays are shared). */
export function truncateCounts(c: NgramCounts, order: number): NgramCounts {
  if (order < 1 || order > c.order) throw new Error(`cannot use order-${c.order} counts at order ${order}`);
  if (order === c.order) return c;
  return {
    order,
    vocab: c.vocab,
    trie: c.trie.truncate(order),
    counts: c.counts.slice(0, order),
    continuation: c.continuation.slice(0, order - 1),
    suffix: c.suffix.slice(0, order),
    bosStart: c.bosStart.slice(0, order),
    sentences: c.sentences,
  };
}

/** Per node of level `order` (1 ≤ order < N): sum over its children of `values` (a level order+1 array). */
export function sumChildren(trie: Trie, order: number, values: ArrayLike<number>): Float64Array {
  const cs = trie.levels[order - 1].childStart;
  const out = new Float64Array(trie.size(order));
  for (let p = 0; p < out.length; p++) {
    let s = 0;
    for (let j = cs[p]; j < cs[p + 1]; j++) s += values[j];
    out[p] = s;
  }
  return out;
}

/** Number of k-grams with each count 1…max (index = count; index 0 unused), over the given values. */
export function countsOfCounts(values: ArrayLike<number>, max: number): number[] {
  const t = new Array<number>(max + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v >= 1 && v <= max) t[v]++;
  }
  return t;
}

/** Bytes of the count arrays (trie included) for orders 1…order. */
export function countsBytes(c: NgramCounts): number {
  let b = c.trie.bytes();
  for (const arrs of [c.counts, c.continuation, c.suffix, c.bosStart]) for (const a of arrs) b += a.byteLength;
  return b;
}
