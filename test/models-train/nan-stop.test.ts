// A loss that becomes NaN or infinite stops the model with the step named, and no cache entry is
// written (an older entry of the same model stays as it was).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelCache } from "../../models/cache.ts";
import { sequentialFamily, type SequentialBatch } from "../../models/families/sequential.ts";
import { trainModel } from "../../models/train/run.ts";
import { TrainingDiverged, trainWith } from "../../models/train/trainer.ts";
import type { Family } from "../../models/types.ts";
import { tensor } from "../../core/src/index.ts";
import { variant } from "./helpers.ts";

const quiet = { progress: false as const, say: () => {} };

test("a huge learning rate: the loss overflows, training stops at the step it happened, nothing cached", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tp-nan-"));
  try {
    const cache = new ModelCache(dir);
    // A good entry of the model first: it must survive the failed run.
    const good = await trainModel("linear", { cache, ...quiet, trainer: "test" });
    assert.is(good.cached, false);
    const before = cache.keys("linear");
    assert.is(before.length, 1);
    // SGD lr 1 on y = 2x with x up to 4: each step multiplies the error by about −14, so f32 overflows.
    const bad = variant("linear", (s) => {
      s.training.optimizer.lr = 1;
      s.training.steps = 1000;
    });
    let err: unknown;
    await trainModel(bad, { cache, ...quiet, trainer: "test" }).catch((e: unknown) => (err = e));
    assert.instance(err, TrainingDiverged);
    const d = err as TrainingDiverged;
    assert.ok(d.step > 10 && d.step < 100, `stopped at step ${d.step}`);
    assert.ok(!Number.isFinite(d.loss));
    assert.match(d.message, new RegExp(`^linear: training stopped at step ${d.step}: the loss is (Infinity|NaN)`));
    console.log(`  linear, SGD lr 1: stopped at step ${d.step} (loss ${d.loss})`);
    assert.equal(cache.keys("linear"), before, "the previous entry is untouched and no new one was written");
    assert.is(cache.get("linear", before[0])?.key, before[0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an injected NaN at step 5 stops the run there, before the optimiser step", async () => {
  const fam = {
    ...sequentialFamily,
    loss: (model, batch, spec) => (fam.calls++ === 4 ? tensor([NaN]).reshape([]) : sequentialFamily.loss(model, batch as SequentialBatch, spec)),
    calls: 0,
  } as Family<unknown, unknown> & { calls: number };
  let err: unknown;
  await trainWith(fam, variant("softmax", () => {}), { progress: false }).catch((e: unknown) => (err = e));
  assert.instance(err, TrainingDiverged);
  assert.is((err as TrainingDiverged).step, 5);
  assert.match((err as Error).message, "softmax: training stopped at step 5: the loss is NaN");
});

test.run();
