// Exporters: a trained model's state dict + its ArchitectureSpec → ONNX bytes and the manifest's
// description of its inputs and outputs. Everything is built from standard opset-17 operators; the
// recurrent layers use ONNX's own RNN/LSTM/GRU with PyTorch's layouts converted (gate order, biases).
// Parameter names each family must use are listed in models/onnx/README.md.
import type { StateDict } from "../../core/src/index.ts";
import type { ArchitectureSpec, LayerSpec } from "../types.ts";
import { GraphBuilder, type Dim, type IOSpec } from "./graph.ts";
import { weightCodec, type Precision } from "./variants.ts";

export type { Precision } from "./variants.ts";

export interface ExportOptions {
  /** Weight storage: fp32 (default), fp16 (half initializers + Cast) or int8 (per-channel QDQ). */
  precision?: Precision;
  /** Graph name (default: the family). */
  name?: string;
}

/** One ONNX file: its bytes and what the manifest says of its inputs and outputs. */
export interface ExportedGraph {
  /** "model", or "encoder" / "decoder-step" for seq2seq and spell. */
  part: string;
  bytes: Uint8Array;
  inputs: IOSpec[];
  outputs: IOSpec[];
}

type Entry = { shape: number[]; data: Float32Array };

class Weights {
  constructor(
    private readonly sd: StateDict,
    private readonly what: string,
  ) {}
  get(name: string, shape?: readonly number[]): Entry {
    const e = this.sd[name];
    if (!e) throw new Error(`ONNX export (${this.what}): the state dict has no "${name}" (has: ${Object.keys(this.sd).slice(0, 12).join(", ")}${Object.keys(this.sd).length > 12 ? ", …" : ""})`);
    if (shape && (e.shape.length !== shape.length || e.shape.some((d, i) => d !== shape[i]))) {
      throw new Error(`ONNX export (${this.what}): "${name}" has shape [${e.shape.join(", ")}], expected [${shape.join(", ")}]`);
    }
    return { shape: e.shape.slice(), data: e.data };
  }
  has(name: string): boolean {
    return name in this.sd;
  }
}

/** Transpose a row-major [r, c] matrix. */
export function transpose2d(data: Float32Array, r: number, c: number): Float32Array {
  const out = new Float32Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = data[i * c + j];
  return out;
}

function newBuilder(name: string, precision: Precision): GraphBuilder {
  const g = new GraphBuilder(name);
  g.weightCodec = weightCodec(precision);
  return g;
}

/** x[..., in] · Wᵀ + b through MatMul (+Add); W stored pre-transposed as [in, out]. */
function linearMatMul(g: GraphBuilder, x: string, w: Weights, prefix: string, inF: number, outF: number, bias = true): string {
  const W = w.get(`${prefix}.weight`, [outF, inF]);
  const wt = g.weight(`${prefix}.weight_t`, [inF, outF], transpose2d(W.data, outF, inF), 1);
  let y = g.op("MatMul", [x, wt]);
  if (bias && w.has(`${prefix}.bias`)) y = g.op("Add", [y, g.float(`${prefix}.bias`, [outF], w.get(`${prefix}.bias`, [outF]).data)]);
  return y;
}

/** GELU (exact): 0.5·x·(1 + erf(x/√2)), since opset 17 has no Gelu. */
function gelu(g: GraphBuilder, x: string): string {
  const e = g.op("Erf", [g.op("Mul", [x, g.scalar("inv_sqrt2", Math.SQRT1_2)])]);
  const one = g.op("Add", [e, g.scalar("one", 1)]);
  return g.op("Mul", [g.op("Mul", [x, one]), g.scalar("half", 0.5)]);
}

// ---- sequential ---------------------------------------------------------------------------------

