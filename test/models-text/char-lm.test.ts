import { test } from "uvu";
import * as assert from "uvu/assert";
import { Generator, zeros } from "../../core/src/index.ts";
import { CharRNN, bitsPerCharacter, charRnnFamily, drawWindows, type CharData, type CharLM } from "../../models/families/char-rnn.ts";
import { TransformerLM, transformerLmFamily } from "../../models/families/transformer-lm.ts";
import { generate, sampleLogits } from "../../models/families/generate.ts";
import type { ModelSpec } from "../../models/types.ts";
import { TEXT_SPECS } from "./specs.ts";
import { ends, trainFor } from "./train-helper.ts";

// A tiny corpus: V = 6 symbols in a repeating pattern with some noise, 4,000 characters.
function toyData(): CharData {
  const rng = new Generator(7);
  const pattern = [0, 1, 2, 3, 4, 5, 4, 3, 2, 1];
  const text = new Int32Array(4000);
  for (let i = 0; i < text.length; i++) text[i] = rng.random() < 0.05 ? rng.int(6) : pattern[i % pattern.length];
  return { vocabSize: 6, train: text.subarray(0, 3500), val: text.subarray(3500) };
}

// The spec at toy sizes (embed/hidden/d, batch 8, 17-character windows): the tests check learning on a synthetic text in seconds.
const small = (id: string, over: Partial<ModelSpec["training"]> = {}): ModelSpec => {
  const s = TEXT_SPECS[id];
  const a = s.architecture;
  const architecture = a.family === "char-rnn" ? { ...a, embed: 8, hidden: 16 } : a.family === "transformer-lm" ? { ...a, d: 16, heads: 4, ff: 32, context: 16 } : a;
  return { ...s, architecture, training: { ...s.training, batch: 8, window: 17, ...over } as ModelSpec["training"] };
};

test("drawWindows: targets are the inputs shifted by one, offsets cover 0 … len − window", () => {
  const text = Int32Array.from({ length: 70 }, (_, i) => i);
  const rng = new Generator(1);
  const seen = new Set<number>();
  for (let k = 0; k < 200; k++) {
    const b = drawWindows(text, 4, 65, rng);
    assert.is(b.T, 64);
    for (let j = 0; j < 4; j++) {
      const off = b.inputs[j * 64];
      seen.add(off);
      for (let t = 0; t < 64; t++) {
        assert.is(b.inputs[j * 64 + t], off + t);
        assert.is(b.targets[j * 64 + t], off + t + 1);
      }
    }
  }
  assert.equal([...seen].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5]);
});

test("bits per character: a uniform model gives log2(V); windows of 64, the last one shorter, every character but the first predicted once", () => {
  const V = 3001;
  const calls: [number, number][] = [];
  const uniform: CharLM = {
    vocabSize: V,
    context: 64,
    forwardIds: (_ids, B, T) => {
      calls.push([B, T]);
      return zeros([B, T, V]);
    },
  };
  const val = Int32Array.from({ length: 64 * 5 + 51 }, (_, i) => (i * 7) % V);
  const r = bitsPerCharacter(uniform, val, 64, 2);
  assert.is(r.predictions, 64 * 5 + 50);
  assert.ok(Math.abs(r.bpc - Math.log2(V)) < 1e-5, String(r.bpc));
  assert.equal(calls, [[2, 64], [2, 64], [1, 64], [1, 50]]);
});

test("bits per character: a model that knows the next character scores ~0 bits, and the state is reset per window", () => {
  // next = (cur + 1) mod V; the model is told nothing else, so resets cannot hurt it
  const V = 5;
  const oracle: CharLM = {
    vocabSize: V,
    context: 64,
    forwardIds: (ids, B, T) => {
      const buf = new Float32Array(B * T * V);
      for (let i = 0; i < B * T; i++) buf[i * V + ((ids[i] + 1) % V)] = 50;
      return zeros([B * T * V]).copyFrom(buf).reshape([B, T, V]);
    },
  };
  const val = Int32Array.from({ length: 200 }, (_, i) => i % V);
  assert.ok(bitsPerCharacter(oracle, val).bpc < 1e-6);
});

test("rnn and stacked lstm: 150 steps on a toy corpus, loss falls; the evaluator runs", () => {
  const data = toyData();
  for (const id of ["rnn", "stacked"]) {
    const spec = small(id);
    const { model, losses } = trainFor(charRnnFamily, spec, data, 150);
    const [first, last] = ends(losses);
    assert.ok(first > 1.6 && last < 0.6 * first, `${id}: ${first} → ${last}`);
    const m = charRnnFamily.evaluate(model, data, spec);
    assert.ok(m.bpc > 0 && m.bpc < Math.log2(6), `${id} bpc ${m.bpc}`);
    model.free();
  }
});

test("char-rnn: PyTorch parameter names; two layers for stacked", () => {
  const m = new CharRNN(10, { cell: "lstm", embed: 4, hidden: 8, layers: 2 }, new Generator(0));
  assert.equal(Object.keys(m.stateDict()), ["embedding.weight", "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1", "head.weight", "head.bias"]);
  m.free();
});

test("lstm: 100 steps on a toy corpus, loss falls", () => {
  const { model, losses } = trainFor(charRnnFamily, small("lstm"), toyData(), 100);
  const [first, last] = ends(losses);
  assert.ok(last < 0.75 * first, `${first} → ${last}`);
  model.free();
});

test("transformer: 150 steps on a toy corpus, loss falls; causal (later inputs do not change earlier logits)", () => {
  const data = toyData();
  const spec = small("transformer", { window: 17 });
  const { model, losses } = trainFor(transformerLmFamily, spec, data, 150);
  const [first, last] = ends(losses);
  assert.ok(last < 0.6 * first, `${first} → ${last}`);
  const lm = model as TransformerLM;
  const a = lm.forwardIds([0, 1, 2, 3, 4, 5], 1, 6).toFloat32Array();
  const b = lm.forwardIds([0, 1, 2, 5, 5, 5], 1, 6).toFloat32Array();
  for (let i = 0; i < 3 * 6; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-5);
  assert.ok(Math.abs(a[3 * 6] - b[3 * 6]) > 1e-6);
  const names = Object.keys(lm.stateDict());
  assert.ok(names.includes("blocks.1.attn.in_proj_weight") && names.includes("blocks.0.ff2.bias") && names.includes("pos.weight") && names.includes("ln_f.weight"));
  // generation from the trained model: ids in range, reproducible with the same seed
  const g1 = generate(lm, [0, 1, 2], { temperature: 0.8, topK: 3, steps: 20, rng: new Generator(5) });
  const g2 = generate(lm, [0, 1, 2], { temperature: 0.8, topK: 3, steps: 20, rng: new Generator(5) });
  assert.is(g1.length, 20);
  assert.equal(g1, g2);
  assert.ok(g1.every((x) => x >= 0 && x < 6));
  lm.free();
});

test("sampleLogits: temperature 0 and top-1 are argmax; top-k never leaves the k best", () => {
  const logits = [0.1, 2, -1, 1.5, 0];
  const rng = new Generator(3);
  assert.is(sampleLogits(logits, 0, 0, rng), 1);
  for (let i = 0; i < 50; i++) assert.is(sampleLogits(logits, 1, 1, rng), 1);
  for (let i = 0; i < 200; i++) assert.ok([1, 3].includes(sampleLogits(logits, 2, 2, rng)));
  const seen = new Set<number>();
  for (let i = 0; i < 500; i++) seen.add(sampleLogits(logits, 1, 0, rng));
  assert.is(seen.size, 5);
});

test.run();
