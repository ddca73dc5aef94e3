// onnxruntime-web in Node: the WASM backend on one thread, models passed as bytes.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import * as ort from "onnxruntime-web";

let configured = false;

/** Point onnxruntime-web at its own dist folder and use one thread (no workers in tests or builds). */
export function configureOrt(): typeof ort {
  if (!configured) {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve("onnxruntime-web")); // …/onnxruntime-web/dist
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    ort.env.wasm.wasmPaths = pathToFileURL(dist + "/").href;
    ort.env.logLevel = "error";
    configured = true;
  }
  return ort;
}

export type FeedValue =
  | { dtype: "float32"; data: Float32Array; dims: readonly number[] }
  | { dtype: "int64"; data: BigInt64Array | number[] | Int32Array; dims: readonly number[] }
  | { dtype: "int32"; data: Int32Array; dims: readonly number[] };

export interface OrtOutput {
  dims: number[];
  type: string;
  data: Float32Array | BigInt64Array | Uint8Array | Int32Array;
}

const sessions = new WeakMap<Uint8Array, Promise<ort.InferenceSession>>();

/** One session per byte array (reused across calls with the same array). */
export function session(bytes: Uint8Array): Promise<ort.InferenceSession> {
  let s = sessions.get(bytes);
  if (!s) {
    configureOrt();
    s = ort.InferenceSession.create(bytes, { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
    sessions.set(bytes, s);
  }
  return s;
}

function toTensor(v: FeedValue): ort.Tensor {
  if (v.dtype === "float32") return new ort.Tensor("float32", v.data, v.dims);
  if (v.dtype === "int32") return new ort.Tensor("int32", v.data, v.dims);
  const d = v.data instanceof BigInt64Array ? v.data : BigInt64Array.from(Array.from(v.data, (x) => BigInt(x)));
  return new ort.Tensor("int64", d, v.dims);
}

/** Run a model on named inputs; returns every output (or the named ones) as plain typed arrays. */
export async function runOnnx(bytes: Uint8Array, feeds: Record<string, FeedValue>, outputs?: string[]): Promise<Record<string, OrtOutput>> {
  const s = await session(bytes);
  const f: Record<string, ort.Tensor> = {};
  for (const [k, v] of Object.entries(feeds)) f[k] = toTensor(v);
  const r = outputs ? await s.run(f, outputs) : await s.run(f);
  const out: Record<string, OrtOutput> = {};
  for (const [k, t] of Object.entries(r)) {
    out[k] = { dims: t.dims.slice(), type: t.type, data: t.data as OrtOutput["data"] };
    t.dispose();
  }
  for (const t of Object.values(f)) t.dispose();
  return out;
}

/** Release a cached session. */
export async function releaseSession(bytes: Uint8Array): Promise<void> {
  const s = sessions.get(bytes);
  if (!s) return;
  sessions.delete(bytes);
  await (await s).release();
}
