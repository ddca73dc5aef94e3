// Stepping a published character language model (models/onnx/README.md, "Using the text models in a
// page"), the same code in the page and in the build's static sample:
//   rnn, lstm, stacked: the prompt once as tokens [1,T], then one token per step, carrying h (and c)
//     from each run's outputs into the next run's h0 (c0), which start as zeros;
//   transformer: no state; every step runs the last ≤ context ids and also returns attn_0, attn_1….
// Only the plain tensor interface is used (`run`), so this imports neither onnxruntime nor Node.

export interface LmTensor {
  name: string;
  shape: readonly (number | string)[];
  dtype?: string;
}

export interface LmFile {
  inputs: readonly LmTensor[];
  outputs: readonly LmTensor[];
}

export interface LmFeed {
  data: Float32Array | BigInt64Array | Int32Array;
  dims: number[];
}

export type LmRun = (feeds: Record<string, LmFeed>) => Promise<Record<string, { data: ArrayLike<number | bigint>; dims: readonly number[] }>>;

export interface LmStep {
  /** Logits of the next token (length V). */
  logits: Float32Array;
  /** The ids this run read (transformer: the window; recurrent: the new ids only). */
  read: number[];
  /** Transformer: per block, the attention output [1, heads, T, T]; empty for recurrent models. */
  attention: { data: Float32Array; dims: number[] }[];
}

const stateOutput: Record<string, string> = { h0: "h", c0: "c" };

export class CharLm {
  private readonly tokens: LmTensor;
  private readonly states: LmTensor[];
  private readonly state = new Map<string, Float32Array>();
  private window: number[] = [];

  constructor(
    private readonly file: LmFile,
    /** The transformer's context (64); null for the recurrent models. */
    private readonly context: number | null,
    private readonly run: LmRun,
  ) {
    const tokens = file.inputs.find((i) => i.name === "tokens");
    if (!tokens) throw new Error(`the model has no "tokens" input (${file.inputs.map((i) => i.name).join(", ")})`);
    this.tokens = tokens;
    this.states = file.inputs.filter((i) => i.name in stateOutput);
  }

  get recurrent(): boolean {
    return this.states.length > 0;
  }

  /** Forgets the text so far (zero state, empty window). */
  reset(): void {
    this.state.clear();
    this.window = [];
  }

  /** Reads `ids` (the prompt, or the token just picked) and returns the logits of the token after them. */
  async feed(ids: readonly number[]): Promise<LmStep> {
    if (ids.length === 0) throw new Error("nothing to read");
    const read = this.recurrent ? [...ids] : (this.window = [...this.window, ...ids].slice(-(this.context ?? Infinity)));
    const feeds: Record<string, LmFeed> = { tokens: { data: this.tokenArray(read), dims: [1, read.length] } };
    for (const s of this.states) {
      const dims = s.shape.map((d) => (typeof d === "number" ? d : 1));
      const size = dims.reduce((a, b) => a * b, 1);
      feeds[s.name] = { data: this.state.get(s.name) ?? new Float32Array(size), dims };
    }
    const out = await this.run(feeds);
    for (const s of this.states) this.state.set(s.name, Float32Array.from(out[stateOutput[s.name]].data as ArrayLike<number>));
    const logits = out.logits;
    const v = logits.dims[logits.dims.length - 1];
    const from = (read.length - 1) * v;
    const attention = this.file.outputs
      .filter((o) => /^attn_\d+$/.test(o.name))
      .sort((a, b) => Number(a.name.slice(5)) - Number(b.name.slice(5)))
      .map((o) => ({ data: Float32Array.from(out[o.name].data as ArrayLike<number>), dims: [...out[o.name].dims] }));
    return { logits: Float32Array.from({ length: v }, (_, i) => Number(logits.data[from + i])), read, attention };
  }

  private tokenArray(ids: readonly number[]): LmFeed["data"] {
    if (this.tokens.dtype === "int32") return Int32Array.from(ids);
    return BigInt64Array.from(ids, (x) => BigInt(x));
  }
}
