// Short training runs whose loss must fall (sequential: mlp and cnn on small mnist subsets;
// perceptron), memory flat across steps, determinism, and the cache round trip.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bytesInUse } from "../../core/src/index.ts";
import { ModelCache } from "../../models/cache.ts";
import { sequentialFamily } from "../../models/families/sequential.ts";
import { perceptronFamily } from "../../models/families/perceptron.ts";
import { cacheId, keySpec, trainModel } from "../../models/train/run.ts";
import { budgetTraining, effectiveBudget, trainWith } from "../../models/train/trainer.ts";
import { getSpec } from "../../models/specs/index.ts";
import type { Family } from "../../models/types.ts";
import { cnnSmall, meanOf, mlpSmall } from "./helpers.ts";

const seq = sequentialFamily as unknown as Family<unknown, unknown>;

test("mlp on 2,000 mnist rows, 20 steps: the loss falls, memory stays flat", async () => {
  const mem: number[] = [];
  const r = await trainWith(seq, mlpSmall(), { progress: false, onStep: () => mem.push(bytesInUse()) });
  const losses = r.log.map((e) => e.loss!);
  const first = meanOf(losses.slice(0, 3));
  const last = meanOf(losses.slice(-3));
  console.log(`  mlp: ${r.steps} steps, loss ${first.toFixed(3)} (first 3) → ${last.toFixed(3)} (last 3), test accuracy ${r.metrics.accuracy.toFixed(3)}, ${r.seconds.toFixed(1)}s`);
  assert.is(r.steps, 20);
  assert.ok(first > 1.5 && last < 0.8 * first, `loss ${first} → ${last}`);
  assert.ok(r.metrics.accuracy > 0.7, `accuracy ${r.metrics.accuracy}`);
  assert.is(mem[19], mem[2], `bytes in use after step 3 ${mem[2]}, after step 20 ${mem[19]}`);
  assert.ok(r.log[9].metrics && r.log[19].metrics, "evaluations at steps 10 and 20");
  r.model.free();
});

test("cnn on 1,280 mnist rows, 40 steps: the loss falls", async () => {
  const mem: number[] = [];
  const r = await trainWith(seq, cnnSmall(), { progress: false, onStep: () => mem.push(bytesInUse()) });
  const losses = r.log.map((e) => e.loss!);
  const first = meanOf(losses.slice(0, 3));
  const last = meanOf(losses.slice(-3));
  console.log(`  cnn: ${r.steps} steps, loss ${first.toFixed(3)} → ${last.toFixed(3)}, test accuracy ${r.metrics.accuracy.toFixed(3)}, ${r.seconds.toFixed(1)}s`);
  assert.is(r.steps, 40);
  assert.ok(last < 0.7 * first, `loss ${first} → ${last}`);
  assert.is(mem[39], mem[2], `bytes in use after step 3 ${mem[2]}, after step 40 ${mem[39]}`);
  r.model.free();
});

test("perceptron: mistakes fall 7 → 0, stops after 2 epochs with the reference's w and b", async () => {
  const r = await trainWith(perceptronFamily as unknown as Family<unknown, unknown>, getSpec("perceptron"), { progress: false });
  assert.equal(r.log.map((e) => e.loss), [7, 0]);
  assert.is(r.steps, 2);
  assert.is(r.metrics.accuracy, 1);
  assert.ok(Math.abs(r.metrics.w0 + 0.6) < 1e-12 && Math.abs(r.metrics.w1 + 1.5) < 1e-12 && r.metrics.b === 3, JSON.stringify(r.metrics));
  assert.equal(Array.from(r.stateDict.weight.data), [Math.fround(-0.6), -1.5]);
  r.model.free();
});

test("mnist batches: 80 an epoch for the mlp (the last 96), 125 for the cnn (the last 60), reshuffled each epoch", async () => {
  const mlp = getSpec("mlp");
  const data = await sequentialFamily.data(mlp);
  assert.is(data.train.n, 7996);
  assert.is(data.test.n, 2004);
  assert.is(sequentialFamily.totalSteps(mlp, mlp.training, data), 400);
  const cnn = getSpec("cnn");
  assert.is(sequentialFamily.totalSteps(cnn, cnn.training, await sequentialFamily.data(cnn)), 625);
  const { Generator } = await import("../../core/src/index.ts");
  const rng = new Generator(1000);
  const sizes: number[] = [];
  const firstRows: number[][] = [];
  for (let s = 0; s < 160; s++) {
    const b = sequentialFamily.batch(s, data, mlp.training, rng);
    sizes.push(b.n);
    if (s % 80 === 0) firstRows.push(Array.from(b.y.subarray(0, 10)));
  }
  assert.is(sizes[79], 96);
  assert.is(sizes[0], 100);
  assert.is(sizes.reduce((a, b) => a + b, 0), 2 * 7996);
  assert.not.equal(firstRows[0], firstRows[1], "a new order in epoch 2");
});

