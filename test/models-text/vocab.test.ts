// The published token tables (models/vocab.ts) agree with the ids the families train on: a page that
// encodes text with `<id>.vocab.json` feeds the model exactly what it saw in training.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelCache } from "../../models/cache.ts";
import { loadTang } from "../../models/data/tang.ts";
import { decodeTarget, encodeSource, encodeTarget, BOS, EOS } from "../../models/families/seq2seq.ts";
import { toChinese } from "../../models/data/numerals.ts";
import { getSpec } from "../../models/specs/index.ts";
import { buildVocab, cachedVocab, hasVocab, type ModelVocab } from "../../models/vocab.ts";
import type { ModelSpec } from "../../models/types.ts";
import { decodeChars, decodeDigits, encodeChars, encodeNumeral, encodeWords, parseVocab } from "../../models/vocab-client.ts";

test("every text spec has a table, the image and iris models none", () => {
  for (const id of ["rnn", "lstm", "stacked", "transformer", "classify", "bilstm", "seq2seq"]) assert.ok(hasVocab(getSpec(id)), id);
  for (const id of ["linear", "perceptron", "softmax", "mlp", "cnn"]) assert.not.ok(hasVocab(getSpec(id)), id);
});

test("seq2seq: source and target tables encode and decode as the family", async () => {
  const v = (await buildVocab(getSpec("seq2seq"))) as Extract<ModelVocab, { kind: "seq2seq" }>;
  assert.is(v.kind, "seq2seq");
  assert.is(v.target.bos, BOS);
  assert.is(v.target.eos, EOS);
  for (const n of [0, 7, 10, 1024, 30_000_001, 99_999_999]) {
    const numeral = toChinese(n);
    assert.equal([...numeral].map((ch) => v.source.tokens.indexOf(ch)), Array.from(encodeSource(numeral)), numeral);
    const tgt = encodeTarget(String(n));
    assert.is(Array.from(tgt, (id) => v.target.tokens[id]).join(""), `${n}</s>`);
    assert.is(decodeTarget(tgt), String(n));
  }
  assert.ok(v.maxIn >= Math.max(...[99_999_999, 10_101_010, 11_111_111].map((n) => [...toChinese(n)].length)), `maxIn ${v.maxIn}`);
});

test("char LMs and the classifier: the tang table's ids are the family's (unknown → <unk>, \\n a character)", async () => {
  const tang = loadTang().vocab;
  const lm = (await buildVocab(getSpec("lstm"))) as Extract<ModelVocab, { kind: "char-lm" }>;
  const tf = (await buildVocab(getSpec("transformer"))) as Extract<ModelVocab, { kind: "char-lm" }>;
  const cl = (await buildVocab(getSpec("classify"))) as Extract<ModelVocab, { kind: "classifier" }>;
  assert.is(lm.size, 3001);
  assert.is(lm.unk, 3000);
  assert.is(lm.context, null);
  assert.is(tf.context, 64);
  assert.is(lm.tokens[lm.newline], "\n");
  assert.equal(cl.classes, ["tang", "song"]);
  assert.is(cl.maxLength, 64);
  const index = new Map(lm.tokens.map((ch, i) => [ch, i]));
  const text = "床前明月光，疑是地上霜。\n𠀀";
  assert.equal(Array.from(text, (ch) => index.get(ch) ?? lm.unk), Array.from(tang.encode(text)));
  assert.equal(cl.tokens, lm.tokens);
});

test("bilstm: <pad>, <unk>, then words; tags by output index", async () => {
  // Short train/test cuts (a data option of the family) keep the test fast; the table follows them.
  const spec: ModelSpec = { ...getSpec("bilstm"), data: { set: "brown", options: { trainSentences: 2000, testSentences: 10 } } };
  const v = (await buildVocab(spec)) as Extract<ModelVocab, { kind: "tagger" }>;
  assert.equal(v.tokens.slice(0, 2), ["<pad>", "<unk>"]);
  assert.is(v.pad, 0);
  assert.is(v.unk, 1);
  assert.ok(v.tokens.includes("the") && v.tokens.every((w) => w === w.toLowerCase()));
  assert.ok(v.tags.includes("nn") && v.tags.includes("at"), v.tags.slice(0, 10).join(" "));
  assert.equal([...v.tags].sort(), v.tags, "tags sorted, as the family's ids");
});

test("vocab-client (the page's side): the same ids as the families' encoders", async () => {
  const s2s = parseVocab(JSON.parse(JSON.stringify(await buildVocab(getSpec("seq2seq")))));
  if (s2s.kind !== "seq2seq") throw new Error("seq2seq kind");
  for (const n of [0, 10, 20_000, 99_999_999]) {
    assert.equal(encodeNumeral(s2s, toChinese(n)), Array.from(encodeSource(toChinese(n))));
    assert.is(decodeDigits(s2s, [...encodeTarget(String(n)), 5, 6]), String(n));
  }
  assert.throws(() => encodeNumeral(s2s, "一x"), /"x" is not a numeral character/);
  assert.throws(() => encodeNumeral(s2s, "一".repeat(s2s.maxIn + 1)), /1 to 16 characters/);
  const lm = parseVocab(await buildVocab(getSpec("rnn")));
  if (lm.kind !== "char-lm") throw new Error("char-lm kind");
  const text = "白日依山盡，黃河入海流。\n𠀀";
  const ids = encodeChars(lm, text);
  assert.equal(ids, Array.from(loadTang().vocab.encode(text)));
  assert.is(decodeChars(lm, ids), loadTang().vocab.decode(ids));
  const tagger = parseVocab({ format: "tensorpost-vocab-1", id: "t", kind: "tagger", unit: "word", lowercase: true, tokens: ["<pad>", "<unk>", "the", "cat"], pad: 0, unk: 1, tags: ["at", "nn"] });
  if (tagger.kind !== "tagger") throw new Error("tagger kind");
  assert.equal(encodeWords(tagger, ["The", "CAT", "sat", "<pad>"]), [2, 3, 1, 1]);
  assert.throws(() => parseVocab({ format: "other" }), /not a tensorpost-vocab-1 file/);
});

test("cachedVocab: built once, then read from the model cache (same bytes)", async () => {
  const cache = new ModelCache({ dir: mkdtempSync(join(tmpdir(), "tp-vocab-")) });
  const spec = getSpec("seq2seq");
  const a = await cachedVocab(spec, cache);
  assert.equal(cache.keys("seq2seq.vocab").length, 1);
  const b = await cachedVocab(spec, cache);
  assert.is(a, b);
  assert.is((JSON.parse(a) as ModelVocab).format, "tensorpost-vocab-1");
});

test.run();
