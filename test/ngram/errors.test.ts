// Bad input: empty corpus, order 0, unknown method, bad CLI use — each a clear error.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../ngram/cli.ts";
import { countNgrams } from "../../ngram/counts.ts";
import { parseMethod, trainModel } from "../../ngram/smoothing/index.ts";
import { buildVocab, encodeSentences } from "../../ngram/vocab.ts";
import { toy } from "./helpers.ts";

test("library: empty corpus, order 0, unknown method", () => {
  const vocab = buildVocab([]);
  assert.throws(() => countNgrams(encodeSentences([], vocab), vocab, 2), /empty corpus/);
  const t = toy(["a b"], 2);
  assert.throws(() => countNgrams(t.corpus, t.vocab, 0), /order must be an integer ≥ 1, got 0/);
  assert.throws(() => trainModel("mkn", t.counts, 0), /order must be/);
  assert.throws(() => trainModel("mkn", t.counts, 3), /above the counted order/);
  assert.throws(() => trainModel("bogus", t.counts, 2), /unknown smoothing method "bogus"/);
  assert.is(parseMethod("add-one"), "laplace");
  assert.throws(() => encodeSentences([["a", "<s>"]], t.vocab), /reserved token <s>/);
});

function run(args: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = main(args, (s) => (out += s + "\n"), (s) => (err += s + "\n"));
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), "ngram-cli-"));
const train = join(dir, "train.txt");
const testTxt = join(dir, "test.txt");
writeFileSync(train, "the cat sat\nthe dog sat\n\nthe cat ran away\n");
writeFileSync(testTxt, "the cat sat\nthe fish sat\n");

test("CLI: train then ppl, and the perplexity matches the library's", () => {
  const arpa = join(dir, "m.arpa");
  const t = run(["train", "--order", "3", "--method", "mkn", "--input", train, "--output", arpa]);
  assert.is(t.code, 0, t.err);
  assert.match(readFileSync(arpa, "utf8"), /^\\data\\\nngram 1=9\n/);
  const p = run(["ppl", "--model", arpa, "--input", testTxt]);
  assert.is(p.code, 0, p.err);
  const ppl = Number(/perplexity ([\d.]+)/.exec(p.out)?.[1]);
  assert.match(p.out, /tokens 8 .*OOV 1/);
  const lib = toy(["the cat sat", "the dog sat", "the cat ran away"], 3);
  const model = trainModel("mkn", lib.counts, 3);
  let logp = 0;
  for (const s of ["the cat sat", "the fish sat"]) {
    const ids = [1, ...s.split(" ").map((w) => lib.vocab.id(w)), 2];
    for (let i = 1; i < ids.length; i++) logp += model.logProb(ids, i, ids[i]);
  }
  assert.ok(Math.abs(ppl - Math.exp(-logp / 8)) < 1e-3, `${ppl} vs ${Math.exp(-logp / 8)}`);
  const e = run(["export", "--model", arpa, "--output", join(dir, "m.bin")]);
  assert.is(e.code, 0, e.err);
});

test("CLI: clear errors", () => {
  const empty = join(dir, "empty.txt");
  writeFileSync(empty, "\n\n");
  const out = join(dir, "x.arpa");
  const cases: [string[], number, RegExp][] = [
    [["train", "--order", "0", "--method", "mkn", "--input", train, "--output", out], 2, /--order must be between 1 and 9, got 0/],
    [["train", "--order", "2", "--method", "nope", "--input", train, "--output", out], 1, /unknown smoothing method "nope"/],
    [["train", "--order", "2", "--method", "mkn", "--input", empty, "--output", out], 1, /no sentences/],
    [["train", "--order", "2", "--method", "mkn", "--input", join(dir, "missing.txt"), "--output", out], 1, /cannot read/],
    [["train", "--order", "2", "--method", "laplace", "--input", train, "--output", out], 1, /no ARPA form/],
    [["train", "--order", "two", "--method", "mkn", "--input", train, "--output", out], 2, /must be an integer/],
    [["train", "--method", "mkn", "--input", train, "--output", out], 2, /missing --order/],
    [["train", "--order", "2", "--method", "mkn", "--input", train, "--output", out, "--frobnicate", "1"], 2, /unknown option --frobnicate/],
    [["fly"], 2, /unknown command "fly"/],
  ];
  for (const [args, code, re] of cases) {
    const r = run(args);
    assert.is(r.code, code, `${args.join(" ")}: ${r.err}`);
    assert.match(r.err, re);
  }
  const bad = join(dir, "bad.arpa");
  writeFileSync(bad, "\\data\\\nngram 1=2\n\n\\1-grams:\n-1\t<s>\n-0.5 </s> x y\n\\end\\\n");
  const r = run(["ppl", "--model", bad, "--input", testTxt]);
  assert.is(r.code, 1);
  assert.match(r.err, /ARPA line 6: a 1-gram line needs 2 or 3 fields/);
});

test.run();
