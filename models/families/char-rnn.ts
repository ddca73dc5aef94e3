/**
 * The char-rnn family (MODEL-ZOO.md rnn, lstm, stacked): Embedding(V, embed) → RNN/LSTM/GRU(hidden,
 * layers) → Linear(hidden, V), next-character prediction on the tang text.
 *
 * Training (reference/README.md "Text models"): each step draws `batch` (32) windows of `window`
 * (65) characters at offsets uniform over 0 … len(train) − window; the first 64 are inputs, the last
 * 64 targets; the state starts at zero in every window; the loss is the mean cross-entropy over all
 * 32×64 positions. Clipping and Adam are the trainer's (spec.training.clip, optimizer).
 *
 * Evaluation ({@link bitsPerCharacter}): the validation text in non-overlapping windows of 64 inputs,
 * window k reading val[64k … 64k+63] and predicting val[64k+1 … 64k+64], state reset per window, the
 * last window shorter; every character but the first is predicted exactly once (77,874 predictions
 * on tang). bpc = total cross-entropy in nats / predictions / ln 2.
 *
 * Parameter names (stateDict; what models/onnx/export.ts reads): embedding.weight [V, E]; rnn.weight_ih_l{k}, rnn.weight_hh_l{k},
 * rnn.bias_ih_l{k}, rnn.bias_hh_l{k} (PyTorch's names and gate order); head.weight [V, H], head.bias.
 * The model takes ids batch-major [B, T] and returns logits [B, T, V].
 */
import { Embedding, GRU, LSTM, Linear, Module, RNN, crossEntropy, noGrad, tidy, transpose, contiguous, reshape, type Generator, type Tensor } from "../../core/src/index.ts";
import type { Family, ModelSpec, TrainingSpec } from "../types.ts";
import { loadTang, type CharVocab } from "../data/tang.ts";

/** Anything that maps ids [B, T] (batch-major, flat) to logits [B, T, V]. */
export interface CharLM {
  readonly vocabSize: number;
  /** Longest input it accepts (the transformer's context); Infinity for recurrent models. */
  readonly context: number;
  forwardIds(ids: ArrayLike<number>, B: number, T: number): Tensor;
}

export interface CharData {
  vocabSize: number;
  train: Uint16Array | Int32Array;
  val: Uint16Array | Int32Array;
  vocab?: CharVocab;
}

export interface CharBatch {
  /** [B, T] inputs and targets, batch-major. */
  inputs: Int32Array;
  targets: Int32Array;
  B: number;
  T: number;
}

/** Encoded tang text: train poems concatenated, validation poems concatenated. */
export function tangCharData(spec?: ModelSpec): CharData {
  const tang = loadTang();
  let train = tang.vocab.encode(tang.train.join(""));
  let val = tang.vocab.encode(tang.validation.join(""));
  // Options for short test runs: cut the texts (never used by the parity specs).
  const o = spec?.data.options ?? {};
  if (typeof o.trainChars === "number") train = train.subarray(0, o.trainChars);
  if (typeof o.valChars === "number") val = val.subarray(0, o.valChars);
  return { vocabSize: tang.vocab.size, train, val, vocab: tang.vocab };
}

/** `B` windows of `window` characters at uniform offsets 0 … len − window (inputs: first window−1, targets: last window−1). */
export function drawWindows(text: ArrayLike<number>, B: number, window: number, rng: Generator): CharBatch {
  const T = window - 1;
  const span = text.length - window + 1;
  if (span <= 0) throw new Error(`text of ${text.length} characters is shorter than a window of ${window}`);
  const inputs = new Int32Array(B * T);
  const targets = new Int32Array(B * T);
  for (let b = 0; b < B; b++) {
    const off = rng.int(span);
    for (let t = 0; t < T; t++) {
      inputs[b * T + t] = text[off + t];
      targets[b * T + t] = text[off + t + 1];
    }
  }
  return { inputs, targets, B, T };
}

/** Mean cross-entropy of a char LM on a batch. */
export function charLoss(model: CharLM, batch: CharBatch): Tensor {
  const logits = model.forwardIds(batch.inputs, batch.B, batch.T);
  return crossEntropy(reshape(logits, [batch.B * batch.T, model.vocabSize]), batch.targets);
}

export interface BpcResult {
  bpc: number;
  /** Total cross-entropy in nats. */
  nats: number;
  predictions: number;
}

/**
 * Validation bits per character: non-overlapping windows of `window` inputs, state/context reset per
 * window; every character but the first is predicted once. Full windows run `batch` at a time.
 */
