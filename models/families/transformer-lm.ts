/**
 * The transformer-lm family (MODEL-ZOO.md transformer): decoder-only character LM, PyTorch's
 * `nn.TransformerEncoderLayer(d, heads, ff, dropout=0, activation='gelu', norm_first=True)` with a
 * causal mask, `blocks` times, then LayerNorm and Linear(d, V).
 *
 *   x = tok[ids] + pos[0 … T−1]                      (both Embedding, N(0,1))
 *   per block: x = x + attn(ln1(x));  x = x + ff2(gelu(ff1(ln2(x))))
 *   logits = head(ln_f(x))
 *
 * Same windows, loss and bits-per-character evaluation as char-rnn (charLmFamily).
 *
 * Parameter names (stateDict; what models/onnx/export.ts reads; PyTorch's layer calls them self_attn,
 * linear1/2, norm1/2): tok.weight [V, d]; pos.weight [context, d];
 * blocks.{i}.attn.in_proj_weight [3d, d] (Xavier-uniform; rows q, k, v),
 * blocks.{i}.attn.in_proj_bias [3d] (zeros), blocks.{i}.attn.out_proj.{weight,bias} (bias zero),
 * blocks.{i}.ff1.{weight [ff, d], bias}, blocks.{i}.ff2.{weight [d, ff], bias},
 * blocks.{i}.ln1.{weight,bias}, blocks.{i}.ln2.{weight,bias}; ln_f.{weight,bias}; head.{weight [V, d], bias}.
 */
import { CausalSelfAttention, Embedding, LayerNorm, Linear, Module, add, gelu, type Generator, type Tensor } from "../../core/src/index.ts";
import type { Family, ModelSpec } from "../types.ts";
import { charLmFamily, type CharBatch, type CharData, type CharLM } from "./char-rnn.ts";

type TArch = Extract<ModelSpec["architecture"], { family: "transformer-lm" }>;

export class PreLNBlock extends Module {
  readonly attn: CausalSelfAttention;
  readonly ff1: Linear;
  readonly ff2: Linear;
  readonly ln1: LayerNorm;
  readonly ln2: LayerNorm;
  constructor(d: number, heads: number, ff: number, rng: Generator) {
    super();
    this.attn = this.registerModule("attn", new CausalSelfAttention(d, heads, { generator: rng }));
    this.ff1 = this.registerModule("ff1", new Linear(d, ff, { generator: rng }));
    this.ff2 = this.registerModule("ff2", new Linear(ff, d, { generator: rng }));
    this.ln1 = this.registerModule("ln1", new LayerNorm(d));
    this.ln2 = this.registerModule("ln2", new LayerNorm(d));
  }
  forward(x: Tensor): Tensor {
    const a = add(x, this.attn.forward(this.ln1.forward(x)));
    return add(a, this.ff2.forward(gelu(this.ff1.forward(this.ln2.forward(a)))));
  }
}

/** Holds the blocks as blocks.0, blocks.1, … */
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
  readonly blocks: Blocks;
  readonly ln_f: LayerNorm;
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
    this.blocks = this.registerModule("blocks", new Blocks(arch.blocks, () => new PreLNBlock(arch.d, arch.heads, arch.ff, rng)));
    this.ln_f = this.registerModule("ln_f", new LayerNorm(arch.d));
    this.head = this.registerModule("head", new Linear(arch.d, vocabSize, { generator: rng }));
  }

  /** ids [B, T] (T ≤ context) → logits [B, T, V]. */
  forwardIds(ids: ArrayLike<number>, B: number, T: number): Tensor {
    if (T > this.context) throw new Error(`TransformerLM: ${T} inputs exceed the context of ${this.context}`);
    const positions = new Int32Array(T);
    for (let t = 0; t < T; t++) positions[t] = t;
    let x = add(this.tok.forward(ids, [B, T]), this.pos.forward(positions, [T]));
    for (const block of this.blocks.list) x = block.forward(x);
    return this.head.forward(this.ln_f.forward(x));
  }
}

function arch(spec: ModelSpec): TArch {
  if (spec.architecture.family !== "transformer-lm") throw new Error(`${spec.id}: architecture.family is ${spec.architecture.family}, expected transformer-lm`);
  return spec.architecture;
}

export const transformerLmFamily: Family<CharData, CharBatch> = charLmFamily((spec, data, rng) => new TransformerLM(data.vocabSize, arch(spec), rng));
export default transformerLmFamily;
