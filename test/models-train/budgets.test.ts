// Which budget each published model trains: the site's modelBudget option, per model, with
// TENSORPOST_MODEL_BUDGET (CI) on top.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { budgetFor, budgetFromEnv, mergeBudgets, trainingRequests } from "../../models/publish.ts";

test("budgetFor: one budget, per model with a default, parity when unset", () => {
  assert.is(budgetFor("lstm", undefined), "parity");
  assert.is(budgetFor("lstm", "quick"), "quick");
  assert.is(budgetFor("lstm", { default: "quick", mlp: "parity" }), "quick");
  assert.is(budgetFor("mlp", { default: "quick", mlp: "parity" }), "parity");
  assert.is(budgetFor("cnn", { lstm: "full" }), "parity");
});

test("TENSORPOST_MODEL_BUDGET: a default and id=budget pairs; bad values name themselves", () => {
  assert.is(budgetFromEnv(undefined), undefined);
  assert.is(budgetFromEnv(" "), undefined);
  assert.equal(budgetFromEnv("quick"), { default: "quick" });
  assert.equal(budgetFromEnv("quick, lstm=parity"), { default: "quick", lstm: "parity" });
  assert.throws(() => budgetFromEnv("fast"), /TENSORPOST_MODEL_BUDGET: "fast": expected quick, parity or full/);
  assert.throws(() => budgetFromEnv("nope=quick"), /unknown model "nope"/);
});

test("the environment overrides the option: its default replaces the option's per-model choices", () => {
  assert.is(mergeBudgets("parity", undefined), "parity");
  assert.equal(mergeBudgets("parity", { default: "quick" }), { default: "quick" });
  assert.equal(mergeBudgets({ default: "parity", lstm: "full" }, { default: "quick" }), { default: "quick" });
  assert.equal(mergeBudgets({ default: "parity", lstm: "full" }, { rnn: "quick" }), { default: "parity", lstm: "full", rnn: "quick" });
  assert.is(budgetFor("lstm", mergeBudgets("full", { default: "quick", lstm: "parity" })), "parity");
});

test("a model published at full also needs its parity run (the figures compared with PyTorch); others need one run", () => {
  assert.equal(trainingRequests(["lstm", "mlp", "rnn"], { default: "full", rnn: "quick" }), [
    { id: "lstm", budget: "full" },
    { id: "lstm", budget: "parity" },
    { id: "mlp", budget: "full" }, // no full budget in its spec: trains parity once
    { id: "rnn", budget: "quick" },
  ]);
  assert.equal(trainingRequests(["lstm"], "parity"), [{ id: "lstm", budget: "parity" }]);
});

test.run();
