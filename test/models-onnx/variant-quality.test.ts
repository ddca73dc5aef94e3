// Smaller weight variants are published only where onnxruntime-web, run on the whole test split, finds
// that they keep the quality (models/variant-quality.ts). Uses the mlp and linear of the model cache
// (trained on a miss: mlp ≈ 5 s CPU), and short bilstm and classify runs trained outside the cache.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { exportOnnx } from "../../models/onnx/export.ts";
import { publishModels } from "../../models/publish.ts";
import { getSpec } from "../../models/specs/index.ts";
import { trainModel } from "../../models/train/run.ts";
import type { ModelSpec } from "../../models/types.ts";
import { keepsQuality, onnxTestMetric, variantCheckable } from "../../models/variant-quality.ts";

const quiet = { say: () => {}, progress: false as const };

test("keepsQuality: the bar where fp32 meets it, else at most 1 % lost against fp32", () => {
  const acc = { bar: 0.92, higherIsBetter: true };
  assert.ok(keepsQuality(0.93, 0.925, acc));
  assert.not.ok(keepsQuality(0.93, 0.919, acc), "fp32 meets the bar, the variant falls under it");
  assert.ok(keepsQuality(0.9, 0.895, acc), "fp32 under the bar: 0.005 lost of 0.9 is under 1 %");
  assert.not.ok(keepsQuality(0.9, 0.88, acc));
  const mse = { bar: 0.35, higherIsBetter: false };
  assert.ok(keepsQuality(0.2, 0.34, mse));
  assert.not.ok(keepsQuality(0.2, 0.36, mse));
  assert.ok(keepsQuality(1.0, 1.009, mse), "fp32 over the bar: 0.9 % worse");
  assert.not.ok(keepsQuality(1.0, 1.02, mse));
  assert.not.ok(keepsQuality(0.93, Number.NaN, acc));
  assert.ok(keepsQuality(0.5, 0.5, undefined), "no reference: the 1 % rule");
});

test("only the one-pass families are checked (per example or per padded sequence)", () => {
  assert.ok(variantCheckable(getSpec("mlp")));
  assert.ok(variantCheckable(getSpec("perceptron")));
  assert.ok(variantCheckable(getSpec("bilstm")));
  assert.ok(variantCheckable(getSpec("classify")));
  assert.not.ok(variantCheckable(getSpec("lstm")));
  assert.not.ok(variantCheckable(getSpec("transformer")));
  assert.not.ok(variantCheckable(getSpec("seq2seq")));
});

/** A spec cut to a few steps (and the tagger to a slice of Brown), trained outside the cache: seconds. */
function short(id: string, steps: number, options?: Record<string, number>): ModelSpec {
  const spec = getSpec(id);
  return { ...spec, data: { ...spec.data, options: { ...spec.data.options, ...options } }, training: { ...spec.training, epochs: undefined, steps, evalEvery: steps } };
}

test("bilstm and classify: onnxruntime-web's metric over padded batches is the core's; int8 stays close", async () => {
  for (const [spec, name] of [[short("bilstm", 30, { trainSentences: 2000, testSentences: 600 }), "token-accuracy"], [short("classify", 40), "balanced-accuracy"]] as const) {
    const z = await trainModel(spec, { ...quiet, cache: false });
    const core = z.log.metrics[name];
    const [fp32] = exportOnnx(spec.architecture, z.stateDict, { name: spec.id });
    const [int8] = exportOnnx(spec.architecture, z.stateDict, { name: spec.id, precision: "int8" });
    const onnx = await onnxTestMetric(spec, fp32.bytes);
    assert.ok(Math.abs(onnx - core) <= 2e-3, `${spec.id}: onnx ${onnx} vs core ${core}`);
    assert.ok(core > 0.3, `${spec.id} learned something: ${core}`);
    const q = await onnxTestMetric(spec, int8.bytes);
    assert.ok(Math.abs(q - core) < 0.02, `${spec.id}: int8 ${q} vs fp32 ${core}`);
    assert.ok(int8.bytes.length * 3 < fp32.bytes.length, `${spec.id}: int8 ${int8.bytes.length} B, fp32 ${fp32.bytes.length} B`);
  }
});

test("mlp: onnxruntime-web's test accuracy of the fp32 file is the core's; int8 changes the logits, not the verdict", async () => {
  const spec = getSpec("mlp");
  const z = await trainModel(spec, quiet);
  const [fp32] = exportOnnx(spec.architecture, z.stateDict, { name: "mlp" });
  const [int8] = exportOnnx(spec.architecture, z.stateDict, { name: "mlp", precision: "int8" });
  const core = z.log.metrics.accuracy;
  assert.ok(Math.abs((await onnxTestMetric(spec, fp32.bytes)) - core) <= 1 / 5000, "one example at most may flip between engines");
  const q = await onnxTestMetric(spec, int8.bytes);
  assert.ok(Math.abs(q - core) < 0.01, `int8 ${q} vs fp32 ${core}`);
  assert.ok(int8.bytes.length * 3.5 < fp32.bytes.length, `int8 ${int8.bytes.length} B, fp32 ${fp32.bytes.length} B`);
});

test("publish: mlp gets its fp16 and int8 files with their measured metric; linear (two weights) gets none", async () => {
  const out = mkdtempSync(join(tmpdir(), "tp-variants-"));
  try {
    const m = await publishModels(["linear", "mlp"], { outDir: out, ...quiet });
    const mlp = m.models.find((e) => e.id === "mlp")!;
    assert.equal(mlp.files.map((f) => f.file).sort(), ["mlp.fp16.onnx", "mlp.int8.onnx", "mlp.onnx"]);
    const fp32 = mlp.files.find((f) => f.file === "mlp.onnx")!;
    for (const f of mlp.files.filter((x) => x.file !== "mlp.onnx")) {
      assert.ok("metric" in f && typeof f.metric === "number" && f.metric >= 0.9216, `${f.file}: ${JSON.stringify(f)}`);
      assert.ok(f.bytes < fp32.bytes, f.file);
      assert.is(readFileSync(join(out, f.file)).length, f.bytes);
    }
    assert.equal(m.models.find((e) => e.id === "linear")!.files.map((f) => f.file), ["linear.onnx"]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();
