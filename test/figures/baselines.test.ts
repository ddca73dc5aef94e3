// The baselines published beside classify and bilstm (models/baselines/published.ts) are measured on the
// model's own split and agree with the PyTorch reference script's baselines (../shared/reference).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measureBaselines } from "../../models/baselines/published.ts";
import { getSpec } from "../../models/specs/index.ts";
import { sharedFile } from "../helpers/shared.ts";

const text = sharedFile("reference/pytorch.json");
const reference = text === undefined ? undefined : (JSON.parse(text) as {
  classify: { naive_bayes_uniform_prior: Record<string, number> };
  bilstm: { most_frequent_tag_baseline: number };
});

test("classify: naive Bayes with a uniform prior, its balanced accuracy as the reference script's", async () => {
  const [nb, ...rest] = await measureBaselines(getSpec("classify"));
  assert.is(rest.length, 0);
  assert.is(nb.id, "naive-bayes");
  assert.is(nb.metric.name, "balanced-accuracy");
  assert.is(nb.metric.value, nb.metrics["balanced-accuracy"]);
  if (reference) {
    assert.ok(Math.abs(nb.metric.value - reference.classify.naive_bayes_uniform_prior.balanced_accuracy) < 1e-9, `${nb.metric.value}`);
    assert.ok(Math.abs(nb.metrics.accuracy - reference.classify.naive_bayes_uniform_prior.accuracy) < 1e-9, `${nb.metrics.accuracy}`);
  }
});

test("bilstm: the most-frequent-tag tagger's token accuracy, within 0.01 points of the reference script's", async () => {
  const [mft] = await measureBaselines(getSpec("bilstm"));
  assert.is(mft.id, "most-frequent-tag");
  assert.is(mft.metric.name, "token-accuracy");
  // Within 0.01 points (≈ 12 of 115,803 tokens): ties between a word's tags may break another way there.
  if (reference) assert.ok(Math.abs(mft.metric.value - reference.bilstm.most_frequent_tag_baseline) < 1e-4, `${mft.metric.value}`);
});

test("models without a baseline publish none", async () => {
  assert.equal(await measureBaselines(getSpec("mlp")), []);
  assert.equal(await measureBaselines(getSpec("lstm")), []);
});

test.run();
