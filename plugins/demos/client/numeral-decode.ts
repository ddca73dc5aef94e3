// Greedy decoding through the seq2seq model's two graphs (models/onnx/README.md "Using the text models in
// a page"): the encoder runs once over the numeral, then one decoder step per output token, each fed the
// previous token and state, until `</s>` or `maxOut` steps. Each step's attention row is kept: stacked,
// they are the attention matrix (output step × input character). The runner is an argument so the same
// loop serves the browser (onnxruntime-web), the build (Node) and tests (a fake).
import type { ModelVocab } from "../../../models/vocab-client.ts";

type Seq2SeqVocab = Extract<ModelVocab, { kind: "seq2seq" }>;

export interface Tensor {
  data: ArrayLike<number | bigint>;
  dims: readonly number[];
}

/** A feed: token ids as int64, lengths as int32, states as float32. */
export type DecodeFeed = { data: BigInt64Array | Int32Array | Float32Array; dims: number[] };

export interface Seq2SeqRunner {
  encoder(feeds: { src: DecodeFeed; src_lengths: DecodeFeed }): Promise<Record<string, Tensor>>;
  step(feeds: Record<string, DecodeFeed>): Promise<Record<string, Tensor>>;
}

export interface Decoded {
  /** Target ids, without `<s>`, up to and including `</s>` when it came. */
  ids: number[];
  /** The digits (ids 3–12) as text. */
  digits: string;
  /** attention[k][s]: weight of input character s when output token k was chosen (one row per id). */
  attention: number[][];
  /** The rows of `attention` that chose a digit: one per character of `digits`. */
  digitAttention: number[][];
  /** Whether `</s>` ended the output (otherwise it stopped at maxOut). */
  finished: boolean;
}

function floats(t: Tensor): Float32Array {
  return t.data instanceof Float32Array ? t.data : Float32Array.from(t.data as ArrayLike<number>);
}

function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

export async function greedyDecode(vocab: Seq2SeqVocab, src: readonly number[], run: Seq2SeqRunner): Promise<Decoded> {
  const S = src.length;
  const lengths: DecodeFeed = { data: Int32Array.of(S), dims: [1] };
  const enc = await run.encoder({ src: { data: BigInt64Array.from(src, (x) => BigInt(x)), dims: [1, S] }, src_lengths: lengths });
  const encOut: DecodeFeed = { data: floats(enc.enc_out), dims: [...enc.enc_out.dims] };
  let state: Record<string, DecodeFeed> = { h: { data: floats(enc.h), dims: [...enc.h.dims] } };
  if (enc.c) state.c = { data: floats(enc.c), dims: [...enc.c.dims] };
  const ids: number[] = [];
  const attention: number[][] = [];
  let prev = vocab.target.bos;
  for (let k = 0; k < vocab.maxOut; k++) {
    const out = await run.step({ prev: { data: BigInt64Array.of(BigInt(prev)), dims: [1] }, ...state, enc_out: encOut, src_lengths: lengths });
    prev = argmax(floats(out.logits));
    ids.push(prev);
    attention.push(Array.from(floats(out.attn).subarray(0, S)));
    state = { h: { data: floats(out.h_out), dims: [...out.h_out.dims] } };
    if (out.c_out) state.c = { data: floats(out.c_out), dims: [...out.c_out.dims] };
    if (prev === vocab.target.eos) break;
  }
  let digits = "";
  const digitAttention: number[][] = [];
  ids.forEach((id, k) => {
    if (id <= vocab.target.eos) return;
    digits += vocab.target.tokens[id] ?? "?";
    digitAttention.push(attention[k]);
  });
  return { ids, digits, attention, digitAttention, finished: ids.at(-1) === vocab.target.eos };
}
