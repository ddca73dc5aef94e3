// A site that uses models gets _site/models/: ONNX files, training logs and a manifest that names them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { privateModelCache } from "../helpers/private-cache.ts";
import { buildSite } from "../helpers/site.ts";
import { findModelUses } from "../../plugins/models.ts";
import { runOnnx } from "../../models/onnx/ort.ts";
import type { Manifest } from "../../models/publish.ts";

// A private cache, so the test trains (tiny models) and never reads a developer's cache.
privateModelCache(test);

test("demo tags and fences are found with file and line", () => {
  const dir = mkdtempSync(join(tmpdir(), "tensorpost-uses-"));
  const write = (name: string, text: string) => {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  };
  write("a.md", 'x\n{% demo "mlp" %}\n\n```demo cnn\n```\n');
  write("sub/b.md", "{%- demo 'ngram' -%}\n{% raw %}\n{% demo \"shown-not-used\" %}\n{% endraw %}\n");
  const uses = findModelUses(dir).map((u) => [u.id, u.line, u.file.endsWith("b.md") ? "b" : "a"]);
  assert.equal(uses, [["mlp", 2, "a"], ["cnn", 4, "a"], ["ngram", 1, "b"]]);
});

test("a site publishes its models: manifest, ONNX that runs, logs; a second build trains nothing", async () => {
  const files = { "2024-01-01-a.md": "---\ntitle: A\n---\n\nx\n" };
  const site = await buildSite(files, { models: ["linear", "softmax"] });
  assert.is(site.error, undefined, String(site.error));
  const manifest = JSON.parse(site.read("models/manifest.json")) as Manifest;
  assert.equal(manifest.models.map((m) => m.id), ["linear", "softmax"]);
  for (const m of manifest.models) {
    assert.ok(Number.isFinite(m.metric.value), `${m.id} metric`);
    for (const f of m.files) {
      const bytes = readFileSync(join(site.out, "models", f.file));
      assert.is(bytes.length, f.bytes);
      assert.is(createHash("sha256").update(bytes).digest("hex"), f.sha256);
    }
    const log = JSON.parse(site.read(`models/${m.log}`)) as { log: unknown[] };
    assert.ok(log.log.length > 0, "training log has entries");
  }
  const softmax = manifest.models.find((m) => m.id === "softmax")!;
  assert.ok(softmax.metric.value >= 0.9, `softmax accuracy ${softmax.metric.value}`);
  const file = softmax.files[0];
  const input = file.inputs[0];
  const out = await runOnnx(readFileSync(join(site.out, "models", file.file)), {
    [input.name]: { dtype: "float32", data: new Float32Array([5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3]), dims: [2, 4] },
  });
  const logits = Object.values(out)[0].data as Float32Array;
  assert.is(logits.length, 6);
  const argmax = (a: number[]) => a.indexOf(Math.max(...a));
  assert.is(argmax([...logits.slice(0, 3)]), 0, "a setosa flower is class 0");
  assert.is(argmax([...logits.slice(3, 6)]), 2, "a virginica flower is class 2");

  // The second build reads the cache: its entries are not rewritten.
  const cacheDir = process.env.TENSORPOST_CACHE_DIR ?? "";
  const stamps = () => readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => `${e.name}@${statSync(join(e.parentPath, e.name)).mtimeMs}`).sort();
  const before = stamps();
  assert.ok(before.some((s) => s.startsWith("weights.bin")), "the cache holds the trained weights");
  const again = await buildSite(files, { models: ["linear", "softmax"] });
  assert.equal(stamps(), before);
  assert.is(again.read("models/manifest.json"), site.read("models/manifest.json"), "same manifest from the cache");
});

test("budgets: a model without a quick budget trains and records parity; a bad TENSORPOST_MODEL_BUDGET is a build error", async () => {
  const files = { "2024-01-03-c.md": "---\ntitle: C\n---\n\nx\n" };
  const site = await buildSite(files, { models: ["softmax"], modelBudget: { default: "quick" } });
  assert.is(site.error, undefined, String(site.error));
  const manifest = JSON.parse(site.read("models/manifest.json")) as Manifest;
  assert.equal(manifest.models.map((m) => [m.id, m.format, m.budget]), [["softmax", "onnx", "parity"]]);
  assert.is((JSON.parse(site.read("models/softmax.log.json")) as { budget: string }).budget, "parity");
  process.env.TENSORPOST_MODEL_BUDGET = "fast";
  try {
    const bad = await buildSite(files, { models: ["softmax"] });
    assert.match(bad.logs.join("\n"), /TENSORPOST_MODEL_BUDGET: "fast": expected quick, parity or full/);
  } finally {
    delete process.env.TENSORPOST_MODEL_BUDGET;
  }
});

test("an unknown model in a demo is an error naming the post and line", async () => {
  const site = await buildSite({ "2024-01-02-b.md": "---\ntitle: B\n---\n\nText.\n\n```demo nope\n```\n" });
  assert.match(site.logs.join("\n"), /2024-01-02-b\.md:7: error: \[demo\] unknown model "nope"/);
});

test.run();
