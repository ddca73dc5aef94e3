// Picking the next token from a language model's logits: temperature and top-k, with some ids never
// picked (`<unk>`: a quick model ranks it high, and it prints as U+FFFD). The random source is passed
// in, so the same code is greedy and deterministic at build time, seeded in tests, Math.random in the page.

export interface SamplingOptions {
  /** 0 (or below 1e-6) takes the most probable id; 1 samples the model's distribution; larger flattens it. */
  temperature: number;
  /** Only the k most probable ids are candidates; 0 or ≥ count: all. */
  topK: number;
  /** Ids never picked. */
  banned?: readonly number[];
}

/** The candidate ids (finite logits, not banned), most probable first (lower id first on ties), at most topK. */
export function candidates(logits: ArrayLike<number>, from: number, count: number, o: SamplingOptions): number[] {
  const banned = new Set(o.banned ?? []);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) if (!banned.has(i) && Number.isFinite(logits[from + i])) ids.push(i);
  ids.sort((a, b) => logits[from + b] - logits[from + a] || a - b);
  return o.topK > 0 && o.topK < ids.length ? ids.slice(0, o.topK) : ids;
}

/** The probabilities of `ids` after temperature (softmax of logit / T over the candidates only). */
export function candidateProbabilities(logits: ArrayLike<number>, from: number, ids: readonly number[], temperature: number): Float64Array {
  const p = new Float64Array(ids.length);
  if (ids.length === 0) return p;
  const max = logits[from + ids[0]];
  let sum = 0;
  ids.forEach((id, i) => (sum += p[i] = Math.exp((logits[from + id] - max) / temperature)));
  for (let i = 0; i < p.length; i++) p[i] /= sum;
  return p;
}

/** One token id out of `logits[from … from+count)`. Throws when every id is banned. */
export function pickToken(logits: ArrayLike<number>, from: number, count: number, o: SamplingOptions, random: () => number): number {
  if (!(o.temperature >= 0)) throw new Error(`temperature must be ≥ 0, got ${o.temperature}`);
  const ids = candidates(logits, from, count, o);
  if (ids.length === 0) throw new Error("no token left to pick");
  if (o.temperature < 1e-6) return ids[0];
  const p = candidateProbabilities(logits, from, ids, o.temperature);
  let u = random();
  for (let i = 0; i < ids.length; i++) {
    u -= p[i];
    if (u < 0) return ids[i];
  }
  return ids[ids.length - 1];
}
