/**
 * Data for the n-gram models (Node only). Reading and splitting are the shared loaders of
 * models/data/ (brown.ts, tang.ts: one loader per data set, as ../shared/MODEL-ZOO.md says); this
 * module only turns their sentences into n-gram corpora.
 *
 * - brown: word level (a token's word is what precedes its last `/`, lower-cased). Words seen once
 *   in train, and test words unseen in train, become `<unk>` (the reference's `UNK`).
 * - tang: a poem is one "sentence" whose tokens are the code points of its text (paragraphs joined,
 *   then `\n`). Vocabulary: the shared tang character vocabulary (the 3,000 most frequent train
 *   characters, ties: lower code point first); every other character → `<unk>`.
 */
import { readBrown, type TextSplit } from "../models/data/brown.ts";
import { buildCharVocab, readTang as readTangPoems, TANG_VOCAB_SIZE } from "../models/data/tang.ts";
import { BOS, buildVocab, encodeSentences, EOS, UNK, Vocab, type Corpus } from "./vocab.ts";

export { brownWord, readBrown, type TextSplit } from "../models/data/brown.ts";

export interface Dataset {
  vocab: Vocab;
  train: Corpus;
  test: Corpus;
  trainSentences: number;
  testSentences: number;
}

export function loadBrown(): Dataset {
  const split = readBrown();
  const vocab = buildVocab(split.train, { minCount: 2 });
  return {
    vocab,
    train: encodeSentences(split.train, vocab),
    test: encodeSentences(split.test, vocab),
    trainSentences: split.train.length,
    testSentences: split.test.length,
  };
}

/** Tang poems as sentences of characters (test = the validation poems). */
export function readTang(dir?: string): TextSplit {
  const poems = readTangPoems(dir);
  return { train: poems.train.map((p) => Array.from(p)), test: poems.validation.map((p) => Array.from(p)) };
}

export function loadTang(vocabSize = TANG_VOCAB_SIZE): Dataset {
  const poems = readTangPoems();
  const chars = buildCharVocab(poems.train, vocabSize);
  const vocab = new Vocab([UNK, BOS, EOS, ...chars.chars]);
  const split = readTang();
  return {
    vocab,
    train: encodeSentences(split.train, vocab),
    test: encodeSentences(split.test, vocab),
    trainSentences: split.train.length,
    testSentences: split.test.length,
  };
}
