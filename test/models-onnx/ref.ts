// Reference models built from the core's modules with the parameter names models/onnx/README.md
// asks the families to use, plus helpers shared by the ONNX tests. (Not a test file: no .test.ts.)
import {
  CausalSelfAttention, Embedding, GELU, GRU, GRUCell, LayerNorm, Linear, LSTM, LSTMCell, Module, RNN,
  Generator, type Tensor, add, cat, linear, matmul, mul, narrow, permute, reshape, softmax, sum, tanh, tensor, transpose, unsqueeze, zeros,
} from "../../core/src/index.ts";
import type { FeedValue, OrtOutput } from "../../models/onnx/ort.ts";

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}

/** Fraction of rows (last dim = classes) whose argmax agrees. */
export function argmaxAgreement(a: ArrayLike<number>, b: ArrayLike<number>, classes: number): number {
  const rows = a.length / classes;
  let same = 0;
  for (let r = 0; r < rows; r++) {
    let ia = 0;
    let ib = 0;
    for (let c = 1; c < classes; c++) {
      if (a[r * classes + c] > a[r * classes + ia]) ia = c;
      if (b[r * classes + c] > b[r * classes + ib]) ib = c;
    }
    if (ia === ib) same++;
  }
  return same / rows;
}

/**
 * Argmax agreement over the rows where the reference's top-two gap is at least `margin` (an untrained
 * model has many near-ties that any rounding flips; a trained one has few), and the share of such rows.
 */
export function confidentAgreement(ref: ArrayLike<number>, other: ArrayLike<number>, classes: number, margin: number): { agree: number; share: number } {
  const rows = ref.length / classes;
  let n = 0;
  let same = 0;
  for (let r = 0; r < rows; r++) {
    let a1 = -Infinity;
    let a2 = -Infinity;
    let ia = 0;
    let ib = 0;
    for (let c = 0; c < classes; c++) {
      const v = ref[r * classes + c];
      if (v > a1) {
        a2 = a1;
        a1 = v;
        ia = c;
      } else if (v > a2) a2 = v;
      if (other[r * classes + c] > other[r * classes + ib]) ib = c;
    }
    if (a1 - a2 < margin) continue;
    n++;
    if (ia === ib) same++;
  }
  return { agree: n ? same / n : 0, share: n / rows };
}

export const f32 = (data: Float32Array, dims: number[]): FeedValue => ({ dtype: "float32", data, dims });
export const i64 = (data: ArrayLike<number>, dims: number[]): FeedValue => ({ dtype: "int64", data: BigInt64Array.from(Array.from(data, (x) => BigInt(x))), dims });
export const i32 = (data: ArrayLike<number>, dims: number[]): FeedValue => ({ dtype: "int32", data: Int32Array.from(data), dims });
export const floats = (o: OrtOutput): Float32Array => o.data as Float32Array;

export function randomInts(rng: Generator, n: number, hi: number): number[] {
  return Array.from({ length: n }, () => rng.int(hi));
}

export function randomFloats(rng: Generator, n: number, lo = 0, hi = 1): Float32Array {
  const out = new Float32Array(n);
  rng.fillUniform(out, lo, hi);
  return out;
}

// ---- char-rnn -----------------------------------------------------------------------------------

export class CharRnnRef extends Module {
  readonly embedding: Embedding;
  readonly rnn: RNN | LSTM | GRU;
  readonly head: Linear;
  constructor(
    readonly cell: "rnn" | "lstm" | "gru",
    V: number,
    E: number,
    H: number,
    L: number,
    generator: Generator,
  ) {
    super();
    this.embedding = this.registerModule("embedding", new Embedding(V, E, { generator }));
    const Ctor = cell === "rnn" ? RNN : cell === "lstm" ? LSTM : GRU;
    this.rnn = this.registerModule("rnn", new Ctor(E, H, { numLayers: L, generator }));
    this.head = this.registerModule("head", new Linear(H, V, { generator }));
  }
  /** tokens [N, T] → logits [N, T, V], h [L, N, H], c. */
  forward(tokens: number[], N: number, T: number, h0: Tensor, c0: Tensor | null): { logits: Tensor; h: Tensor; c: Tensor | null } {
    const x = transpose(this.embedding.forward(tokens, [N, T]), 0, 1);
    let y: Tensor;
    let h: Tensor;
    let c: Tensor | null = null;
    if (this.rnn instanceof LSTM) {
      const r = this.rnn.forward(x, [h0, c0!]);
      y = r[0];
      [h, c] = r[1];
    } else {
      [y, h] = (this.rnn as RNN | GRU).forward(x, h0);
    }
    return { logits: this.head.forward(transpose(y, 0, 1)), h, c };
  }
}

