/**
 * The transformer-lm family (MODEL-ZOO.md transformer): decoder-only character LM, PyTorch's
 * `nn.TransformerEncoderLayer(d, heads, ff, dropout=0, activation='gelu', norm_first=True)` with a
 * causal mask, `blocks` times, then LayerNorm and Linear(d, V).
 *
 *   x = tok[ids] + pos[0 … T−1]                      (both Embedding, N(0,1))
 *   per block: x = x + self_attn(norm1(x));  x = x + linear2(gelu(linear1(norm2(x))))
 *   logits = head(norm(x))
 *
 * Same windows, loss and bits-per-character evaluation as char-rnn (charLmFamily).
 *
 * Parameter names (stateDict): tok.weight [V, d]; pos.weight [context, d];
 * layers.{i}.self_attn.in_proj_weight [3d, d] (Xavier-uniform; rows q, k, v),
 * layers.{i}.self_attn.in_proj_bias [3d] (zeros), layers.{i}.self_attn.out_proj.{weight,bias} (bias zero),
 * layers.{i}.linear1.{weight [ff, d], bias}, layers.{i}.linear2.{weight [d, ff], bias},
 * layers.{i}.norm1.{weight,bias}, layers.{i}.norm2.{weight,bias}; norm.{weight,bias}; head.{weight [V, d], bias}.
 */
import { CausalSelfAttention, Embedding, LayerNorm, Linear, Module, add, gelu, type Generator, type Tensor } from "../../core/src/index.ts";
import type { Family, ModelSpec } from "../types.ts";
import { charLmFamily, type CharBatch, type CharData, type CharLM } from "./char-rnn.ts";

type TArch = Extract<ModelSpec["architecture"], { family: "transformer-lm" }>;

export class PreLNBlock extends Module {
  readonly self_attn: CausalSelfAttention;
  readonly linear1: Linear;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  constructor(d: number, heads: number, ff: number, rng: Generator) {
    super();
    this.self_attn = this.registerModule("self_attn", new CausalSelfAttention(d, heads, { generator: rng }));
    this.linear1 = this.registerModule("linear1", new Linear(d, ff, { generator: rng }));
    this.linear2 = this.registerModule("linear2", new Linear(ff, d, { generator: rng }));
    this.norm1 = this.registerModule("norm1", new LayerNorm(d));
    this.norm2 = this.registerModule("norm2", new LayerNorm(d));
  }
  forward(x: Tensor): Tensor {
    const a = add(x, this.self_attn.forward(this.norm1.forward(x)));
    return add(a, this.linear2.forward(gelu(this.linear1.forward(this.norm2.forward(a)))));
  }
}

/** Holds the blocks as layers.0, layers.1, … */
class Blocks extends Module {
  readonly list: PreLNBlock[] = [];
  constructor(n: number, make: () => PreLNBlock) {
    super();
    for (let i = 0; i < n; i++) this.list.push(this.registerModule(String(i), make()));
  }
}

export class TransformerLM extends Module implements CharLM {
  readonly tok: Embedding;
  readonly pos: Embedding;
  readonly layers: Blocks;
  readonly norm: LayerNorm;
  readonly head: Linear;
  readonly context: number;
  constructor(
    readonly vocabSize: number,
    readonly arch: Pick<TArch, "d" | "heads" | "blocks" | "ff" | "context">,
    rng: Generator,
  ) {
    super();
    this.context = arch.context;
    this.tok = this.registerModule("tok", new Embedding(vocabSize, arch.d, { generator: rng }));
    this.pos = this.registerModule("pos", new Embedding(arch.context, arch.d, { generator: rng }));
    this.layers = this.registerModule("layers", new Blocks(arch.blocks, () => new PreLNBlock(arch.d, arch.heads, arch.ff, rng)));
    this.norm = this.registerModule("norm", new LayerNorm(arch.d));
    this.head = this.registerModule("head", new Linear(arch.d, vocabSize, { generator: rng }));
  }

  /** ids [B, T] (T ≤ context) → logits [B, T, V]. */
  forwardIds(ids: ArrayLike<number>, B: number, T: number): Tensor {
    if (T > this.context) throw new Error(`TransformerLM: ${T} inputs exceed the context of ${this.context}`);
    const positions = new Int32Array(T);
    for (let t = 0; t < T; t++) positions[t] = t;
    let x = add(this.tok.forward(ids, [B, T]), this.pos.forward(positions, [T]));
    for (const block of this.layers.list) x = block.forward(x);
    return this.head.forward(this.norm.forward(x));
  }
}

function arch(spec: ModelSpec): TArch {
  if (spec.architecture.family !== "transformer-lm") throw new Error(`${spec.id}: architecture.family is ${spec.architecture.family}, expected transformer-lm`);
  return spec.architecture;
}

export const transformerLmFamily: Family<CharData, CharBatch> = charLmFamily((spec, data, rng) => new TransformerLM(data.vocabSize, arch(spec), rng));
export default transformerLmFamily;