function exportSequential(arch: Extract<ArchitectureSpec, { family: "sequential" }>, sd: StateDict, opts: ExportOptions): ExportedGraph {
  const g = newBuilder(opts.name ?? "sequential", opts.precision ?? "fp32");
  const w = new Weights(sd, "sequential");
  let shape: number[] = arch.input.slice();
  let x = g.input("input", "float32", ["N", ...shape]);
  // The first convolution's activations (after its ReLU, if one follows) are also an output, `conv1`
  // [N, C, H, W]: the digit demo draws them as feature maps. `logits` stays the first output.
  let features: { value: string; shape: number[] } | undefined;
  let firstConv = -1;
  arch.layers.forEach((layer: LayerSpec, i: number) => {
    const p = String(i);
    switch (layer.type) {
      case "linear": {
        if (shape[shape.length - 1] !== layer.in) throw new Error(`ONNX export: layer ${i} (linear) expects ${layer.in} inputs, gets shape [${shape.join(", ")}]`);
        if (shape.length === 1) {
          const W = w.get(`${p}.weight`, [layer.out, layer.in]);
          const ins = [x, g.weight(`${p}.weight`, [layer.out, layer.in], W.data, 0)];
          if (layer.bias !== false) ins.push(g.float(`${p}.bias`, [layer.out], w.get(`${p}.bias`, [layer.out]).data));
          x = g.op("Gemm", ins, { transB: 1 });
        } else {
          x = linearMatMul(g, x, w, p, layer.in, layer.out, layer.bias !== false);
        }
        shape = [...shape.slice(0, -1), layer.out];
        break;
      }
      case "conv2d": {
        const k = layer.kernel;
        const pad = layer.padding ?? 0;
        const s = layer.stride ?? 1;
        if (shape.length !== 3 || shape[0] !== layer.in) throw new Error(`ONNX export: layer ${i} (conv2d) expects [${layer.in}, H, W], gets [${shape.join(", ")}]`);
        const W = w.get(`${p}.weight`, [layer.out, layer.in, k, k]);
        const ins = [x, g.weight(`${p}.weight`, W.shape, W.data, 0)];
        if (w.has(`${p}.bias`)) ins.push(g.float(`${p}.bias`, [layer.out], w.get(`${p}.bias`, [layer.out]).data));
        x = g.op("Conv", ins, { kernel_shape: [k, k], pads: [pad, pad, pad, pad], strides: [s, s], dilations: [1, 1], group: 1 });
        shape = [layer.out, Math.floor((shape[1] + 2 * pad - k) / s) + 1, Math.floor((shape[2] + 2 * pad - k) / s) + 1];
        if (firstConv < 0) {
          firstConv = i;
          features = { value: x, shape };
        }
        break;
      }
      case "maxpool2d": {
        const k = layer.kernel;
        const s = layer.stride ?? k;
        x = g.op("MaxPool", [x], { kernel_shape: [k, k], strides: [s, s] });
        shape = [shape[0], Math.floor((shape[1] - k) / s) + 1, Math.floor((shape[2] - k) / s) + 1];
        break;
      }
      case "relu":
        x = g.op("Relu", [x]);
        if (firstConv >= 0 && i === firstConv + 1 && features) features = { value: x, shape: features.shape };
        break;
      case "tanh":
        x = g.op("Tanh", [x]);
        break;
      case "sigmoid":
        x = g.op("Sigmoid", [x]);
        break;
      case "gelu":
        x = gelu(g, x);
        break;
      case "flatten":
        x = g.op("Flatten", [x], { axis: 1 });
        shape = [shape.reduce((a, b) => a * b, 1)];
        break;
      default:
        throw new Error(`ONNX export: layer ${i} has unknown type "${(layer as { type: string }).type}"`);
    }
  });
  g.output(x, "logits", "float32", ["N", ...shape]);
  if (features) g.output(features.value, "conv1", "float32", ["N", ...features.shape]);
  return finish(g, "model");
}

// ---- perceptron -------------------------------------------------------------------------------------

/** Inputs [N, F]; outputs score = x·wᵀ + b [N, 1] and label = step(score) = (score > 0) as float [N, 1]. */
function exportPerceptron(arch: Extract<ArchitectureSpec, { family: "perceptron" }>, sd: StateDict, opts: ExportOptions): ExportedGraph {
  const g = newBuilder(opts.name ?? "perceptron", "fp32");
  const w = new Weights(sd, "perceptron");
  const F = arch.features;
  const x = g.input("input", "float32", ["N", F]);
  const W = w.get("weight", [1, F]);
  const score = g.op("Add", [g.op("MatMul", [x, g.float("weight_t", [F, 1], W.data)]), g.float("bias", [1], w.get("bias", [1]).data)]);
  const label = g.op("Cast", [g.op("Greater", [score, g.scalar("zero", 0)])], { to: 1 });
  g.output(score, "score", "float32", ["N", 1]);
  g.output(label, "label", "float32", ["N", 1]);
  return finish(g, "model");
}

// ---- recurrent layers -------------------------------------------------------------------------------

