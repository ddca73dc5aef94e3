// publishModels(["ngram"]) puts the n-gram's binary into the models folder from its cache entry, and
// the manifest names it with its own format (not ONNX), size and sha256. The cache is seeded with a
// toy corpus under the real spec's key, so the test trains nothing on brown.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelCache } from "../../models/cache.ts";
import { knownModel, NGRAM_FORMAT, publishModels, type NgramFile } from "../../models/publish.ts";
import { buildSiteModel, SITE_MODELS } from "../../ngram/site-models.ts";
import { buildVocab, encodeSentences } from "../../ngram/vocab.ts";
import { encodePrefix, loadModel, nextTokenDistribution } from "../../ngram/browser.ts";

test("ngram: published from the cache as ngram.bin, format tensorpost-ngram-1, usable by ngram/browser.ts", async () => {
  const cache = new ModelCache(mkdtempSync(join(tmpdir(), "publish-ngram-")));
  const train = ["the cat sat on the mat", "the dog sat on the log", "a cat and a dog"].map((s) => s.split(" "));
  const load = () => {
    const vocab = buildVocab(train);
    return { vocab, train: encodeSentences(train, vocab), test: encodeSentences([["the", "cat"]], vocab), trainSentences: 3, testSentences: 1 };
  };
  const seeded = buildSiteModel("brown-word-mkn", SITE_MODELS["brown-word-mkn"], { cache, load });
  assert.ok(knownModel("ngram"));
  const outDir = mkdtempSync(join(tmpdir(), "publish-ngram-out-"));
  const manifest = await publishModels(["ngram"], { outDir, cache });
  const [m] = manifest.models;
  assert.is(m.id, "ngram");
  assert.is(m.format, NGRAM_FORMAT);
  assert.is(m.budget, "parity");
  assert.is(m.metric.name, "perplexity");
  assert.is(m.metric.value, seeded.report.quantisedTestPerplexity);
  const f = m.files[0] as NgramFile;
  assert.equal([f.file, f.format, f.part, f.bits], ["ngram.bin", NGRAM_FORMAT, "model", 8]);
  const bytes = readFileSync(join(outDir, f.file));
  assert.is(bytes.length, f.bytes);
  assert.is(createHash("sha256").update(bytes).digest("hex"), f.sha256);
  assert.equal(JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8")), manifest);
  assert.is(JSON.parse(readFileSync(join(outDir, m.log), "utf8")).source, "brown-word-mkn");
  // What the page does with it: p(· | "the") sums to 1 and prefers a word that followed "the".
  const model = loadModel(new Uint8Array(bytes));
  const p = nextTokenDistribution(model, encodePrefix(model, ["the"]));
  assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  assert.ok(p[model.vocab.id("cat")] > p[model.vocab.id("and")]);
});

test.run();
