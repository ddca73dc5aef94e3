// A small ONNX graph builder: float/int64/float16/int8 initializers from typed arrays, nodes with
// typed attributes, inputs/outputs with symbolic dims ("N", "T"). Names are generated from a counter,
// and nothing depends on time or randomness, so the same model always gives the same bytes.
import { AttributeType, DataType, encodeModel, IR_VERSION, OPSET, PRODUCER, type AttributeMsg, type DimensionMsg, type NodeMsg, type TensorMsg, type ValueInfoMsg } from "./proto.ts";

export type Dim = number | string;
export type ElemType = "float32" | "int64" | "int32" | "float16" | "int8" | "uint8" | "bool";

export const ELEM_CODE: Record<ElemType, number> = {
  float32: DataType.FLOAT,
  int64: DataType.INT64,
  int32: DataType.INT32,
  float16: DataType.FLOAT16,
  int8: DataType.INT8,
  uint8: DataType.UINT8,
  bool: DataType.BOOL,
};

export type AttrValue = number | string | number[] | { ints: number[] } | { floats: number[] } | { float: number } | { tensor: TensorMsg };

/** What the manifest says of one graph input or output. */
export interface IOSpec {
  name: string;
  shape: Dim[];
  dtype: ElemType;
  /** Optional inputs may be left out by callers (e.g. initial recurrent state). */
  optional?: boolean;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function le(bytes: ArrayBufferView): Uint8Array {
  // Typed arrays use the host's byte order; ONNX raw_data is little-endian (x86 and ARM hosts are).
  if (!LITTLE_ENDIAN) throw new Error("ONNX export: big-endian hosts are not supported");
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** IEEE half from a float (round to nearest even; overflow → ±inf; subnormals kept). */
export function toHalf(x: number): number {
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer)[0];
  const sign = (u >>> 16) & 0x8000;
  const exp = (u >>> 23) & 0xff;
  let mant = u & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && (half & 1))) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1))) half++;
  return sign | half;
}

/** Float of an IEEE half. */
export function fromHalf(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 0x1f) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

export type WeightCodec = (g: GraphBuilder, name: string, dims: number[], data: Float32Array, axis: number) => string;

export class GraphBuilder {
  private readonly nodes: NodeMsg[] = [];
  private readonly inits: TensorMsg[] = [];
  private readonly inputs: ValueInfoMsg[] = [];
  private readonly outputs: ValueInfoMsg[] = [];
  private readonly used = new Set<string>();
  private counter = 0;
  readonly inputSpecs: IOSpec[] = [];
  readonly outputSpecs: IOSpec[] = [];

  /**
   * How weights (the big matrices passed to `weight()`) are stored: absent = float32 initializers.
   * A codec writes its own initializers and the nodes that compute the float tensor `name`.
   */
  weightCodec: WeightCodec | null = null;

  constructor(readonly name: string) {}

  /** Reserve a value name (throws if taken). */
  claimName(name: string): string {
    return this.claim(name);
  }

  /**
   * A weight tensor: float32 unless a codec is set (fp16, int8). `axis` is the output-channel axis,
   * for per-channel quantisation.
   */
  weight(name: string, dims: readonly number[], data: ArrayLike<number>, axis: number): string {
    if (!this.weightCodec) return this.float(name, dims, data);
    return this.weightCodec(this, name, dims.slice(), Float32Array.from(data), axis);
  }

  /** An unused value name with a readable stem (claimed by whatever then defines it). */
  fresh(stem: string): string {
    let n = `${stem}_${this.counter++}`;
    while (this.used.has(n)) n = `${stem}_${this.counter++}`;
    return n;
  }

  private claim(name: string): string {
    if (this.used.has(name)) throw new Error(`ONNX graph ${this.name}: the name "${name}" is used twice`);
    this.used.add(name);
    return name;
  }

  private valueInfo(name: string, dtype: ElemType, shape: Dim[]): ValueInfoMsg {
    const dim: DimensionMsg[] = shape.map((d) => (typeof d === "number" ? { dim_value: d } : { dim_param: d }));
    return { name, type: { tensor_type: { elem_type: ELEM_CODE[dtype], shape: { dim } } } };
  }

