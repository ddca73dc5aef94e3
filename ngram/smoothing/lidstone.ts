/**
 * Add-δ (Lidstone) smoothing:
 *
 *   p(w | h) = (c(h w) + δ) / (c(h) + δ |V|)
 *
 * δ is either given or chosen on held-out data taken from the training text: every tenth train
 * sentence (index % 10 == 9) is held out, the model is counted on the other nine tenths, and δ
 * minimises the held-out perplexity (golden-section search on log10 δ over [10^−4, 10]). The final
 * model then uses all of the training text with that δ.
 */
import { countNgrams, type NgramCounts } from "../counts.ts";
import { evaluate } from "../model.ts";
import type { Corpus, Vocab } from "../vocab.ts";
import { AdditiveModel } from "./additive.ts";

export interface LidstoneOptions {
  delta?: number;
  vocabSize?: number;
}

/** The sentences of `corpus` whose index satisfies `keep`. */
export function selectSentences(corpus: Corpus, keep: (index: number) => boolean): Corpus {
  const n = corpus.starts.length - 1;
  const chosen: number[] = [];
  let total = 0;
  for (let s = 0; s < n; s++) {
    if (!keep(s)) continue;
    chosen.push(s);
    total += corpus.starts[s + 1] - corpus.starts[s];
  }
  const tokens = new Uint32Array(total);
  const starts = new Uint32Array(chosen.length + 1);
  let p = 0;
  chosen.forEach((s, i) => {
    starts[i] = p;
    tokens.set(corpus.tokens.subarray(corpus.starts[s], corpus.starts[s + 1]), p);
    p += corpus.starts[s + 1] - corpus.starts[s];
  });
  starts[chosen.length] = p;
  return { tokens, starts };
}

export interface DeltaChoice {
  delta: number;
  heldOutPerplexity: number;
  evaluations: number;
}

/** Chooses δ on held-out sentences of the training corpus (see the module comment). */
export function chooseDelta(train: Corpus, vocab: Vocab, order: number, vocabSize?: number): DeltaChoice {
  const n = train.starts.length - 1;
  if (n < 2) throw new Error("choosing δ needs at least 2 training sentences");
  const heldOutRule = n >= 10 ? (s: number) => s % 10 === 9 : (s: number) => s === n - 1;
  const fit = selectSentences(train, (s) => !heldOutRule(s));
  const held = selectSentences(train, heldOutRule);
  const counts = countNgrams(fit, vocab, order);
  let evaluations = 0;
  const cost = (log10Delta: number): number => {
    evaluations++;
    const model = new AdditiveModel("lidstone", counts, order, 10 ** log10Delta, vocabSize);
    return -evaluate(model, held).logProb;
  };
  // Golden-section search on log10 δ.
  const g = (Math.sqrt(5) - 1) / 2;
  let a = -4;
  let b = 1;
  let x1 = b - g * (b - a);
  let x2 = a + g * (b - a);
  let f1 = cost(x1);
  let f2 = cost(x2);
  while (b - a > 0.01) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - g * (b - a);
      f1 = cost(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + g * (b - a);
      f2 = cost(x2);
    }
  }
  const best = f1 <= f2 ? x1 : x2;
  const tokens = held.tokens.length - (held.starts.length - 1);
  return { delta: 10 ** best, heldOutPerplexity: Math.exp(Math.min(f1, f2) / tokens), evaluations };
}

export function lidstone(counts: NgramCounts, order: number, options: LidstoneOptions & { train?: Corpus } = {}): AdditiveModel {
  let delta = options.delta;
  if (delta === undefined) {
    if (!options.train) throw new Error("lidstone needs either δ or the training corpus to choose δ on held-out data");
    delta = chooseDelta(options.train, counts.vocab, order, options.vocabSize).delta;
  }
  return new AdditiveModel("lidstone", counts, order, delta, options.vocabSize);
}
