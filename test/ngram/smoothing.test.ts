// Each smoothing method on corpora small enough to work out by hand; expected values are exact
// fractions derived in the comments.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { countsOfCounts } from "../../ngram/counts.ts";
import { evaluate, type LanguageModel } from "../../ngram/model.ts";
import { neyDiscount } from "../../ngram/smoothing/absolute.ts";
import { adjustedCounts } from "../../ngram/smoothing/interpolated.ts";
import { katzDiscounts } from "../../ngram/smoothing/katz.ts";
import { chooseDelta } from "../../ngram/smoothing/lidstone.ts";
import { mknDiscounts } from "../../ngram/smoothing/modified-kneser-ney.ts";
import { trainModel } from "../../ngram/smoothing/index.ts";
import { AdditiveModel } from "../../ngram/smoothing/additive.ts";
import { hist, randomSentences, toy } from "./helpers.ts";
import { buildVocab, encodeSentences } from "../../ngram/vocab.ts";

// Toy A: "<s> a b </s>" ×2, "<s> b a </s>". Predictable vocabulary {<unk>, </s>, a, b}: |V| = 4.
// Unigram counts a 3, b 3, </s> 3 (N = 9); bigrams <s>a 2, ab 2, b</s> 2, <s>b 1, ba 1, a</s> 1.
const A = toy(["a b", "a b", "b a"], 3);

