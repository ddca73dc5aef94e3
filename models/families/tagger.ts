/**
 * The tagger family (MODEL-ZOO.md bilstm): Brown part-of-speech tags.
 * Embedding(words, embed) → BiLSTM(hidden + hidden) → Linear(2·hidden, tags).
 *
 * Words are lower-cased; the vocabulary is padding (id 0), `<unk>` (id 1) and the train words seen at
 * least `minCount` (2) times (ids 2…, by decreasing count, ties by code-unit order): 26,169 + 2 ids.
 * Tags are brownPosTag's (cut before the first `-` or `+`, `--…` → `--`), ids in sorted order: 105.
 *
 * Batches: `batch` (32) sentences from a permutation of the train sentences drawn afresh each epoch.
 * Sentences of different lengths share a batch padded at the end; the bidirectional LSTM reads them
 * as packed sequences would: the forward direction is unaffected by trailing padding, and the
 * backward direction runs over each sentence reversed within its own length (so it starts at the
 * sentence's last real word, never at padding). Padded positions are ignored by the loss.
 *
 * Evaluation: test token accuracy (fraction) over every test token.
 *
 * Parameter names (stateDict; what models/onnx/export.ts reads), PyTorch's for nn.LSTM(bidirectional=True):
 * embedding.weight [V, E]; lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0, lstm.bias_hh_l0 (forward),
 * lstm.weight_ih_l0_reverse, … (backward), gate order i f g o; head.weight [T, 2H], head.bias.
 */
import { Embedding, LSTM, Linear, Module, argmax, cat, crossEntropy, indexSelect, linear, noGrad, reshape, tidy, type Generator, type Tensor } from "../../core/src/index.ts";
import { lstmSequence } from "../../core/src/ops/lstm.ts";
import type { Family, ModelSpec, TrainingSpec } from "../types.ts";
import { brownPosTag, brownWord, readBrownDocuments } from "../data/brown.ts";

type TArch = Extract<ModelSpec["architecture"], { family: "tagger" }>;

export const PAD = 0;
export const UNK = 1;

export interface TaggedSentence {
  words: Int32Array;
  tags: Int32Array;
}

export interface TaggerData {
  words: string[]; // by id (0 = <pad>, 1 = <unk>)
  tags: string[];
  train: TaggedSentence[];
  test: TaggedSentence[];
}

/** Sentences as [word, tag] pairs (lower-cased words, cut tags). */
export type RawSentence = [string, string][];

export function brownTagged(): { train: RawSentence[]; test: RawSentence[] } {
  const docs = readBrownDocuments();
  const conv = (ds: typeof docs.train) => ds.flatMap((d) => d.sentences.map((s) => s.map((tok): [string, string] => [brownWord(tok), brownPosTag(tok)])));
  return { train: conv(docs.train), test: conv(docs.test) };
}

/** Vocabulary, tag set and id-encoded sentences. Test tags unseen in train get id −1 (always wrong). */
export function buildTaggerData(train: RawSentence[], test: RawSentence[], minCount = 2): TaggerData {
  const counts = new Map<string, number>();
  const tagSet = new Set<string>();
  for (const s of train) for (const [w, t] of s) {
    counts.set(w, (counts.get(w) ?? 0) + 1);
    tagSet.add(t);
  }
  const kept = [...counts].filter(([, n]) => n >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const words = ["<pad>", "<unk>", ...kept.map(([w]) => w)];
  const wid = new Map(words.map((w, i) => [w, i]));
  const tags = [...tagSet].sort();
  const tid = new Map(tags.map((t, i) => [t, i]));
  const enc = (s: RawSentence): TaggedSentence => ({
    words: Int32Array.from(s, ([w]) => (w === "<pad>" || w === "<unk>" ? UNK : (wid.get(w) ?? UNK))),
    tags: Int32Array.from(s, ([, t]) => tid.get(t) ?? -1),
  });
  return { words, tags, train: train.map(enc).filter((s) => s.words.length > 0), test: test.map(enc).filter((s) => s.words.length > 0) };
}

export class Tagger extends Module {
  readonly embedding: Embedding;
  readonly lstm: LSTM;
  readonly head: Linear;
  constructor(
    readonly vocabSize: number,
    readonly numTags: number,
    readonly arch: Pick<TArch, "embed" | "hidden">,
    rng: Generator,
  ) {
    super();
    this.embedding = this.registerModule("embedding", new Embedding(vocabSize, arch.embed, { generator: rng }));
    this.lstm = this.registerModule("lstm", new LSTM(arch.embed, arch.hidden, { bidirectional: true, generator: rng }));
    this.head = this.registerModule("head", new Linear(2 * arch.hidden, numTags, { generator: rng }));
  }

  /**
   * Logits for every position of every sentence, [B, T, tags] (T = longest; rows past a sentence's
   * end are padding). Packed-sequence semantics for both directions.
   */
  forwardSentences(sents: ArrayLike<number>[]): Tensor {
    const B = sents.length;
    let T = 0;
    for (const s of sents) T = Math.max(T, s.length);
    const H = this.arch.hidden;
    const fwd = new Int32Array(T * B).fill(PAD); // time-major
    const bwd = new Int32Array(T * B).fill(PAD); // each sentence reversed within its length
    // position (t, b) of the reversed run ↔ position (len−1−t, b) of the sentence; padding maps to itself
    const unrev = new Int32Array(T * B);
    sents.forEach((s, b) => {
      const n = s.length;
      for (let t = 0; t < T; t++) {
        if (t < n) {
          fwd[t * B + b] = s[t];
          bwd[t * B + b] = s[n - 1 - t];
        }
        unrev[t * B + b] = (t < n ? n - 1 - t : t) * B + b;
      }
    });
    const run = (ids: Int32Array, d: number) => {
      const w = this.lstm.cells[d];
      const x = this.embedding.forward(ids, [T * B]);
      const xw = reshape(linear(x, w.wih, w.bih), [T, B, 4 * H]);
      return reshape(lstmSequence(xw, w.whh, w.bhh, null, null, false), [T + 1, B, H]);
    };
    const yf = reshape(run(fwd, 0), [(T + 1) * B, H]); // rows T·B … are the final cell state
    const yb = reshape(run(bwd, 1), [(T + 1) * B, H]);
    const hf = indexSelect(yf, Int32Array.from({ length: T * B }, (_, i) => i));
    const hb = indexSelect(yb, unrev);
    const h = cat([hf, hb], 1); // [T·B, 2H], time-major rows
    // batch-major rows for the head
    const bm = new Int32Array(T * B);
    for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) bm[b * T + t] = t * B + b;
    return reshape(this.head.forward(indexSelect(h, bm)), [B, T, this.numTags]);
  }
}

