// char-rnn (RNN/LSTM/GRU, 2 layers, state in/out), the BiLSTM tagger and the LSTM sequence classifier:
// core vs ONNX's own recurrent ops in onnxruntime-web, on 100 random sequences each.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Generator, noGrad, tensor, type Tensor } from "../../core/src/index.ts";
import { exportOnnx, type Precision } from "../../models/onnx/export.ts";
import { runOnnx } from "../../models/onnx/ort.ts";
import { argmaxAgreement, CharRnnRef, confidentAgreement, ClassifierRef, f32, floats, i32, i64, maxAbsDiff, randomFloats, randomInts, TaggerRef } from "./ref.ts";

const N = 100;
const T = 12;
const V = 3001;
const E = 64;
const H = 128;
const L = 2;
/**
 * int8 argmax agreement is judged on the positions where the fp32 top-two gap is at least this (at
 * least 50 of them): untrained models have many near-ties that any rounding flips (see confidentAgreement).
 */
const MARGIN = 0.02;

for (const cell of ["rnn", "lstm", "gru"] as const) {
  test(`char-rnn ${cell}, 2 layers: logits [N,T,V] and state in/out match the core (fp32 ≤ 1e-4; fp16/int8 argmax)`, async () => {
    const model = new CharRnnRef(cell, V, E, H, L, new Generator(11));
    const rng = new Generator(12);
    const tokens = randomInts(rng, N * T, V);
    const h0 = randomFloats(rng, L * N * H, -0.5, 0.5);
    const c0 = randomFloats(rng, L * N * H, -0.5, 0.5);
    const ref = noGrad(() => {
      const r = model.forward(tokens, N, T, tensor(h0, [L, N, H]), cell === "lstm" ? tensor(c0, [L, N, H]) : null);
      return { logits: r.logits.toFloat32Array(), h: r.h.toFloat32Array(), c: r.c?.toFloat32Array() ?? null };
    });
    const arch = { family: "char-rnn" as const, cell, embed: E, hidden: H, layers: L };
    const sd = model.stateDict();
    const feeds = { tokens: i64(tokens, [N, T]), h0: f32(h0, [L, N, H]), ...(cell === "lstm" ? { c0: f32(c0, [L, N, H]) } : {}) };
    const report: string[] = [];
    for (const precision of ["fp32", "fp16", "int8"] as Precision[]) {
      const [g] = exportOnnx(arch, sd, { precision });
      if (precision === "fp32") {
        assert.equal(g.inputs.map((i) => i.name), cell === "lstm" ? ["tokens", "h0", "c0"] : ["tokens", "h0"]);
        assert.equal(g.outputs.map((o) => o.name), cell === "lstm" ? ["logits", "h", "c"] : ["logits", "h"]);
      }
      const out = await runOnnx(g.bytes, feeds);
      assert.equal(out.logits.dims, [N, T, V]);
      assert.equal(out.h.dims, [L, N, H]);
      const d = maxAbsDiff(ref.logits, floats(out.logits));
      const dh = maxAbsDiff(ref.h, floats(out.h));
      const dc = ref.c ? maxAbsDiff(ref.c, floats(out.c)) : 0;
      const agree = argmaxAgreement(ref.logits, floats(out.logits), V);
      const conf = confidentAgreement(ref.logits, floats(out.logits), V, MARGIN);
      report.push(`${precision} ${g.bytes.length} B logits ${d.toExponential(2)} h ${dh.toExponential(2)} c ${dc.toExponential(2)} argmax ${agree.toFixed(4)} (gap ≥ ${MARGIN}: ${conf.agree.toFixed(4)} of ${conf.share.toFixed(2)})`);
      if (precision === "fp32") {
        assert.ok(d <= 1e-4 && dh <= 1e-4 && dc <= 1e-4, `fp32 ${report.at(-1)}`);
        assert.is(agree, 1);
      } else if (precision === "fp16") {
        assert.ok(agree >= 0.99 && d <= 1e-3, `${precision}: ${report.at(-1)}`);
      } else {
        assert.ok(conf.share * N * T >= 50 && conf.agree >= 0.99 && d <= 0.05, `${precision}: ${report.at(-1)}`);
      }
    }
    console.log(`  ${cell}: ${report.join(" | ")}`);
  });
}

test("char-rnn lstm: feeding the returned state back continues the sequence (token-by-token generation)", async () => {
  const model = new CharRnnRef("lstm", 50, 16, 32, 2, new Generator(13));
  const [g] = exportOnnx({ family: "char-rnn", cell: "lstm", embed: 16, hidden: 32, layers: 2 }, model.stateDict());
  const tokens = randomInts(new Generator(14), 6, 50);
  const zeros = new Float32Array(2 * 32);
  const whole = await runOnnx(g.bytes, { tokens: i64(tokens, [1, 6]), h0: f32(zeros, [2, 1, 32]), c0: f32(zeros, [2, 1, 32]) });
  let h: Float32Array = zeros;
  let c: Float32Array = zeros;
  let last: Float32Array = new Float32Array(0);
  for (const t of tokens) {
    const r = await runOnnx(g.bytes, { tokens: i64([t], [1, 1]), h0: f32(h, [2, 1, 32]), c0: f32(c, [2, 1, 32]) });
    h = floats(r.h);
    c = floats(r.c);
    last = floats(r.logits);
  }
  assert.ok(maxAbsDiff(last, floats(whole.logits).subarray(5 * 50)) <= 1e-5);
  assert.ok(maxAbsDiff(h, floats(whole.h)) <= 1e-5);
});

