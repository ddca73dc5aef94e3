// The text demos' logic without a browser: Brown-style tokenising (checked against the Brown test
// sentences themselves), tag classes, the poem input rule (against the classify training text), the
// greedy decode loop over a fake two-graph runner, the attention grid, the demo data's poems (in the
// validation split), and the build-time checks of the `text` option.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readPoems } from "../../models/data/tang.ts";
import { demoData, POEM_SAMPLES, type PoemDemoData } from "../../models/demo-data.ts";
import { brownTagged } from "../../models/families/tagger.ts";
import { SRC_CHARS } from "../../models/families/seq2seq.ts";
import { buildVocab } from "../../models/vocab.ts";
import { getSpec } from "../../models/specs/index.ts";
import type { ModelVocab } from "../../models/vocab-client.ts";
import { attentionGrid } from "../../plugins/demos/client/attention-grid.ts";
import { bestTags, commonTags, tagClass } from "../../plugins/demos/client/brown-tags.ts";
import { brownTokens } from "../../plugins/demos/client/brown-tokens.ts";
import { greedyDecode, type DecodeFeed, type Tensor } from "../../plugins/demos/client/numeral-decode.ts";
import { poemInput } from "../../plugins/demos/client/poem-input.ts";
import { attributeText } from "../../plugins/demos/island.ts";
import { demoKind } from "../../plugins/demos/registry.ts";
import { numeralChars } from "../../plugins/demos/static/numerals.ts";

type Seq2SeqVocab = Extract<ModelVocab, { kind: "seq2seq" }>;

test("brownTokens: punctuation split off, quotes as `` and '', contractions, possessives and abbreviations whole", () => {
  const known = new Set(["mr."]);
  assert.equal(brownTokens('Mr. Smith\'s car didn\'t start, "he said" (twice).', (w) => known.has(w)), ["Mr.", "Smith's", "car", "didn't", "start", ",", "``", "he", "said", "''", "(", "twice", ")", "."]);
  assert.equal(brownTokens("The U.S. writers' well-known fees--3.5 dollars!"), ["The", "U.S.", "writers'", "well-known", "fees", "--", "3.5", "dollars", "!"]);
  assert.equal(brownTokens("“Curly” quotes end."), ["``", "Curly", "''", "quotes", "end", "."]);
  assert.equal(brownTokens("   "), []);
});

test("brownTokens: the Brown test sentences, joined with spaces, come back as Brown's own words (≥ 98 %)", async () => {
  const vocab = (await buildVocab(getSpec("bilstm"))) as Extract<ModelVocab, { kind: "tagger" }>;
  const known = new Set(vocab.tokens);
  const sentences = brownTagged().test.slice(0, 1000).map((s) => s.map(([w]) => w));
  const same = sentences.filter((words) => JSON.stringify(brownTokens(words.join(" "), (w) => known.has(w))) === JSON.stringify(words)).length;
  assert.ok(same / sentences.length >= 0.98, `${same} of ${sentences.length}`);
});

test("tag classes: every tag of the model has one; the legend's tags are in the tag set", async () => {
  const vocab = (await buildVocab(getSpec("bilstm"))) as Extract<ModelVocab, { kind: "tagger" }>;
  assert.is(tagClass("at"), "det");
  assert.is(tagClass("nn$"), "noun");
  assert.is(tagClass("vbd"), "verb");
  assert.is(tagClass("``"), "punct");
  assert.is(tagClass("ppss"), "pron");
  const other = vocab.tags.filter((t) => tagClass(t) === "other");
  assert.equal(other.sort(), ["fw", "nil", "uh"].filter((t) => vocab.tags.includes(t)), `tags left in "other": ${other.join(" ")}`);
  for (const c of commonTags) assert.ok(vocab.tags.includes(c.tag), c.tag);
});

test("bestTags: the arg-max tag of each word's row", () => {
  assert.equal(bestTags([0, 2, 1, 5, 0, 0, 1, 1, 3], 3, 3), [1, 0, 2]);
});

test("poemInput: what a reader pastes becomes what classify was trained on", () => {
  const training = readPoems("tang").validation.slice(0, 50);
  for (const poem of training) {
    const pasted = poem.trim().replace(/([。！？])/g, "$1\n  "); // line breaks and indentation, as in a book
    assert.is(poemInput(pasted, 64), Array.from(poem).slice(0, 64).join(""));
  }
  assert.is(poemInput(" \n ", 64), "");
  assert.is(poemInput("床前明月光", 3), "床前明");
});

test("demo data: the classifier's two samples are validation poems of their own dynasty", () => {
  const data = demoData("classify") as PoemDemoData;
  assert.equal(data.samples.map((s) => s.label), ["tang", "song"]);
  data.samples.forEach((s, i) => {
    const validation = readPoems(POEM_SAMPLES[i].dynasty).validation;
    assert.ok(validation.includes(`${s.text}\n`), `${s.author}《${s.title}》 is a ${POEM_SAMPLES[i].dynasty} validation poem`);
    assert.not.ok(readPoems(POEM_SAMPLES[i].dynasty).train.includes(`${s.text}\n`), "and not a training poem");
  });
});

