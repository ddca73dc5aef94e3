import { test } from "uvu";
import * as assert from "uvu/assert";
import { readArpa, writeArpa } from "../../ngram/arpa.ts";
import { BackoffModel } from "../../ngram/backoff.ts";
import { countNgrams } from "../../ngram/counts.ts";
import { evaluate } from "../../ngram/model.ts";
import { trainModel } from "../../ngram/smoothing/index.ts";
import { buildVocab, encodeSentences } from "../../ngram/vocab.ts";
import { hist, randomSentences } from "./helpers.ts";

const sents = randomSentences(21, 300, 20, 9);
const vocab = buildVocab(sents, { minCount: 2 });
const train = encodeSentences(sents.slice(0, 250), vocab);
const held = encodeSentences(sents.slice(250), vocab);
const counts = countNgrams(train, vocab, 4);

for (const method of ["mkn", "kn", "absolute", "katz", "witten-bell", "mle"]) {
  test(`${method}: written then read, an ARPA model gives identical log-probabilities`, () => {
    const model = trainModel(method, counts, 4) as BackoffModel;
    const text = writeArpa(model);
    const back = readArpa(text);
    // Token ids may differ: compare through the token strings.
    const remap = { tokens: Uint32Array.from(held.tokens, (id) => back.vocab.id(vocab.token(id))), starts: held.starts };
    const a = evaluate(model, held).logProbs;
    const b = evaluate(back, remap).logProbs;
    assert.is(a.length, b.length);
    for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]), `token ${i}: ${a[i]} vs ${b[i]}`);
    assert.is(writeArpa(back), text, "re-written file is identical");
    assert.equal(back.ngramCounts(), model.ngramCounts());
  });
}

// A KenLM-style back-off file written by hand; expected scores follow the back-off rule.
const KENLM = `
\\data\\
ngram 1=5
ngram 2=3
ngram 3=1

\\1-grams:
-1.0\t<unk>\t0
0\t<s>\t-0.5
-0.6\t</s>\t0
-0.4\tthe\t-0.3
-0.7\tcat\t-0.2

\\2-grams:
-0.2\t<s> the\t-0.1
-0.3\tthe cat\t-0.25
-0.5\tcat </s>

\\3-grams:
-0.05\t<s> the cat

\\end\\
`;

test("reads a KenLM-style back-off ARPA file and scores with it", () => {
  const m = readArpa(KENLM);
  assert.equal(m.ngramCounts(), [5, 3, 1]);
  const lp = (h: string, w: string): number => {
    const ids = hist(m.vocab, h);
    return m.log10Prob(ids, ids.length, m.vocab.id(w));
  };
  const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
  near(lp("", "the"), -0.2); // stored bigram
  near(lp("the", "cat"), -0.05); // stored trigram
  near(lp("the cat", "</s>"), -0.25 + -0.5); // "the cat </s>" absent: bow(the cat) + p(cat </s>)
  // "<s> the" → "the" context trigram "<s> the the" absent: bow(<s> the) + p(the | the) = −0.1 + bow(the) + p(the)
  near(lp("the", "the"), -0.1 + -0.3 + -0.4);
  // Unknown word: <unk> unigram after back-offs: bow(<s> the) + bow(the) + p(<unk>).
  near(lp("the", "dog"), -0.1 + -0.3 + -1.0);
  near(lp("", "cat"), -0.5 + -0.7); // bow(<s>) + p(cat)
});

test("a malformed ARPA line is reported with its line number", () => {
  const bad = KENLM.replace("-0.3\tthe cat\t-0.25", "-0.3\tthe");
  assert.throws(() => readArpa(bad), (e: Error) => /line 16\b/.test(e.message) && /fields/.test(e.message));
  const nan = KENLM.replace("-0.7\tcat", "abc\tcat");
  assert.throws(() => readArpa(nan), (e: Error) => /line 12\b/.test(e.message) && /not a number/.test(e.message));
  const count = KENLM.replace("ngram 2=3", "ngram 2=4");
  assert.throws(() => readArpa(count), /declares 4 2-grams/);
  const orphan = KENLM.replace("-0.05\t<s> the cat", "-0.05\tcat the cat");
  assert.throws(() => readArpa(orphan), (e: Error) => /line 20\b/.test(e.message) && /context "cat the"/.test(e.message));
  const unknown = KENLM.replace("-0.5\tcat </s>", "-0.5\tcat dog");
  assert.throws(() => readArpa(unknown), (e: Error) => /line 17\b/.test(e.message) && /"dog"/.test(e.message));
  assert.throws(() => readArpa(KENLM.replace("\\end\\", "")), /missing \\end\\/);
  assert.throws(() => readArpa("hello"), /no \\data\\/);
});

test("additive models have no ARPA form beyond order 1", () => {
  const m = trainModel("laplace", counts, 2);
  assert.not.ok(m instanceof BackoffModel);
});

test.run();
