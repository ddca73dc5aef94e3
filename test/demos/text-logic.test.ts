// The text demos' pure logic: picking a token (temperature, top-k, banned ids, a given random source),
// attention rows for the heatmap, the char-lm stepping (state carried, window kept), and English words
// for the n-gram; the static quality lines' budget label.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { attentionHeads, rowMaxScaled, rowSums } from "../../plugins/demos/client/attention.ts";
import { CharLm, type LmFeed } from "../../plugins/demos/client/char-lm.ts";
import { candidateProbabilities, candidates, pickToken } from "../../plugins/demos/client/sampling.ts";
import { joinWords, tokenizeWords } from "../../plugins/demos/client/words.ts";
import { textMetric } from "../../plugins/demos/static/text-metric.ts";
import { textFallback } from "../../plugins/demos/static/text.ts";
import { seededRandom } from "../../ngram/browser.ts";

const logits = Float32Array.from([1, 3, 2, 5, 4]); // order by probability: 3, 4, 1, 2, 0

test("temperature 0 takes the most probable id that is not banned", () => {
  assert.is(pickToken(logits, 0, 5, { temperature: 0, topK: 0 }, Math.random), 3);
  assert.is(pickToken(logits, 0, 5, { temperature: 0, topK: 0, banned: [3] }, Math.random), 4);
  // Ties go to the lower id; `from` selects a row.
  assert.is(pickToken([9, 9, 7, 7], 2, 2, { temperature: 0, topK: 0 }, Math.random), 0);
});

test("top-k keeps the k most probable ids; banned ids are never candidates", () => {
  assert.equal(candidates(logits, 0, 5, { temperature: 1, topK: 2 }), [3, 4]);
  assert.equal(candidates(logits, 0, 5, { temperature: 1, topK: 0, banned: [4, 0] }), [3, 1, 2]);
  assert.equal(candidates([1, -Infinity, 2], 0, 3, { temperature: 1, topK: 0 }), [2, 0]);
  const rng = seededRandom(7);
  const seen = new Set<number>();
  for (let i = 0; i < 500; i++) seen.add(pickToken(logits, 0, 5, { temperature: 2, topK: 2, banned: [4] }, rng));
  assert.equal([...seen].sort(), [1, 3], "top-2 after banning 4 is {3, 1}");
  assert.throws(() => pickToken([1, 2], 0, 2, { temperature: 1, topK: 0, banned: [0, 1] }, Math.random), /no token left/);
});

test("temperature: probabilities are softmax(logit / T) over the candidates, and sampling follows them", () => {
  const ids = candidates(logits, 0, 5, { temperature: 1, topK: 0 });
  const p1 = candidateProbabilities(logits, 0, ids, 1);
  const exp = ids.map((i) => Math.exp(logits[i]));
  const z = exp.reduce((a, b) => a + b, 0);
  ids.forEach((_, k) => assert.ok(Math.abs(p1[k] - exp[k] / z) < 1e-12));
  const hot = candidateProbabilities(logits, 0, ids, 4);
  const cold = candidateProbabilities(logits, 0, ids, 0.25);
  assert.ok(cold[0] > p1[0] && p1[0] > hot[0], "a lower temperature sharpens");
  // The empirical frequency of the top id matches its probability (seeded: the same every run).
  const rng = seededRandom(123);
  let top = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) if (pickToken(logits, 0, 5, { temperature: 1, topK: 0 }, rng) === 3) top++;
  assert.ok(Math.abs(top / n - p1[0]) < 0.015, `top id drawn ${top / n}, p = ${p1[0]}`);
  // The same seed gives the same sequence.
  const a = seededRandom(5);
  const b = seededRandom(5);
  const draw = (r: () => number) => Array.from({ length: 20 }, () => pickToken(logits, 0, 5, { temperature: 1, topK: 3 }, r));
  assert.equal(draw(a), draw(b));
  assert.throws(() => pickToken(logits, 0, 5, { temperature: -1, topK: 0 }, Math.random), /temperature/);
});

test("attention: heads split from [1,H,T,T], row sums, rows scaled to their maximum", () => {
  const t = 3;
  const data = Float32Array.from({ length: 2 * t * t }, (_, i) => i + 1);
  const heads = attentionHeads(data, [1, 2, t, t]);
  assert.is(heads.length, 2);
  assert.equal(Array.from(heads[1].slice(0, 3)), [10, 11, 12]);
  assert.equal(rowSums(heads[0], t), [6, 15, 24]);
  const causal = Float32Array.from([1, 0, 0, 0.25, 0.75, 0, 0.2, 0.2, 0.6]);
  assert.equal(rowSums(causal, 3).map((x) => Math.round(x * 1e6) / 1e6), [1, 1, 1]);
  const scaled = rowMaxScaled(causal, 3);
  assert.equal(Array.from(scaled.slice(3, 6)), [Math.fround(1 / 3), 1, 0]);
  assert.equal(Array.from(rowMaxScaled(new Float32Array(4), 2)), [0, 0, 0, 0]);
  assert.throws(() => attentionHeads(data, [2, 9]), /\[1, heads, T, T\]/);
});

