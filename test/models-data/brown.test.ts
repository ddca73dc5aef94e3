// brown: documents sorted by name, i % 10 == 9 test → 450 / 50 documents; words and tags.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { brownPosTag, brownTag, brownWord, readBrown, readBrownDocuments } from "../../models/data/brown.ts";

const docs = readBrownDocuments();

test("brown: 450 train / 50 test documents, every tenth is test", () => {
  assert.is(docs.train.length, 450);
  assert.is(docs.test.length, 50);
  const all = [...docs.train, ...docs.test].map((d) => d.name).sort();
  assert.is(all.length, 500);
  assert.is(all[0], "ca01");
  assert.is(all[499], "cr09");
  assert.equal(docs.test.slice(0, 3).map((d) => d.name), ["ca10", "ca20", "ca30"]);
  assert.is(docs.train[0].name, "ca01");
  assert.is(docs.train[9].name, "ca11");
  // Sentence counts as the reference prepared them (../shared/reference/ngram.json).
  const split = readBrown();
  assert.is(split.train.length, 51698);
  assert.is(split.test.length, 5642);
  assert.is(split.train[0][0], "the");
  assert.is(docs.train[0].sentences[0][0], "The/at");
});

test("brown words and tags: last `/`, lower case; tags cut at `-`/`+`, `--` stays: 105 tags", () => {
  assert.is(brownWord("The/at"), "the");
  assert.is(brownWord("1/2/cd"), "1/2");
  assert.is(brownTag("Fulton/np-tl"), "np-tl");
  assert.is(brownPosTag("Fulton/np-tl"), "np");
  assert.is(brownPosTag("it's/pps+bez"), "pps");
  assert.is(brownPosTag("--/--"), "--");
  assert.is(brownPosTag("(/(-hl"), "(");
  const tags = new Set<string>();
  for (const d of [...docs.train, ...docs.test]) for (const s of d.sentences) for (const t of s) tags.add(brownPosTag(t));
  assert.is(tags.size, 105);
});

test.run();
