// The text demos' options as the build checks them: known keys per kind, values in range, normalised.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { demoKind } from "../../plugins/demos/registry.ts";

function check(id: string, options: Record<string, string>): Record<string, string> {
  const kind = demoKind(id);
  if (!kind?.check) throw new Error(`${id} has no checked options`);
  const copy = { ...options };
  kind.check(copy, id);
  return copy;
}

test("rnn, lstm, stacked and transformer are text demos; the n-gram has its own kind", () => {
  for (const id of ["rnn", "lstm", "stacked", "transformer"]) {
    assert.is(demoKind(id)?.kind, "text");
    assert.equal(demoKind(id)?.options, ["prompt", "length", "temperature", "topk"]);
  }
  assert.is(demoKind("ngram")?.kind, "ngram");
  assert.equal(demoKind("ngram")?.options, ["prompt", "length", "temperature"]);
});

test("good values pass and are normalised", () => {
  assert.equal(check("rnn", { prompt: "春風", length: " 060 ", temperature: "0.50", topk: "10" }), { prompt: "春風", length: "60", temperature: "0.5", topk: "10" });
  assert.equal(check("ngram", { prompt: "The man", length: "5", temperature: "0" }), { prompt: "The man", length: "5", temperature: "0" });
  assert.equal(check("transformer", {}), {});
});

test("bad values are errors naming the option and the allowed range", () => {
  assert.throws(() => check("lstm", { length: "0" }), /length="0": a whole number from 1 to 400/);
  assert.throws(() => check("lstm", { length: "ten" }), /length="ten"/);
  assert.throws(() => check("lstm", { length: "2.5" }), /length="2.5"/);
  assert.throws(() => check("stacked", { temperature: "hot" }), /temperature="hot": a number from 0 to 2/);
  assert.throws(() => check("stacked", { temperature: "-0.1" }), /temperature="-0.1"/);
  assert.throws(() => check("stacked", { temperature: "" }), /temperature=""/);
  assert.throws(() => check("transformer", { topk: "-1" }), /topk="-1"/);
  assert.throws(() => check("rnn", { prompt: "" }), /prompt=""/);
  assert.throws(() => check("rnn", { prompt: "  " }), /prompt/);
  assert.throws(() => check("rnn", { prompt: "字".repeat(65) }), /65 characters, at most 64/);
  assert.throws(() => check("ngram", { length: "101" }), /length="101": a whole number from 1 to 100/);
});

test.run();
