// The decoder-only transformer LM (spec sizes: d 128, 4 heads, 2 blocks, ff 512, context 64; a small
// vocabulary): logits and per-block attention weights vs the core, on 100 random sequences.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Generator, noGrad } from "../../core/src/index.ts";
import { exportOnnx, type Precision } from "../../models/onnx/export.ts";
import { runOnnx } from "../../models/onnx/ort.ts";
import { argmaxAgreement, confidentAgreement, floats, i64, maxAbsDiff, randomInts, TransformerRef } from "./ref.ts";

const V = 300;
const arch = { family: "transformer-lm" as const, d: 128, heads: 4, blocks: 2, ff: 512, context: 64 };
const N = 100;

test("transformer-lm: logits [N,T,V] and attn_b [N,heads,T,T] match the core at full context (fp32 ≤ 1e-4)", async () => {
  const model = new TransformerRef(V, arch.d, arch.heads, arch.blocks, arch.ff, arch.context, new Generator(41));
  const T = arch.context;
  const tokens = randomInts(new Generator(42), N * T, V);
  const ref = noGrad(() => {
    const r = model.forward(tokens, N, T);
    return { logits: r.logits.toFloat32Array(), attn: r.attn.map((a) => a.toFloat32Array()) };
  });
  const sd = model.stateDict();
  const report: string[] = [];
  for (const precision of ["fp32", "fp16", "int8"] as Precision[]) {
    const [g] = exportOnnx(arch, sd, { precision });
    if (precision === "fp32") {
      assert.equal(g.outputs.map((o) => [o.name, o.shape]), [["logits", ["N", "T", V]], ["attn_0", ["N", 4, "T", "T"]], ["attn_1", ["N", 4, "T", "T"]]]);
    }
    const out = await runOnnx(g.bytes, { tokens: i64(tokens, [N, T]) });
    assert.equal(out.attn_0.dims, [N, 4, T, T]);
    const d = maxAbsDiff(ref.logits, floats(out.logits));
    const da = Math.max(maxAbsDiff(ref.attn[0], floats(out.attn_0)), maxAbsDiff(ref.attn[1], floats(out.attn_1)));
    const agree = argmaxAgreement(ref.logits, floats(out.logits), V);
    const conf = confidentAgreement(ref.logits, floats(out.logits), V, 0.02);
    report.push(`${precision} ${g.bytes.length} B logits ${d.toExponential(2)} attn ${da.toExponential(2)} argmax ${agree.toFixed(4)} (gap ≥ 0.02: ${conf.agree.toFixed(4)} of ${conf.share.toFixed(2)})`);
    if (precision === "fp32") assert.ok(d <= 1e-4 && da <= 1e-4 && agree === 1, report.at(-1));
    else if (precision === "fp16") assert.ok(agree >= 0.99 && d <= 1e-2, report.at(-1));
    else assert.ok(conf.share * N * T >= 50 && conf.agree >= 0.99 && d <= 0.1, report.at(-1));
  }
  console.log(`  transformer: ${report.join(" | ")}`);
  // The attention rows are causal distributions: zero above the diagonal, summing to one.
  const [g] = exportOnnx(arch, sd);
  const out = await runOnnx(g.bytes, { tokens: i64(tokens.slice(0, 2 * T), [2, T]) });
  const a = floats(out.attn_1);
  let worstSum = 0;
  let future = 0;
  for (let r = 0; r < 2 * 4 * T; r++) {
    const i = r % T;
    let s = 0;
    for (let j = 0; j < T; j++) {
      s += a[r * T + j];
      if (j > i) future = Math.max(future, a[r * T + j]);
    }
    worstSum = Math.max(worstSum, Math.abs(s - 1));
  }
  assert.ok(worstSum < 1e-5 && future === 0, `row sums ${worstSum}, future weight ${future}`);
});

test("transformer-lm: shorter sequences (T < context) slice the mask and positions; a prefix's logits do not see the future", async () => {
  const model = new TransformerRef(V, arch.d, arch.heads, arch.blocks, arch.ff, arch.context, new Generator(43));
  const T = 9;
  const tokens = randomInts(new Generator(44), 4 * T, V);
  const ref = noGrad(() => model.forward(tokens, 4, T).logits.toFloat32Array());
  const [g] = exportOnnx(arch, model.stateDict());
  const out = await runOnnx(g.bytes, { tokens: i64(tokens, [4, T]) });
  assert.equal(out.logits.dims, [4, T, V]);
  assert.ok(maxAbsDiff(ref, floats(out.logits)) <= 1e-4);
  const prefix = await runOnnx(g.bytes, { tokens: i64(tokens.slice(0, 5), [1, 5]) });
  assert.ok(maxAbsDiff(floats(prefix.logits), floats(out.logits).subarray(0, 5 * V)) <= 1e-5);
});

test.run();
