/**
 * Vocabulary and token encoding. Node-free (used by the browser core too).
 *
 * Ids 0, 1, 2 are always `<unk>`, `<s>` and `</s>`; words follow in order of decreasing train
 * frequency, ties broken by code point order. A sentence is encoded as `<s> w1 … wm </s>`: one `<s>`
 * only, because a history never reaches back past the start of its sentence, so N−1 copies of `<s>`
 * give exactly the same counts and probabilities as one (this is also how KenLM stores them).
 */

export const UNK = "<unk>";
export const BOS = "<s>";
export const EOS = "</s>";
export const UNK_ID = 0;
export const BOS_ID = 1;
export const EOS_ID = 2;

export class Vocab {
  readonly tokens: string[];
  private readonly index: Map<string, number>;

  constructor(tokens: string[]) {
    if (tokens[UNK_ID] !== UNK || tokens[BOS_ID] !== BOS || tokens[EOS_ID] !== EOS) {
      throw new Error(`a vocabulary must start with ${UNK}, ${BOS}, ${EOS}`);
    }
    this.tokens = tokens;
    this.index = new Map();
    tokens.forEach((t, i) => {
      if (this.index.has(t)) throw new Error(`duplicate vocabulary entry ${JSON.stringify(t)}`);
      this.index.set(t, i);
    });
  }

  get size(): number {
    return this.tokens.length;
  }

  /** Number of tokens a model can predict: every entry but `<s>`. */
  get predictable(): number {
    return this.tokens.length - 1;
  }

  id(token: string): number {
    return this.index.get(token) ?? UNK_ID;
  }

  has(token: string): boolean {
    return this.index.has(token);
  }

  token(id: number): string {
    const t = this.tokens[id];
    if (t === undefined) throw new Error(`token id ${id} out of range`);
    return t;
  }
}

/** Compare two strings by Unicode code points (not UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i].codePointAt(0) ?? 0) - (y[i].codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export interface VocabOptions {
  /** Words seen fewer times than this in train become `<unk>` (2: singletons → `<unk>`). Default 1. */
  minCount?: number;
  /** Keep at most this many words (the most frequent), besides the three specials. */
  maxSize?: number;
}

/** Builds a vocabulary from train sentences (arrays of tokens, without `<s>`/`</s>`). */
export function buildVocab(sentences: Iterable<readonly string[]>, options: VocabOptions = {}): Vocab {
  const minCount = options.minCount ?? 1;
  const freq = new Map<string, number>();
  for (const s of sentences) for (const w of s) freq.set(w, (freq.get(w) ?? 0) + 1);
  for (const special of [UNK, BOS, EOS]) freq.delete(special);
  let words = [...freq.entries()].filter(([, c]) => c >= minCount);
  words.sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
  if (options.maxSize !== undefined) words = words.slice(0, options.maxSize);
  return new Vocab([UNK, BOS, EOS, ...words.map(([w]) => w)]);
}

/** Sentences as one flat id array: every sentence is `<s> w1 … wm </s>`. */
export interface Corpus {
  tokens: Uint32Array;
  /** Offset of each sentence's `<s>` in `tokens`, plus a final entry = tokens.length. */
  starts: Uint32Array;
}

export function encodeSentences(sentences: readonly (readonly string[])[], vocab: Vocab): Corpus {
  let total = 0;
  for (const s of sentences) total += s.length + 2;
  const tokens = new Uint32Array(total);
  const starts = new Uint32Array(sentences.length + 1);
  let p = 0;
  sentences.forEach((s, i) => {
    starts[i] = p;
    tokens[p++] = BOS_ID;
    for (const w of s) {
      if (w === BOS || w === EOS) throw new Error(`sentence ${i + 1} contains the reserved token ${w}`);
      tokens[p++] = vocab.id(w);
    }
    tokens[p++] = EOS_ID;
  });
  starts[sentences.length] = p;
  return { tokens, starts };
}

/** Number of scored tokens (words and `</s>`; `<s>` is context only). */
export function scoredTokens(corpus: Corpus): number {
  return corpus.tokens.length - (corpus.starts.length - 1);
}

/** Splits a line into tokens on runs of whitespace. */
export function tokenizeLine(line: string): string[] {
  const t = line.trim();
  return t === "" ? [] : t.split(/\s+/);
}
