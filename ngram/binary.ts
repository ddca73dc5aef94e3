/**
 * A compact binary form of a back-off model for the browser. Node-free.
 *
 * Layout (little-endian):
 *   "TPNG", u32 version (1), u32 order, u32 vocab size, u32 bits (8 or 16), u32 word bytes (2 or 4),
 *   u32 n-gram count per order,
 *   u32 byte length + UTF-8 vocabulary, tokens separated by NUL,
 *   for orders 2…N: the child count of every node of the order below (LEB128 varints, so most
 *     take one byte), then each node's last word (u16 or u32) — the trie of ../trie.ts, whose
 *     parents and child ranges are rebuilt from the counts on load,
 *   unigram log10 probabilities and back-offs as float32 (as KenLM, unigrams are not quantised),
 *   for orders 2…N: a codebook of 2^bits − 1 float32 log10 probabilities and one code per n-gram,
 *   for orders 2…N−1: the same for back-off weights.
 *
 * Quantisation: code 0 is −∞ (probability 0); the other codes are the means of equal-population
 * bins of the sorted finite values (one codebook per order and kind), and each value takes the
 * nearest code.
 */
import { BackoffModel } from "./backoff.ts";
import { Trie, childStarts, unigramLevel, type TrieLevel } from "./trie.ts";
import { Vocab } from "./vocab.ts";

const MAGIC = 0x474e5054; // "TPNG"

