// A cold publish trains its cache misses side by side in child processes (models/parallel-training.ts):
// the entries they write are the ones the in-process trainer then reads as hits.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ModelCache } from "../../models/cache.ts";
import { defaultJobs, isCached, trainMissingInParallel } from "../../models/parallel-training.ts";
import { trainModel } from "../../models/train/run.ts";

test("two children fill a cold cache; the trainer then reads both as hits with their trained figures", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tp-parallel-"));
  try {
    const cache = new ModelCache(dir);
    const requests = [
      { id: "linear", budget: "parity" as const },
      { id: "perceptron", budget: "parity" as const },
    ];
    assert.is(isCached(requests[0], cache), false);
    const lines: string[] = [];
    const done = await trainMissingInParallel(requests, { cache, jobs: 2, say: (m) => lines.push(m) });
    assert.equal(done, ["linear", "perceptron"], lines.join("\n"));
    assert.ok(lines.some((l) => /training 2 models, 2 at a time/.test(l)));
    for (const r of requests) assert.ok(isCached(r, cache), r.id);
    const said: string[] = [];
    const m = await trainModel("perceptron", { cache, say: (s) => said.push(s) });
    assert.is(m.cached, true);
    assert.ok(Number.isFinite(m.log.metrics.accuracy), JSON.stringify(m.log.metrics));
    // Warm: nothing left to train, no child started.
    const again = await trainMissingInParallel(requests, { cache, jobs: 2, say: (s) => lines.push(s) });
    assert.equal(again, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("one miss, or one job, trains nothing here (the caller trains in-process)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tp-parallel-"));
  try {
    const cache = new ModelCache(dir);
    assert.equal(await trainMissingInParallel([{ id: "linear", budget: "parity" }], { cache, jobs: 2, say: () => {} }), []);
    assert.equal(await trainMissingInParallel([{ id: "linear", budget: "parity" }, { id: "perceptron", budget: "parity" }], { cache, jobs: 1, say: () => {} }), []);
    assert.is(isCached({ id: "linear", budget: "parity" }, cache), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("TENSORPOST_TRAIN_JOBS: a positive integer, else a clear error", () => {
  assert.is(defaultJobs("3"), 3);
  assert.ok(defaultJobs(undefined) >= 1 && defaultJobs(undefined) <= 4);
  assert.throws(() => defaultJobs("0"), /TENSORPOST_TRAIN_JOBS/);
  assert.throws(() => defaultJobs("two"), /TENSORPOST_TRAIN_JOBS/);
});

test.run();
