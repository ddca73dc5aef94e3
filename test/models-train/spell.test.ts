// spell (issue 7): the spec's errors name the file and field; a short run on a small subset lowers the
// loss and is deterministic; the spec's trained model (shared cache) spells most test digits right by
// greedy decoding, as its log says; the published token table decodes what the family encodes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Generator, tensor } from "../../core/src/index.ts";
import { loadMnist, MNIST_PIXELS } from "../../models/data/mnist.ts";
import { DIGIT_NAMES, EOS, LONGEST, nameTokens, Speller, spellFamily, spellScores, spelled, VOCAB } from "../../models/families/spell.ts";
import { SpecError, checkSpec } from "../../models/spec-check.ts";
import { getSpec, specFile } from "../../models/specs/index.ts";
import { trainModel } from "../../models/train/run.ts";
import { trainWith } from "../../models/train/trainer.ts";
import type { Family, ModelSpec } from "../../models/types.ts";
import { buildVocab, hasVocab, type ModelVocab } from "../../models/vocab.ts";
import { decodeLetters, parseVocab } from "../../models/vocab-client.ts";
import { meanOf, variant } from "./helpers.ts";

const family = spellFamily as unknown as Family<unknown, unknown>;

function errorOf(spec: unknown): string {
  try {
    checkSpec(spec, specFile("spell"), "spell");
  } catch (e) {
    assert.instance(e, SpecError);
    return (e as Error).message;
  }
  assert.unreachable("the spec was accepted");
  return "";
}

const arch = (s: ModelSpec) => s.architecture as unknown as Record<string, unknown>;

test("spell spec: valid; a wrong data set, a bad cell, a short maxOut, a missing size are named", () => {
  assert.equal(checkSpec(getSpec("spell"), specFile("spell"), "spell").id, "spell");
  assert.is(errorOf(variant("spell", (s) => (s.data.set = "iris"))), 'models/specs/spell.ts: data.set: the spell family reads digit images: expected "mnist", got "iris"');
  assert.is(errorOf(variant("spell", (s) => (arch(s).cell = "lstm"))), 'models/specs/spell.ts: architecture.cell: unknown cell "lstm" (known: gru, rnn)');
  assert.is(errorOf(variant("spell", (s) => (arch(s).maxOut = 5))), 'models/specs/spell.ts: architecture.maxOut: expected at least 6 (the longest name, "three", and its end token), got 5');
  const msg = errorOf(variant("spell", (s) => delete arch(s).hidden));
  assert.is(msg, "models/specs/spell.ts: architecture.hidden: missing field");
});

test("names as tokens: letters then </s>, the longest fits maxOut", () => {
  assert.is(VOCAB, 18);
  assert.is(LONGEST, 6);
  for (let d = 0; d < 10; d++) {
    const ids = nameTokens(d);
    assert.is(ids[ids.length - 1], EOS);
    assert.is(spelled(ids), DIGIT_NAMES[d]);
  }
  assert.throws(() => nameTokens(10), /10 is not a digit/);
});

const small = (): ModelSpec =>
  variant("spell", (s) => {
    s.data.options = { trainRows: 1000, testRows: 300 };
    s.training = { ...s.training, epochs: 3, evalEvery: 30 };
  });

test("spell on 1,000 mnist rows, 30 steps: the loss falls; same seed, same weights", async () => {
  const a = await trainWith(family, small(), { progress: false });
  const losses = a.log.filter((e) => e.loss !== undefined).map((e) => e.loss!);
  const first = meanOf(losses.slice(0, 3));
  const last = meanOf(losses.slice(-3));
  console.log(`  spell: ${a.steps} steps, loss ${first.toFixed(3)} → ${last.toFixed(3)}, exact match ${a.metrics["exact-match"].toFixed(3)}, char accuracy ${a.metrics["char-accuracy"].toFixed(3)}`);
  assert.is(a.steps, 30);
  assert.ok(first > 2 && last < 0.5 * first, `loss ${first} → ${last}`);
  assert.ok(a.metrics["char-accuracy"] >= a.metrics["exact-match"], JSON.stringify(a.metrics));
  const b = await trainWith(family, small(), { progress: false });
  assert.equal(Array.from(b.stateDict["decoder.weight_hh_l0"].data), Array.from(a.stateDict["decoder.weight_hh_l0"].data));
  a.model.free();
  b.model.free();
});

test("the spec's model spells most test digits right, every digit mostly, as its log reports", async () => {
  const spec = getSpec("spell");
  const m = await trainModel(spec, { budget: "parity" });
  if (spec.architecture.family !== "spell") throw new Error("spell spec has another family");
  const model = new Speller(spec.architecture, new Generator(0));
  model.loadStateDict(m.stateDict);
  model.eval();
  const { test: rows } = loadMnist();
  const scores = spellScores(model, rows);
  assert.ok(scores["exact-match"] >= spec.quality.value!, `exact match ${scores["exact-match"]} below the bar ${spec.quality.value}`);
  assert.ok(Math.abs(scores["exact-match"] - m.log.metrics["exact-match"]) < 1e-12, "the log's figure is the test split's");
  assert.ok(Math.abs(scores["char-accuracy"] - m.log.metrics["char-accuracy"]) < 1e-12);
  // Per digit: the first 50 test images of each.
  for (let d = 0; d < 10; d++) {
    const first = rows.y.indexOf(d);
    const x = rows.x.subarray(first * MNIST_PIXELS, (first + 50) * MNIST_PIXELS);
    const out = model.greedy(tensor(x, [50, MNIST_PIXELS]));
    const right = out.filter((ids) => spelled(ids) === DIGIT_NAMES[d] && ids.at(-1) === EOS).length;
    assert.ok(right >= 40, `${DIGIT_NAMES[d]}: ${right} of 50 spelled right`);
  }
});

test("the speller's vocabulary file decodes the family's tokens", async () => {
  const spec = getSpec("spell");
  assert.ok(hasVocab(spec));
  const v = parseVocab(JSON.parse(JSON.stringify(await buildVocab(spec)))) as Extract<ModelVocab, { kind: "speller" }>;
  assert.is(v.kind, "speller");
  assert.is(v.tokens.length, VOCAB);
  assert.equal(v.names, [...DIGIT_NAMES]);
  for (let d = 0; d < 10; d++) assert.is(decodeLetters(v, nameTokens(d)), DIGIT_NAMES[d]);
  assert.is(decodeLetters(v, [v.bos, v.tokens.indexOf("o"), v.eos, v.tokens.indexOf("x")]), "?o");
});

test.run();
