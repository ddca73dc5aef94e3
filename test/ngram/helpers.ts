// Shared helpers for the n-gram tests (not a test file: no .test.ts suffix).
import { countNgrams, type NgramCounts } from "../../ngram/counts.ts";
import { buildVocab, encodeSentences, type Corpus, type Vocab } from "../../ngram/vocab.ts";

export interface Toy {
  vocab: Vocab;
  corpus: Corpus;
  counts: NgramCounts;
}

export function toy(sentences: string[], order: number, minCount = 1): Toy {
  const s = sentences.map((x) => x.split(" ").filter((t) => t !== ""));
  const vocab = buildVocab(s, { minCount });
  const corpus = encodeSentences(s, vocab);
  return { vocab, corpus, counts: countNgrams(corpus, vocab, order) };
}

/** Ids of `<s>` followed by the words of `text`. */
export function hist(vocab: Vocab, text: string): number[] {
  return [1, ...text.split(" ").filter((t) => t !== "").map((w) => vocab.id(w))];
}

/** A seeded generator for the tests' random corpora. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Random sentences over `words` words with Zipf-like frequencies. */
export function randomSentences(seed: number, count: number, words: number, maxLen: number): string[][] {
  const r = rng(seed);
  const weights = Array.from({ length: words }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const pick = (): string => {
    let u = r() * total;
    for (let i = 0; i < words; i++) {
      u -= weights[i];
      if (u < 0) return `w${i}`;
    }
    return `w${words - 1}`;
  };
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(r() * (maxLen + 1)) }, pick));
}
