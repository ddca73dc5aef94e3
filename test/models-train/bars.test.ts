// The tiny models reach their MODEL-ZOO.md bars fully: linear (median test MSE over 20 seeds ≤ 2×
// PyTorch's median), perceptron (100 % test), softmax (≥ scikit-learn LogisticRegression()).
// The reference figures come from ../shared; without it these tests skip loudly.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { privateModelCache } from "../helpers/private-cache.ts";
import { sharedFile } from "../helpers/shared.ts";
import { measure } from "../../models/quality.ts";
import { ModelCache } from "../../models/cache.ts";

const text = sharedFile("reference/pytorch.json");
const ref = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
const dir = privateModelCache(test, "tp-bars-");

for (const id of ["linear", "perceptron", "softmax"]) {
  test(`${id} meets its bar`, async () => {
    if (!ref) return console.warn(`SKIPPED: ${id} bar (no ../shared/reference/pytorch.json)`);
    const r = await measure(id, ref, { quiet: true });
    console.log(`  ${id}: ours ${r.ours.toPrecision(4)} (${r.reference.summary} over ${r.seeds} seed${r.seeds > 1 ? "s" : ""}), ${r.reference.what} ${r.reference.figure.toPrecision(4)}, bar ${r.reference.higherIsBetter ? "≥" : "≤"} ${r.reference.bar.toPrecision(4)}`);
    assert.ok(r.pass, `${id}: ${r.ours} vs bar ${r.reference.bar}`);
    if (id === "linear") {
      assert.is(r.seeds, 20);
      // Started from PyTorch's own initial draws (init "torch"), the core's SGD lands on PyTorch's figures.
      const torch = ((ref.linear as Record<string, unknown>).test_mse as { values: number[] }).values;
      r.values.forEach((v, k) => assert.ok(Math.abs(v - torch[k]) <= 1e-4 * Math.max(1, torch[k]), `seed ${k}: ${v} vs PyTorch ${torch[k]}`));
    }
  });
}

test("the seeds were trained into the private cache", () => {
  assert.ok(new ModelCache(dir).keys("linear.seed19").length === (ref ? 1 : 0));
});

test.run();
