// tang: i % 50 == 49 validation; vocabulary of the 3,000 most frequent train characters (ties: lower
// code point) as ids 0–2999, <unk> = 3000.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildCharVocab, CharVocab, loadTang, readPoems } from "../../models/data/tang.ts";

const tang = loadTang();

test("tang: 56,455 train / 1,152 validation poems; a poem is its paragraphs joined, then \\n", () => {
  assert.is(tang.train.length + tang.validation.length, 57607);
  assert.is(tang.train.length, 56455);
  assert.is(tang.validation.length, 1152);
  assert.ok(tang.train.every((p) => p.endsWith("\n")));
  // Poem 49 (the 50th) is the first validation poem, poem 48 the 49th train poem.
  const all: string[] = [];
  let t = 0;
  let v = 0;
  for (let i = 0; i < 200; i++) all.push(i % 50 === 49 ? tang.validation[v++] : tang.train[t++]);
  assert.is(all[49], tang.validation[0]);
  assert.is(all[99], tang.validation[1]);
  assert.is(all[50], tang.train[49]);
  // Characters (code points), \n included, as the reference counted them.
  let chars = 0;
  for (const p of tang.train) chars += Array.from(p).length;
  assert.is(chars, 3647814);
});

test("tang vocabulary: 3,000 characters + <unk>, frequency order, ties to the lower code point", () => {
  const v = tang.vocab;
  assert.is(v.chars.length, 3000);
  assert.is(v.unk, 3000);
  assert.is(v.size, 3001);
  assert.ok(v.chars.includes("\n"), "\\n is an ordinary character");
  // The cut-off tie (76 occurrences each) keeps 徙 (U+5F99) and drops 拄 (U+62C4).
  assert.ok(v.id("徙") < 3000);
  assert.is(v.id("拄"), 3000);
  // Frequencies never increase along the ids; equal frequencies go up in code point.
  const freq = new Map<string, number>();
  for (const p of tang.train) for (const ch of p) freq.set(ch, (freq.get(ch) ?? 0) + 1);
  for (let i = 1; i < 3000; i++) {
    const a = freq.get(v.chars[i - 1]) as number;
    const b = freq.get(v.chars[i]) as number;
    assert.ok(a > b || (a === b && (v.chars[i - 1].codePointAt(0) as number) < (v.chars[i].codePointAt(0) as number)), `ids ${i - 1}, ${i}`);
  }
  assert.is(freq.get(v.chars[2999]), 76);
  // Every character outside the vocabulary is rarer than (or tied and above) the last one.
  for (const [ch, f] of freq) if (v.id(ch) === 3000) assert.ok(f < 76 || (f === 76 && (ch.codePointAt(0) as number) > (v.chars[2999].codePointAt(0) as number)));
  // Encoding is per code point, unknowns → 3000; decoding inverts it for known characters.
  const ids = v.encode("明月光\n𠀀");
  assert.is(ids.length, 5);
  assert.is(ids[4], 3000);
  assert.is(v.decode(ids.subarray(0, 4)), "明月光\n");
});

test("the vocabulary rule on a toy text; Song poems split the same way", () => {
  const toy = buildCharVocab(["bbaac", "dd"], 3);
  assert.equal(toy.chars, ["a", "b", "d"], "a, b, d tie at 2 and go by code point; c (1) is cut");
  assert.is(toy.id("c"), 3);
  assert.throws(() => new CharVocab(["ab"]), /not one code point/);
  const song = readPoems("song");
  assert.ok(song.train.length > 200000, `song train ${song.train.length}`);
  assert.is(Math.floor((song.train.length + song.validation.length) / 50), song.validation.length);
});

test.run();
