// Every spec of models/specs exported from the module its family builds (the real classes, seeded,
// untrained) and run in onnxruntime-web against the family's own forward, on 100 inputs each:
// fp32 within 1e-4. This is what keeps the exporter and the families' parameter names in step.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Generator, noGrad, tensor } from "../../core/src/index.ts";
import { exportOnnx } from "../../models/onnx/export.ts";
import { runOnnx } from "../../models/onnx/ort.ts";
import { SPECS } from "../../models/specs/index.ts";
import { buildSequential } from "../../models/families/sequential.ts";
import { Perceptron } from "../../models/families/perceptron.ts";
import { CharRNN } from "../../models/families/char-rnn.ts";
import { TransformerLM } from "../../models/families/transformer-lm.ts";
import { SeqClassifier } from "../../models/families/seq-classifier.ts";
import { Tagger } from "../../models/families/tagger.ts";
import { Seq2Seq, SRC_VOCAB, TGT_VOCAB } from "../../models/families/seq2seq.ts";
import { f32, floats, i32, i64, maxAbsDiff, randomFloats, randomInts } from "./ref.ts";

const N = 100;
const TANG_VOCAB = 3001;
const diffs: string[] = [];

function check(id: string, d: number) {
  diffs.push(`${id} ${d.toExponential(2)}`);
  assert.ok(d <= 1e-4, `${id}: max |diff| ${d}`);
}

/** Lengths in [lo, hi] and 0-padded id rows of width hi (ids 1 … vocab−1). */
function padded(rng: Generator, vocab: number, lo: number, hi: number) {
  const seqs = Array.from({ length: N }, () => Int32Array.from({ length: lo + rng.int(hi - lo + 1) }, () => 1 + rng.int(vocab - 1)));
  const ids = new Array<number>(N * hi).fill(0);
  seqs.forEach((s, n) => s.forEach((v, t) => (ids[n * hi + t] = v)));
  return { seqs, ids, lengths: seqs.map((s) => s.length) };
}

test("every spec has an exporter, and the sequential specs match their family's module", async () => {
  for (const spec of Object.values(SPECS)) {
    assert.ok(["sequential", "perceptron", "char-rnn", "transformer-lm", "seq-classifier", "tagger", "seq2seq", "spell"].includes(spec.architecture.family), spec.id);
    if (spec.architecture.family !== "sequential") continue;
    const model = buildSequential(spec, new Generator(spec.seed));
    const shape = spec.architecture.input;
    const x = randomFloats(new Generator(1), N * shape.reduce((a, b) => a * b, 1));
    const ref = noGrad(() => model.forward(tensor(x, [N, ...shape])).toFloat32Array());
    const [g] = exportOnnx(spec.architecture, model.stateDict(), { name: spec.id });
    const out = await runOnnx(g.bytes, { input: f32(x, [N, ...shape]) });
    check(spec.id, maxAbsDiff(ref, floats(out.logits)));
  }
  assert.equal(exportOnnx(SPECS.mlp.architecture, buildSequential(SPECS.mlp, new Generator(0)).stateDict())[0].inputs[0].shape, ["N", 784]);
  assert.equal(exportOnnx(SPECS.cnn.architecture, buildSequential(SPECS.cnn, new Generator(0)).stateDict())[0].inputs[0].shape, ["N", 1, 28, 28]);
});

test("perceptron spec: the family's forward (scores) and predict (step)", async () => {
  const spec = SPECS.perceptron;
  assert.is(spec.architecture.family, "perceptron");
  if (spec.architecture.family !== "perceptron") return;
  const F = spec.architecture.features;
  const model = new Perceptron(F);
  const rng = new Generator(2);
  model.loadStateDict({ weight: { shape: [1, F], data: randomFloats(rng, F, -1, 1) }, bias: { shape: [1], data: [0.2] } });
  const x = randomFloats(rng, N * F, -2, 2);
  const ref = noGrad(() => model.forward(tensor(x, [N, F])).toFloat32Array());
  const [g] = exportOnnx(spec.architecture, model.stateDict());
  const out = await runOnnx(g.bytes, { input: f32(x, [N, F]) });
  check("perceptron", maxAbsDiff(ref, floats(out.score)));
  assert.equal(Array.from(floats(out.label)), Array.from({ length: N }, (_, i) => model.predict(x, i)));
});

