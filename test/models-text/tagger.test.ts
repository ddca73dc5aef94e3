import { test } from "uvu";
import * as assert from "uvu/assert";
import { Generator, noGrad } from "../../core/src/index.ts";
import { PAD, Tagger, UNK, buildTaggerData, taggerFamily, type RawSentence } from "../../models/families/tagger.ts";
import { MostFrequentTagger } from "../../models/baselines/most-frequent-tag.ts";
import { TEXT_SPECS } from "./specs.ts";
import { ends, trainFor } from "./train-helper.ts";

const s = (text: string): RawSentence => text.split(" ").map((t) => t.split("/") as [string, string]);

test("tagger data: words seen ≥ minCount, padding 0 and <unk> 1, tags sorted; unseen words → <unk>", () => {
  const d = buildTaggerData([s("the/at dog/nn runs/vbz"), s("the/at cat/nn")], [s("the/at bird/nn")], 2);
  assert.equal(d.words, ["<pad>", "<unk>", "the"]);
  assert.equal(d.tags, ["at", "nn", "vbz"]);
  assert.equal(Array.from(d.train[0].words), [2, UNK, UNK]);
  assert.equal(Array.from(d.test[0].tags), [0, 1]);
  assert.is(PAD, 0);
});

test("tagger: a sentence in a padded batch gets exactly the logits it gets alone (packed semantics, both directions)", () => {
  const m = new Tagger(30, 5, { embed: 6, hidden: 7 }, new Generator(3));
  const sents = [Int32Array.from([3, 4, 5, 6, 7, 8, 9]), Int32Array.from([10, 11]), Int32Array.from([12, 13, 14, 15])];
  noGrad(() => {
    const batched = m.forwardSentences(sents).toFloat32Array(); // [3, 7, 5]
    sents.forEach((x, b) => {
      const alone = m.forwardSentences([x]).toFloat32Array();
      for (let i = 0; i < x.length * 5; i++) assert.ok(Math.abs(batched[b * 35 + i] - alone[i]) < 1e-5, `sentence ${b} value ${i}`);
    });
    // the backward direction matters: the first word's logits depend on the last word
    const a = m.forwardSentences([Int32Array.from([3, 4, 5])]).toFloat32Array();
    const c = m.forwardSentences([Int32Array.from([3, 4, 20])]).toFloat32Array();
    assert.ok(Math.abs(a[0] - c[0]) > 1e-6);
  });
  m.free();
});

test("tagger: 200 steps on a toy tagged corpus, loss falls, token accuracy high", () => {
  // tag of a word depends on the word, and "fly" depends on its neighbour (a/fly → nn, they/fly → vb)
  const rng = new Generator(9);
  const nouns = ["dog", "cat", "bird"];
  const gen = (): RawSentence => {
    const out: RawSentence = [];
    const n = 1 + rng.int(3);
    for (let i = 0; i < n; i++) {
      if (rng.random() < 0.5) out.push(["a", "at"], [rng.random() < 0.3 ? "fly" : nouns[rng.int(3)], "nn"]);
      else out.push(["they", "pps"], ["fly", "vb"]);
    }
    out.push([".", "."]);
    return out;
  };
  const data = buildTaggerData(Array.from({ length: 400 }, gen), Array.from({ length: 60 }, gen), 2);
  // Toy sizes, batch 16 and lr 1e-2 so 2 epochs of 400 synthetic sentences learn in a unit test; epochs are the spec's.
  const spec = { ...TEXT_SPECS.bilstm, architecture: { family: "tagger" as const, embed: 8, hidden: 8, minCount: 2 }, training: { ...TEXT_SPECS.bilstm.training, batch: 16, optimizer: { type: "adam" as const, lr: 1e-2 } } };
  assert.is(taggerFamily.totalSteps(spec, spec.training, data), 2 * 25);
  const { model, losses } = trainFor(taggerFamily, spec, data, 200);
  const [first, last] = ends(losses);
  assert.ok(last < 0.3 * first, `${first} → ${last}`);
  const acc = taggerFamily.evaluate(model, data, spec)["token-accuracy"];
  assert.ok(acc > 0.95, String(acc));
  model.free();
});

test("most frequent tag: per word, ties to the overall more frequent tag, unseen words get the overall most frequent tag", () => {
  const train = [s("a/at dog/nn runs/vbz"), s("a/at run/nn"), s("they/pps run/vb"), s("the/at dog/nn")];
  const mft = new MostFrequentTagger(train);
  assert.is(mft.tag("dog"), "nn");
  assert.is(mft.tag("run"), "nn"); // nn 1, vb 1: nn is more frequent overall (3 vs 1)
  assert.is(mft.tag("zebra"), "at"); // at 3 = nn 3, then code-unit order
  assert.is(mft.accuracy([s("a/at run/vb zebra/nn")]), 1 / 3);
});

test.run();