class Writer {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;
  private grow(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.length));
    this.buf = b;
    this.view = new DataView(b.buffer);
  }
  u8(x: number): void {
    this.grow(1);
    this.buf[this.length++] = x;
  }
  u16(x: number): void {
    this.grow(2);
    this.view.setUint16(this.length, x, true);
    this.length += 2;
  }
  u32(x: number): void {
    this.grow(4);
    this.view.setUint32(this.length, x, true);
    this.length += 4;
  }
  f32(x: number): void {
    this.grow(4);
    this.view.setFloat32(this.length, x, true);
    this.length += 4;
  }
  bytes(b: Uint8Array): void {
    this.grow(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  varint(x: number): void {
    while (x >= 0x80) {
      this.u8((x & 0x7f) | 0x80);
      x = Math.floor(x / 128);
    }
    this.u8(x);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

class Reader {
  private readonly view: DataView;
  pos = 0;
  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new Error(`binary n-gram model truncated at byte ${this.pos}`);
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }
  u16(): number {
    this.need(2);
    const x = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return x;
  }
  u32(): number {
    this.need(4);
    const x = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return x;
  }
  f32(): number {
    this.need(4);
    const x = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return x;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  varint(): number {
    let x = 0;
    let mul = 1;
    for (;;) {
      const b = this.u8();
      x += (b & 0x7f) * mul;
      if (b < 0x80) return x;
      mul *= 128;
    }
  }
}

/** A codebook of up to `size` values (ascending) for the finite entries of `values`. */
export function buildCodebook(values: Float64Array, size: number): Float64Array {
  const finite = values.filter((v) => Number.isFinite(v)).sort();
  if (finite.length === 0) return new Float64Array(0);
  const bins = Math.min(size, finite.length);
  const out: number[] = [];
  for (let b = 0; b < bins; b++) {
    const lo = Math.floor((b * finite.length) / bins);
    const hi = Math.floor(((b + 1) * finite.length) / bins);
    if (hi <= lo) continue;
    let s = 0;
    for (let i = lo; i < hi; i++) s += finite[i];
    const m = Math.fround(s / (hi - lo));
    if (out.length === 0 || out[out.length - 1] !== m) out.push(m);
  }
  return Float64Array.from(out);
}

/** Code of `v` in `book` (1-based; 0 = −∞). */
function encodeValue(book: Float64Array, v: number): number {
  if (v === -Infinity) return 0;
  if (!Number.isFinite(v)) throw new Error(`cannot quantise ${v}`);
  let lo = 0;
  let hi = book.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (book[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(book[lo - 1] - v) <= Math.abs(book[lo] - v)) lo--;
  return lo + 1;
}

function writeQuantised(w: Writer, values: Float64Array, bits: number): void {
  const book = buildCodebook(values, (1 << bits) - 1);
  w.u32(book.length);
  for (const v of book) w.f32(v);
  for (let i = 0; i < values.length; i++) {
    const code = encodeValue(book, values[i]);
    if (bits === 8) w.u8(code);
    else w.u16(code);
  }
}

function readQuantised(r: Reader, n: number, bits: number): Float64Array {
  const size = r.u32();
  const book = new Float64Array(size + 1);
  book[0] = -Infinity;
  for (let i = 1; i <= size; i++) book[i] = r.f32();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const code = bits === 8 ? r.u8() : r.u16();
    if (code > size) throw new Error(`binary n-gram model: code ${code} outside its codebook`);
    out[i] = book[code];
  }
  return out;
}

export interface BinaryOptions {
  /** Bits per quantised value: 8 (default) or 16. */
  bits?: 8 | 16;
}

export function encodeBinary(model: BackoffModel, options: BinaryOptions = {}): Uint8Array {
  const bits = options.bits ?? 8;
  const { trie, order } = model;
  const V = model.vocab.size;
  const wordBytes = V <= 65536 ? 2 : 4;
  for (const p of model.prob) if (p.some((x) => Number.isNaN(x))) throw new Error("binary export needs a model without placeholder n-grams");
  const w = new Writer();
  w.u32(MAGIC);
  w.u32(1);
  w.u32(order);
  w.u32(V);
  w.u32(bits);
  w.u32(wordBytes);
  for (let k = 1; k <= order; k++) w.u32(trie.size(k));
  for (const t of model.vocab.tokens) if (t.includes("\0")) throw new Error("a token contains NUL");
  const vocabBytes = new TextEncoder().encode(model.vocab.tokens.join("\0"));
  w.u32(vocabBytes.length);
  w.bytes(vocabBytes);
  for (let k = 2; k <= order; k++) {
    const cs = trie.levels[k - 2].childStart;
    for (let p = 0; p < trie.size(k - 1); p++) w.varint(cs[p + 1] - cs[p]);
    const words = trie.levels[k - 1].words;
    for (let i = 0; i < words.length; i++) {
      if (wordBytes === 2) w.u16(words[i]);
      else w.u32(words[i]);
    }
  }
  for (const x of model.prob[0]) w.f32(x);
  if (order > 1) for (const x of model.backoff[0]) w.f32(x);
  for (let k = 2; k <= order; k++) writeQuantised(w, model.prob[k - 1], bits);
  for (let k = 2; k < order; k++) writeQuantised(w, model.backoff[k - 1], bits);
  return w.result();
}

export function decodeBinary(bytes: Uint8Array | ArrayBuffer, method = "binary"): BackoffModel {
  const r = new Reader(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  if (r.u32() !== MAGIC) throw new Error("not a binary n-gram model (bad magic)");
  const version = r.u32();
  if (version !== 1) throw new Error(`unsupported binary n-gram model version ${version}`);
  const order = r.u32();
  const V = r.u32();
  const bits = r.u32();
  const wordBytes = r.u32();
  if (bits !== 8 && bits !== 16) throw new Error(`bad quantisation bits ${bits}`);
  const sizes: number[] = [];
  for (let k = 1; k <= order; k++) sizes.push(r.u32());
  const tokens = new TextDecoder().decode(r.bytes(r.u32())).split("\0");
  if (tokens.length !== V) throw new Error(`vocabulary has ${tokens.length} tokens, header says ${V}`);
  const vocab = new Vocab(tokens);
  const levels: TrieLevel[] = [unigramLevel(V)];
  for (let k = 2; k <= order; k++) {
    const nPar = sizes[k - 2];
    const n = sizes[k - 1];
    const parents = new Uint32Array(n);
    let j = 0;
    for (let p = 0; p < nPar; p++) {
      const c = r.varint();
      if (j + c > n) throw new Error(`binary n-gram model: order ${k} child counts exceed ${n}`);
      parents.fill(p, j, j + c);
      j += c;
    }
    if (j !== n) throw new Error(`binary n-gram model: order ${k} child counts sum to ${j}, expected ${n}`);
    const words = new Uint32Array(n);
    for (let i = 0; i < n; i++) words[i] = wordBytes === 2 ? r.u16() : r.u32();
    levels[k - 2].childStart = childStarts(nPar, parents);
    levels.push({ words, parents, childStart: new Uint32Array(n + 1) });
  }
  const probs: Float64Array[] = [Float64Array.from({ length: V }, () => r.f32())];
  const backoffs: Float64Array[] = order > 1 ? [Float64Array.from({ length: V }, () => r.f32())] : [];
  for (let k = 2; k <= order; k++) probs.push(readQuantised(r, sizes[k - 1], bits));
  for (let k = 2; k < order; k++) backoffs.push(readQuantised(r, sizes[k - 1], bits));
  return new BackoffModel(method, vocab, new Trie(levels, V), probs, backoffs);
}
