/**
 * The bilstm's baseline: tag each word with its most frequent train tag; words never seen in train
 * get the most frequent tag overall. Ties (between tags of a word, or overall) go to the tag that is
 * more frequent overall, then to the one first in code-unit order.
 */
import type { RawSentence } from "../families/tagger.ts";

export class MostFrequentTagger {
  readonly byWord = new Map<string, string>();
  readonly fallback: string;

  constructor(train: RawSentence[]) {
    const overall = new Map<string, number>();
    const perWord = new Map<string, Map<string, number>>();
    for (const s of train) for (const [w, t] of s) {
      overall.set(t, (overall.get(t) ?? 0) + 1);
      let m = perWord.get(w);
      if (!m) perWord.set(w, (m = new Map()));
      m.set(t, (m.get(t) ?? 0) + 1);
    }
    const better = (a: [string, number], b: [string, number]) =>
      a[1] !== b[1] ? a[1] > b[1] : (overall.get(a[0]) ?? 0) !== (overall.get(b[0]) ?? 0) ? (overall.get(a[0]) ?? 0) > (overall.get(b[0]) ?? 0) : a[0] < b[0];
    const best = (m: Map<string, number>) => {
      let top: [string, number] | null = null;
      for (const e of m) if (!top || better(e, top)) top = e;
      return top ? top[0] : "";
    };
    this.fallback = best(overall);
    for (const [w, m] of perWord) this.byWord.set(w, best(m));
  }

  tag(word: string): string {
    return this.byWord.get(word) ?? this.fallback;
  }

  /** Fraction of tokens whose tag is predicted. */
  accuracy(sents: RawSentence[]): number {
    let correct = 0;
    let total = 0;
    for (const s of sents) for (const [w, t] of s) {
      if (this.tag(w) === t) correct++;
      total++;
    }
    return total === 0 ? NaN : correct / total;
  }
}
