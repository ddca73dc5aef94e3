/**
 * The seq-classifier family (MODEL-ZOO.md classify): is a poem Tang (class 0) or Song (class 1)?
 * Embedding(V, embed) → LSTM(hidden) → the state after each poem's last character → Linear(hidden, classes).
 *
 * Poems are cut to their first `maxLength` (64) characters, the trailing `\n` counting, and encoded
 * with the tang vocabulary. Each step draws batch/2 (16) Tang and batch/2 Song train poems uniformly
 * with replacement. Poems of different lengths share a batch padded at the end: the LSTM runs forward
 * only, so the output at a poem's last real position is exactly the state after its last character
 * (padding comes later and cannot reach it), and those rows are gathered (indexSelect) — the same
 * state as PyTorch's packed sequences.
 *
 * Evaluation: every validation poem of both dynasties: plain accuracy, each class's recall and the
 * balanced accuracy (mean of the two recalls), as fractions.
 *
 * Parameter names (stateDict; what models/onnx/export.ts reads): embedding.weight [V, E]; lstm.weight_ih_l0 [4H, E], lstm.weight_hh_l0,
 * lstm.bias_ih_l0, lstm.bias_hh_l0; head.weight [classes, H], head.bias.
 */
import { Embedding, LSTM, Linear, Module, argmax, crossEntropy, indexSelect, noGrad, reshape, tidy, type Generator, type Tensor } from "../../core/src/index.ts";
import type { Family, ModelSpec, TrainingSpec } from "../types.ts";
import { loadTang, readPoems } from "../data/tang.ts";

type CArch = Extract<ModelSpec["architecture"], { family: "seq-classifier" }>;

export interface ClassifyData {
  vocabSize: number;
  /** Encoded (cut) poems per class: [tang, song]. */
  train: Uint16Array[][];
  val: Uint16Array[][];
}

export interface ClassifyBatch {
  seqs: ArrayLike<number>[];
  labels: number[];
}

/** Tang and Song poems, first `maxLength` characters, tang vocabulary. */
export function tangSongData(maxLength = 64): ClassifyData {
  const tang = loadTang();
  const song = readPoems("song");
  const enc = (poems: string[]) => poems.map((p) => tang.vocab.encode(Array.from(p).slice(0, maxLength).join("")));
  return {
    vocabSize: tang.vocab.size,
    train: [enc(tang.train), enc(song.train)],
    val: [enc(tang.validation), enc(song.validation)],
  };
}

export class SeqClassifier extends Module {
  readonly embedding: Embedding;
  readonly lstm: LSTM;
  readonly head: Linear;
  constructor(
    readonly vocabSize: number,
    readonly arch: Pick<CArch, "embed" | "hidden" | "classes">,
    rng: Generator,
  ) {
    super();
    this.embedding = this.registerModule("embedding", new Embedding(vocabSize, arch.embed, { generator: rng }));
    this.lstm = this.registerModule("lstm", new LSTM(arch.embed, arch.hidden, { generator: rng }));
    this.head = this.registerModule("head", new Linear(arch.hidden, arch.classes, { generator: rng }));
  }

  /** The LSTM state after each sequence's last element: [B, H]. Sequences must be non-empty. */
  lastStates(seqs: ArrayLike<number>[]): Tensor {
    const B = seqs.length;
    let T = 0;
    for (const s of seqs) {
      if (s.length === 0) throw new Error("SeqClassifier: empty sequence");
      T = Math.max(T, s.length);
    }
    const ids = new Int32Array(T * B); // time-major, padded with id 0 after each sequence's end
    const last = new Int32Array(B);
    seqs.forEach((s, b) => {
      for (let t = 0; t < s.length; t++) ids[t * B + b] = s[t];
      last[b] = (s.length - 1) * B + b;
    });
    const out = this.lstm.forward(this.embedding.forward(ids, [T, B]))[0]; // [T, B, H]
    return indexSelect(reshape(out, [T * B, this.arch.hidden]), last);
  }

  /** Logits [B, classes]. */
  forwardSeqs(seqs: ArrayLike<number>[]): Tensor {
    return this.head.forward(this.lastStates(seqs));
  }
}

export interface ClassifyMetrics extends Record<string, number> {
  accuracy: number;
  "balanced-accuracy": number;
}

/** Plain accuracy, per-class recall (`recall-<c>`, and tang-recall / song-recall for two classes), balanced accuracy. */
export function classificationMetrics(predicted: ArrayLike<number>, labels: ArrayLike<number>, classes: number): ClassifyMetrics {
  const hit = new Array<number>(classes).fill(0);
  const count = new Array<number>(classes).fill(0);
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    count[labels[i]]++;
    if (predicted[i] === labels[i]) {
      hit[labels[i]]++;
      correct++;
    }
  }
  const m: ClassifyMetrics = { accuracy: correct / labels.length, "balanced-accuracy": 0 };
  let sum = 0;
  let present = 0;
  for (let c = 0; c < classes; c++) {
    if (count[c] === 0) continue;
    const r = hit[c] / count[c];
    m[`recall-${c}`] = r;
    sum += r;
    present++;
  }
  m["balanced-accuracy"] = sum / present;
  if (classes === 2) {
    m["tang-recall"] = m["recall-0"] ?? NaN;
    m["song-recall"] = m["recall-1"] ?? NaN;
  }
  return m;
}

/** Predictions for many sequences, `batch` at a time, sorted by length to keep padding small. */
export function predict(model: SeqClassifier, seqs: ArrayLike<number>[], batch = 512): Int32Array {
  const order = seqs.map((_, i) => i).sort((a, b) => seqs[a].length - seqs[b].length);
  const out = new Int32Array(seqs.length);
  for (let k = 0; k < order.length; k += batch) {
    const idx = order.slice(k, k + batch);
    const pred = noGrad(() => tidy(() => argmax(model.forwardSeqs(idx.map((i) => seqs[i])), -1).toInt32Array()));
    idx.forEach((i, j) => (out[i] = pred[j]));
  }
  return out;
}

function arch(spec: ModelSpec): CArch {
  if (spec.architecture.family !== "seq-classifier") throw new Error(`${spec.id}: architecture.family is ${spec.architecture.family}, expected seq-classifier`);
  return spec.architecture;
}

export const seqClassifierFamily: Family<ClassifyData, ClassifyBatch> = {
  data: (spec) => tangSongData(arch(spec).maxLength),
  build: (spec, data, rng) => new SeqClassifier(data.vocabSize, arch(spec), rng),
  totalSteps: (_spec, training: TrainingSpec, data) => training.steps ?? (training.epochs ?? 1) * Math.ceil(data.train.reduce((n, c) => n + c.length, 0) / (training.batch ?? 32)),
  batch: (_step, data, training, rng) => {
    const C = data.train.length;
    const per = Math.floor((training.batch ?? 32) / C);
    const seqs: ArrayLike<number>[] = [];
    const labels: number[] = [];
    for (let c = 0; c < C; c++) {
      for (let i = 0; i < per; i++) {
        seqs.push(data.train[c][rng.int(data.train[c].length)]);
        labels.push(c);
      }
    }
    return { seqs, labels };
  },
  loss: (model, batch) => crossEntropy((model as SeqClassifier).forwardSeqs(batch.seqs), batch.labels),
  evaluate: (model, data) => {
    const m = model as SeqClassifier;
    m.eval();
    const seqs = data.val.flat();
    const labels = data.val.flatMap((c, ci) => c.map(() => ci));
    const r = classificationMetrics(predict(m, seqs), labels, data.val.length);
    m.train();
    return r;
  },
};
export default seqClassifierFamily;
