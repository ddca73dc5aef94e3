// The file format itself: IR version, opset and producer in the bytes, deterministic output, the
// recurrent weight conversion, float16 rounding, int8 per-channel quantisation, and named errors.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Generator, LSTM, Linear, ReLU, Sequential } from "../../core/src/index.ts";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportOnnx } from "../../models/onnx/export.ts";
import { writeOnnx } from "../../models/onnx/manifest.ts";
import { fromHalf, toHalf } from "../../models/onnx/graph.ts";
import { decodeModel, IR_VERSION, OPSET, PRODUCER } from "../../models/onnx/proto.ts";
import { quantizePerChannel } from "../../models/onnx/variants.ts";
import type { ArchitectureSpec } from "../../models/types.ts";
import { CharRnnRef, Seq2SeqRef, TransformerRef } from "./ref.ts";

const mlpArch: ArchitectureSpec = { family: "sequential", input: [20], layers: [{ type: "linear", in: 20, out: 16 }, { type: "relu" }, { type: "linear", in: 16, out: 10 }] };
const mlp = (seed: number) => {
  const generator = new Generator(seed);
  return new Sequential(new Linear(20, 16, { generator }), new ReLU(), new Linear(16, 10, { generator }));
};

test("ir_version 8, opset 17 of the default domain, producer tensorpost: read back from the bytes", () => {
  const [g] = exportOnnx(mlpArch, mlp(1).stateDict());
  const m = decodeModel(g.bytes);
  assert.is(m.ir_version, IR_VERSION);
  assert.is(IR_VERSION, 8);
  assert.equal(m.opset_import, [{ domain: "", version: 17 }]);
  assert.is(OPSET, 17);
  assert.is(m.producer_name, PRODUCER);
  assert.is(PRODUCER, "tensorpost");
  assert.equal(m.graph.node.map((n) => n.op_type), ["Gemm", "Relu", "Gemm", "Identity"]);
  const gemm = m.graph.node[0];
  assert.equal(gemm.attribute.map((a) => [a.name, a.i]), [["transB", 1]]);
  assert.equal(m.graph.input[0].type.tensor_type.shape.dim, [{ dim_param: "N" }, { dim_value: 20 }]);
  // The first bytes are field 1 (ir_version, varint) = 8: 0x08 0x08.
  assert.equal([g.bytes[0], g.bytes[1]], [0x08, 0x08]);
});

test("deterministic bytes: the same weights give identical files, different weights different ones", () => {
  for (const make of [
    () => exportOnnx(mlpArch, mlp(3).stateDict())[0].bytes,
    () => exportOnnx({ family: "char-rnn", cell: "lstm", embed: 8, hidden: 16, layers: 2 }, new CharRnnRef("lstm", 30, 8, 16, 2, new Generator(4)).stateDict(), { precision: "int8" })[0].bytes,
    () => exportOnnx({ family: "transformer-lm", d: 16, heads: 2, blocks: 1, ff: 32, context: 8 }, new TransformerRef(20, 16, 2, 1, 32, 8, new Generator(5)).stateDict(), { precision: "fp16" })[0].bytes,
  ]) {
    const a = make();
    const b = make();
    assert.ok(a.length > 0);
    assert.equal(Buffer.from(a).equals(Buffer.from(b)), true);
  }
  const x = exportOnnx(mlpArch, mlp(6).stateDict())[0].bytes;
  const y = exportOnnx(mlpArch, mlp(7).stateDict())[0].bytes;
  assert.equal(Buffer.from(x).equals(Buffer.from(y)), false);
});

test("LSTM weights are reordered from PyTorch's i,f,g,o to ONNX's i,o,f,c, biases Wb||Rb", () => {
  const H = 2;
  const lstm = new LSTM(3, H, { generator: new Generator(8) });
  const sd: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const [k, v] of Object.entries(lstm.stateDict())) sd[`rnn.${k}`] = v;
  sd["embedding.weight"] = { shape: [5, 3], data: new Float32Array(15) };
  sd["head.weight"] = { shape: [5, H], data: new Float32Array(10) };
  sd["head.bias"] = { shape: [5], data: new Float32Array(5) };
  const [g] = exportOnnx({ family: "char-rnn", cell: "lstm", embed: 3, hidden: H, layers: 1 }, sd);
  const m = decodeModel(g.bytes);
  const init = (name: string) => {
    const t = m.graph.initializer.find((i) => i.name === name)!;
    const raw = t.raw_data!;
    return { dims: t.dims, data: new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)) };
  };
  const W = init("rnn.l0.W");
  assert.equal(W.dims, [1, 4 * H, 3]);
  const wih = sd["rnn.weight_ih_l0"].data;
  const block = (d: Float32Array, b: number, cols: number) => Array.from(d.subarray(b * H * cols, (b + 1) * H * cols));
  // ONNX block 1 (o) is PyTorch block 3; ONNX block 2 (f) is PyTorch block 1; block 3 (c) is g (2).
  assert.equal(block(W.data, 0, 3), block(wih, 0, 3));
  assert.equal(block(W.data, 1, 3), block(wih, 3, 3));
  assert.equal(block(W.data, 2, 3), block(wih, 1, 3));
  assert.equal(block(W.data, 3, 3), block(wih, 2, 3));
  const B = init("rnn.l0.B");
  assert.equal(B.dims, [1, 8 * H]);
  assert.equal(block(B.data, 4 + 1, 1), block(sd["rnn.bias_hh_l0"].data, 3, 1));
  const node = m.graph.node.find((n) => n.op_type === "LSTM")!;
  assert.equal(node.attribute.map((a) => a.name).sort(), ["direction", "hidden_size"]);
});

