// Every smoothed distribution sums to 1 over the predictable vocabulary, for every method and order
// 1–4, on histories seen in training and on random ones.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { BackoffModel } from "../../ngram/backoff.ts";
import { countNgrams } from "../../ngram/counts.ts";
import { distribution } from "../../ngram/model.ts";
import { METHODS, trainModel } from "../../ngram/smoothing/index.ts";
import { BOS_ID, buildVocab, encodeSentences } from "../../ngram/vocab.ts";
import { randomSentences, rng } from "./helpers.ts";

const sents = randomSentences(5, 250, 14, 7);
const vocab = buildVocab(sents, { minCount: 2 });
const corpus = encodeSentences(sents, vocab);
const counts = countNgrams(corpus, vocab, 4);
const r = rng(99);

function histories(): number[][] {
  const out: number[][] = [[BOS_ID]];
  // Prefixes of training sentences (seen contexts).
  for (let i = 0; i < 8; i++) {
    const s = Math.floor(r() * sents.length);
    const a = corpus.starts[s];
    const len = 1 + Math.floor(r() * (corpus.starts[s + 1] - a - 1));
    out.push(Array.from(corpus.tokens.subarray(a, a + len)));
  }
  // Random token strings (mostly unseen contexts).
  for (let i = 0; i < 8; i++) {
    const len = Math.floor(r() * 5);
    out.push([BOS_ID, ...Array.from({ length: len }, () => [0, ...Array.from({ length: vocab.size - 3 }, (_, j) => j + 3), 2][Math.floor(r() * (vocab.size - 1))])]);
  }
  return out;
}

for (const method of METHODS) {
  test(`${method}: p(· | h) sums to 1 for orders 1–4`, () => {
    for (let order = 1; order <= 4; order++) {
      const model = trainModel(method, counts, order, { delta: 0.37, train: corpus });
      for (const h of histories()) {
        const p = distribution(model, h, h.length);
        const sum = p.reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(sum - 1) < 1e-9, `${method} order ${order} history [${h}]: sum ${sum}`);
        assert.is(p[BOS_ID], 0, "<s> is never predicted");
        if (model instanceof BackoffModel) {
          // The O(N·V) distribution of the widget agrees with token-by-token queries.
          const fast = model.distribution(h, h.length);
          for (let w = 0; w < p.length; w++) assert.ok(Math.abs(fast[w] - p[w]) < 1e-12, `fast distribution at ${w}`);
        }
      }
    }
  });
}

test("a smoothed model gives every predictable token a positive probability", () => {
  for (const method of METHODS.filter((m) => m !== "mle")) {
    const model = trainModel(method, counts, 3, { delta: 0.37 });
    const p = distribution(model, [BOS_ID, 0, 0], 3);
    for (let w = 0; w < p.length; w++) if (w !== BOS_ID) assert.ok(p[w] > 0, `${method}: p(${vocab.token(w)}) = 0`);
  }
});

test.run();
