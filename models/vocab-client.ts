/**
 * Using a `<id>.vocab.json` in the page: text → the ids a text model's graph takes, its outputs → text.
 * Node-free and dependency-free (types only), so the demo bundle can import it. The formats are in
 * models/onnx/README.md ("Vocabulary files"); test/models-text/vocab.test.ts checks these functions
 * against the families' own encoders.
 */
import type { ModelVocab } from "./vocab.ts";

export type { ModelVocab } from "./vocab.ts";
type CharVocab = Extract<ModelVocab, { kind: "char-lm" | "classifier" }>;
type TaggerVocab = Extract<ModelVocab, { kind: "tagger" }>;
type Seq2SeqVocab = Extract<ModelVocab, { kind: "seq2seq" }>;
type SpellerVocab = Extract<ModelVocab, { kind: "speller" }>;

const indexes = new WeakMap<object, Map<string, number>>();

function indexOf(tokens: string[]): Map<string, number> {
  let m = indexes.get(tokens);
  if (!m) {
    m = new Map(tokens.map((t, i) => [t, i]));
    indexes.set(tokens, m);
  }
  return m;
}

/** Checks the parsed JSON's format and kind; returns it typed. */
export function parseVocab(json: unknown): ModelVocab {
  const v = json as { format?: unknown; kind?: unknown } | null;
  if (!v || v.format !== "tensorpost-vocab-1") throw new Error(`not a tensorpost-vocab-1 file (format ${JSON.stringify(v?.format)})`);
  if (!["char-lm", "classifier", "tagger", "seq2seq", "speller"].includes(String(v.kind))) throw new Error(`unknown vocabulary kind ${JSON.stringify(v.kind)}`);
  return json as ModelVocab;
}

/** Character ids of a text, code point by code point (unknown characters → `unk`). */
export function encodeChars(v: CharVocab, text: string): number[] {
  const index = indexOf(v.tokens);
  return Array.from(text, (ch) => index.get(ch) ?? v.unk);
}

/** Text of character ids (`unk` → U+FFFD, or `unkAs`). */
export function decodeChars(v: CharVocab, ids: ArrayLike<number>, unkAs = "\u{fffd}"): string {
  let s = "";
  for (let i = 0; i < ids.length; i++) s += v.tokens[ids[i]] ?? unkAs;
  return s;
}

/** Word ids of tokens (lower-cased; unknown → `unk`). Tokenising is the caller's: Brown splits punctuation off. */
export function encodeWords(v: TaggerVocab, words: readonly string[]): number[] {
  const index = indexOf(v.tokens);
  return words.map((w) => {
    const id = index.get(w.toLowerCase());
    return id === undefined || id === v.pad ? v.unk : id;
  });
}

/** Source ids of a Chinese numeral; throws on a character the model does not know or a numeral longer than maxIn. */
export function encodeNumeral(v: Seq2SeqVocab, numeral: string): number[] {
  const index = indexOf(v.source.tokens);
  const ids = Array.from(numeral, (ch) => {
    const id = index.get(ch);
    if (id === undefined || id === v.source.pad) throw new Error(`${JSON.stringify(ch)} is not a numeral character (${v.source.tokens.slice(1).join("")})`);
    return id;
  });
  if (ids.length === 0 || ids.length > v.maxIn) throw new Error(`a numeral of 1 to ${v.maxIn} characters, got ${ids.length}`);
  return ids;
}

/** Text of decoded target ids, up to (not including) `eos`. */
export function decodeDigits(v: Seq2SeqVocab, ids: ArrayLike<number>): string {
  let s = "";
  for (let i = 0; i < ids.length && ids[i] !== v.target.eos; i++) if (ids[i] > v.target.eos) s += v.target.tokens[ids[i]] ?? "?";
  return s;
}

/** Letters of a speller's decoded ids, up to (not including) `eos`; a non-letter id shows as "?". */
export function decodeLetters(v: SpellerVocab, ids: ArrayLike<number>): string {
  let s = "";
  for (let i = 0; i < ids.length && ids[i] !== v.eos; i++) s += ids[i] > v.eos ? (v.tokens[ids[i]] ?? "?") : "?";
  return s;
}