export function bitsPerCharacter(model: CharLM, val: ArrayLike<number>, window = 64, batch = 128): BpcResult {
  const n = val.length - 1; // predictions
  if (n <= 0) return { bpc: NaN, nats: 0, predictions: 0 };
  const full = Math.floor(n / window);
  const rest = n - full * window;
  let nats = 0;
  const run = (starts: number[], T: number) => {
    const B = starts.length;
    const inputs = new Int32Array(B * T);
    const targets = new Int32Array(B * T);
    starts.forEach((s, b) => {
      for (let t = 0; t < T; t++) {
        inputs[b * T + t] = val[s + t];
        targets[b * T + t] = val[s + t + 1];
      }
    });
    nats += noGrad(() =>
      tidy(() => crossEntropy(reshape(model.forwardIds(inputs, B, T), [B * T, model.vocabSize]), targets, { reduction: "sum" }).item()),
    );
  };
  for (let k = 0; k < full; k += batch) {
    const starts: number[] = [];
    for (let j = k; j < Math.min(full, k + batch); j++) starts.push(j * window);
    run(starts, window);
  }
  if (rest > 0) run([full * window], rest);
  return { bpc: nats / n / Math.LN2, nats, predictions: n };
}

type CharArch = Extract<ModelSpec["architecture"], { family: "char-rnn" }>;

/** Embedding → recurrent layers → Linear(V). */
export class CharRNN extends Module implements CharLM {
  readonly embedding: Embedding;
  readonly rnn: RNN | LSTM | GRU;
  readonly head: Linear;
  readonly context = Infinity;
  constructor(
    readonly vocabSize: number,
    readonly arch: Pick<CharArch, "cell" | "embed" | "hidden" | "layers">,
    rng: Generator,
  ) {
    super();
    this.embedding = this.registerModule("embedding", new Embedding(vocabSize, arch.embed, { generator: rng }));
    const opts = { numLayers: arch.layers, generator: rng };
    const Cell = arch.cell === "lstm" ? LSTM : arch.cell === "gru" ? GRU : RNN;
    this.rnn = this.registerModule("rnn", new Cell(arch.embed, arch.hidden, opts));
    this.head = this.registerModule("head", new Linear(arch.hidden, vocabSize, { generator: rng }));
  }

  /** ids [B, T] batch-major → logits [B, T, V]; zero initial state. */
  forwardIds(ids: ArrayLike<number>, B: number, T: number): Tensor {
    // time-major ids for the recurrent layer ([T, B, E]); only the narrow hidden states are transposed back
    const tm = new Int32Array(B * T);
    for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) tm[t * B + b] = ids[b * T + t];
    const x = this.embedding.forward(tm, [T, B]);
    const seq = this.rnn.forward(x)[0]; // [T, B, H]
    const bm = contiguous(transpose(seq, 0, 1)); // [B, T, H]
    return this.head.forward(bm);
  }
}

function arch(spec: ModelSpec): CharArch {
  if (spec.architecture.family !== "char-rnn") throw new Error(`${spec.id}: architecture.family is ${spec.architecture.family}, expected char-rnn`);
  return spec.architecture;
}

/** Shared by char-rnn and transformer-lm: window batches, mean CE, bpc. */
export function charLmFamily(build: (spec: ModelSpec, data: CharData, rng: Generator) => Module & CharLM): Family<CharData, CharBatch> {
  return {
    data: (spec) => tangCharData(spec),
    build,
    totalSteps: (_spec: ModelSpec, training: TrainingSpec, data: CharData) => {
      if (training.steps !== undefined) return training.steps;
      const perEpoch = Math.ceil(data.train.length / ((training.window ?? 65) - 1) / (training.batch ?? 32));
      return (training.epochs ?? 1) * perEpoch;
    },
    batch: (_step, data, training, rng) => drawWindows(data.train, training.batch ?? 32, training.window ?? 65, rng),
    loss: (model, batch) => charLoss(model as unknown as CharLM, batch),
    evaluate: (model, data, spec) => {
      model.eval();
      const r = bitsPerCharacter(model as unknown as CharLM, data.val, (spec.training.window ?? 65) - 1);
      model.train();
      return { bpc: r.bpc, nats: r.nats, predictions: r.predictions };
    },
  };
}

export const charRnnFamily: Family<CharData, CharBatch> = charLmFamily((spec, data, rng) => new CharRNN(data.vocabSize, arch(spec), rng));
export default charRnnFamily;
