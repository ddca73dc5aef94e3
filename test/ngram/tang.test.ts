// The tang character data as MODEL-ZOO.md and the reference README describe it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadTang } from "../../ngram/data.ts";
import { scoredTokens, UNK_ID } from "../../ngram/vocab.ts";

const data = loadTang();

test("tang split, character counts and vocabulary", () => {
  assert.is(data.trainSentences, 56455);
  assert.is(data.testSentences, 1152);
  // Scored tokens = characters (each poem ends with "\n") + one </s> per poem.
  assert.is(scoredTokens(data.train) - data.trainSentences, 3647814);
  assert.is(scoredTokens(data.test) - data.testSentences, 77875);
  assert.is(data.vocab.size, 3003, "3,000 characters + <unk>, <s>, </s>");
  assert.ok(data.vocab.has("\n"), "newline is an ordinary character");
  // The tie at the cut-off (76 occurrences each) goes to the lower code point.
  assert.ok(data.vocab.has("徙") && !data.vocab.has("拄"));
  // <unk> covers about 2.4 % of the train characters.
  let unk = 0;
  for (const t of data.train.tokens) if (t === UNK_ID) unk++;
  const share = unk / (scoredTokens(data.train) - data.trainSentences);
  assert.ok(Math.abs(share - 0.024) < 0.001, `<unk> share ${share}`);
});

test.run();