export type Cell = "rnn" | "lstm" | "gru";
const GATES: Record<Cell, number> = { rnn: 1, lstm: 4, gru: 3 };
/** ONNX gate block i takes PyTorch block ORDER[i]: LSTM PyTorch i,f,g,o → ONNX i,o,f,c; GRU r,z,n → z,r,h. */
const ORDER: Record<Cell, number[]> = { rnn: [0], lstm: [0, 3, 1, 2], gru: [1, 0, 2] };

function reorderRows(data: Float32Array, H: number, cols: number, order: number[]): Float32Array {
  const out = new Float32Array(data.length);
  order.forEach((src, dst) => out.set(data.subarray(src * H * cols, (src + 1) * H * cols), dst * H * cols));
  return out;
}

/**
 * ONNX W [D, G·H, in], R [D, G·H, H], B [D, 2·G·H] from PyTorch names `${prefix}.weight_ih${sfx}` etc.,
 * where sfx is `_l{layer}` (+ `_reverse`) for RNN/LSTM/GRU modules, or "" for single cells.
 */
function recurrentWeights(w: Weights, prefix: string, cell: Cell, H: number, inSize: number, suffixes: string[]): { W: Float32Array; R: Float32Array; B: Float32Array } {
  const G = GATES[cell];
  const D = suffixes.length;
  const W = new Float32Array(D * G * H * inSize);
  const R = new Float32Array(D * G * H * H);
  const B = new Float32Array(D * 2 * G * H);
  suffixes.forEach((sfx, d) => {
    const wih = w.get(`${prefix}.weight_ih${sfx}`, [G * H, inSize]).data;
    const whh = w.get(`${prefix}.weight_hh${sfx}`, [G * H, H]).data;
    W.set(reorderRows(wih, H, inSize, ORDER[cell]), d * G * H * inSize);
    R.set(reorderRows(whh, H, H, ORDER[cell]), d * G * H * H);
    if (w.has(`${prefix}.bias_ih${sfx}`)) {
      B.set(reorderRows(w.get(`${prefix}.bias_ih${sfx}`, [G * H]).data, H, 1, ORDER[cell]), d * 2 * G * H);
      B.set(reorderRows(w.get(`${prefix}.bias_hh${sfx}`, [G * H]).data, H, 1, ORDER[cell]), d * 2 * G * H + G * H);
    }
  });
  return { W, R, B };
}

interface RecurrentOut {
  /** [T, D, N, H] */
  Y: string;
  /** [D, N, H] */
  Yh: string;
  /** [D, N, H] (LSTM only) */
  Yc: string | null;
}

/** One ONNX RNN/LSTM/GRU node over X [T, N, in]. */
function recurrentNode(
  g: GraphBuilder,
  cell: Cell,
  x: string,
  weights: { W: Float32Array; R: Float32Array; B: Float32Array },
  stem: string,
  H: number,
  inSize: number,
  bidirectional: boolean,
  state: { h?: string; c?: string; lengths?: string },
): RecurrentOut {
  const D = bidirectional ? 2 : 1;
  const G = GATES[cell];
  const W = g.weight(`${stem}.W`, [D, G * H, inSize], weights.W, 1);
  const R = g.weight(`${stem}.R`, [D, G * H, H], weights.R, 1);
  const B = g.float(`${stem}.B`, [D, 2 * G * H], weights.B);
  const op = cell === "rnn" ? "RNN" : cell === "lstm" ? "LSTM" : "GRU";
  const inputs = [x, W, R, B, state.lengths ?? "", state.h ?? ""];
  if (cell === "lstm") inputs.push(state.c ?? "");
  while (inputs[inputs.length - 1] === "") inputs.pop();
  const attrs: Record<string, number | string> = { hidden_size: H, direction: bidirectional ? "bidirectional" : "forward" };
  if (cell === "gru") attrs.linear_before_reset = 1;
  const outs = g.node(op, inputs, attrs, cell === "lstm" ? 3 : 2);
  return { Y: outs[0], Yh: outs[1], Yc: cell === "lstm" ? outs[2] : null };
}

/** Rows [l, l+1) of a [L, N, H] state. */
function layerSlice(g: GraphBuilder, s: string, l: number): string {
  return g.op("Slice", [s, g.int64(g.fresh("start"), [1], [l]), g.int64(g.fresh("end"), [1], [l + 1]), g.int64(g.fresh("axes"), [1], [0])]);
}