/** A fake model: logits favour (last id + 1) mod V; `h` counts the tokens read so far. */
function fakeRun(v: number, calls: Record<string, LmFeed>[]) {
  return async (feeds: Record<string, LmFeed>) => {
    calls.push(feeds);
    const ids = Array.from(feeds.tokens.data as BigInt64Array, Number);
    const t = ids.length;
    const logits = new Float32Array(t * v);
    ids.forEach((id, i) => (logits[i * v + ((id + 1) % v)] = 5));
    const h = feeds.h0 ? Float32Array.from(feeds.h0.data as Float32Array, (x) => x + t) : new Float32Array(0);
    const attn = Float32Array.from({ length: 2 * t * t }, () => 1 / t);
    return { logits: { data: logits, dims: [1, t, v] }, h: { data: h, dims: [1, 1, 2] }, attn_0: { data: attn, dims: [1, 2, t, t] } };
  };
}

test("recurrent stepping: the prompt once, then one id per run, h carried from each run into the next", async () => {
  const calls: Record<string, LmFeed>[] = [];
  const file = { inputs: [{ name: "tokens", shape: ["N", "T"], dtype: "int64" }, { name: "h0", shape: [1, "N", 2] }], outputs: [{ name: "logits", shape: [] }, { name: "h", shape: [] }] };
  const lm = new CharLm(file, null, fakeRun(6, calls));
  assert.ok(lm.recurrent);
  let step = await lm.feed([1, 2, 3]);
  assert.is(pickToken(step.logits, 0, 6, { temperature: 0, topK: 0 }, Math.random), 4, "logits of the last position");
  step = await lm.feed([4]);
  assert.equal(step.read, [4]);
  assert.equal(calls[0].h0.dims, [1, 1, 2]);
  assert.equal(Array.from(calls[0].h0.data as Float32Array), [0, 0], "h0 starts at zero");
  assert.equal(Array.from(calls[1].h0.data as Float32Array), [3, 3], "h from the first run");
  assert.equal(Array.from(calls[1].tokens.data as BigInt64Array, Number), [4]);
  lm.reset();
  await lm.feed([0]);
  assert.equal(Array.from(calls[2].h0.data as Float32Array), [0, 0], "reset zeroes the state");
});

test("transformer stepping: each run reads the last ≤ context ids and returns the attention", async () => {
  const calls: Record<string, LmFeed>[] = [];
  const file = { inputs: [{ name: "tokens", shape: ["N", "T"] }], outputs: [{ name: "logits", shape: [] }, { name: "attn_0", shape: [] }] };
  const lm = new CharLm(file, 4, fakeRun(9, calls));
  assert.not.ok(lm.recurrent);
  await lm.feed([1, 2, 3]);
  const step = await lm.feed([4, 5]);
  assert.equal(step.read, [2, 3, 4, 5]);
  assert.equal(Array.from(calls[1].tokens.data as BigInt64Array, Number), [2, 3, 4, 5]);
  assert.is(step.attention.length, 1);
  assert.equal(step.attention[0].dims, [1, 2, 4, 4]);
  assert.is(pickToken(step.logits, 0, 9, { temperature: 0, topK: 0 }, Math.random), 6);
});

test("words: lower-cased tokens, punctuation apart, contractions whole, the unfinished word separate", () => {
  assert.equal(tokenizeWords("The man didn't go, "), { tokens: ["the", "man", "didn't", "go", ","], partial: "" });
  assert.equal(tokenizeWords("He said \"Yes"), { tokens: ["he", "said", "``"], partial: "yes" });
  assert.equal(tokenizeWords("It was."), { tokens: ["it", "was", "."], partial: "" });
  assert.equal(tokenizeWords(""), { tokens: [], partial: "" });
  assert.is(joinWords(["he", "said", "``", "yes", ",", "sir", "''", "."]), "he said “yes, sir”.");
});

test("static quality lines name any budget but parity, for the percentage metrics and the bpc ones alike", () => {
  const line = (budget: string | undefined, name = "token-accuracy", value = 0.9473): string =>
    textMetric({ model: { id: "bilstm", metric: { name, value }, budget }, lang: "en" });
  assert.is(line("parity"), "test token accuracy 94.73 %");
  assert.is(line(undefined), "test token accuracy 94.73 %");
  assert.is(line("full"), "test token accuracy 94.73 % (full budget)");
  assert.is(line("quick"), "test token accuracy 94.73 % (quick budget)");
  const bpc = (budget: string): string => textFallback({ id: "lstm", options: {}, data: undefined, model: { id: "lstm", metric: { name: "bpc", value: 7.142 }, budget }, lang: "zh-CN" }).output;
  assert.match(bpc("full"), /7\.14 \(full 训练预算\)$/);
  assert.not.match(bpc("parity"), /预算/);
});

test.run();
