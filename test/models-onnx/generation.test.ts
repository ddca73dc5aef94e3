// Generation round trips, as a page runs them: greedy decoding token by token in onnxruntime-web
// (recurrent LMs: one token a run, the state fed back; transformer: the last ≤ context tokens a run)
// gives the same tokens as the core's own `generate` (models/families/generate.ts) on the family's
// module at the spec's sizes. The head is scaled up so the untrained models' logits have clear
// winners: the check is that the interfaces are used as documented, not that ties break alike.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Generator, type StateDict } from "../../core/src/index.ts";
import { exportOnnx } from "../../models/onnx/export.ts";
import { runOnnx } from "../../models/onnx/ort.ts";
import { SPECS } from "../../models/specs/index.ts";
import { CharRNN } from "../../models/families/char-rnn.ts";
import { TransformerLM } from "../../models/families/transformer-lm.ts";
import { generate } from "../../models/families/generate.ts";
import { f32, floats, i64 } from "./ref.ts";

const V = 500;
const STEPS = 24;
const PREFIX = [5, 17, 3, 99];

function argmax(a: ArrayLike<number>, from: number, n: number): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (a[from + i] > a[from + best]) best = i;
  return best;
}

/** The head's weights ×8: wider logit gaps, same argmax structure. */
function sharpen(sd: StateDict): StateDict {
  const w = sd["head.weight"];
  return { ...sd, "head.weight": { shape: w.shape, data: Float32Array.from(w.data, (x) => x * 8) } };
}

for (const id of ["rnn", "lstm", "stacked"] as const) {
  test(`${id}: ${STEPS} greedy steps in ORT (state in/out, one token a run) equal the core's generate`, async () => {
    const arch = SPECS[id].architecture;
    if (arch.family !== "char-rnn") throw new Error(`${id}: not a char-rnn spec`);
    const model = new CharRNN(V, arch, new Generator(7));
    model.loadStateDict(sharpen(model.stateDict()));
    const core = generate(model, PREFIX, { temperature: 0, steps: STEPS });
    const [g] = exportOnnx(arch, model.stateDict());
    const L = arch.layers;
    const H = arch.hidden;
    let h = new Float32Array(L * H);
    let c = new Float32Array(L * H);
    // The prefix in one run (T = its length), then one token a run with the returned state.
    let tokens = PREFIX;
    const out: number[] = [];
    while (out.length < STEPS) {
      const feeds = { tokens: i64(tokens, [1, tokens.length]), h0: f32(h, [L, 1, H]), ...(arch.cell === "lstm" ? { c0: f32(c, [L, 1, H]) } : {}) };
      const r = await runOnnx(g.bytes, feeds);
      const logits = floats(r.logits);
      const next = argmax(logits, (tokens.length - 1) * V, V);
      out.push(next);
      h = Float32Array.from(floats(r.h));
      if (arch.cell === "lstm") c = Float32Array.from(floats(r.c));
      tokens = [next];
    }
    assert.equal(out, core);
    assert.ok(new Set(out).size > 1 || out.length === 0, "the sequence is not one repeated token (a weak test otherwise)");
  });
}

test(`transformer: ${STEPS + 70} greedy steps in ORT (window of the last ≤ context tokens) equal the core's generate`, async () => {
  const arch = SPECS.transformer.architecture;
  if (arch.family !== "transformer-lm") throw new Error("transformer: not a transformer-lm spec");
  const model = new TransformerLM(V, arch, new Generator(8));
  model.loadStateDict(sharpen(model.stateDict()));
  // Past the context (64), so the sliding window is exercised.
  const steps = STEPS + 70;
  const core = generate(model, PREFIX, { temperature: 0, steps });
  const [g] = exportOnnx(arch, model.stateDict());
  const text = [...PREFIX];
  const attnShapes: number[][] = [];
  for (let s = 0; s < steps; s++) {
    const win = text.slice(-arch.context);
    const r = await runOnnx(g.bytes, { tokens: i64(win, [1, win.length]) });
    text.push(argmax(floats(r.logits), (win.length - 1) * V, V));
    if (s === steps - 1) for (let b = 0; b < arch.blocks; b++) attnShapes.push(r[`attn_${b}`].dims);
  }
  assert.equal(text.slice(PREFIX.length), core);
  assert.equal(attnShapes, Array.from({ length: arch.blocks }, () => [1, arch.heads, arch.context, arch.context]));
});

test.run();