/** Token ids [N, T] int64 → embeddings [T, N, E]. */
function embedTimeMajor(g: GraphBuilder, w: Weights, name: string, tokens: string, V: number | null, E: number): string {
  const emb = w.get(name);
  if (emb.shape.length !== 2 || emb.shape[1] !== E || (V !== null && emb.shape[0] !== V)) {
    throw new Error(`ONNX export: "${name}" has shape [${emb.shape.join(", ")}], expected [${V ?? "V"}, ${E}]`);
  }
  const table = g.weight(name, emb.shape, emb.data, 0);
  return g.op("Transpose", [g.op("Gather", [table, tokens], { axis: 0 })], { perm: [1, 0, 2] });
}

/** [T, 1, N, H] or [T, 2, N, H] → [T, N, D·H] (forward features first, as PyTorch's concatenation). */
function mergeDirections(g: GraphBuilder, Y: string, D: number, H: number): string {
  if (D === 1) return g.op("Squeeze", [Y, g.int64(g.fresh("axes"), [1], [1])]);
  const t = g.op("Transpose", [Y], { perm: [0, 2, 1, 3] });
  return g.op("Reshape", [t, g.int64(g.fresh("shape"), [3], [0, 0, D * H])]);
}

// ---- char-rnn ---------------------------------------------------------------------------------------

/**
 * tokens [N, T] int64, h0 [L, N, H] (+ c0 for LSTM) → logits [N, T, V], h [L, N, H] (+ c).
 * Names: embedding.weight [V, E]; rnn.weight_ih_l{k} … (one multi-layer RNN/LSTM/GRU module); head.weight [V, H], head.bias.
 */
function exportCharRnn(arch: Extract<ArchitectureSpec, { family: "char-rnn" }>, sd: StateDict, opts: ExportOptions): ExportedGraph {
  const g = newBuilder(opts.name ?? `char-${arch.cell}`, opts.precision ?? "fp32");
  const w = new Weights(sd, "char-rnn");
  const { cell, embed: E, hidden: H, layers: L } = arch;
  const V = w.get("embedding.weight").shape[0];
  const tokens = g.input("tokens", "int64", ["N", "T"]);
  const h0 = g.input("h0", "float32", [L, "N", H]);
  const c0 = cell === "lstm" ? g.input("c0", "float32", [L, "N", H]) : null;
  let x = embedTimeMajor(g, w, "embedding.weight", tokens, V, E);
  const hs: string[] = [];
  const cs: string[] = [];
  for (let l = 0; l < L; l++) {
    const inSize = l === 0 ? E : H;
    const weights = recurrentWeights(w, "rnn", cell, H, inSize, [`_l${l}`]);
    const r = recurrentNode(g, cell, x, weights, `rnn.l${l}`, H, inSize, false, {
      h: layerSlice(g, h0, l),
      c: c0 ? layerSlice(g, c0, l) : undefined,
    });
    x = mergeDirections(g, r.Y, 1, H);
    hs.push(r.Yh);
    if (r.Yc) cs.push(r.Yc);
  }
  const bt = g.op("Transpose", [x], { perm: [1, 0, 2] }); // [N, T, H]
  const logits = linearMatMul(g, bt, w, "head", H, V);
  g.output(logits, "logits", "float32", ["N", "T", V]);
  g.output(L === 1 ? hs[0] : g.op("Concat", hs, { axis: 0 }), "h", "float32", [L, "N", H]);
  if (cell === "lstm") g.output(L === 1 ? cs[0] : g.op("Concat", cs, { axis: 0 }), "c", "float32", [L, "N", H]);
  return finish(g, "model");
}

// ---- tagger (BiLSTM) --------------------------------------------------------------------------------

/**
 * tokens [N, T] int64, lengths [N] int32 → logits [N, T, tags] (positions ≥ length are padding: their
 * logits are the head's bias). Names: embedding.weight, lstm.weight_ih_l0(_reverse) …, head.weight [tags, 2H].
 */
function exportTagger(arch: Extract<ArchitectureSpec, { family: "tagger" }>, sd: StateDict, opts: ExportOptions): ExportedGraph {
  const g = newBuilder(opts.name ?? "tagger", opts.precision ?? "fp32");
  const w = new Weights(sd, "tagger");
  const { embed: E, hidden: H } = arch;
  const tags = w.get("head.weight").shape[0];
  const tokens = g.input("tokens", "int64", ["N", "T"]);
  const lengths = g.input("lengths", "int32", ["N"]);
  const x = embedTimeMajor(g, w, "embedding.weight", tokens, null, E);
  const r = recurrentNode(g, "lstm", x, recurrentWeights(w, "lstm", "lstm", H, E, ["_l0", "_l0_reverse"]), "lstm", H, E, true, { lengths });
  const feats = g.op("Transpose", [mergeDirections(g, r.Y, 2, H)], { perm: [1, 0, 2] });
  g.output(linearMatMul(g, feats, w, "head", 2 * H, tags), "logits", "float32", ["N", "T", tags]);
  return finish(g, "model");
}

