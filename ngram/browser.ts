/**
 * The widget's core logic, for the browser: load a binary model, get the next-token distribution
 * after a prefix, sample with temperature from a seeded generator. Plain TypeScript without Node
 * imports (everything it imports is Node-free too), to be bundled for the page.
 */
import type { BackoffModel } from "./backoff.ts";
import { decodeBinary } from "./binary.ts";
import { BOS_ID, EOS_ID } from "./vocab.ts";

export { decodeBinary } from "./binary.ts";
export type { BackoffModel } from "./backoff.ts";

export function loadModel(bytes: ArrayBuffer | Uint8Array): BackoffModel {
  return decodeBinary(bytes);
}

/** Token ids of a prefix (unknown tokens → `<unk>`), preceded by `<s>`. */
export function encodePrefix(model: BackoffModel, tokens: readonly string[]): Uint32Array {
  const ids = new Uint32Array(tokens.length + 1);
  ids[0] = BOS_ID;
  tokens.forEach((t, i) => (ids[i + 1] = model.vocab.id(t)));
  return ids;
}

/** p(· | prefix) over the whole vocabulary (`<s>` gets 0). `history` starts with `<s>`. */
export function nextTokenDistribution(model: BackoffModel, history: ArrayLike<number>): Float64Array {
  const p = model.distribution(history, history.length);
  p[BOS_ID] = 0;
  return p;
}

/** The k most probable tokens, most probable first. */
export function topTokens(model: BackoffModel, dist: Float64Array, k: number): { token: string; id: number; p: number }[] {
  const ids = Array.from({ length: dist.length }, (_, i) => i).filter((i) => dist[i] > 0);
  ids.sort((a, b) => dist[b] - dist[a] || a - b);
  return ids.slice(0, k).map((id) => ({ token: model.vocab.token(id), id, p: dist[id] }));
}

/** A seeded 32-bit generator (a splitmix-style mix of a Weyl sequence): returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 4294967296;
  };
}

/**
 * Draws a token id from p^(1/T) renormalised. T → 0 takes the most probable token (lowest id on
 * ties); T = 1 samples p itself; larger T flattens it.
 */
export function sampleToken(dist: Float64Array, temperature: number, random: () => number): number {
  if (!(temperature >= 0)) throw new Error(`temperature must be ≥ 0, got ${temperature}`);
  if (temperature < 1e-6) {
    let best = 0;
    for (let i = 1; i < dist.length; i++) if (dist[i] > dist[best]) best = i;
    return best;
  }
  const w = new Float64Array(dist.length);
  let max = 0;
  for (let i = 0; i < dist.length; i++) if (dist[i] > max) max = dist[i];
  let total = 0;
  for (let i = 0; i < dist.length; i++) {
    w[i] = dist[i] > 0 ? Math.exp(Math.log(dist[i] / max) / temperature) : 0;
    total += w[i];
  }
  let u = random() * total;
  let last = 0;
  for (let i = 0; i < w.length; i++) {
    if (w[i] <= 0) continue;
    last = i;
    u -= w[i];
    if (u < 0) return i;
  }
  return last;
}

/** Continues `prefix` by up to `maxTokens` sampled tokens, stopping after `</s>`. */
export function generate(model: BackoffModel, prefix: readonly string[], maxTokens: number, temperature: number, seed: number): string[] {
  const random = seededRandom(seed);
  const history = Array.from(encodePrefix(model, prefix));
  const out: string[] = [];
  for (let i = 0; i < maxTokens; i++) {
    const id = sampleToken(nextTokenDistribution(model, history), temperature, random);
    if (id === EOS_ID) break;
    out.push(model.vocab.token(id));
    history.push(id);
  }
  return out;
}