test("GRU nodes use linear_before_reset=1 and gate order z,r,h", () => {
  const model = new Seq2SeqRef("gru", 6, 5, 4, 3, new Generator(9));
  const [enc] = exportOnnx({ family: "seq2seq", cell: "gru", embed: 4, hidden: 3, maxIn: 5, maxOut: 5 }, model.stateDict());
  const m = decodeModel(enc.bytes);
  const node = m.graph.node.find((n) => n.op_type === "GRU")!;
  assert.is(node.attribute.find((a) => a.name === "linear_before_reset")!.i, 1);
});

test("float16 conversion: exact values, rounding to nearest even, overflow, subnormals", () => {
  assert.is(toHalf(1), 0x3c00);
  assert.is(toHalf(-2), 0xc000);
  assert.is(toHalf(65504), 0x7bff);
  assert.is(toHalf(70000), 0x7c00);
  assert.is(toHalf(2 ** -24), 0x0001);
  assert.is(toHalf(1 + 2 ** -11), 0x3c00); // halfway: rounds to even
  assert.is(toHalf(1 + 3 * 2 ** -11), 0x3c02);
  const rng = new Generator(10);
  for (let i = 0; i < 1000; i++) {
    const x = rng.uniform(-4, 4);
    assert.ok(Math.abs(fromHalf(toHalf(x)) - x) <= Math.abs(x) * 2 ** -11 + 1e-7);
  }
});

test("int8 per-channel quantisation: per-row scales, |error| ≤ scale/2, zero rows safe", () => {
  const data = new Float32Array([1, -0.5, 0.25, 10, 20, -40, 0, 0, 0]);
  const { q, scales } = quantizePerChannel(data, [3, 3], 0);
  assert.equal(Array.from(scales), [1 / 127, 40 / 127, 1].map((s) => Math.fround(s)));
  assert.equal(Array.from(q.subarray(0, 3)), [127, -64, 32]);
  assert.is(q[5], -127);
  data.forEach((v, i) => assert.ok(Math.abs(q[i] * scales[Math.floor(i / 3)] - v) <= scales[Math.floor(i / 3)] / 2 + 1e-6));
});

test("errors name the missing parameter, the bad shape and the unknown family", () => {
  const sd = mlp(11).stateDict();
  delete sd["2.bias"];
  assert.throws(() => exportOnnx(mlpArch, sd), /no "2\.bias"/);
  const bad: ArchitectureSpec = { family: "sequential", input: [20], layers: [{ type: "linear", in: 20, out: 17 }] };
  assert.throws(() => exportOnnx(bad, mlp(12).stateDict()), /"0\.weight" has shape \[16, 20\], expected \[17, 20\]/);
  assert.throws(() => exportOnnx({ family: "nope" } as unknown as ArchitectureSpec, {}), /unknown family "nope"/);
  assert.throws(() => exportOnnx(mlpArch, mlp(13).stateDict(), { precision: "int4" as "int8" }), /unknown precision/);
});

test("writeOnnx: files named by id/part/precision, sizes and sha256 of what is on disk", () => {
  const dir = mkdtempSync(join(tmpdir(), "onnx-"));
  try {
    const model = new Seq2SeqRef("lstm", 6, 5, 4, 3, new Generator(14));
    const entries = writeOnnx(dir, "seq2seq", { family: "seq2seq", cell: "lstm", embed: 4, hidden: 3, maxIn: 5, maxOut: 5 }, model.stateDict(), ["fp32", "fp16"]);
    assert.equal(entries.map((e) => e.file), ["seq2seq.encoder.onnx", "seq2seq.decoder-step.onnx", "seq2seq.encoder.fp16.onnx", "seq2seq.decoder-step.fp16.onnx"]);
    assert.equal(readdirSync(dir).sort(), entries.map((e) => e.file).sort());
    for (const e of entries) {
      const bytes = readFileSync(join(dir, e.file));
      assert.is(e.bytes, bytes.length);
      assert.is(e.sha256, createHash("sha256").update(bytes).digest("hex"));
    }
    assert.equal(entries[1].inputs.map((i) => i.name), ["prev", "h", "c", "enc_out", "src_lengths"]);
    assert.equal(entries[1].outputs.map((o) => o.name), ["logits", "h_out", "c_out", "attn"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
