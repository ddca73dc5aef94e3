/**
 * The spell family (issue 7, the 1 vs N structure): one MNIST digit image in, its English name out,
 * letter by letter ("7" → s, e, v, e, n, </s>). The image is read once, into the decoder's initial
 * state; every later letter comes from that state and the letters already written.
 *
 * Tokens: 0 padding, 1 <s>, 2 </s>, 3… the letters of the ten names in alphabetical order
 * ({@link LETTERS}: e f g h i n o r s t u v w x z, so V = 18). A target is the name's letters then
 * </s>; the decoder reads <s> then the letters (teacher forcing).
 *
 * Model (H = hidden, E = embed):
 *   h_0 = tanh(encoder(x))                  x = the 784 pixels in [0,1]
 *   h_t = cell(embedding(y_{t−1}), h_{t−1})   y_0 = <s>; cell = GRU (or Elman RNN)
 *   logits_t = head(h_t)
 *
 * Parameter names (stateDict, for the ONNX export): encoder.weight [H, 784], encoder.bias [H];
 * embedding.weight [V, E]; decoder.weight_ih_l0 [G·H, E], decoder.weight_hh_l0 [G·H, H],
 * decoder.bias_ih_l0, decoder.bias_hh_l0 (a one-layer GRU/RNN module: PyTorch's names and gate order);
 * head.weight [V, H], head.bias [V].
 *
 * Evaluation (test split, greedy decoding, at most `maxOut` steps): `exact-match` = fraction of digits
 * whose decoded name is exactly theirs; `char-accuracy` = over every target position (each letter and
 * the final </s>), the fraction where the decoded token at that position is the right one.
 */
import { Embedding, GRU, Linear, Module, RNN, argmax, crossEntropy, noGrad, reshape, tanh, tensor, tidy, unsqueeze, type Generator, type Tensor } from "../../core/src/index.ts";
import { loadMnist, MNIST_PIXELS, type MnistRows } from "../data/mnist.ts";
import type { Family, ModelSpec, TrainingSpec } from "../types.ts";

type SpellArch = Extract<ModelSpec["architecture"], { family: "spell" }>;

export const DIGIT_NAMES: readonly string[] = Object.freeze(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]);
export const LETTERS = [...new Set(DIGIT_NAMES.join(""))].sort().join("");
export const PAD = 0;
export const BOS = 1;
export const EOS = 2;
export const VOCAB = LETTERS.length + 3;
/** Tokens by id: `<pad>`, `<s>`, `</s>`, then the letters. */
export const TOKENS: readonly string[] = Object.freeze(["<pad>", "<s>", "</s>", ...LETTERS]);
/** The longest name and its </s>: the decoding steps every digit needs. */
export const LONGEST = Math.max(...DIGIT_NAMES.map((n) => n.length)) + 1;

/** A digit's target ids: its name's letters, then </s>. */
export function nameTokens(digit: number): Int32Array {
  const name = DIGIT_NAMES[digit];
  if (name === undefined) throw new Error(`spell: ${digit} is not a digit 0–9`);
  return Int32Array.from([...name].map((ch) => LETTERS.indexOf(ch) + 3).concat([EOS]));
}

/** Letters of decoded ids up to (not including) </s>; any other non-letter id shows as "?". */
export function spelled(ids: ArrayLike<number>): string {
  let s = "";
  for (let i = 0; i < ids.length && ids[i] !== EOS; i++) s += ids[i] >= 3 ? (LETTERS[ids[i] - 3] ?? "?") : "?";
  return s;
}

export class Speller extends Module {
  readonly encoder: Linear;
  readonly embedding: Embedding;
  readonly decoder: GRU | RNN;
  readonly head: Linear;
  constructor(
    readonly arch: Pick<SpellArch, "cell" | "embed" | "hidden" | "maxOut">,
    rng: Generator,
  ) {
    super();
    const g = { generator: rng };
    this.encoder = this.registerModule("encoder", new Linear(MNIST_PIXELS, arch.hidden, g));
    this.embedding = this.registerModule("embedding", new Embedding(VOCAB, arch.embed, g));
    this.decoder = this.registerModule("decoder", arch.cell === "rnn" ? new RNN(arch.embed, arch.hidden, g) : new GRU(arch.embed, arch.hidden, g));
    this.head = this.registerModule("head", new Linear(arch.hidden, VOCAB, g));
  }

  /** Pixels [B, 784] → the decoder's initial state [1, B, H]. */
  encode(pixels: Tensor): Tensor {
    return unsqueeze(tanh(this.encoder.forward(pixels)), 0);
  }

  /** One decoder step: previous tokens [B] and state [1, B, H] → logits [B, V] and the new state. */
  step(prev: ArrayLike<number>, h: Tensor): { logits: Tensor; h: Tensor } {
    const B = prev.length;
    const [, hN] = this.decoder.forward(this.embedding.forward(prev, [1, B]), h);
    return { logits: this.head.forward(reshape(hN, [B, this.arch.hidden])), h: hN };
  }

  /** Teacher-forced logits [T, B, V] (time-major) for targets ending in </s>; T = the longest. */
  forwardTeacher(pixels: Tensor, targets: Int32Array[]): Tensor {
    const B = targets.length;
    const T = Math.max(...targets.map((t) => t.length));
    const inputs = new Int32Array(T * B); // time-major: <s>, then each target shifted right
    for (let b = 0; b < B; b++) {
      inputs[b] = BOS;
      for (let t = 1; t < T; t++) inputs[t * B + b] = t - 1 < targets[b].length ? targets[b][t - 1] : PAD;
    }
    const [seq] = this.decoder.forward(this.embedding.forward(inputs, [T, B]), this.encode(pixels));
    return this.head.forward(seq);
  }

