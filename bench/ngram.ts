// n-gram benchmark on brown, order 4: counting time, model memory (bytes of its typed arrays) and
// scoring queries per second. Returns figures only; the runner (bench/index.ts) prints and stores them.
import type { BackoffModel } from "../ngram/backoff.ts";
import { encodeBinary } from "../ngram/binary.ts";
import { countNgrams, countsBytes } from "../ngram/counts.ts";
import { loadBrown } from "../ngram/data.ts";
import { evaluate } from "../ngram/model.ts";
import { trainModel } from "../ngram/smoothing/index.ts";
import { scoredTokens } from "../ngram/vocab.ts";
import { median } from "./machine.ts";


export async function benchNgram(): Promise<Record<string, number>> {
  let t = performance.now();
  const data = loadBrown();
  const loadMs = performance.now() - t;

  const countTimes: number[] = [];
  let counts = countNgrams(data.train, data.vocab, 4);
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    counts = countNgrams(data.train, data.vocab, 4);
    countTimes.push(performance.now() - t);
  }
  t = performance.now();
  const model = trainModel("mkn", counts, 4, { vocabSize: data.vocab.size }) as BackoffModel;
  const estimateMs = performance.now() - t;

  // Queries: one p(w | h) per scored test token, repeated until ≥ 1 s.
  const queries = scoredTokens(data.test);
  let runs = 0;
  let ppl = 0;
  t = performance.now();
  do {
    ppl = evaluate(model, data.test).perplexity;
    runs++;
  } while (performance.now() - t < 1000);
  const qps = (runs * queries) / ((performance.now() - t) / 1000);

  const ngrams = model.ngramCounts().reduce((a, b) => a + b, 0);
  return {
    train_tokens: scoredTokens(data.train),
    ngrams_order4_total: ngrams,
    load_ms: Math.round(loadMs),
    count_ms: Math.round(median(countTimes)),
    counts_bytes: countsBytes(counts),
    mkn_estimate_ms: Math.round(estimateMs),
    model_bytes: model.bytes(),
    model_bytes_per_ngram: Math.round((model.bytes() / ngrams) * 10) / 10,
    queries_per_s: Math.round(qps),
    test_perplexity: Math.round(ppl * 1000) / 1000,
    binary_8bit_bytes: encodeBinary(model, { bits: 8 }).length,
    binary_16bit_bytes: encodeBinary(model, { bits: 16 }).length,
  };
}
