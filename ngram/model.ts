/**
 * What every model offers, and perplexity. Node-free.
 *
 * A history is the sentence so far, starting with its `<s>`: `history[0 … len−1]`. Models read at most
 * the last N−1 tokens of it. Log-probabilities are natural logs.
 */
import type { Corpus, Vocab } from "./vocab.ts";
import { BOS_ID } from "./vocab.ts";

export interface LanguageModel {
  readonly order: number;
  readonly vocab: Vocab;
  /** Short name of the smoothing method. */
  readonly method: string;
  /** ln p(word | history[0 … len−1]). */
  logProb(history: ArrayLike<number>, len: number, word: number): number;
  /** Bytes held by the model's typed arrays. */
  bytes(): number;
}

export interface Perplexity {
  perplexity: number;
  /** Natural-log probability of every scored token (words and `</s>`), in corpus order. */
  logProbs: Float64Array;
  tokens: number;
  /** Sum of natural-log probabilities. */
  logProb: number;
}

/** Per-token log-probabilities and perplexity = exp(−Σ ln p / tokens) over words and `</s>`. */
export function evaluate(model: LanguageModel, corpus: Corpus): Perplexity {
  const sentences = corpus.starts.length - 1;
  const scored = corpus.tokens.length - sentences;
  const logProbs = new Float64Array(scored);
  let sum = 0;
  let j = 0;
  for (let s = 0; s < sentences; s++) {
    const a = corpus.starts[s];
    const b = corpus.starts[s + 1];
    const sent = corpus.tokens.subarray(a, b);
    if (sent[0] !== BOS_ID) throw new Error(`sentence ${s + 1} does not start with <s>`);
    for (let i = 1; i < sent.length; i++) {
      const lp = model.logProb(sent, i, sent[i]);
      logProbs[j++] = lp;
      sum += lp;
    }
  }
  return { perplexity: Math.exp(-sum / scored), logProbs, tokens: scored, logProb: sum };
}

/** The full next-token distribution p(· | history) over the vocabulary (slow path: one query per token). */
export function distribution(model: LanguageModel, history: ArrayLike<number>, len: number): Float64Array {
  const p = new Float64Array(model.vocab.size);
  for (let w = 0; w < p.length; w++) p[w] = w === BOS_ID ? 0 : Math.exp(model.logProb(history, len, w));
  return p;
}