test("deterministic: the same seed gives the same weights bit for bit; another seed does not", async () => {
  const spec = mlpSmall();
  spec.training.epochs = undefined;
  spec.training.steps = 6;
  const a = await trainWith(seq, spec, { progress: false });
  const b = await trainWith(seq, spec, { progress: false });
  const c = await trainWith(seq, spec, { progress: false, seed: 1 });
  for (const [name, e] of Object.entries(a.stateDict)) {
    assert.equal(new Uint32Array(e.data.buffer, e.data.byteOffset, e.data.length), new Uint32Array(b.stateDict[name].data.buffer, b.stateDict[name].data.byteOffset, e.data.length), name);
  }
  assert.equal(a.log.map((e) => e.loss), b.log.map((e) => e.loss));
  assert.not.equal(Array.from(a.stateDict["0.weight"].data.subarray(0, 20)), Array.from(c.stateDict["0.weight"].data.subarray(0, 20)));
  for (const r of [a, b, c]) r.model.free();
});

test("budgets: full = parity overridden by spec.full (steps replace epochs)", () => {
  const lstm = getSpec("lstm");
  assert.is(budgetTraining(lstm, "parity").steps, 600);
  assert.is(budgetTraining(lstm, "full").steps, 6000);
  assert.is(budgetTraining(lstm, "full").clip, 1);
  assert.is(budgetTraining(getSpec("bilstm"), "full").epochs, 4);
  assert.is(budgetTraining(getSpec("mlp"), "full"), getSpec("mlp").training, "no full budget: the parity one");
  assert.is(cacheId(getSpec("lstm"), "full"), "lstm.full");
  assert.is(cacheId(getSpec("mlp"), "parity", 2), "mlp.seed2");
  assert.is(keySpec(getSpec("lstm"), "full").training.steps, 6000);
  assert.ok(!("full" in keySpec(getSpec("lstm"), "full")));
});

test("budgets: quick = parity overridden by spec.quick; a spec without one trains (and records) parity", () => {
  const withQuick = { ...getSpec("mlp"), quick: { epochs: 1 } };
  assert.is(budgetTraining(withQuick, "quick").epochs, 1);
  assert.is(budgetTraining(withQuick, "quick").batch, 100);
  assert.is(effectiveBudget(withQuick, "quick"), "quick");
  assert.is(cacheId(withQuick, "quick"), "mlp.quick");
  assert.ok(!("quick" in keySpec(withQuick, "quick")));
  const mlp = getSpec("mlp");
  assert.is(effectiveBudget(mlp, "quick"), "parity");
  assert.is(effectiveBudget(mlp, "full"), "parity");
  assert.is(budgetTraining(mlp, "quick"), mlp.training);
  assert.is(cacheId(mlp, "quick"), "mlp", "no quick budget: the parity entry is shared");
  assert.is(cacheId(mlp, "full"), "mlp");
});

test("through the cache: a miss trains, a hit reads the same weights and log, --force retrains", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tp-train-"));
  try {
    const cache = new ModelCache(dir);
    const quiet = { cache, progress: false as const, say: () => {}, trainer: "test" };
    const first = await trainModel("softmax", quiet);
    assert.is(first.cached, false);
    const again = await trainModel("softmax", quiet);
    assert.is(again.cached, true);
    assert.equal(again.stateDict, first.stateDict);
    assert.equal(again.log, first.log);
    assert.equal(Object.keys(JSON.parse(again.entry!.text("log.json"))).slice(0, 7), ["id", "budget", "steps", "seconds", "log", "metrics", "examplesPerSecond"]);
    const forced = await trainModel("softmax", { ...quiet, force: true });
    assert.is(forced.cached, false);
    assert.equal(forced.stateDict, first.stateDict);
    const other = await trainModel("softmax", { ...quiet, seed: 1 });
    assert.is(other.cached, false);
    assert.equal(cache.keys("softmax.seed1").length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