for (const id of ["rnn", "lstm", "stacked", "transformer"] as const) {
  test(`${id} spec: the family's forwardIds vs ONNX logits (zero initial state)`, async () => {
    const spec = SPECS[id];
    const arch = spec.architecture;
    const model = arch.family === "char-rnn" ? new CharRNN(TANG_VOCAB, arch, new Generator(spec.seed)) : arch.family === "transformer-lm" ? new TransformerLM(TANG_VOCAB, arch, new Generator(spec.seed)) : null;
    if (!model) throw new Error(`${id}: unexpected family ${arch.family}`);
    const T = 8;
    const ids = randomInts(new Generator(3), N * T, TANG_VOCAB);
    const ref = noGrad(() => model.forwardIds(ids, N, T).toFloat32Array());
    const [g] = exportOnnx(arch, model.stateDict());
    const feeds: Record<string, ReturnType<typeof f32>> = { tokens: i64(ids, [N, T]) };
    if (arch.family === "char-rnn") {
      const zeros = new Float32Array(arch.layers * N * arch.hidden);
      feeds.h0 = f32(zeros, [arch.layers, N, arch.hidden]);
      if (arch.cell === "lstm") feeds.c0 = f32(zeros, [arch.layers, N, arch.hidden]);
    }
    const out = await runOnnx(g.bytes, feeds);
    check(id, maxAbsDiff(ref, floats(out.logits)));
  });
}

test("classify spec: the family's forwardSeqs on poems of different lengths vs ONNX with lengths", async () => {
  const spec = SPECS.classify;
  const arch = spec.architecture;
  if (arch.family !== "seq-classifier") throw new Error(arch.family);
  const model = new SeqClassifier(TANG_VOCAB, arch, new Generator(spec.seed));
  const { seqs, ids, lengths } = padded(new Generator(4), TANG_VOCAB, 4, arch.maxLength);
  const ref = noGrad(() => model.forwardSeqs(seqs).toFloat32Array());
  const [g] = exportOnnx(arch, model.stateDict());
  const out = await runOnnx(g.bytes, { tokens: i64(ids, [N, arch.maxLength]), lengths: i32(lengths, [N]) });
  check("classify", maxAbsDiff(ref, floats(out.logits)));
});

test("bilstm spec: the family's forwardSentences (packed semantics) vs ONNX with lengths", async () => {
  const spec = SPECS.bilstm;
  const arch = spec.architecture;
  if (arch.family !== "tagger") throw new Error(arch.family);
  const V = 5000;
  const tags = 105;
  const model = new Tagger(V, tags, arch, new Generator(spec.seed));
  const Tmax = 30;
  const { seqs, ids, lengths } = padded(new Generator(5), V, 2, Tmax);
  const ref = noGrad(() => model.forwardSentences(seqs).toFloat32Array()); // [N, Tmax, tags]
  const [g] = exportOnnx(arch, model.stateDict());
  const out = floats((await runOnnx(g.bytes, { tokens: i64(ids, [N, Tmax]), lengths: i32(lengths, [N]) })).logits);
  let d = 0;
  lengths.forEach((len, n) => (d = Math.max(d, maxAbsDiff(ref.subarray(n * Tmax * tags, (n * Tmax + len) * tags), out.subarray(n * Tmax * tags, (n * Tmax + len) * tags)))));
  check("bilstm", d);
});

test("seq2seq spec: the family's encode + step vs the encoder and decoder-step graphs", async () => {
  const spec = SPECS.seq2seq;
  const arch = spec.architecture;
  if (arch.family !== "seq2seq") throw new Error(arch.family);
  const model = new Seq2Seq(arch, new Generator(spec.seed));
  const S = 12;
  const { seqs, ids, lengths } = padded(new Generator(6), SRC_VOCAB, 1, S);
  const prev = randomInts(new Generator(7), N, TGT_VOCAB);
  const ref = noGrad(() => {
    const enc = model.encode(seqs);
    const r = model.step(enc, prev, enc.s0, enc.c0);
    return { s0: enc.s0.toFloat32Array(), logits: r.logits.toFloat32Array(), s: r.s.toFloat32Array(), weights: r.weights.toFloat32Array(), Smax: enc.mask.shape[1] };
  });
  const [enc, dec] = exportOnnx(arch, model.stateDict());
  const eo = await runOnnx(enc.bytes, { src: i64(ids, [N, S]), src_lengths: i32(lengths, [N]) });
  const H = arch.hidden;
  const feeds = { prev: i64(prev, [N]), h: f32(floats(eo.h), [1, N, H]), enc_out: f32(floats(eo.enc_out), [N, S, H]), src_lengths: i32(lengths, [N]), ...(eo.c ? { c: f32(floats(eo.c), [1, N, H]) } : {}) };
  const so = await runOnnx(dec.bytes, feeds);
  const attn = floats(so.attn);
  let dAttn = 0;
  for (let n = 0; n < N; n++) dAttn = Math.max(dAttn, maxAbsDiff(ref.weights.subarray(n * ref.Smax, n * ref.Smax + lengths[n]), attn.subarray(n * S, n * S + lengths[n])));
  check("seq2seq encoder h", maxAbsDiff(ref.s0, floats(eo.h)));
  check("seq2seq step logits", maxAbsDiff(ref.logits, floats(so.logits)));
  check("seq2seq step h", maxAbsDiff(ref.s, floats(so.h_out)));
  check("seq2seq attention", dAttn);
});

test.after(() => console.log(`  families, max |core − onnx|: ${diffs.join(", ")}`));

test.run();
