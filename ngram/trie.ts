/**
 * The n-gram trie shared by counts and models: one level per order, plain typed arrays, no object
 * per n-gram. Node-free.
 *
 * Level 1 has one node per vocabulary id (node id = token id). A node of level k ≥ 2 is a k-gram,
 * stored as (parent, word) where parent is the node of its first k−1 tokens in level k−1. Each
 * level's nodes are sorted by (parent, word), so the children of a node are one contiguous range
 * `childStart[p] … childStart[p+1]` of the next level, sorted by word: finding a child is a binary
 * search.
 */

export interface TrieLevel {
  /** Last token of each node. */
  words: Uint32Array;
  /** Node in the previous level (the first k−1 tokens); all zeros at level 1. */
  parents: Uint32Array;
  /** Length nodes+1: children of node i in the next level are [childStart[i], childStart[i+1]). */
  childStart: Uint32Array;
}

export class Trie {
  /** levels[0] is order 1. */
  readonly levels: TrieLevel[];
  readonly vocabSize: number;

  constructor(levels: TrieLevel[], vocabSize: number) {
    this.levels = levels;
    this.vocabSize = vocabSize;
  }

  get order(): number {
    return this.levels.length;
  }

  size(order: number): number {
    return this.levels[order - 1].words.length;
  }

  /** Child of `node` (a node of level `order`) whose last word is `word`, in level order+1; −1 if absent. */
  child(order: number, node: number, word: number): number {
    if (order >= this.levels.length) return -1;
    const cs = this.levels[order - 1].childStart;
    const words = this.levels[order].words;
    let lo = cs[node];
    let hi = cs[node + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const w = words[mid];
      if (w < word) lo = mid + 1;
      else if (w > word) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** Node of the n-gram tokens[from … to−1] in level to−from; −1 if absent. */
  find(tokens: ArrayLike<number>, from: number, to: number): number {
    if (to <= from || to - from > this.levels.length) return -1;
    let node = tokens[from];
    if (node >= this.vocabSize) return -1;
    for (let i = from + 1, k = 1; i < to; i++, k++) {
      node = this.child(k, node, tokens[i]);
      if (node < 0) return -1;
    }
    return node;
  }

  /** The tokens of node `node` at level `order`. */
  ngram(order: number, node: number): number[] {
    const out = new Array<number>(order);
    for (let k = order; k >= 1; k--) {
      out[k - 1] = this.levels[k - 1].words[node];
      node = this.levels[k - 1].parents[node];
    }
    return out;
  }

  /** Bytes held by the typed arrays of levels 1…order. */
  bytes(order = this.levels.length): number {
    let b = 0;
    for (let k = 0; k < order; k++) {
      const l = this.levels[k];
      b += l.words.byteLength + l.parents.byteLength + (k + 1 < order ? l.childStart.byteLength : 0);
    }
    return b;
  }

  /** The first `order` levels (shares the arrays). */
  truncate(order: number): Trie {
    if (order > this.levels.length) throw new Error(`cannot raise a trie of order ${this.levels.length} to ${order}`);
    return new Trie(this.levels.slice(0, order), this.vocabSize);
  }
}

/** childStart for a level whose `count` nodes are the parents of the sorted `childParents`. */
export function childStarts(count: number, childParents: Uint32Array): Uint32Array {
  const cs = new Uint32Array(count + 1);
  for (let i = 0; i < childParents.length; i++) cs[childParents[i] + 1]++;
  for (let i = 0; i < count; i++) cs[i + 1] += cs[i];
  return cs;
}

/** A level-1 node per vocabulary id. */
export function unigramLevel(vocabSize: number): TrieLevel {
  const words = new Uint32Array(vocabSize);
  for (let i = 0; i < vocabSize; i++) words[i] = i;
  return { words, parents: new Uint32Array(vocabSize), childStart: new Uint32Array(vocabSize + 1) };
}

/** Index of `key` in the ascending `sorted`, or −1. */
export function searchSorted(sorted: Float64Array, key: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    if (v < key) lo = mid + 1;
    else if (v > key) hi = mid - 1;
    else return mid;
  }
  return -1;
}