  /** Greedy decoding of each image: token ids up to and including </s> (or `maxOut` of them). */
  greedy(pixels: Tensor, maxOut = this.arch.maxOut): number[][] {
    return noGrad(() =>
      tidy(() => {
        const B = pixels.shape[0];
        let h = this.encode(pixels);
        let prev: number[] = new Array<number>(B).fill(BOS);
        const out: number[][] = Array.from({ length: B }, () => []);
        const done = new Array<boolean>(B).fill(false);
        for (let t = 0; t < maxOut && done.includes(false); t++) {
          const r = this.step(prev, h);
          h = r.h;
          prev = Array.from(argmax(r.logits, -1).toInt32Array());
          prev.forEach((id, b) => {
            if (done[b]) return;
            out[b].push(id);
            if (id === EOS) done[b] = true;
          });
        }
        return out;
      }),
    );
  }
}

export interface SpellScores {
  "exact-match": number;
  "char-accuracy": number;
}

/** Exact match and character accuracy of greedy decoding on the rows (see the header). */
export function spellScores(model: Speller, rows: MnistRows, batch = 500): SpellScores {
  let exact = 0;
  let right = 0;
  let positions = 0;
  for (let k = 0; k < rows.n; k += batch) {
    const n = Math.min(batch, rows.n - k);
    const decoded = model.greedy(tensor(rows.x.subarray(k * MNIST_PIXELS, (k + n) * MNIST_PIXELS), [n, MNIST_PIXELS]));
    decoded.forEach((ids, i) => {
      const target = nameTokens(rows.y[k + i]);
      if (spelled(ids) === DIGIT_NAMES[rows.y[k + i]] && ids[ids.length - 1] === EOS) exact++;
      target.forEach((id, t) => {
        if (ids[t] === id) right++;
      });
      positions += target.length;
    });
  }
  return { "exact-match": exact / rows.n, "char-accuracy": right / positions };
}

function arch(spec: ModelSpec): SpellArch {
  if (spec.architecture.family !== "spell") throw new Error(`${spec.id}: architecture.family is ${spec.architecture.family}, expected spell`);
  return spec.architecture;
}

export interface SpellData {
  train: MnistRows;
  test: MnistRows;
}

export interface SpellBatch {
  pixels: Float32Array;
  digits: Int32Array;
}

const perEpoch = (data: SpellData, training: TrainingSpec) => Math.ceil(data.train.n / (training.batch ?? 100));
const permutations = new WeakMap<Generator, { epoch: number; perm: Int32Array }>();

export const spellFamily: Family<SpellData, SpellBatch> = {
  data: (spec) => {
    if (spec.data.set !== "mnist") throw new Error(`${spec.id}: the spell family reads mnist, not ${spec.data.set}`);
    const m = loadMnist();
    // Options for short test runs: the first rows of each split in a fixed shuffle (never used by the spec).
    const o = spec.data.options ?? {};
    const cut = (rows: MnistRows, n: unknown): MnistRows => {
      if (typeof n !== "number" || n >= rows.n) return rows;
      const stride = rows.n / n; // evenly over the digit-major rows, so every digit is present
      const x = new Float32Array(n * MNIST_PIXELS);
      const y = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const r = Math.floor(i * stride);
        x.set(rows.x.subarray(r * MNIST_PIXELS, (r + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
        y[i] = rows.y[r];
      }
      return { n, x, y };
    };
    return { train: cut(m.train, o.trainRows), test: cut(m.test, o.testRows) };
  },
  build: (spec, _data, rng) => new Speller(arch(spec), rng),
  totalSteps: (_spec, training, data) => training.steps ?? (training.epochs ?? 1) * perEpoch(data, training),
  batch: (step, data, training, rng) => {
    const per = perEpoch(data, training);
    const epoch = Math.floor(step / per);
    let p = permutations.get(rng);
    if (!p || p.epoch !== epoch) {
      p = { epoch, perm: rng.permutation(data.train.n) };
      permutations.set(rng, p);
    }
    const B = training.batch ?? 100;
    const rows = p.perm.subarray((step % per) * B, Math.min(((step % per) + 1) * B, data.train.n));
    const pixels = new Float32Array(rows.length * MNIST_PIXELS);
    const digits = new Int32Array(rows.length);
    rows.forEach((r, i) => {
      pixels.set(data.train.x.subarray(r * MNIST_PIXELS, (r + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
      digits[i] = data.train.y[r];
    });
    return { pixels, digits };
  },
  loss: (model, batch) => {
    const m = model as Speller;
    const B = batch.digits.length;
    const targets = Array.from(batch.digits, nameTokens);
    const logits = m.forwardTeacher(tensor(batch.pixels, [B, MNIST_PIXELS]), targets); // [T, B, V]
    const T = logits.shape[0];
    const y = new Int32Array(T * B).fill(-100);
    targets.forEach((tg, b) => tg.forEach((id, t) => (y[t * B + b] = id)));
    return crossEntropy(reshape(logits, [T * B, VOCAB]), y, { ignoreIndex: -100 });
  },
  evaluate: (model, data) => {
    const m = model as Speller;
    m.eval();
    const r = spellScores(m, data.test);
    m.train();
    return { ...r };
  },
  batchSize: (batch) => batch.digits.length,
};
export default spellFamily;
