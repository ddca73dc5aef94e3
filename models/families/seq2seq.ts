/**
 * The seq2seq family (MODEL-ZOO.md seq2seq): Chinese numerals → Arabic digits, an encoder-decoder
 * with additive (Bahdanau) attention, trained with teacher forcing, evaluated by greedy decoding.
 *
 * Tokens. Source: 0 padding, 1–14 = 零一二三四五六七八九十百千万. Target: 0 padding, 1 <s>, 2 </s>,
 * 3–12 = the digits 0–9. A target is the digits followed by </s>; the decoder reads <s> then the digits.
 *
 * Model (E = embed, H = hidden):
 *   encoder:  h_1 … h_S = GRU (or LSTM) over enc_embedding(x), padded at the end (the forward RNN never
 *             sees padding before a real position); s_0 = h at each numeral's last character
 *             (LSTM: the decoder's cell state starts at zero, not at the encoder's cell state)
 *   step t:   e_tj = v · tanh(key(h_j) + query(s_{t−1}))   (attention.*)   (padding masked out)
 *             a_t = softmax_j(e_t);  c_t = Σ_j a_tj h_j
 *             s_t = decoder([dec_embedding(y_{t−1}); c_t], s_{t−1})
 *             logits_t = out([s_t; c_t])
 *
 * Parameter names (stateDict), for the ONNX export:
 *   enc_embedding.weight [15, E]
 *   encoder.weight_ih_l0 [G·H, E], encoder.weight_hh_l0 [G·H, H], encoder.bias_ih_l0, encoder.bias_hh_l0
 *     (G = 3 for GRU, gate order r z n; 4 for LSTM, i f g o — PyTorch's)
 *   dec_embedding.weight [13, E]
 *   attention.key.weight [H, H], attention.key.bias [H]   (W_h, applied to the encoder states)
 *   attention.query.weight [H, H]                        (W_s, no bias, applied to the decoder state)
 *   attention.v.weight [1, H]                            (no bias)
 *   decoder.weight_ih [G·H, E + H] (input = [embedding; context]), decoder.weight_hh [G·H, H],
 *     decoder.bias_ih, decoder.bias_hh            (GRUCell / LSTMCell)
 *   out.weight [13, 2H], out.bias [13]            (input = [s_t; c_t])
 */
import {
  Embedding, GRU, GRUCell, LSTM, LSTMCell, Linear, Module, add, argmax, cat, crossEntropy, indexSelect, matmul, noGrad, reshape, softmax, stack, tanh, tensor, tidy, transpose, unsqueeze, zeros,
  type Generator, type Tensor,
} from "../../core/src/index.ts";
import type { Family, ModelSpec, TrainingSpec } from "../types.ts";
import { CN_DIGITS, numeralPairs, toChinese } from "../data/numerals.ts";

type SArch = Extract<ModelSpec["architecture"], { family: "seq2seq" }>;

export const SRC_CHARS = CN_DIGITS + "十百千万";
export const SRC_VOCAB = SRC_CHARS.length + 1;
export const TGT_PAD = 0;
export const BOS = 1;
export const EOS = 2;
export const TGT_VOCAB = 13;

export function encodeSource(numeral: string): Int32Array {
  return Int32Array.from(numeral, (ch) => {
    const i = SRC_CHARS.indexOf(ch);
    if (i < 0) throw new Error(`seq2seq: ${JSON.stringify(ch)} is not a numeral character`);
    return i + 1;
  });
}

/** Digits then </s>. */
export function encodeTarget(digits: string): Int32Array {
  return Int32Array.from([...digits].map((d) => d.charCodeAt(0) - 48 + 3).concat([EOS]));
}

export function decodeTarget(ids: ArrayLike<number>): string {
  let s = "";
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] === EOS) break;
    s += ids[i] >= 3 ? String(ids[i] - 3) : "?";
  }
  return s;
}

export interface Pair {
  n: number;
  src: Int32Array;
  tgt: Int32Array;
}

export interface NumeralData {
  train: Pair[];
  heldOut: Pair[];
}

export const toPair = (n: number): Pair => ({ n, src: encodeSource(toChinese(n)), tgt: encodeTarget(String(n)) });

interface Encoded {
  /** Encoder states [B, S, H]. */
  states: Tensor;
  /** Additive mask [B, S] (0 real, −1e9 padding). */
  mask: Tensor;
  /** attention.key(states), [B, S, H]. */
  keys: Tensor;
  s0: Tensor;
  c0: Tensor | null;
}

/** key (W_h, with bias), query (W_s, no bias), v (no bias). */
export class AdditiveAttention extends Module {
  readonly key: Linear;
  readonly query: Linear;
  readonly v: Linear;
  constructor(H: number, rng: Generator) {
    super();
    this.key = this.registerModule("key", new Linear(H, H, { generator: rng }));
    this.query = this.registerModule("query", new Linear(H, H, { bias: false, generator: rng }));
    this.v = this.registerModule("v", new Linear(H, 1, { bias: false, generator: rng }));
  }
}

