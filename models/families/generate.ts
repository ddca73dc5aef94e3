/**
 * Sampling from a character LM (char-rnn or transformer-lm): each step runs the model over the text
 * so far (the last `context` characters for the transformer; the whole text from a zero state for the
 * recurrent models, which is how they were trained), takes the last position's logits, divides them
 * by `temperature`, keeps the `topK` largest (0 = all) and draws from the softmax with `rng`.
 * temperature 0 is greedy (argmax). Returns the generated ids only (not the prefix).
 */
import { noGrad, tidy, Generator } from "../../core/src/index.ts";
import type { CharLM } from "./char-rnn.ts";

export interface GenerateOptions {
  temperature?: number;
  topK?: number;
  steps?: number;
  rng?: Generator;
  /** Stop after producing this id (e.g. the id of `\n` to end a poem); it is included. */
  stopAt?: number;
}

/** Draw an index from logits with temperature and top-k (pure; exported for tests). */
export function sampleLogits(logits: ArrayLike<number>, temperature: number, topK: number, rng: Generator): number {
  const V = logits.length;
  let best = 0;
  for (let i = 1; i < V; i++) if (logits[i] > logits[best]) best = i;
  if (temperature <= 0) return best;
  let idx = Array.from({ length: V }, (_, i) => i);
  if (topK > 0 && topK < V) idx = idx.sort((a, b) => logits[b] - logits[a] || a - b).slice(0, topK);
  const m = logits[best] / temperature;
  const w = idx.map((i) => Math.exp(logits[i] / temperature - m));
  let total = 0;
  for (const x of w) total += x;
  let u = rng.random() * total;
  for (let j = 0; j < idx.length; j++) {
    u -= w[j];
    if (u < 0) return idx[j];
  }
  return idx[idx.length - 1];
}

export function generate(model: CharLM, prefix: ArrayLike<number>, opts: GenerateOptions = {}): number[] {
  const temperature = opts.temperature ?? 1;
  const topK = opts.topK ?? 0;
  const steps = opts.steps ?? 64;
  const rng = opts.rng ?? new Generator(0);
  const text = Array.from(prefix);
  if (text.length === 0) throw new Error("generate: the prefix needs at least one id");
  const out: number[] = [];
  for (let s = 0; s < steps; s++) {
    const ctx = Number.isFinite(model.context) ? text.slice(-model.context) : text;
    const T = ctx.length;
    const logits = noGrad(() => tidy(() => model.forwardIds(ctx, 1, T).toFloat32Array()));
    const last = logits.subarray((T - 1) * model.vocabSize, T * model.vocabSize);
    const next = sampleLogits(last, temperature, topK, rng);
    text.push(next);
    out.push(next);
    if (opts.stopAt !== undefined && next === opts.stopAt) break;
  }
  return out;
}
