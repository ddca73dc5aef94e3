// The cnn's extra ONNX output `conv1` (the digit demo's feature maps) is the first convolution + ReLU of
// the core's model, and the published contract (input [N,1,28,28], logits [N,10] first) is unchanged.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { getSpec } from "../../models/specs/index.ts";
import { Conv2d, Flatten, Generator, Linear, MaxPool2d, ReLU, Sequential, noGrad, tensor } from "../../core/src/index.ts";
import { exportOnnx } from "../../models/onnx/export.ts";
import { runOnnx } from "../../models/onnx/ort.ts";
import { randomFloats } from "../models-onnx/ref.ts";

test("cnn export: logits first, then conv1 [N,6,28,28] equal to the core's Conv2d+ReLU", async () => {
  const arch = getSpec("cnn").architecture;
  const generator = new Generator(3);
  const model = new Sequential(
    new Conv2d(1, 6, 5, { padding: 2, generator }), new ReLU(), new MaxPool2d(2),
    new Conv2d(6, 16, 5, { generator }), new ReLU(), new MaxPool2d(2), new Flatten(),
    new Linear(400, 120, { generator }), new ReLU(), new Linear(120, 84, { generator }), new ReLU(), new Linear(84, 10, { generator }),
  );
  const [g] = exportOnnx(arch, model.stateDict());
  assert.equal(g.inputs, [{ name: "input", shape: ["N", 1, 28, 28], dtype: "float32" }]);
  assert.equal(g.outputs.map((o) => [o.name, o.shape]), [["logits", ["N", 10]], ["conv1", ["N", 6, 28, 28]]]);
  const x = randomFloats(new Generator(9), 2 * 784);
  const first = new Sequential(new Conv2d(1, 6, 5, { padding: 2, generator: new Generator(0) }), new ReLU());
  first.loadStateDict({ "0.weight": model.stateDict()["0.weight"], "0.bias": model.stateDict()["0.bias"] });
  const ref = noGrad(() => first.forward(tensor(x, [2, 1, 28, 28])).toFloat32Array());
  const out = await runOnnx(g.bytes, { input: { dtype: "float32", data: x, dims: [2, 1, 28, 28] } });
  assert.equal(out.conv1.dims, [2, 6, 28, 28]);
  const maps = out.conv1.data as Float32Array;
  let diff = 0;
  for (let i = 0; i < ref.length; i++) diff = Math.max(diff, Math.abs(ref[i] - maps[i]));
  assert.ok(diff < 1e-5, `max |diff| ${diff}`);
  assert.ok(maps.every((v) => v >= 0), "after ReLU");
});

test("models without a convolution get no extra output", () => {
  const [g] = exportOnnx(getSpec("mlp").architecture, new Sequential(new Linear(784, 500), new ReLU(), new Linear(500, 10)).stateDict());
  assert.equal(g.outputs.map((o) => o.name), ["logits"]);
});

test.run();