// ---- sequence classifier ----------------------------------------------------------------------------

/**
 * tokens [N, T] int64 (padded), lengths [N] int32 → logits [N, classes] from the LSTM state after each
 * sequence's last real token (ONNX LSTM's sequence_lens makes Y_h exactly that).
 * Names: embedding.weight, lstm.weight_ih_l0 …, head.weight [classes, H], head.bias.
 */
function exportSeqClassifier(arch: Extract<ArchitectureSpec, { family: "seq-classifier" }>, sd: StateDict, opts: ExportOptions): ExportedGraph {
  const g = newBuilder(opts.name ?? "seq-classifier", opts.precision ?? "fp32");
  const w = new Weights(sd, "seq-classifier");
  const { embed: E, hidden: H, classes: C } = arch;
  const tokens = g.input("tokens", "int64", ["N", "T"]);
  const lengths = g.input("lengths", "int32", ["N"]);
  const x = embedTimeMajor(g, w, "embedding.weight", tokens, null, E);
  const r = recurrentNode(g, "lstm", x, recurrentWeights(w, "lstm", "lstm", H, E, ["_l0"]), "lstm", H, E, false, { lengths });
  const last = g.op("Squeeze", [r.Yh, g.int64(g.fresh("axes"), [1], [0])]); // [N, H]
  g.output(linearMatMul(g, last, w, "head", H, C), "logits", "float32", ["N", C]);
  return finish(g, "model");
}

// ---- transformer LM ---------------------------------------------------------------------------------

/**
 * tokens [N, T] int64 (T ≤ context) → logits [N, T, V] and attn_{b} [N, heads, T, T] per block.
 * Names: tok.weight [V, d], pos.weight [context, d], blocks.{b}.ln1.{weight,bias},
 * blocks.{b}.attn.in_proj_weight [3d, d], .in_proj_bias, .out_proj.{weight,bias}, blocks.{b}.ln2.*,
 * blocks.{b}.ff1.{weight,bias} [ff, d], blocks.{b}.ff2.{weight,bias} [d, ff], ln_f.*, head.{weight,bias}.
 */
