// Spec validation: every zoo spec is valid; an unknown layer, a shape mismatch (linear after linear,
// conv → flatten size), a missing field fail with the spec file and the field path named.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SpecError, checkSpec, specProblems } from "../../models/spec-check.ts";
import { MODEL_IDS, SPECS, specFile } from "../../models/specs/index.ts";
import { ModelCache } from "../../models/cache.ts";
import { trainModel } from "../../models/train/run.ts";
import { variant } from "./helpers.ts";

function errorOf(spec: unknown, id: string): string {
  try {
    checkSpec(spec, specFile(id), id);
  } catch (e) {
    assert.instance(e, SpecError);
    return (e as Error).message;
  }
  assert.unreachable(`${id}: the spec was accepted`);
  return "";
}

test("the zoo has the 12 neural models of MODEL-ZOO.md, each valid", () => {
  assert.equal([...MODEL_IDS], ["linear", "perceptron", "softmax", "mlp", "cnn", "rnn", "lstm", "stacked", "transformer", "classify", "bilstm", "seq2seq"]);
  for (const id of MODEL_IDS) assert.equal(specProblems(SPECS[id], id), [], id);
});

test("unknown layer type: file, path and the known types", () => {
  const msg = errorOf(variant("mlp", (s) => ((s.architecture as { layers: unknown[] }).layers[1] = { type: "swish" })), "mlp");
  assert.match(msg, /^models\/specs\/mlp\.ts: architecture\.layers\[1\]\.type: unknown layer type "swish" \(known: linear, conv2d/);
});

test("linear in ≠ the previous layer's out", () => {
  const spec = variant("mlp", (s) => {
    const layers = (s.architecture as { layers: { in?: number }[] }).layers;
    layers[2].in = 400;
  });
  assert.is(errorOf(spec, "mlp"), "models/specs/mlp.ts: architecture.layers[2].in: expected 500 (output of layers[0]), got 400");
});

test("conv → flatten size mismatch, conv channels, missing flatten, wrong class count", () => {
  const cnn = (change: (layers: Record<string, unknown>[]) => void) =>
    variant("cnn", (s) => change((s.architecture as unknown as { layers: Record<string, unknown>[] }).layers));
  assert.is(errorOf(cnn((l) => (l[7].in = 256)), "cnn"), "models/specs/cnn.ts: architecture.layers[7].in: expected 400 (output of layers[6]), got 256");
  assert.is(errorOf(cnn((l) => (l[3].in = 4)), "cnn"), "models/specs/cnn.ts: architecture.layers[3].in: expected 6 (channels of the output of layers[2]), got 4");
  assert.match(errorOf(cnn((l) => l.splice(6, 1)), "cnn"), "models/specs/cnn.ts: architecture.layers[6]: linear needs a flat input, got [16, 5, 5] (output of layers[5])");
  assert.is(errorOf(cnn((l) => (l[11].out = 12)), "cnn"), "models/specs/cnn.ts: architecture.layers[11].out: expected 10 (mnist classes), got 12");
  assert.match(errorOf(cnn((l) => (l[0].kernel = 40)), "cnn"), "models/specs/cnn.ts: architecture.layers[0].kernel: a 40×40 kernel does not fit");
});

test("missing fields are named by their path", () => {
  const noLr = variant("mlp", (s) => delete (s.training.optimizer as { lr?: number }).lr);
  assert.is(errorOf(noLr, "mlp"), "models/specs/mlp.ts: training.optimizer.lr: missing field");
  const noSeed = variant("lstm", (s) => delete (s as { seed?: number }).seed);
  assert.is(errorOf(noSeed, "lstm"), "models/specs/lstm.ts: seed: missing field");
  const noHidden = variant("lstm", (s) => delete (s.architecture as { hidden?: number }).hidden);
  assert.is(errorOf(noHidden, "lstm"), "models/specs/lstm.ts: architecture.hidden: missing field");
  const noBudget = variant("softmax", (s) => delete s.training.steps);
  assert.is(errorOf(noBudget, "softmax"), "models/specs/softmax.ts: training.steps: missing field (a budget needs steps or epochs)");
  const noData = variant("cnn", (s) => delete (s as { data?: unknown }).data);
  assert.match(errorOf(noData, "cnn"), "models/specs/cnn.ts: data: missing field");
});

test("several problems are all listed, one line each", () => {
  const spec = variant("mlp", (s) => {
    s.training.optimizer.type = "rmsprop" as "adam";
    (s.architecture as { input: number[] }).input = [28, 28];
  });
  const lines = errorOf(spec, "mlp").split("\n");
  assert.ok(lines.length >= 2, lines.join("\n"));
  assert.ok(lines.every((l) => l.startsWith("models/specs/mlp.ts: ")));
  assert.ok(lines.some((l) => l.includes('training.optimizer.type: unknown optimizer "rmsprop"')));
  assert.ok(lines.some((l) => l.includes("architecture.input: expected [784] or [1, 28, 28] (mnist examples), got [28, 28]")));
});

test("the trainer refuses a bad spec before training, naming the file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tp-spec-"));
  try {
    const spec = variant("softmax", (s) => ((s.architecture as { layers: { out?: number }[] }).layers[0].out = 4));
    let msg = "";
    await trainModel(spec, { cache: new ModelCache(dir), progress: false, say: () => {} }).catch((e: Error) => (msg = e.message));
    assert.is(msg, "models/specs/softmax.ts: architecture.layers[0].out: expected 3 (iris classes), got 4");
    assert.equal(new ModelCache(dir).keys("softmax"), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