// ---- tagger and classifier ------------------------------------------------------------------------

export class TaggerRef extends Module {
  readonly embedding: Embedding;
  readonly lstm: LSTM;
  readonly head: Linear;
  constructor(V: number, E: number, H: number, tags: number, generator: Generator) {
    super();
    this.embedding = this.registerModule("embedding", new Embedding(V, E, { generator }));
    this.lstm = this.registerModule("lstm", new LSTM(E, H, { bidirectional: true, batchFirst: true, generator }));
    this.head = this.registerModule("head", new Linear(2 * H, tags, { generator }));
  }
  forward(tokens: number[], N: number, T: number): Tensor {
    const [y] = this.lstm.forward(this.embedding.forward(tokens, [N, T]));
    return this.head.forward(y);
  }
}

export class ClassifierRef extends Module {
  readonly embedding: Embedding;
  readonly lstm: LSTM;
  readonly head: Linear;
  constructor(V: number, E: number, H: number, C: number, generator: Generator) {
    super();
    this.embedding = this.registerModule("embedding", new Embedding(V, E, { generator }));
    this.lstm = this.registerModule("lstm", new LSTM(E, H, { batchFirst: true, generator }));
    this.head = this.registerModule("head", new Linear(H, C, { generator }));
  }
  /** Unpadded sequences of one length T. */
  forward(tokens: number[], N: number, T: number): Tensor {
    const [, [h]] = this.lstm.forward(this.embedding.forward(tokens, [N, T]));
    return this.head.forward(reshape(h, [N, h.shape[2]]));
  }
}

// ---- transformer ----------------------------------------------------------------------------------

class Block extends Module {
  readonly ln1: LayerNorm;
  readonly attn: CausalSelfAttention;
  readonly ln2: LayerNorm;
  readonly ff1: Linear;
  readonly ff2: Linear;
  readonly act = new GELU();
  constructor(d: number, heads: number, ff: number, generator: Generator) {
    super();
    this.ln1 = this.registerModule("ln1", new LayerNorm(d));
    this.attn = this.registerModule("attn", new CausalSelfAttention(d, heads, { generator }));
    this.ln2 = this.registerModule("ln2", new LayerNorm(d));
    this.ff1 = this.registerModule("ff1", new Linear(d, ff, { generator }));
    this.ff2 = this.registerModule("ff2", new Linear(ff, d, { generator }));
  }
}

class Blocks extends Module {
  readonly list: Block[] = [];
  constructor(n: number, make: () => Block) {
    super();
    for (let i = 0; i < n; i++) this.list.push(this.registerModule(String(i), make()));
  }
}

export class TransformerRef extends Module {
  readonly tok: Embedding;
  readonly pos: Embedding;
  readonly blocks: Blocks;
  readonly lnF: LayerNorm;
  readonly head: Linear;
  constructor(
    V: number,
    readonly d: number,
    readonly heads: number,
    nBlocks: number,
    ff: number,
    context: number,
    generator: Generator,
  ) {
    super();
    this.tok = this.registerModule("tok", new Embedding(V, d, { generator }));
    this.pos = this.registerModule("pos", new Embedding(context, d, { generator }));
    this.blocks = this.registerModule("blocks", new Blocks(nBlocks, () => new Block(d, heads, ff, generator)));
    this.lnF = this.registerModule("ln_f", new LayerNorm(d));
    this.head = this.registerModule("head", new Linear(d, V, { generator }));
  }

  /** Logits through the core's modules, and each block's attention weights recomputed from core ops. */
  forward(tokens: number[], N: number, T: number): { logits: Tensor; attn: Tensor[] } {
    let x = add(this.tok.forward(tokens, [N, T]), this.pos.forward(Array.from({ length: T }, (_, i) => i), [T]));
    const attn: Tensor[] = [];
    for (const b of this.blocks.list) {
      const h = b.ln1.forward(x);
      attn.push(this.attentionWeights(b.attn, h, N, T));
      x = add(x, b.attn.forward(h));
      x = add(x, b.ff2.forward(b.act.forward(b.ff1.forward(b.ln2.forward(x)))));
    }
    return { logits: this.head.forward(this.lnF.forward(x)), attn };
  }