export class Seq2Seq extends Module {
  readonly enc_embedding: Embedding;
  readonly encoder: GRU | LSTM;
  readonly dec_embedding: Embedding;
  readonly attention: AdditiveAttention;
  readonly decoder: GRUCell | LSTMCell;
  readonly out: Linear;
  readonly H: number;

  constructor(
    readonly arch: Pick<SArch, "cell" | "embed" | "hidden" | "maxOut">,
    rng: Generator,
  ) {
    super();
    const { embed: E, hidden: H } = arch;
    this.H = H;
    const g = { generator: rng };
    this.enc_embedding = this.registerModule("enc_embedding", new Embedding(SRC_VOCAB, E, g));
    this.encoder = this.registerModule("encoder", arch.cell === "lstm" ? new LSTM(E, H, g) : new GRU(E, H, g));
    this.dec_embedding = this.registerModule("dec_embedding", new Embedding(TGT_VOCAB, E, g));
    this.attention = this.registerModule("attention", new AdditiveAttention(H, rng));
    this.decoder = this.registerModule("decoder", arch.cell === "lstm" ? new LSTMCell(E + H, H, g) : new GRUCell(E + H, H, g));
    this.out = this.registerModule("out", new Linear(2 * H, TGT_VOCAB, g));
  }

  encode(srcs: ArrayLike<number>[]): Encoded {
    const B = srcs.length;
    const S = Math.max(...srcs.map((s) => s.length));
    const H = this.H;
    const ids = new Int32Array(S * B); // time-major, 0-padded
    const maskBuf = new Float32Array(B * S);
    const last = new Int32Array(B);
    srcs.forEach((s, b) => {
      for (let t = 0; t < S; t++) {
        if (t < s.length) ids[t * B + b] = s[t];
        else maskBuf[b * S + t] = -1e9;
      }
      last[b] = (s.length - 1) * B + b;
    });
    const seq = this.encoder.forward(this.enc_embedding.forward(ids, [S, B]))[0]; // [S, B, H]
    const s0 = indexSelect(reshape(seq, [S * B, H]), last);
    const states = transpose(seq, 0, 1); // [B, S, H] view
    return { states, mask: tensor(maskBuf, [B, S]), keys: this.attention.key.forward(states), s0, c0: this.arch.cell === "lstm" ? zeros([B, H]) : null };
  }

  /** Attention weights [B, S] and context [B, H] for decoder state s [B, H]. */
  attend(enc: Encoded, s: Tensor): { weights: Tensor; context: Tensor } {
    const B = s.shape[0];
    const S = enc.mask.shape[1];
    const e = tanh(add(enc.keys, unsqueeze(this.attention.query.forward(s), 1))); // [B, S, H]
    const scores = add(reshape(this.attention.v.forward(e), [B, S]), enc.mask);
    const weights = softmax(scores, -1);
    const context = reshape(matmul(unsqueeze(weights, 1), enc.states), [B, this.H]);
    return { weights, context };
  }

  /** One decoder step from the previous tokens; returns logits [B, V], the new state and the attention. */
  step(enc: Encoded, prev: ArrayLike<number>, s: Tensor, c: Tensor | null): { logits: Tensor; s: Tensor; c: Tensor | null; weights: Tensor } {
    const { weights, context } = this.attend(enc, s);
    const x = cat([this.dec_embedding.forward(prev), context], 1);
    let s2: Tensor;
    let c2: Tensor | null = null;
    if (this.decoder instanceof LSTMCell) [s2, c2] = this.decoder.forward(x, [s, c!]);
    else s2 = this.decoder.forward(x, s);
    return { logits: this.out.forward(cat([s2, context], 1)), s: s2, c: c2, weights };
  }

  /** Teacher-forced logits [B, T, V] for targets (each ending in </s>); T = longest target. */
  forwardTeacher(srcs: ArrayLike<number>[], tgts: ArrayLike<number>[]): Tensor {
    const enc = this.encode(srcs);
    const B = srcs.length;
    const T = Math.max(...tgts.map((t) => t.length));
    let s = enc.s0;
    let c = enc.c0;
    const logits: Tensor[] = [];
    for (let t = 0; t < T; t++) {
      const prev = tgts.map((y) => (t === 0 ? BOS : t - 1 < y.length ? y[t - 1] : TGT_PAD));
      const r = this.step(enc, prev, s, c);
      s = r.s;
      c = r.c;
      logits.push(r.logits);
    }
    return reshape(stack(logits, 1), [B, T, TGT_VOCAB]);
  }

