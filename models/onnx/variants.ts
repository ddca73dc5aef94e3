// Smaller weight variants of an exported model. The graph is the same; only how the big weight
// tensors are stored changes, and the model decodes them back to float32 at load time (onnxruntime
// folds these constant subgraphs once, when the session is created):
//   fp16: each weight is a float16 initializer followed by Cast(to=float).
//   int8: each weight is an int8 initializer with per-channel (output axis) symmetric scales, followed
//         by DequantizeLinear(axis). Biases, LayerNorm parameters and tiny tensors stay float32.
import { toHalf, type GraphBuilder, type WeightCodec } from "./graph.ts";
import { DataType } from "./proto.ts";

export type Precision = "fp32" | "fp16" | "int8";

/** Weights with fewer elements than this stay float32 (the saving would not pay for the extra node). */
export const MIN_ENCODED_SIZE = 64;

const fp16: WeightCodec = (g, name, dims, data) => {
  if (data.length < MIN_ENCODED_SIZE) return g.float(name, dims, data);
  const halves = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++) halves[i] = toHalf(data[i]);
  const stored = g.raw(`${name}.fp16`, "float16", dims, halves);
  g.node("Cast", [stored], { to: DataType.FLOAT }, [g.claimName(name)]);
  return name;
};

/** Symmetric per-channel int8: q = round(w / s), s = max|w| / 127 over each slice along `axis`. */
export function quantizePerChannel(data: Float32Array, dims: readonly number[], axis: number): { q: Int8Array; scales: Float32Array } {
  const C = dims[axis];
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const scales = new Float32Array(C);
  const maxAbs = new Float32Array(C);
  for (let i = 0; i < data.length; i++) {
    const c = Math.floor(i / inner) % C;
    const a = Math.abs(data[i]);
    if (a > maxAbs[c]) maxAbs[c] = a;
  }
  for (let c = 0; c < C; c++) scales[c] = maxAbs[c] > 0 ? maxAbs[c] / 127 : 1;
  const q = new Int8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const c = Math.floor(i / inner) % C;
    q[i] = Math.max(-127, Math.min(127, Math.round(data[i] / scales[c])));
  }
  return { q, scales };
}

const int8: WeightCodec = (g, name, dims, data, axis) => {
  if (data.length < MIN_ENCODED_SIZE) return g.float(name, dims, data);
  const { q, scales } = quantizePerChannel(data, dims, axis);
  const stored = g.raw(`${name}.int8`, "int8", dims, q);
  const scale = g.float(`${name}.scale`, [scales.length], scales);
  const zero = g.raw(`${name}.zero_point`, "int8", [scales.length], new Int8Array(scales.length));
  g.node("DequantizeLinear", [stored, scale, zero], { axis }, [g.claimName(name)]);
  return name;
};

export function weightCodec(precision: Precision): WeightCodec | null {
  if (precision === "fp32") return null;
  if (precision === "fp16") return fp16;
  if (precision === "int8") return int8;
  throw new Error(`ONNX export: unknown precision "${String(precision)}" (fp32, fp16, int8)`);
}

export type { GraphBuilder };
