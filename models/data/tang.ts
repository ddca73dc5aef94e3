/**
 * The tang data set (MODEL-ZOO.md): `chinese-poetry@2.0.1`, `dist/quantangshi/poet.tang.*.json`
 * (57,607 poems). Files sorted by their number, poems in file order, global index i; i % 50 == 49 is
 * validation, the rest train. A poem's text is its `paragraphs` joined, followed by `\n`.
 * The `classify` model's Song poems (`poet.song.*`) are read and split the same way.
 *
 * Character vocabulary ({@link buildCharVocab}): the 3,000 most frequent characters (code points) of
 * the train text, ties broken by the lower code point, as ids 0–2999 in frequency order, plus
 * `<unk>` = 3000 for every other character. `\n` is an ordinary character.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { packageDir } from "./packages.ts";

export const TANG_PACKAGE = "chinese-poetry";
export const TANG_VOCAB_SIZE = 3000;

export interface PoemSplit {
  /** Poem texts (paragraphs joined, then `\n`). */
  train: string[];
  validation: string[];
}

export function poemsDir(): string {
  return join(packageDir(TANG_PACKAGE), "dist", "quantangshi");
}

const memo = new Map<string, PoemSplit>();

/** Tang (or Song) poems, split i % 50 == 49 → validation. */
export function readPoems(dynasty: "tang" | "song" = "tang", dir = poemsDir()): PoemSplit {
  const memoKey = `${dynasty}\0${dir}`;
  const hit = memo.get(memoKey);
  if (hit) return hit;
  const re = new RegExp(`^poet\\.${dynasty}\\.(\\d+)\\.json$`);
  const files = readdirSync(dir)
    .map((f) => re.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  if (files.length === 0) throw new Error(`no poet.${dynasty}.*.json files in ${dir}`);
  const out: PoemSplit = { train: [], validation: [] };
  let i = 0;
  for (const m of files) {
    const poems = JSON.parse(readFileSync(join(dir, m[0]), "utf8")) as { paragraphs?: string[] }[];
    for (const poem of poems) {
      (i % 50 === 49 ? out.validation : out.train).push((poem.paragraphs ?? []).join("") + "\n");
      i++;
    }
  }
  memo.set(memoKey, out);
  return out;
}

export function readTang(dir?: string): PoemSplit {
  return readPoems("tang", dir);
}

export class CharVocab {
  /** Characters by id (0 … size−1); `<unk>` is id `unk` = chars.length. */
  readonly chars: string[];
  readonly unk: number;
  private readonly index: Map<number, number>;

  constructor(chars: string[]) {
    this.chars = chars;
    this.unk = chars.length;
    this.index = new Map();
    chars.forEach((c, i) => {
      const cp = c.codePointAt(0);
      if (cp === undefined || String.fromCodePoint(cp) !== c) throw new Error(`vocabulary entry ${i} is not one code point`);
      if (this.index.has(cp)) throw new Error(`duplicate vocabulary entry ${JSON.stringify(c)}`);
      this.index.set(cp, i);
    });
  }

  /** Number of ids, `<unk>` included. */
  get size(): number {
    return this.chars.length + 1;
  }

  id(char: string): number {
    return this.index.get(char.codePointAt(0) ?? -1) ?? this.unk;
  }

  /** Code point by code point ids of a text. */
  encode(text: string): Uint16Array {
    const out: number[] = [];
    for (const ch of text) out.push(this.index.get(ch.codePointAt(0) as number) ?? this.unk);
    return Uint16Array.from(out);
  }

  decode(ids: ArrayLike<number>, unk = "\u{fffd}"): string {
    let s = "";
    for (let i = 0; i < ids.length; i++) s += ids[i] === this.unk ? unk : (this.chars[ids[i]] ?? unk);
    return s;
  }
}

/** The `size` most frequent code points of the texts (ties: lower code point first). */
export function buildCharVocab(texts: Iterable<string>, size = TANG_VOCAB_SIZE): CharVocab {
  const freq = new Map<number, number>();
  for (const t of texts) for (const ch of t) {
    const cp = ch.codePointAt(0) as number;
    freq.set(cp, (freq.get(cp) ?? 0) + 1);
  }
  const ranked = [...freq.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return new CharVocab(ranked.slice(0, size).map(([cp]) => String.fromCodePoint(cp)));
}

export interface TangData extends PoemSplit {
  vocab: CharVocab;
}

let tangMemo: TangData | undefined;

/** Tang poems with the train vocabulary (memoised: the files are read once per process). */
export function loadTang(): TangData {
  if (!tangMemo) {
    const split = readTang();
    tangMemo = { ...split, vocab: buildCharVocab(split.train) };
  }
  return tangMemo;
}
