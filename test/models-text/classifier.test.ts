import { test } from "uvu";
import * as assert from "uvu/assert";
import { Generator, noGrad, reshape, narrow } from "../../core/src/index.ts";
import { SeqClassifier, classificationMetrics, seqClassifierFamily, type ClassifyData } from "../../models/families/seq-classifier.ts";
import { MultinomialNaiveBayes } from "../../models/baselines/naive-bayes.ts";
import { TEXT_SPECS } from "./specs.ts";
import { ends, trainFor } from "./train-helper.ts";

test("classifier: the state used for a short poem is the one after its last real character (same as the LSTM on the poem alone)", () => {
  const m = new SeqClassifier(20, { embed: 6, hidden: 8, classes: 2 }, new Generator(2));
  const poems = [
    Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    Int32Array.from([4, 5, 6]),
    Int32Array.from([11]),
    Int32Array.from([7, 7, 7, 7, 7, 7]),
  ];
  noGrad(() => {
    const batched = m.lastStates(poems).toFloat32Array();
    poems.forEach((p, b) => {
      // the LSTM run over this poem alone, no padding: its last output row
      const out = m.lstm.forward(m.embedding.forward(p, [p.length, 1]))[0];
      const alone = reshape(narrow(out, 0, p.length - 1, 1), [8]).toFloat32Array();
      for (let j = 0; j < 8; j++) assert.ok(Math.abs(batched[b * 8 + j] - alone[j]) < 1e-5, `poem ${b} unit ${j}`);
    });
    // and padding does change the state if it were (wrongly) read at the padded end
    const padded = m.lstm.forward(m.embedding.forward(Int32Array.from([4, 5, 6, 0, 0, 0, 0, 0, 0, 0]), [10, 1]))[0];
    const atEnd = reshape(narrow(padded, 0, 9, 1), [8]).toFloat32Array();
    assert.ok(atEnd.some((v, j) => Math.abs(v - batched[8 + j]) > 1e-4));
  });
  m.free();
});

test("classifier: 120 steps on toy poems of mixed lengths, loss falls and the classes are told apart", () => {
  // class 0 poems use ids 1–4, class 1 ids 3–6 (overlapping), lengths 2 … 20
  const rng = new Generator(4);
  const make = (lo: number, n: number) => Array.from({ length: n }, () => Uint16Array.from({ length: 2 + rng.int(19) }, () => lo + rng.int(4)));
  const data: ClassifyData = { vocabSize: 8, train: [make(1, 200), make(3, 300)], val: [make(1, 50), make(3, 80)] };
  // Toy sizes for a synthetic two-class task; the spec's optimiser and batch.
  const spec = { ...TEXT_SPECS.classify, architecture: { family: "seq-classifier" as const, embed: 8, hidden: 16, classes: 2, maxLength: 64 } };
  const { model, losses } = trainFor(seqClassifierFamily, spec, data, 120);
  const [first, last] = ends(losses, 10);
  assert.ok(last < 0.5 * first, `${first} → ${last}`);
  const m = seqClassifierFamily.evaluate(model, data, spec);
  assert.ok(m["balanced-accuracy"] > 0.9, JSON.stringify(m));
  model.free();
});

test("classification metrics: accuracy, recalls, balanced accuracy", () => {
  // 4 of class 0 (3 right), 2 of class 1 (1 right)
  const m = classificationMetrics([0, 0, 0, 1, 1, 0], [0, 0, 0, 0, 1, 1], 2);
  assert.is(m.accuracy, 4 / 6);
  assert.is(m["tang-recall"], 3 / 4);
  assert.is(m["song-recall"], 1 / 2);
  assert.is(m["balanced-accuracy"], (3 / 4 + 1 / 2) / 2);
});

test("naive Bayes: Laplace-smoothed multinomial probabilities and priors, hand-computed", () => {
  // 3 features. class 0 docs: [0,0,1], [0]; class 1 doc: [2,2,1]
  const nb = new MultinomialNaiveBayes([[0, 0, 1], [0], [2, 2, 1]], [0, 0, 1], { alpha: 1 });
  // class 0 counts (3,1,0) + 1 → (4,2,1)/7; class 1 counts (0,1,2) + 1 → (1,2,3)/6
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
  close(nb.logProb[0], Math.log(4 / 7));
  close(nb.logProb[2], Math.log(1 / 7));
  close(nb.logProb[3 + 2], Math.log(3 / 6));
  close(nb.logPrior[0], Math.log(2 / 3));
  const s = nb.scores([1, 2]);
  close(s[0], Math.log(2 / 3) + Math.log(2 / 7) + Math.log(1 / 7));
  close(s[1], Math.log(1 / 3) + Math.log(2 / 6) + Math.log(3 / 6));
  assert.is(nb.predict([1, 2]), 1);
  assert.is(nb.predict([0]), 0);
  // the prior decides a tie of likelihoods: feature 1 has P 2/7 vs 2/6 → class 1 with the uniform
  // prior; with the empirical prior log(2/3)+log(2/7) = −1.658 > log(1/3)+log(1/3) = −2.197 → class 0
  assert.is(nb.predict([1]), 0);
  assert.is(new MultinomialNaiveBayes([[0, 0, 1], [0], [2, 2, 1]], [0, 0, 1], { alpha: 1, prior: "uniform" }).predict([1]), 1);
});

test.run();