const vocab: Seq2SeqVocab = {
  format: "tensorpost-vocab-1", id: "seq2seq", kind: "seq2seq",
  source: { unit: "char", tokens: ["<pad>", ...SRC_CHARS], pad: 0 },
  target: { unit: "char", tokens: ["<pad>", "<s>", "</s>", ..."0123456789"], pad: 0, bos: 1, eos: 2 },
  maxIn: 16, maxOut: 9,
};

/** A fake model: the decoder's choice follows `script` (one target id per step), its state counts steps,
 *  and its attention is one-hot on step mod S; every feed is recorded. */
function fakeRunner(script: number[], S: number) {
  const feeds: Record<string, DecodeFeed>[] = [];
  const t = (data: number[], dims: number[]): Tensor => ({ data: Float32Array.from(data), dims });
  return {
    feeds,
    runner: {
      encoder: async (f: { src: DecodeFeed; src_lengths: DecodeFeed }) => {
        feeds.push(f);
        return { enc_out: t(new Array(S * 2).fill(0.5), [1, S, 2]), h: t([100, 100], [1, 1, 2]) };
      },
      step: async (f: Record<string, DecodeFeed>) => {
        feeds.push(f);
        const k = feeds.length - 2;
        const logits = new Array(13).fill(0);
        logits[script[Math.min(k, script.length - 1)]] = 1;
        const attn = new Array(S).fill(0);
        attn[k % S] = 1;
        return { logits: t(logits, [1, 13]), h_out: t([k, k], [1, 1, 2]), attn: t(attn, [1, S]) };
      },
    },
  };
}

test("greedyDecode: encoder once, each step fed the last choice and state, stops at </s>; digit rows of the attention", async () => {
  const { feeds, runner } = fakeRunner([6, 3, 2], 5); // "3", "0", </s>
  const d = await greedyDecode(vocab, [3, 13, 1, 5, 11], runner);
  assert.equal(d.ids, [6, 3, 2]);
  assert.is(d.digits, "30");
  assert.ok(d.finished);
  assert.equal(d.attention, [[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0]]);
  assert.equal(d.digitAttention, d.attention.slice(0, 2));
  assert.equal(Array.from(feeds[0].src.data as BigInt64Array, Number), [3, 13, 1, 5, 11]);
  assert.equal(Array.from(feeds[0].src_lengths.data as Int32Array), [5]);
  assert.equal(feeds.slice(1).map((f) => Number((f.prev.data as BigInt64Array)[0])), [1, 6, 3], "prev: <s>, then each choice");
  assert.equal(feeds.slice(1).map((f) => f.h.data[0]), [100, 0, 1], "h: the encoder's, then each step's h_out");
  assert.equal(feeds[1].enc_out.dims, [1, 5, 2]);
});

test("greedyDecode: without </s> it stops after maxOut steps and says so", async () => {
  const { runner } = fakeRunner([4], 2);
  const d = await greedyDecode(vocab, [1, 11], runner);
  assert.is(d.ids.length, vocab.maxOut);
  assert.is(d.digits, "1".repeat(vocab.maxOut));
  assert.not.ok(d.finished);
});

test("attentionGrid: one cell per output × input, strength relative to the largest weight", () => {
  const g = attentionGrid([[0.125, 0.5], [0.25, 0.375], [0.9, 0.1]], ["3", "0"], ["三", "十"]);
  assert.equal(g.rows, ["3", "0"]);
  assert.equal(g.cols, ["三", "十"]);
  assert.is(g.cells.length, 4);
  assert.equal(g.cells.map((c) => [c.row, c.col]), [[0, 0], [0, 1], [1, 0], [1, 1]]);
  assert.equal(g.cells.map((c) => c.level), [0.25, 1, 0.5, 0.75], "the third row is not an output: its 0.9 does not count");
  assert.throws(() => attentionGrid([[1]], ["3", "0"], ["三"]), /1 rows of weights for 2 outputs/);
});

const check = (id: string, text: string): Record<string, string> => {
  const options = { text };
  demoKind(id)?.check?.(options, id);
  return options;
};

test("text option: checked at build time for each text demo", () => {
  assert.is(numeralChars, SRC_CHARS, "the numeral characters are the model's");
  assert.is(check("seq2seq", " 三千零五十 ").text, "三千零五十");
  assert.throws(() => check("seq2seq", "三千abc"), /"a" is not a numeral character/);
  assert.throws(() => check("seq2seq", "一".repeat(17)), /1 to 16 characters/);
  assert.throws(() => check("seq2seq", ""), /1 to 16 characters/);
  assert.is(check("bilstm", " The cat sat. ").text, "The cat sat.");
  assert.throws(() => check("bilstm", "床前明月光"), /an English sentence/);
  assert.throws(() => check("bilstm", "a".repeat(301)), /at most 300/);
  assert.is(check("classify", "床前明月光，疑是地上霜。").text, "床前明月光，疑是地上霜。");
  assert.throws(() => check("classify", "no poem here"), /a Chinese poem/);
  for (const id of ["seq2seq", "bilstm", "classify"]) assert.equal(demoKind(id)?.options, ["text"], id);
});

test("attributeText: an island's escaped options read back (named and numeric references)", () => {
  const options = { text: '三千 & "x" <y> \'z\'', caption: "a&b" };
  const escaped = JSON.stringify(options).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&#x3C;").replace(/'/g, "&#39;");
  assert.equal(JSON.parse(attributeText(escaped)), options);
});

test.run();