  /** Greedy decoding: token ids (without </s>) and, per output step, the attention over the source. */
  greedy(srcs: ArrayLike<number>[], maxOut = this.arch.maxOut): { outputs: number[][]; attention: number[][][] } {
    return noGrad(() =>
      tidy(() => {
        const enc = this.encode(srcs);
        const B = srcs.length;
        const S = enc.mask.shape[1];
        let s = enc.s0;
        let c = enc.c0;
        let prev = new Array<number>(B).fill(BOS);
        const outputs: number[][] = srcs.map(() => []);
        const attention: number[][][] = srcs.map(() => []);
        const done = new Array<boolean>(B).fill(false);
        for (let t = 0; t < maxOut && done.includes(false); t++) {
          const r = this.step(enc, prev, s, c);
          s = r.s;
          c = r.c;
          const next = argmax(r.logits, -1).toInt32Array();
          const w = r.weights.toFloat32Array();
          prev = Array.from(next);
          for (let b = 0; b < B; b++) {
            if (done[b]) continue;
            attention[b].push(Array.from(w.subarray(b * S, b * S + srcs[b].length)));
            if (next[b] === EOS) done[b] = true;
            else outputs[b].push(next[b]);
          }
        }
        return { outputs, attention };
      }),
    );
  }
}

/**
 * The attention matrix for one numeral: rows = output steps (each digit, then </s>), columns = the
 * numeral's characters; with the decoded digits.
 */
export function attentionMatrix(model: Seq2Seq, numeral: string): { input: string[]; output: string[]; weights: number[][] } {
  model.eval();
  const r = model.greedy([encodeSource(numeral)]);
  const digits = decodeTarget(r.outputs[0].concat([EOS]));
  const output = [...digits];
  if (r.attention[0].length > output.length) output.push("</s>");
  return { input: [...numeral], output, weights: r.attention[0] };
}

/** Fraction of pairs whose greedy decoding is exactly the number's digits. */
export function exactMatch(model: Seq2Seq, pairs: Pair[], batch = 500): number {
  let ok = 0;
  for (let k = 0; k < pairs.length; k += batch) {
    const group = pairs.slice(k, k + batch);
    const { outputs } = model.greedy(group.map((p) => p.src));
    group.forEach((p, i) => {
      if (decodeTarget(outputs[i].concat([EOS])) === String(p.n)) ok++;
    });
  }
  return ok / pairs.length;
}

function arch(spec: ModelSpec): SArch {
  if (spec.architecture.family !== "seq2seq") throw new Error(`${spec.id}: architecture.family is ${spec.architecture.family}, expected seq2seq`);
  return spec.architecture;
}

export interface Seq2SeqBatch {
  pairs: Pair[];
}

const perEpoch = (data: NumeralData, training: TrainingSpec) => Math.ceil(data.train.length / (training.batch ?? 64));
const permutations = new WeakMap<NumeralData, { epoch: number; perm: Int32Array }>();

export const seq2seqFamily: Family<NumeralData, Seq2SeqBatch> = {
  data: (spec) => {
    const o = spec.data.options ?? {};
    const set = numeralPairs(Number(o.train ?? 20_000), Number(o.heldOut ?? 1_000), Number(o.seed ?? spec.seed));
    return { train: set.train.map(toPair), heldOut: set.heldOut.map(toPair) };
  },
  build: (spec, _data, rng) => new Seq2Seq(arch(spec), rng),
  totalSteps: (_spec, training, data) => training.steps ?? (training.epochs ?? 1) * perEpoch(data, training),
  batch: (step, data, training, rng) => {
    const per = perEpoch(data, training);
    const epoch = Math.floor(step / per);
    let p = permutations.get(data);
    if (!p || p.epoch !== epoch) {
      p = { epoch, perm: rng.permutation(data.train.length) };
      permutations.set(data, p);
    }
    const B = training.batch ?? 64;
    const k = (step % per) * B;
    return { pairs: Array.from(p.perm.subarray(k, Math.min(k + B, data.train.length)), (i) => data.train[i]) };
  },
  loss: (model, batch) => {
    const m = model as Seq2Seq;
    const B = batch.pairs.length;
    const logits = m.forwardTeacher(batch.pairs.map((p) => p.src), batch.pairs.map((p) => p.tgt));
    const T = logits.shape[1];
    const y = new Int32Array(B * T).fill(-100);
    batch.pairs.forEach((p, b) => y.set(p.tgt, b * T));
    return crossEntropy(reshape(logits, [B * T, TGT_VOCAB]), y, { ignoreIndex: -100 });
  },
  evaluate: (model, data) => {
    const m = model as Seq2Seq;
    m.eval();
    const r = { "exact-match": exactMatch(m, data.heldOut) };
    m.train();
    return r;
  },
};
export default seq2seqFamily;