  private attentionWeights(a: CausalSelfAttention, h: Tensor, N: number, T: number): Tensor {
    const d = this.d;
    const nh = this.heads;
    const dh = d / nh;
    const proj = (i: number) => permute(reshape(linear(h, narrow(a.inProjWeight, 0, i * d, d), narrow(a.inProjBias, 0, i * d, d)), [N, T, nh, dh]), [0, 2, 1, 3]);
    const m = new Float32Array(T * T);
    for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) m[i * T + j] = -1e9;
    const scores = add(mul(matmul(proj(0), transpose(proj(1), 2, 3)), 1 / Math.sqrt(dh)), tensor(m, [T, T]));
    return softmax(scores, -1);
  }
}

// ---- seq2seq --------------------------------------------------------------------------------------

class Attention extends Module {
  readonly query: Linear;
  readonly key: Linear;
  readonly v: Linear;
  constructor(H: number, generator: Generator) {
    super();
    this.query = this.registerModule("query", new Linear(H, H, { bias: false, generator }));
    this.key = this.registerModule("key", new Linear(H, H, { generator }));
    this.v = this.registerModule("v", new Linear(H, 1, { bias: false, generator }));
  }
}

export class Seq2SeqRef extends Module {
  readonly encEmbedding: Embedding;
  readonly encoder: GRU | LSTM;
  readonly decEmbedding: Embedding;
  readonly decoder: GRUCell | LSTMCell;
  readonly attention: Attention;
  readonly out: Linear;
  constructor(
    readonly cell: "gru" | "lstm",
    Vin: number,
    Vout: number,
    E: number,
    readonly H: number,
    generator: Generator,
  ) {
    super();
    this.encEmbedding = this.registerModule("enc_embedding", new Embedding(Vin, E, { generator }));
    this.encoder = this.registerModule("encoder", cell === "gru" ? new GRU(E, H, { batchFirst: true, generator }) : new LSTM(E, H, { batchFirst: true, generator }));
    this.decEmbedding = this.registerModule("dec_embedding", new Embedding(Vout, E, { generator }));
    this.decoder = this.registerModule("decoder", cell === "gru" ? new GRUCell(E + H, H, { generator }) : new LSTMCell(E + H, H, { generator }));
    this.attention = this.registerModule("attention", new Attention(H, generator));
    this.out = this.registerModule("out", new Linear(2 * H, Vout, { generator }));
  }

  /** Unpadded sources of one length S → enc_out [N, S, H], h [1, N, H], c. */
  encode(src: number[], N: number, S: number): { enc: Tensor; h: Tensor; c: Tensor | null } {
    const x = this.encEmbedding.forward(src, [N, S]);
    if (this.encoder instanceof LSTM) {
      const [y, [h]] = this.encoder.forward(x);
      return { enc: y, h, c: zeros(h.shape) }; // the decoder's cell state starts at zero
    }
    const [y, h] = this.encoder.forward(x);
    return { enc: y, h, c: null };
  }

  /** One decoder step over unpadded encoder outputs. */
  step(prev: number[], h: Tensor, c: Tensor | null, enc: Tensor): { logits: Tensor; h: Tensor; c: Tensor | null; attn: Tensor } {
    const N = prev.length;
    const H = this.H;
    const hPrev = reshape(h, [N, H]);
    const e = this.decEmbedding.forward(prev, [N]);
    const q = unsqueeze(this.attention.query.forward(hPrev), 1); // [N, 1, H]
    const score = reshape(this.attention.v.forward(tanh(add(this.attention.key.forward(enc), q))), [N, enc.shape[1]]);
    const alpha = softmax(score, -1);
    const ctx = sum(mul(unsqueeze(alpha, 2), enc), [1]); // [N, H]
    const inp = cat([e, ctx], 1);
    let hNew: Tensor;
    let cNew: Tensor | null = null;
    if (this.decoder instanceof LSTMCell) [hNew, cNew] = this.decoder.forward(inp, [hPrev, reshape(c!, [N, H])]);
    else hNew = (this.decoder as GRUCell).forward(inp, hPrev);
    const logits = this.out.forward(cat([hNew, ctx], 1));
    return { logits, h: reshape(hNew, [1, N, H]), c: cNew ? reshape(cNew, [1, N, H]) : null, attn: alpha };
  }
}