  input(name: string, dtype: ElemType, shape: Dim[], optional = false): string {
    this.inputs.push(this.valueInfo(this.claim(name), dtype, shape));
    this.inputSpecs.push(optional ? { name, shape, dtype, optional } : { name, shape, dtype });
    return name;
  }

  /** Declare `value` as a graph output called `name` (an Identity is inserted if the names differ). */
  output(value: string, name: string, dtype: ElemType, shape: Dim[]): string {
    if (value !== name) this.node("Identity", [value], {}, [this.claim(name)]);
    this.outputs.push(this.valueInfo(name, dtype, shape));
    this.outputSpecs.push({ name, shape, dtype });
    return name;
  }

  /** A float32 initializer (weights are copied). */
  float(name: string, dims: readonly number[], data: ArrayLike<number>): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (data.length !== size) throw new Error(`ONNX initializer ${name}: ${data.length} values for shape [${dims.join(", ")}]`);
    const arr = Float32Array.from(data);
    this.inits.push({ name: this.claim(name), dims: dims.slice(), data_type: DataType.FLOAT, raw_data: le(arr) });
    return name;
  }

  int64(name: string, dims: readonly number[], data: readonly number[]): string {
    const arr = BigInt64Array.from(data.map((x) => BigInt(x)));
    this.inits.push({ name: this.claim(name), dims: dims.slice(), data_type: DataType.INT64, raw_data: le(arr) });
    return name;
  }

  /** A raw initializer of any element type (fp16 halves as Uint16Array, int8 as Int8Array, ...). */
  raw(name: string, dtype: ElemType, dims: readonly number[], data: ArrayBufferView): string {
    this.inits.push({ name: this.claim(name), dims: dims.slice(), data_type: ELEM_CODE[dtype], raw_data: le(data) });
    return name;
  }

  /** A scalar or small float constant (named initializer). */
  scalar(stem: string, value: number): string {
    return this.float(this.fresh(stem), [], [value]);
  }

  /** Add a node; returns its output names (fresh ones unless given). */
  node(op: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outputs: string[] | number = 1): string[] {
    const outs = typeof outputs === "number" ? Array.from({ length: outputs }, () => this.claim(this.fresh(op.toLowerCase()))) : outputs;
    const attribute: AttributeMsg[] = Object.keys(attrs)
      .sort()
      .map((k) => attr(k, attrs[k]));
    this.nodes.push({ input: inputs, output: outs, name: `${op}_${this.nodes.length}`, op_type: op, attribute });
    return outs;
  }

  /** Shorthand for single-output nodes. */
  op(op: string, inputs: string[], attrs: Record<string, AttrValue> = {}): string {
    return this.node(op, inputs, attrs, 1)[0];
  }

  encode(docString = ""): Uint8Array {
    return encodeModel({
      ir_version: IR_VERSION,
      producer_name: PRODUCER,
      producer_version: "0.1.0",
      graph: { node: this.nodes, name: this.name, initializer: this.inits, input: this.inputs, output: this.outputs, doc_string: docString },
      opset_import: [{ domain: "", version: OPSET }],
    });
  }
}

function attr(name: string, v: AttrValue): AttributeMsg {
  if (typeof v === "number") {
    if (!Number.isInteger(v)) throw new Error(`attribute ${name}: ${v} is not an integer (use {float: x})`);
    return { name, type: AttributeType.INT, i: v };
  }
  if (typeof v === "string") return { name, type: AttributeType.STRING, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: AttributeType.INTS, ints: v };
  if ("ints" in v) return { name, type: AttributeType.INTS, ints: v.ints };
  if ("floats" in v) return { name, type: AttributeType.FLOATS, floats: v.floats };
  if ("float" in v) return { name, type: AttributeType.FLOAT, f: v.float };
  return { name, type: AttributeType.TENSOR, t: v.tensor };
}