function exportTransformer(arch: Extract<ArchitectureSpec, { family: "transformer-lm" }>, sd: StateDict, opts: ExportOptions): ExportedGraph {
  const g = newBuilder(opts.name ?? "transformer-lm", opts.precision ?? "fp32");
  const w = new Weights(sd, "transformer-lm");
  const { d, heads: nh, blocks, ff, context } = arch;
  const dh = d / nh;
  const V = w.get("tok.weight").shape[0];
  const tokens = g.input("tokens", "int64", ["N", "T"]);
  const tShape = g.op("Slice", [g.op("Shape", [tokens]), g.int64("t_start", [1], [1]), g.int64("t_end", [1], [2])]); // [T]
  const T = g.op("Squeeze", [tShape, g.int64("t_axes", [1], [0])]);
  const positions = g.op("Range", [g.int64("zero_i64", [], [0]), T, g.int64("one_i64", [], [1])]);
  const tok = g.op("Gather", [g.weight("tok.weight", [V, d], w.get("tok.weight", [V, d]).data, 0), tokens], { axis: 0 });
  const pos = g.op("Gather", [g.weight("pos.weight", [context, d], w.get("pos.weight", [context, d]).data, 0), positions], { axis: 0 });
  let x = g.op("Add", [tok, pos]); // [N, T, d]
  const maskData = new Float32Array(context * context);
  for (let i = 0; i < context; i++) for (let j = i + 1; j < context; j++) maskData[i * context + j] = -1e9;
  const tt = g.op("Concat", [tShape, tShape], { axis: 0 });
  const mask = g.op("Slice", [g.float("causal_mask", [context, context], maskData), g.int64("mask_start", [2], [0, 0]), tt, g.int64("mask_axes", [2], [0, 1])]);
  const ln = (inp: string, p: string) =>
    g.op("LayerNormalization", [inp, g.float(`${p}.weight`, [d], w.get(`${p}.weight`, [d]).data), g.float(`${p}.bias`, [d], w.get(`${p}.bias`, [d]).data)], { axis: -1, epsilon: { float: 1e-5 } });
  const headsShape = g.int64("heads_shape", [4], [0, 0, nh, dh]);
  const mergedShape = g.int64("merged_shape", [3], [0, 0, d]);
  const scale = g.scalar("attn_scale", 1 / Math.sqrt(dh));
  const attnOutputs: string[] = [];
  for (let b = 0; b < blocks; b++) {
    const p = `blocks.${b}`;
    const h = ln(x, `${p}.ln1`);
    const Win = w.get(`${p}.attn.in_proj_weight`, [3 * d, d]).data;
    const bin = w.get(`${p}.attn.in_proj_bias`, [3 * d]).data;
    const proj = (i: number, name: string) => {
      const wt = g.weight(`${p}.attn.${name}_weight_t`, [d, d], transpose2d(Win.subarray(i * d * d, (i + 1) * d * d), d, d), 1);
      const y = g.op("Add", [g.op("MatMul", [h, wt]), g.float(`${p}.attn.${name}_bias`, [d], bin.subarray(i * d, (i + 1) * d))]);
      return g.op("Reshape", [y, headsShape]); // [N, T, nh, dh]
    };
    const q = g.op("Transpose", [proj(0, "q")], { perm: [0, 2, 1, 3] }); // [N, nh, T, dh]
    const kT = g.op("Transpose", [proj(1, "k")], { perm: [0, 2, 3, 1] }); // [N, nh, dh, T]
    const v = g.op("Transpose", [proj(2, "v")], { perm: [0, 2, 1, 3] });
    const scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, kT]), scale]), mask]);
    const att = g.op("Softmax", [scores], { axis: -1 }); // [N, nh, T, T]
    attnOutputs.push(att);
    const y = g.op("Reshape", [g.op("Transpose", [g.op("MatMul", [att, v])], { perm: [0, 2, 1, 3] }), mergedShape]);
    x = g.op("Add", [x, linearMatMul(g, y, w, `${p}.attn.out_proj`, d, d)]);
    const h2 = ln(x, `${p}.ln2`);
    const f = linearMatMul(g, gelu(g, linearMatMul(g, h2, w, `${p}.ff1`, d, ff)), w, `${p}.ff2`, ff, d);
    x = g.op("Add", [x, f]);
  }
  const logits = linearMatMul(g, ln(x, "ln_f"), w, "head", d, V);
  g.output(logits, "logits", "float32", ["N", "T", V]);
  attnOutputs.forEach((a, b) => g.output(a, `attn_${b}`, "float32", ["N", nh, "T", "T"]));
  return finish(g, "model");
}

// ---- seq2seq with additive attention ----------------------------------------------------------------

/**
 * Two graphs. encoder: src [N, S] int64, src_lengths [N] int32 → enc_out [N, S, H] (zero past each
 * length), h [1, N, H] = the state after each source's last token (+ c = zeros for LSTM): the decoder's
 * initial state. decoder-step: prev [N] int64, h [1, N, H] (+ c), enc_out [N, S, H],
 * src_lengths [N] int32 → logits [N, Vout], h, (c), attn [N, S]. One step:
 *   e = dec_embedding(prev); score_j = v·tanh(query(h) + key(enc_j)) (−1e9 past the length);
 *   α = softmax(score); ctx = Σ α_j enc_j; h' = decoder_cell([e; ctx], h); logits = out([h'; ctx]).
 * Names: enc_embedding.weight [Vin, E], encoder.weight_ih_l0 … (GRU/LSTM module), dec_embedding.weight
 * [Vout, E], decoder.weight_ih [G·H, E+H] … (GRUCell/LSTMCell), attention.query.weight [H, H] (no bias),
 * attention.key.weight [H, H], attention.key.bias [H], attention.v.weight [1, H] (no bias),
 * out.weight [Vout, 2H], out.bias [Vout].
 */