/** Targets [B·T] batch-major, padding = ignore index −100. */
function paddedTargets(sents: TaggedSentence[], T: number): Int32Array {
  const y = new Int32Array(sents.length * T).fill(-100);
  sents.forEach((s, b) => y.set(s.tags, b * T));
  return y;
}

/** Token accuracy of a tagger on sentences, `batch` sentences at a time (sorted by length). */
export function tokenAccuracy(model: Tagger, sents: TaggedSentence[], batch = 256): number {
  const order = sents.map((_, i) => i).sort((a, b) => sents[a].words.length - sents[b].words.length);
  let correct = 0;
  let total = 0;
  for (let k = 0; k < order.length; k += batch) {
    const group = order.slice(k, k + batch).map((i) => sents[i]);
    const T = Math.max(...group.map((s) => s.words.length));
    const pred = noGrad(() => tidy(() => argmax(model.forwardSentences(group.map((s) => s.words)), -1).toInt32Array()));
    group.forEach((s, b) => {
      for (let t = 0; t < s.tags.length; t++) if (pred[b * T + t] === s.tags[t]) correct++;
      total += s.tags.length;
    });
  }
  return correct / total;
}

function arch(spec: ModelSpec): TArch {
  if (spec.architecture.family !== "tagger") throw new Error(`${spec.id}: architecture.family is ${spec.architecture.family}, expected tagger`);
  return spec.architecture;
}

export interface TaggerBatch {
  sents: TaggedSentence[];
}

const batchesPerEpoch = (data: TaggerData, training: TrainingSpec) => Math.ceil(data.train.length / (training.batch ?? 32));

/** The epoch permutation is drawn at the first step of each epoch (cached per data object). */
const permutations = new WeakMap<TaggerData, { epoch: number; perm: Int32Array }>();

export const taggerFamily: Family<TaggerData, TaggerBatch> = {
  data: (spec) => {
    const raw = brownTagged();
    const o = spec.data.options ?? {};
    const train = typeof o.trainSentences === "number" ? raw.train.slice(0, o.trainSentences) : raw.train;
    const test = typeof o.testSentences === "number" ? raw.test.slice(0, o.testSentences) : raw.test;
    return buildTaggerData(train, test, arch(spec).minCount);
  },
  build: (spec, data, rng) => new Tagger(data.words.length, data.tags.length, arch(spec), rng),
  totalSteps: (_spec, training, data) => training.steps ?? (training.epochs ?? 1) * batchesPerEpoch(data, training),
  batch: (step, data, training, rng) => {
    const per = batchesPerEpoch(data, training);
    const epoch = Math.floor(step / per);
    let p = permutations.get(data);
    if (!p || p.epoch !== epoch) {
      p = { epoch, perm: rng.permutation(data.train.length) };
      permutations.set(data, p);
    }
    const B = training.batch ?? 32;
    const k = (step % per) * B;
    return { sents: Array.from(p.perm.subarray(k, Math.min(k + B, data.train.length)), (i) => data.train[i]) };
  },
  loss: (model, batch) => {
    const m = model as Tagger;
    const T = Math.max(...batch.sents.map((s) => s.words.length));
    const logits = m.forwardSentences(batch.sents.map((s) => s.words));
    return crossEntropy(reshape(logits, [batch.sents.length * T, m.numTags]), paddedTargets(batch.sents, T), { ignoreIndex: -100 });
  },
  evaluate: (model, data) => {
    model.eval();
    const acc = tokenAccuracy(model as Tagger, data.test);
    model.train();
    return { "token-accuracy": acc };
  },
};
export default taggerFamily;
