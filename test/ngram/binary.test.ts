// The browser export and the widget's core logic.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BackoffModel } from "../../ngram/backoff.ts";
import { decodeBinary, encodeBinary } from "../../ngram/binary.ts";
import { encodePrefix, generate, loadModel, nextTokenDistribution, sampleToken, seededRandom, topTokens } from "../../ngram/browser.ts";
import { countNgrams } from "../../ngram/counts.ts";
import { evaluate } from "../../ngram/model.ts";
import { trainModel } from "../../ngram/smoothing/index.ts";
import { buildVocab, encodeSentences } from "../../ngram/vocab.ts";
import { randomSentences } from "./helpers.ts";

const sents = randomSentences(8, 600, 40, 10);
const vocab = buildVocab(sents, { minCount: 2 });
const train = encodeSentences(sents.slice(0, 500), vocab);
const held = encodeSentences(sents.slice(500), vocab);
const model = trainModel("mkn", countNgrams(train, vocab, 3), 3) as BackoffModel;

test("binary export: same trie, probabilities within the quantisation step, 16 bits closer than 8", () => {
  const b8 = encodeBinary(model, { bits: 8 });
  const b16 = encodeBinary(model, { bits: 16 });
  assert.ok(b8.length < b16.length);
  const m8 = decodeBinary(b8);
  const m16 = decodeBinary(b16.buffer.slice(b16.byteOffset, b16.byteOffset + b16.byteLength) as ArrayBuffer);
  assert.equal(m8.vocab.tokens, model.vocab.tokens);
  for (let k = 1; k <= 3; k++) {
    assert.equal(Array.from(m8.trie.levels[k - 1].words), Array.from(model.trie.levels[k - 1].words));
    assert.equal(Array.from(m8.trie.levels[k - 1].parents), Array.from(model.trie.levels[k - 1].parents));
  }
  const exact = evaluate(model, held).perplexity;
  const p8 = evaluate(m8, held).perplexity;
  const p16 = evaluate(m16, held).perplexity;
  assert.ok(Math.abs(p8 / exact - 1) < 0.02, `8-bit ${p8} vs ${exact}`);
  assert.ok(Math.abs(p16 / exact - 1) < Math.abs(p8 / exact - 1) + 1e-12, `16-bit ${p16} no closer than 8-bit ${p8}`);
  assert.ok(Math.abs(p16 / exact - 1) < 1e-4, `16-bit ${p16} vs ${exact}`);
  assert.throws(() => decodeBinary(b8.slice(0, 40)), /truncated|vocabulary/);
  assert.throws(() => decodeBinary(new Uint8Array(16)), /bad magic/);
});

test("browser core: next-token distribution, top tokens, seeded sampling with temperature", () => {
  const m = loadModel(encodeBinary(model, { bits: 16 }));
  const prefix = encodePrefix(m, ["w0", "w1"]);
  const dist = nextTokenDistribution(m, prefix);
  assert.ok(Math.abs(dist.reduce((a, b) => a + b, 0) - 1) < 1e-3, "quantised distribution sums to ≈1");
  assert.is(dist[1], 0);
  const top = topTokens(m, dist, 3);
  assert.is(top.length, 3);
  assert.ok(top[0].p >= top[1].p && top[1].p >= top[2].p);
  // T → 0 is the argmax.
  assert.is(sampleToken(dist, 0, seededRandom(1)), top[0].id);
  // Same seed, same text; different seeds differ somewhere.
  const a = generate(m, ["w0"], 30, 1, 42);
  assert.equal(generate(m, ["w0"], 30, 1, 42), a);
  const others = [1, 2, 3, 4, 5].map((s) => generate(m, ["w0"], 30, 1, s).join(" "));
  assert.ok(others.some((o) => o !== a.join(" ")));
  // Sampling frequencies follow p at T = 1 and flatten at high T.
  const rand = seededRandom(7);
  const hits = new Float64Array(dist.length);
  const n = 20000;
  for (let i = 0; i < n; i++) hits[sampleToken(dist, 1, rand)]++;
  assert.ok(Math.abs(hits[top[0].id] / n - top[0].p) < 0.02, `${hits[top[0].id] / n} vs ${top[0].p}`);
  const hot = new Float64Array(dist.length);
  for (let i = 0; i < n; i++) hot[sampleToken(dist, 50, rand)]++;
  assert.ok(hot[top[0].id] < hits[top[0].id], "high temperature flattens the distribution");
  assert.throws(() => sampleToken(dist, -1, rand), /temperature/);
});

test("the browser core imports nothing from Node", () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, "utf8");
    assert.not.match(src, /from "node:|require\(/, `${file} imports Node`);
    for (const m of src.matchAll(/from "(\.[^"]+)"/g)) visit(join(file, "..", m[1]));
  };
  visit(join(import.meta.dirname, "../../ngram/browser.ts"));
  assert.ok(seen.size >= 4);
});

test.run();