/** Random lengths in [lo, hi], tokens padded with id 0 to hi. */
function paddedBatch(rng: Generator, vocab: number, lo: number, hi: number) {
  const lengths = Array.from({ length: N }, () => lo + rng.int(hi - lo + 1));
  const tokens = new Array<number>(N * hi).fill(0);
  lengths.forEach((len, n) => {
    for (let t = 0; t < len; t++) tokens[n * hi + t] = 1 + rng.int(vocab - 1);
  });
  return { lengths, tokens };
}

/** Run `fn` on each group of equal-length sequences (unpadded), scattering rows back in batch order. */
function byLength(lengths: number[], tokens: number[], Tmax: number, fn: (toks: number[], n: number, len: number) => Tensor): Map<number, { rows: number[]; out: Float32Array }> {
  const groups = new Map<number, number[]>();
  lengths.forEach((len, n) => groups.set(len, [...(groups.get(len) ?? []), n]));
  const res = new Map<number, { rows: number[]; out: Float32Array }>();
  for (const [len, rows] of groups) {
    const toks = rows.flatMap((n) => tokens.slice(n * Tmax, n * Tmax + len));
    res.set(len, { rows, out: noGrad(() => fn(toks, rows.length, len).toFloat32Array()) });
  }
  return res;
}

test("bilstm tagger with a lengths input: logits [N,T,tags] at real positions match the core run unpadded", async () => {
  const Vw = 2000;
  const tags = 105;
  const Tmax = 20;
  const model = new TaggerRef(Vw, 64, 64, tags, new Generator(21));
  const { lengths, tokens } = paddedBatch(new Generator(22), Vw, 3, Tmax);
  const arch = { family: "tagger" as const, embed: 64, hidden: 64, minCount: 2 };
  const ref = byLength(lengths, tokens, Tmax, (t, n, len) => model.forward(t, n, len));
  const report: string[] = [];
  for (const precision of ["fp32", "fp16", "int8"] as Precision[]) {
    const [g] = exportOnnx(arch, model.stateDict(), { precision });
    const out = await runOnnx(g.bytes, { tokens: i64(tokens, [N, Tmax]), lengths: i32(lengths, [N]) });
    assert.equal(out.logits.dims, [N, Tmax, tags]);
    const o = floats(out.logits);
    let d = 0;
    let agree = 0;
    let count = 0;
    let confAgree = 0;
    let confCount = 0;
    for (const [len, { rows, out: r }] of ref) {
      rows.forEach((n, k) => {
        const a = r.subarray(k * len * tags, (k + 1) * len * tags);
        const b = o.subarray(n * Tmax * tags, n * Tmax * tags + len * tags);
        d = Math.max(d, maxAbsDiff(a, b));
        agree += argmaxAgreement(a, b, tags) * len;
        const cf = confidentAgreement(a, b, tags, MARGIN);
        confAgree += cf.agree * cf.share * len;
        confCount += cf.share * len;
        count += len;
      });
    }
    report.push(`${precision} ${g.bytes.length} B diff ${d.toExponential(2)} argmax ${(agree / count).toFixed(4)} (gap ≥ ${MARGIN}: ${(confAgree / confCount).toFixed(4)} of ${(confCount / count).toFixed(2)})`);
    if (precision === "fp32") assert.ok(d <= 1e-4 && agree === count, report.at(-1));
    else if (precision === "fp16") assert.ok(agree / count >= 0.99 && d <= 1e-3, report.at(-1));
    else assert.ok(confCount >= 50 && confAgree / confCount >= 0.99 && d <= 0.05, report.at(-1));
  }
  console.log(`  bilstm: ${report.join(" | ")}`);
});

test("seq-classifier: lengths select the state after each sequence's last real token", async () => {
  const Vc = 3001;
  const Tmax = 64;
  const model = new ClassifierRef(Vc, 64, 128, 2, new Generator(31));
  const { lengths, tokens } = paddedBatch(new Generator(32), Vc, 5, Tmax);
  const arch = { family: "seq-classifier" as const, embed: 64, hidden: 128, classes: 2, maxLength: 64 };
  const ref = byLength(lengths, tokens, Tmax, (t, n, len) => model.forward(t, n, len));
  const refRows = new Float32Array(N * 2);
  for (const { rows, out } of ref.values()) rows.forEach((n, k) => refRows.set(out.subarray(k * 2, k * 2 + 2), n * 2));
  const report: string[] = [];
  for (const precision of ["fp32", "fp16", "int8"] as Precision[]) {
    const [g] = exportOnnx(arch, model.stateDict(), { precision });
    const out = await runOnnx(g.bytes, { tokens: i64(tokens, [N, Tmax]), lengths: i32(lengths, [N]) });
    assert.equal(out.logits.dims, [N, 2]);
    const d = maxAbsDiff(refRows, floats(out.logits));
    const agree = argmaxAgreement(refRows, floats(out.logits), 2);
    report.push(`${precision} ${g.bytes.length} B diff ${d.toExponential(2)} argmax ${agree}`);
    if (precision === "fp32") assert.ok(d <= 1e-4 && agree === 1, report.at(-1));
    else assert.ok(agree >= 0.99 && d <= (precision === "fp16" ? 1e-3 : 0.05), report.at(-1));
  }
  console.log(`  classify: ${report.join(" | ")}`);
  // Padding must matter: the same tokens read to the full padded length give different logits.
  const full = noGrad(() => model.forward(tokens, N, Tmax).toFloat32Array());
  assert.ok(maxAbsDiff(full, refRows) > 1e-3, "lengths change the result");
});

test.run();