function exportSeq2Seq(arch: Extract<ArchitectureSpec, { family: "seq2seq" }>, sd: StateDict, opts: ExportOptions): ExportedGraph[] {
  const { cell, embed: E, hidden: H } = arch;
  const precision = opts.precision ?? "fp32";
  const w = new Weights(sd, "seq2seq");
  const lstm = cell === "lstm";

  const ge = newBuilder(`${opts.name ?? "seq2seq"}-encoder`, precision);
  {
    const src = ge.input("src", "int64", ["N", "S"]);
    const lengths = ge.input("src_lengths", "int32", ["N"]);
    const x = embedTimeMajor(ge, w, "enc_embedding.weight", src, null, E);
    const r = recurrentNode(ge, cell, x, recurrentWeights(w, "encoder", cell, H, E, ["_l0"]), "encoder", H, E, false, { lengths });
    ge.output(ge.op("Transpose", [mergeDirections(ge, r.Y, 1, H)], { perm: [1, 0, 2] }), "enc_out", "float32", ["N", "S", H]);
    ge.output(r.Yh, "h", "float32", [1, "N", H]);
    // The decoder starts from the encoder's last hidden state and, for LSTM, a zero cell state (as the
    // seq2seq family does), so the encoder's outputs feed the first decoder step as they are.
    if (r.Yc) ge.output(ge.op("ConstantOfShape", [ge.op("Shape", [r.Yc])], { value: { tensor: { name: "", dims: [1], data_type: 1, raw_data: new Uint8Array(4) } } }), "c", "float32", [1, "N", H]);
  }

  const gd = newBuilder(`${opts.name ?? "seq2seq"}-decoder-step`, precision);
  {
    const Vout = w.get("dec_embedding.weight").shape[0];
    const prev = gd.input("prev", "int64", ["N"]);
    const h = gd.input("h", "float32", [1, "N", H]);
    const c = lstm ? gd.input("c", "float32", [1, "N", H]) : null;
    const enc = gd.input("enc_out", "float32", ["N", "S", H]);
    const lengths = gd.input("src_lengths", "int32", ["N"]);
    const emb = w.get("dec_embedding.weight");
    const e = gd.op("Gather", [gd.weight("dec_embedding.weight", emb.shape, emb.data, 0), prev], { axis: 0 }); // [N, E]
    const hPrev = gd.op("Squeeze", [h, gd.int64("axis0", [1], [0])]); // [N, H]
    const qW = w.get("attention.query.weight", [H, H]).data;
    const q = gd.op("MatMul", [hPrev, gd.weight("attention.query.weight_t", [H, H], transpose2d(qW, H, H), 1)]); // [N, H]
    const keys = linearMatMul(gd, enc, w, "attention.key", H, H); // [N, S, H]
    const act = gd.op("Tanh", [gd.op("Add", [keys, gd.op("Unsqueeze", [q, gd.int64("axis1", [1], [1])])])]);
    const vW = w.get("attention.v.weight", [1, H]).data;
    const score = gd.op("Squeeze", [gd.op("MatMul", [act, gd.float("attention.v.weight_t", [H, 1], vW)]), gd.int64("axis2", [1], [2])]); // [N, S]
    // Mask positions ≥ length: Range(0, S) < lengths[:, None]
    const S = gd.op("Squeeze", [gd.op("Slice", [gd.op("Shape", [enc]), gd.int64("s_start", [1], [1]), gd.int64("s_end", [1], [2])]), gd.int64("s_axes", [1], [0])]);
    const range = gd.op("Range", [gd.int64("zero_i64", [], [0]), S, gd.int64("one_i64", [], [1])]);
    const lens64 = gd.op("Unsqueeze", [gd.op("Cast", [lengths], { to: 7 }), gd.int64("axis1b", [1], [1])]); // [N, 1]
    const valid = gd.op("Less", [range, lens64]); // [N, S]
    const masked = gd.op("Where", [valid, score, gd.scalar("neg_inf", -1e9)]);
    const alpha = gd.op("Softmax", [masked], { axis: -1 }); // [N, S]
    const ctx = gd.op("Squeeze", [gd.op("MatMul", [gd.op("Unsqueeze", [alpha, gd.int64("axis1c", [1], [1])]), enc]), gd.int64("axis1d", [1], [1])]); // [N, H]
    const inp = gd.op("Unsqueeze", [gd.op("Concat", [e, ctx], { axis: 1 }), gd.int64("axis0b", [1], [0])]); // [1, N, E+H]
    const r = recurrentNode(gd, cell, inp, recurrentWeights(w, "decoder", cell, H, E + H, [""]), "decoder", H, E + H, false, { h, c: c ?? undefined });
    const hNew = gd.op("Squeeze", [r.Yh, gd.int64("axis0c", [1], [0])]);
    const logits = linearMatMul(gd, gd.op("Concat", [hNew, ctx], { axis: 1 }), w, "out", 2 * H, Vout);
    gd.output(logits, "logits", "float32", ["N", Vout]);
    gd.output(r.Yh, "h_out", "float32", [1, "N", H]);
    if (r.Yc) gd.output(r.Yc, "c_out", "float32", [1, "N", H]);
    gd.output(alpha, "attn", "float32", ["N", "S"]);
  }
  return [finish(ge, "encoder"), finish(gd, "decoder-step")];
}

