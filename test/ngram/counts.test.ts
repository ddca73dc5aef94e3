import { test } from "uvu";
import * as assert from "uvu/assert";
import { countNgrams, truncateCounts } from "../../ngram/counts.ts";
import { BOS_ID, buildVocab, encodeSentences } from "../../ngram/vocab.ts";
import { randomSentences } from "./helpers.ts";

// Counts by brute force with string keys, for comparison with the typed-array trie.
function naive(sentences: number[][], order: number) {
  const counts = new Map<string, number>();
  const left = new Map<string, Set<number>>();
  for (const s of sentences) {
    const t = [BOS_ID, ...s, 2];
    for (let i = 1; i < t.length; i++) {
      for (let k = 1; k <= order && i - k + 1 >= 0; k++) {
        const g = t.slice(i - k + 1, i + 1);
        const key = g.join(" ");
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (k >= 2) {
          const suf = g.slice(1).join(" ");
          if (!left.has(suf)) left.set(suf, new Set());
          left.get(suf)!.add(g[0]);
        }
      }
    }
  }
  return { counts, left };
}

test("trie counts equal brute-force counts at orders 1–5 (raw, continuation, suffix, <s> flags)", () => {
  const sents = randomSentences(7, 300, 9, 9);
  const vocab = buildVocab(sents, { minCount: 2 });
  const corpus = encodeSentences(sents, vocab);
  const ids = sents.map((s) => s.map((w) => vocab.id(w)));
  const order = 5;
  const c = countNgrams(corpus, vocab, order);
  const ref = naive(ids, order);
  let seen = 0;
  for (let k = 1; k <= order; k++) {
    for (let node = 0; node < c.trie.size(k); node++) {
      const g = c.trie.ngram(k, node);
      const key = g.join(" ");
      if (k === 1 && g[0] === BOS_ID) {
        assert.is(c.counts[0][node], 0, "<s> has no unigram count");
        continue;
      }
      assert.is(c.counts[k - 1][node], ref.counts.get(key) ?? 0, `count of ${key}`);
      if (k < order && g[0] !== BOS_ID) assert.is(c.continuation[k - 1][node], ref.left.get(key)?.size ?? 0, `continuation of ${key}`);
      if (k >= 2) {
        assert.equal(c.trie.ngram(k - 1, c.suffix[k - 1][node]), g.slice(1), `suffix of ${key}`);
        assert.is(c.bosStart[k - 1][node], g[0] === BOS_ID ? 1 : 0);
        // Every node is found again by walking the trie.
        assert.is(c.trie.find(g, 0, g.length), node);
      }
      seen++;
    }
  }
  // Every brute-force n-gram is in the trie.
  const nodes = Array.from({ length: order }, (_, k) => c.trie.size(k + 1)).reduce((a, b) => a + b, 0);
  assert.is(seen, nodes - 1);
  assert.is(ref.counts.size, nodes - 1 - [...Array(vocab.size).keys()].filter((w) => w !== BOS_ID && c.counts[0][w] === 0).length);
});

test("truncated counts share the lower orders", () => {
  const sents = randomSentences(3, 50, 5, 6);
  const vocab = buildVocab(sents);
  const c4 = countNgrams(encodeSentences(sents, vocab), vocab, 4);
  const c2 = countNgrams(encodeSentences(sents, vocab), vocab, 2);
  const t = truncateCounts(c4, 2);
  assert.equal(Array.from(t.counts[1]), Array.from(c2.counts[1]));
  assert.equal(Array.from(t.trie.levels[1].words), Array.from(c2.trie.levels[1].words));
});

test.run();