function p(model: LanguageModel, history: string, word: string): number {
  const h = hist(model.vocab, history);
  return Math.exp(model.logProb(h, h.length, model.vocab.id(word)));
}
function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≠ ${expected}`);
}

test("MLE: c(hw)/c(h); unseen words 0; unseen contexts use the longest seen suffix", () => {
  const m = trainModel("mle", A.counts, 2);
  close(p(m, "", "a"), 2 / 3, "p(a|<s>)");
  close(p(m, "a", "b"), 2 / 3, "p(b|a)");
  close(p(m, "a", "a"), 0, "p(a|a)");
  const m1 = trainModel("mle", A.counts, 1);
  close(p(m1, "a", "b"), 3 / 9, "p(b)");
  close(p(m, "<unk>", "b"), 3 / 9, "p(b|<unk>) = p(b)");
});

test("Laplace: (c+1)/(c(h)+|V|); uniform for an unseen context", () => {
  const m = trainModel("laplace", A.counts, 2);
  close(p(m, "a", "b"), 3 / 7, "p(b|a)");
  close(p(m, "a", "<unk>"), 1 / 7, "p(<unk>|a)");
  close(p(m, "<unk>", "a"), 1 / 4, "unseen context");
  close(p(trainModel("laplace", A.counts, 1), "", "a"), 4 / 13, "p(a)");
  // NLTK's |V| may be given explicitly.
  close(p(trainModel("laplace", A.counts, 2, { vocabSize: 6 }), "a", "b"), 3 / 9, "p(b|a), |V| = 6");
});

test("Lidstone: (c+δ)/(c(h)+δ|V|)", () => {
  close(p(trainModel("lidstone", A.counts, 2, { delta: 0.5 }), "a", "b"), 2.5 / 5, "p(b|a), δ=1/2");
  close(p(trainModel("lidstone", A.counts, 3, { delta: 0.25 }), "a", "b"), 2.25 / 3, "p(b|<s> a), δ=1/4");
});

test("Lidstone: δ chosen on held-out train data beats its neighbours there", () => {
  const sents = randomSentences(11, 400, 30, 8);
  const vocab = buildVocab(sents);
  const corpus = encodeSentences(sents, vocab);
  const choice = chooseDelta(corpus, vocab, 2);
  assert.ok(choice.delta > 1e-4 && choice.delta < 10, `δ = ${choice.delta}`);
  // Rebuild the held-out split and compare with δ×1.5 and δ/1.5.
  const fit = sents.filter((_, i) => i % 10 !== 9);
  const held = encodeSentences(sents.filter((_, i) => i % 10 === 9), vocab);
  const ppl = (d: number): number => {
    const cc = trainModel("lidstone", countsFor(fit, vocab), 2, { delta: d });
    return evaluate(cc, held).perplexity;
  };
  const best = ppl(choice.delta);
  close(best, choice.heldOutPerplexity, "reported held-out perplexity");
  assert.ok(best <= ppl(choice.delta * 1.5) && best <= ppl(choice.delta / 1.5));
});

import { countNgrams } from "../../ngram/counts.ts";
import type { Vocab } from "../../ngram/vocab.ts";
function countsFor(sents: string[][], vocab: Vocab) {
  return countNgrams(encodeSentences(sents, vocab), vocab, 2);
}

test("Good-Turing discounts and Katz back-off", () => {
  // Good-Turing / Katz discounts, K = 5: n1 = 8, n2 = 1, n6 = 0 → d1 = 2·1/8 = 1/4; d2 = 3·n3/n2/2 = 0 → 1.
  const d = katzDiscounts([1, 1, 1, 1, 1, 1, 1, 1, 2]);
  close(d[1], 1 / 4, "d1");
  close(d[2], 1, "d2 falls back to 1");
  // With n_{K+1} > 0: n1 = 4, n2 = 2, n6 = 1 → big = 6/4; d1 = (2·2/4 − 3/2)/(1 − 3/2) = 1, r* formula:
  const e = katzDiscounts([1, 1, 1, 1, 2, 2, 3, 6]);
  // n1 = 4, n2 = 2, n3 = 1, n6 = 1: big = 6·1/4 = 3/2 > 1 makes every d_r undefined → 1.
  assert.equal(e.slice(1), [1, 1, 1, 1, 1]);

  // Corpus "x y z w v v u u u": unigrams x y z w 1, v 2, u 3, </s> 1 (N = 10), <unk> 0.
  // n1 = 5, n2 = 1, n3 = 1 → d1 = 2/5, d2 = 3/2 → 1, d3 = 0 → 1.
  // p(x) = p(</s>) = 2/5 · 1/10 = 1/25; p(v) = 2/10; p(u) = 3/10; the rest, 3/10, goes to <unk>.
  const B = toy(["x y z w v v u u u"], 2);
  const m = trainModel("katz", B.counts, 2);
  close(p(trainModel("katz", B.counts, 1), "", "x"), 1 / 25, "p(x)");
  close(p(trainModel("katz", B.counts, 1), "", "<unk>"), 3 / 10, "p(<unk>)");
  // Bigrams: "u u" 2, nine others 1: n1 = 8, n2 = 1 → d1 = 1/4, d2 = 1.
  // Context u: c(u u) = 2, c(u </s>) = 1, c(u) = 3. p(u|u) = 2/3, p(</s>|u) = 1/4 · 1/3 = 1/12.
  // α(u) = (1 − 3/4) / (1 − p(u) − p(</s>)) = (1/4) / (33/50) = 25/66; p(x|u) = 25/66 · 1/25 = 1/66.
  close(p(m, "x y z w v v u", "u"), 2 / 3, "p(u|u)");
  close(p(m, "x y z w v v u", "</s>"), 1 / 12, "p(</s>|u)");
  close(p(m, "x y z w v v u", "x"), 1 / 66, "p(x|u)");
});

test("absolute discounting: D = n1/(n1+2n2), interpolated with raw lower orders", () => {
  // Bigram counts of toy A: n1 = 3, n2 = 3 → D = 3/9.
  close(neyDiscount(A.counts.counts[1]), 1 / 3, "estimated D");
  const m = trainModel("absolute", A.counts, 2, { discount: 0.5 });
  // γ(ε) = 3·½/9 = 1/6; p(a) = 2.5/9 + (1/6)/4 = 23/72; p(<unk>) = 1/24.
  close(p(trainModel("absolute", A.counts, 1, { discount: 0.5 }), "", "a"), 23 / 72, "p(a)");
  // γ(a) = 2·½/3 = 1/3; p(b|a) = 1.5/3 + 1/3 · 23/72 = 131/216.
  close(p(m, "a", "b"), 131 / 216, "p(b|a)");
  close(p(m, "a", "<unk>"), 1 / 3 / 24, "p(<unk>|a)");
});

test("Kneser-Ney: continuation counts below the top order, raw counts for <s>-initial n-grams", () => {
  // Adjusted counts at order 3: unigrams a, b, </s> each have 2 distinct predecessors.
  const a = adjustedCounts(A.counts, true);
  const uni = (w: string) => a[0][A.vocab.id(w)];
  assert.equal([uni("a"), uni("b"), uni("</s>"), uni("<unk>"), uni("<s>")], [2, 2, 2, 0, 0]);
  // Bigrams: "<s> a" keeps its raw count 2; "a b" only follows <s> → 1.
  const node = (ids: number[]) => A.counts.trie.find(ids, 0, ids.length);
  assert.is(a[1][node([1, A.vocab.id("a")])], 2);
  assert.is(a[1][node([A.vocab.id("a"), A.vocab.id("b")])], 1);
  assert.is(a[2][node([1, A.vocab.id("a"), A.vocab.id("b")])], 2, "top order: raw");

  const m = trainModel("kn", A.counts, 2, { discount: 0.5 });
  // Unigrams: a(w) = 2 for a, b, </s>; Σ = 6; γ = 3·½/6 = 1/4; p(a) = 1.5/6 + 1/16 = 5/16.
  close(p(trainModel("kn", A.counts, 1, { discount: 0.5 }), "", "a"), 3 / 9 - 0.5 / 9 + (1.5 / 9) / 4, "order 1 uses raw counts");
  // Context a: c(ab) = 2, c(a</s>) = 1; γ(a) = 1/3; p(b|a) = 1.5/3 + 5/48 = 29/48, p(a|a) = 5/48.
  close(p(m, "a", "b"), 29 / 48, "p(b|a)");
  close(p(m, "a", "</s>"), 13 / 48, "p(</s>|a)");
  close(p(m, "a", "a"), 5 / 48, "p(a|a)");
  close(p(m, "a", "<unk>"), 1 / 48, "p(<unk>|a)");
  close(neyDiscount(adjustedCounts(A.counts, true)[0]), 0.75, "no singletons → fallback 0.75");
  close(neyDiscount([1, 1, 1, 2, 2, 5]), 3 / 7, "n1 = 3, n2 = 2 → 3/7");
});

test("modified Kneser-Ney: Chen & Goodman's three discounts and their use", () => {
  // t = 10, 4, 2, 1: Y = 10/18 = 5/9; D1 = 1 − 2·5/9·4/10 = 5/9; D2 = 2 − 3·5/9·2/4 = 7/6; D3 = 3 − 4·5/9·1/2 = 17/9.
  const d = mknDiscounts([0, 10, 4, 2, 1])!;
  close(d[0], 5 / 9, "D1");
  close(d[1], 7 / 6, "D2");
  close(d[2], 17 / 9, "D3+");
  assert.is(mknDiscounts([0, 0, 4, 2, 1]), null, "no singletons: cannot estimate");
  assert.equal(countsOfCounts([1, 1, 2, 5, 3, 0], 4), [0, 2, 1, 1, 0]);

  const discounts = [
    [0.5, 1, 1.5],
    [0.5, 1, 1.5],
  ];
  const m = trainModel("mkn", A.counts, 2, { discounts });
  // Unigrams a(w) = 2 → D = 1: γ = 3/6; p(a) = 1/6 + 1/8 = 7/24; p(<unk>) = 1/8.
  close(p(trainModel("mkn", A.counts, 2, { discounts }), "<unk>", "a"), 7 / 24, "p(a) via unseen context");
  // Context a: ab (2, D = 1), a</s> (1, D = ½): γ(a) = 1.5/3; p(b|a) = 1/3 + ½·7/24 = 23/48.
  close(p(m, "a", "b"), 23 / 48, "p(b|a)");
  close(p(m, "a", "</s>"), 15 / 48, "p(</s>|a)");
  close(p(m, "a", "<unk>"), 3 / 48, "p(<unk>|a)");
});

test("Witten-Bell: (c(hw) + T(h) p(w|h')) / (c(h) + T(h))", () => {
  const m = trainModel("witten-bell", A.counts, 2);
  // Unigrams: T = 3, N = 9: p(a) = (3 + 3/4)/12 = 5/16, p(<unk>) = 1/16.
  close(p(trainModel("witten-bell", A.counts, 1), "", "a"), 5 / 16, "p(a)");
  // Context a: c = 3, T = 2: p(b|a) = (2 + 2·5/16)/5 = 21/40; p(<unk>|a) = 2·(1/16)/5 = 1/40.
  close(p(m, "a", "b"), 21 / 40, "p(b|a)");
  close(p(m, "a", "<unk>"), 1 / 40, "p(<unk>|a)");
});

test("the additive model refuses a non-positive δ", () => {
  assert.throws(() => new AdditiveModel("lidstone", A.counts, 2, 0), /δ/);
});

test.run();
