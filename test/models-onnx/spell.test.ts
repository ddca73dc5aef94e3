// spell (issue 7: one image in, letters out), exported as two graphs (encoder, one decoder step). The
// trained model (through the shared cache) on 100 test digits: the encoder's state, then greedy decoding
// one step at a time through onnxruntime-web beside the core, comparing logits and states at every step;
// the spelled names are the core's and, for most digits, the right ones. An untrained Elman-RNN decoder
// checks the other cell the exporter supports.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Generator, argmax, noGrad, tensor, type Tensor } from "../../core/src/index.ts";
import { loadMnist, MNIST_PIXELS } from "../../models/data/mnist.ts";
import { BOS, DIGIT_NAMES, EOS, Speller, spelled, VOCAB } from "../../models/families/spell.ts";
import { exportOnnx } from "../../models/onnx/export.ts";
import { runOnnx } from "../../models/onnx/ort.ts";
import { getSpec } from "../../models/specs/index.ts";
import { trainModel } from "../../models/train/run.ts";
import { f32, floats, i64, maxAbsDiff } from "./ref.ts";

const N = 100;

/** 100 test digits spread over the digit-major test split (all ten digits). */
function testDigits(): { x: Float32Array; y: number[] } {
  const { test } = loadMnist();
  const x = new Float32Array(N * MNIST_PIXELS);
  const y: number[] = [];
  for (let i = 0; i < N; i++) {
    const r = Math.floor((i * test.n) / N);
    x.set(test.x.subarray(r * MNIST_PIXELS, (r + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    y.push(test.y[r]);
  }
  return { x, y };
}

/** Greedy decoding through the core and through the two graphs side by side; the worst difference. */
async function decodeBoth(model: Speller, x: Float32Array): Promise<{ core: number[][]; onnx: number[][]; worst: number; steps: number }> {
  const spec = model.arch;
  const [enc, dec] = exportOnnx({ family: "spell", ...spec }, model.stateDict());
  assert.equal([enc.part, dec.part], ["encoder", "decoder-step"]);
  assert.equal(enc.inputs.map((i) => [i.name, i.shape]), [["image", ["N", 784]]]);
  const H = spec.hidden;
  const eo = await runOnnx(enc.bytes, { image: f32(x, [N, MNIST_PIXELS]) });
  assert.equal(eo.h.dims, [1, N, H]);
  let hCore: Tensor = noGrad(() => model.encode(tensor(x, [N, MNIST_PIXELS])));
  let worst = maxAbsDiff(hCore.toFloat32Array(), floats(eo.h));
  let hOnnx = floats(eo.h);
  let prevCore = new Array<number>(N).fill(BOS);
  let prevOnnx = prevCore.slice();
  const core: number[][] = Array.from({ length: N }, () => []);
  const onnx: number[][] = Array.from({ length: N }, () => []);
  let steps = 0;
  for (let t = 0; t < spec.maxOut; t++) {
    steps = t + 1;
    const r = noGrad(() => model.step(prevCore, hCore));
    const so = await runOnnx(dec.bytes, { prev: i64(prevOnnx, [N]), h: f32(hOnnx, [1, N, H]) });
    assert.equal(so.logits.dims, [N, VOCAB]);
    // Compared while both sides read the same previous tokens (they do as long as the choices agree).
    if (prevCore.every((p, i) => p === prevOnnx[i])) worst = Math.max(worst, maxAbsDiff(r.logits.toFloat32Array(), floats(so.logits)), maxAbsDiff(r.h.toFloat32Array(), floats(so.h_out)));
    prevCore = Array.from(noGrad(() => argmax(r.logits, -1).toInt32Array()));
    const lo = floats(so.logits);
    prevOnnx = Array.from({ length: N }, (_, n) => {
      let best = 0;
      for (let v = 1; v < VOCAB; v++) if (lo[n * VOCAB + v] > lo[n * VOCAB + best]) best = v;
      return best;
    });
    hCore = r.h;
    hOnnx = floats(so.h_out);
    for (let n = 0; n < N; n++) {
      if (core[n].at(-1) !== EOS) core[n].push(prevCore[n]);
      if (onnx[n].at(-1) !== EOS) onnx[n].push(prevOnnx[n]);
    }
    if (core.every((c) => c.at(-1) === EOS) && onnx.every((c) => c.at(-1) === EOS)) break;
  }
  return { core, onnx, worst, steps };
}

test("spell (trained): encoder and every decoder step match the core on 100 test digits (fp32 ≤ 1e-4); the names come out right", async () => {
  const spec = getSpec("spell");
  const m = await trainModel(spec, { budget: "parity" });
  if (spec.architecture.family !== "spell") throw new Error("spell spec has another family");
  const model = new Speller(spec.architecture, new Generator(0));
  model.loadStateDict(m.stateDict);
  model.eval();
  const { x, y } = testDigits();
  const r = await decodeBoth(model, x);
  assert.ok(r.worst <= 1e-4, `max |core − onnxruntime| ${r.worst}`);
  assert.equal(r.onnx, r.core, "greedy decoding through ONNX spells what the core spells");
  const right = r.onnx.filter((ids, n) => spelled(ids) === DIGIT_NAMES[y[n]] && ids.at(-1) === EOS).length;
  assert.ok(right >= 85, `${right} of ${N} test digits spelled right through ONNX`);
  // The core's own greedy decoding (batched) agrees with the step-by-step one.
  assert.equal(model.greedy(tensor(x, [N, MNIST_PIXELS])), r.core);
  console.log(`spell ONNX: ${r.steps} steps, max |diff| ${r.worst.toExponential(2)}, ${right}/${N} names right`);
});

test("spell with an Elman-RNN decoder (untrained): the same two graphs match the core", async () => {
  const model = new Speller({ cell: "rnn", embed: 8, hidden: 32, maxOut: 6 }, new Generator(7));
  const { x } = testDigits();
  const r = await decodeBoth(model, x);
  assert.ok(r.worst <= 1e-4, `max |core − onnxruntime| ${r.worst}`);
  assert.is(r.steps > 0, true);
});

test.run();