// ---- spell: one image in, letters out ------------------------------------------------------------------

/**
 * Two graphs. encoder: image [N, 784] float32 (pixels in [0,1]) → h [1, N, H] = tanh(encoder(image)),
 * the decoder's initial state. decoder-step: prev [N] int64, h [1, N, H] → logits [N, V], h_out
 * [1, N, H]: h' = cell(embedding(prev), h) (one ONNX GRU/RNN node over one time step), logits = head(h').
 * Names: encoder.weight [H, 784], encoder.bias; embedding.weight [V, E]; decoder.weight_ih_l0 …
 * (one-layer GRU/RNN module); head.weight [V, H], head.bias.
 */
function exportSpell(arch: Extract<ArchitectureSpec, { family: "spell" }>, sd: StateDict, opts: ExportOptions): ExportedGraph[] {
  const { cell, embed: E, hidden: H } = arch;
  const precision = opts.precision ?? "fp32";
  const w = new Weights(sd, "spell");
  const P = w.get("encoder.weight").shape[1];

  const ge = newBuilder(`${opts.name ?? "spell"}-encoder`, precision);
  {
    const image = ge.input("image", "float32", ["N", P]);
    const proj = ge.op("Gemm", [image, ge.weight("encoder.weight", [H, P], w.get("encoder.weight", [H, P]).data, 0), ge.float("encoder.bias", [H], w.get("encoder.bias", [H]).data)], { transB: 1 });
    ge.output(ge.op("Unsqueeze", [ge.op("Tanh", [proj]), ge.int64("axis0", [1], [0])]), "h", "float32", [1, "N", H]);
  }

  const gd = newBuilder(`${opts.name ?? "spell"}-decoder-step`, precision);
  {
    const V = w.get("head.weight").shape[0];
    const prev = gd.input("prev", "int64", ["N"]);
    const h = gd.input("h", "float32", [1, "N", H]);
    const emb = w.get("embedding.weight", [V, E]);
    const e = gd.op("Gather", [gd.weight("embedding.weight", emb.shape, emb.data, 0), prev], { axis: 0 }); // [N, E]
    const x = gd.op("Unsqueeze", [e, gd.int64("axis0", [1], [0])]); // [1, N, E]
    const r = recurrentNode(gd, cell, x, recurrentWeights(w, "decoder", cell, H, E, ["_l0"]), "decoder", H, E, false, { h });
    const logits = linearMatMul(gd, gd.op("Squeeze", [r.Yh, gd.int64("axis0b", [1], [0])]), w, "head", H, V);
    gd.output(logits, "logits", "float32", ["N", V]);
    gd.output(r.Yh, "h_out", "float32", [1, "N", H]);
  }
  return [finish(ge, "encoder"), finish(gd, "decoder-step")];
}

// ---- entry point ------------------------------------------------------------------------------------

function finish(g: GraphBuilder, part: string): ExportedGraph {
  return { part, bytes: g.encode(), inputs: g.inputSpecs.slice(), outputs: g.outputSpecs.slice() };
}

/** Export a model (one graph; seq2seq and spell give two: encoder and decoder-step). */
export function exportOnnx(arch: ArchitectureSpec, sd: StateDict, opts: ExportOptions = {}): ExportedGraph[] {
  switch (arch.family) {
    case "sequential":
      return [exportSequential(arch, sd, opts)];
    case "perceptron":
      return [exportPerceptron(arch, sd, opts)];
    case "char-rnn":
      return [exportCharRnn(arch, sd, opts)];
    case "tagger":
      return [exportTagger(arch, sd, opts)];
    case "seq-classifier":
      return [exportSeqClassifier(arch, sd, opts)];
    case "transformer-lm":
      return [exportTransformer(arch, sd, opts)];
    case "seq2seq":
      return exportSeq2Seq(arch, sd, opts);
    case "spell":
      return exportSpell(arch, sd, opts);
    default:
      throw new Error(`ONNX export: unknown family "${(arch as { family: string }).family}"`);
  }
}

/** What the manifest lists for one exported graph. */
export function manifestEntry(e: ExportedGraph): { inputs: IOSpec[]; outputs: IOSpec[] } {
  return { inputs: e.inputs, outputs: e.outputs };
}

export type { Dim, IOSpec };
