/**
 * The token tables a page needs to use a published text model: how to turn the reader's text into the
 * ids the ONNX graph takes and its outputs back into text. One `<id>.vocab.json` per text model
 * (models/onnx/README.md "Vocabulary files" documents every field). The tables are derived from the
 * same data and loaders the family trains on, so they cannot drift from the weights; they go through
 * the model cache (`<id>.vocab`), so a warm build reads no corpus.
 */
import { ModelCache, sourceDigest } from "./cache.ts";
import { DATA_PACKAGES } from "./train/families.ts";
import type { ModelSpec } from "./types.ts";

export const VOCAB_FORMAT = "tensorpost-vocab-1";

/** Characters (Unicode code points) → ids: tang's 3,000 characters, `<unk>` = 3000 for any other. */
export interface CharTable {
  unit: "codepoint";
  /** tokens[i] is the character of id i; the id `unk` (= tokens.length) has no character. */
  tokens: string[];
  unk: number;
  /** Ids the graph accepts: tokens.length + 1. */
  size: number;
}

export type ModelVocab =
  | ({ format: typeof VOCAB_FORMAT; id: string; kind: "char-lm"; newline: number; context: number | null } & CharTable)
  | ({ format: typeof VOCAB_FORMAT; id: string; kind: "classifier"; classes: string[]; maxLength: number } & CharTable)
  | {
      format: typeof VOCAB_FORMAT;
      id: string;
      kind: "tagger";
      unit: "word";
      /** Words are lower-cased before lookup (the model's words are). */
      lowercase: true;
      /** tokens[0] = `<pad>`, tokens[1] = `<unk>`, then the train words seen ≥ minCount times. */
      tokens: string[];
      pad: number;
      unk: number;
      /** Tag names by output index. */
      tags: string[];
    }
  | {
      format: typeof VOCAB_FORMAT;
      id: string;
      kind: "seq2seq";
      /** Source characters by id (0 = `<pad>`). */
      source: { unit: "char"; tokens: string[]; pad: number };
      /** Target tokens by id (0 `<pad>`, 1 `<s>`, 2 `</s>`, 3–12 the digits 0–9). */
      target: { unit: "char"; tokens: string[]; pad: number; bos: number; eos: number };
      maxIn: number;
      maxOut: number;
    }
  | {
      format: typeof VOCAB_FORMAT;
      id: string;
      kind: "speller";
      /** Output tokens by id: 0 `<pad>`, 1 `<s>`, 2 `</s>`, then one letter each. */
      tokens: string[];
      pad: number;
      bos: number;
      eos: number;
      /** What each input class is spelled as (digit d → names[d]). */
      names: string[];
      /** Decoder steps at most (the longest name and `</s>` fit). */
      maxOut: number;
    };

/** Whether a spec's family has a vocabulary file (the image and iris models do not). */
export function hasVocab(spec: ModelSpec): boolean {
  return ["char-rnn", "transformer-lm", "seq-classifier", "tagger", "seq2seq", "spell"].includes(spec.architecture.family);
}

/** Builds the table from the spec's data (loads the corpus: use {@link cachedVocab} in builds). */
export async function buildVocab(spec: ModelSpec): Promise<ModelVocab> {
  const a = spec.architecture;
  const base = { format: VOCAB_FORMAT, id: spec.id } as const;
  if (a.family === "char-rnn" || a.family === "transformer-lm" || a.family === "seq-classifier") {
    const { loadTang } = await import("./data/tang.ts");
    const v = loadTang().vocab;
    const chars: CharTable = { unit: "codepoint", tokens: [...v.chars], unk: v.unk, size: v.size };
    if (a.family === "seq-classifier") return { ...base, kind: "classifier", ...chars, classes: ["tang", "song"].slice(0, a.classes), maxLength: a.maxLength };
    return { ...base, kind: "char-lm", ...chars, newline: v.id("\n"), context: a.family === "transformer-lm" ? a.context : null };
  }
  if (a.family === "tagger") {
    const { taggerFamily, PAD, UNK } = await import("./families/tagger.ts");
    const data = await taggerFamily.data(spec);
    return { ...base, kind: "tagger", unit: "word", lowercase: true, tokens: [...data.words], pad: PAD, unk: UNK, tags: [...data.tags] };
  }
  if (a.family === "seq2seq") {
    const { SRC_CHARS, BOS, EOS, TGT_PAD, TGT_VOCAB } = await import("./families/seq2seq.ts");
    const target = ["<pad>", "<s>", "</s>", ..."0123456789"];
    if (target.length !== TGT_VOCAB) throw new Error(`${spec.id}: the target table has ${target.length} tokens, the family ${TGT_VOCAB}`);
    return {
      ...base,
      kind: "seq2seq",
      source: { unit: "char", tokens: ["<pad>", ...SRC_CHARS], pad: 0 },
      target: { unit: "char", tokens: target, pad: TGT_PAD, bos: BOS, eos: EOS },
      maxIn: a.maxIn,
      maxOut: a.maxOut,
    };
  }
  if (a.family === "spell") {
    const { TOKENS, PAD, BOS, EOS, DIGIT_NAMES } = await import("./families/spell.ts");
    return { ...base, kind: "speller", tokens: [...TOKENS], pad: PAD, bos: BOS, eos: EOS, names: [...DIGIT_NAMES], maxOut: a.maxOut };
  }
  throw new Error(`${spec.id}: the ${a.family} family has no vocabulary`);
}

let versionMemo: string | undefined;

/** The vocabulary builder's version for the cache key: this file, the loaders and the families that define ids. */
export function vocabVersion(): string {
  versionMemo ??= `vocab-1-${sourceDigest(["models/vocab.ts", "models/data", "models/families/tagger.ts", "models/families/seq2seq.ts", "models/families/spell.ts"])}`;
  return versionMemo;
}

/** The vocabulary as JSON text (one line per file, stable bytes), read from or stored in the model cache. */
export async function cachedVocab(spec: ModelSpec, cache: ModelCache = new ModelCache()): Promise<string> {
  const input = { spec: { id: spec.id, data: spec.data, architecture: spec.architecture }, packages: DATA_PACKAGES[spec.data.set] ?? [], trainer: vocabVersion() };
  const r = await cache.getOrBuild(`${spec.id}.vocab`, input, async () => ({ files: { "vocab.json": `${JSON.stringify(await buildVocab(spec))}\n` } }));
  return r.entry.text("vocab.json");
}
