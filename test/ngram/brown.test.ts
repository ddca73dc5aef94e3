// The brown figures: modified Kneser-Ney within 1 % of KenLM's lmplz, Laplace and Lidstone(0.1)
// within 0.5 % of NLTK's, on the reference split (../shared/reference/ngram.json).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { countNgrams } from "../../ngram/counts.ts";
import { loadBrown } from "../../ngram/data.ts";
import { evaluate } from "../../ngram/model.ts";
import { trainModel } from "../../ngram/smoothing/index.ts";
import { scoredTokens } from "../../ngram/vocab.ts";

const refPath = join(import.meta.dirname, "..", "..", "..", "shared", "reference", "ngram.json");
const present = existsSync(refPath);
if (!present) console.log("SKIPPED: ../shared absent — brown n-gram figures not checked against KenLM/NLTK");

interface Ref {
  test_tokens_scored: number;
  train_sentences: number;
  test_sentences: number;
  nltk: { len_vocab: number } & Record<string, Record<string, number | null>>;
  kenlm: Record<string, { perplexity: number; ngrams: Record<string, number> }>;
}

const data = loadBrown();
const counts = countNgrams(data.train, data.vocab, 4);
// KenLM's vocabulary: ours plus its own (unused) <unk>; the uniform base excludes <s>.
const KENLM_UNIFORM = data.vocab.size; // (|ours| − <s>) + KenLM's extra <unk>
const ref: Ref | null = present ? (JSON.parse(readFileSync(refPath, "utf8")) as Ref) : null;

test("brown split and vocabulary as the reference prepared them", () => {
  assert.is(data.vocab.size, 26172, "26,169 words seen twice + <unk>, <s>, </s>");
  if (!ref) return;
  assert.is(data.trainSentences, ref.train_sentences);
  assert.is(data.testSentences, ref.test_sentences);
  assert.is(scoredTokens(data.test), ref.test_tokens_scored);
  // lmplz's n-gram counts (its vocabulary has one more entry, its own <unk>).
  for (const k of [2, 3, 4]) assert.is(counts.trie.size(k), ref.kenlm[String(k)].ngrams[String(k)], `${k}-grams`);
});

// Counting speed is measured by `npm run bench -- ngram`, not asserted here.

test("modified Kneser-Ney, orders 2–4, within 1 % of KenLM", () => {
  for (const k of [2, 3, 4]) {
    const ppl = evaluate(trainModel("mkn", counts, k, { vocabSize: KENLM_UNIFORM }), data.test).perplexity;
    assert.ok(Number.isFinite(ppl) && ppl > 1);
    if (!ref) continue;
    const kenlm = ref.kenlm[String(k)].perplexity;
    const delta = ppl / kenlm - 1;
    console.log(`  mkn order ${k}: ${ppl.toFixed(3)} (KenLM ${kenlm.toFixed(3)}, ${(delta * 100).toFixed(4)} %)`);
    assert.ok(Math.abs(delta) < 0.01, `order ${k}: ${ppl} vs KenLM ${kenlm}`);
  }
});

test("Laplace and Lidstone(0.1), orders 1–4, within 0.5 % of NLTK (|V| = 26,173)", () => {
  const V = ref?.nltk.len_vocab ?? 26173;
  for (const k of [1, 2, 3, 4]) {
    for (const [method, key, delta] of [
      ["laplace", "laplace", undefined],
      ["lidstone", "lidstone_0.1", 0.1],
    ] as const) {
      const ppl = evaluate(trainModel(method, counts, k, { vocabSize: V, delta }), data.test).perplexity;
      assert.ok(Number.isFinite(ppl) && ppl > 1);
      if (!ref) continue;
      const nltk = ref.nltk[String(k)][key] as number;
      assert.ok(Math.abs(ppl / nltk - 1) < 0.005, `${method} order ${k}: ${ppl} vs NLTK ${nltk}`);
    }
  }
});

test("MLE: finite at order 1 and equal to NLTK's, infinite above", () => {
  const p1 = evaluate(trainModel("mle", counts, 1), data.test).perplexity;
  if (ref) assert.ok(Math.abs(p1 / (ref.nltk["1"].mle as number) - 1) < 0.005, `${p1}`);
  assert.is(evaluate(trainModel("mle", counts, 2), data.test).perplexity, Infinity);
});

test.run();
