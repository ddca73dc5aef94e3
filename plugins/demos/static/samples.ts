// Build-time sample results: each island's `data-output` shows what the model itself answers for the
// island's own data (the digit in the figure, an average versicolor, the fitted line), computed in Node
// with the same ONNX file and runtime the browser uses, so the page shows a real answer before (or
// without) its script. Text only; the widget replaces it when it mounts.
import type { DigitDemoData, IrisDemoData } from "../../../models/publish.ts";
import { escapeHtml } from "../../errors.ts";
import { strings } from "../client/strings.ts";
import { n2 } from "./svg.ts";
import type { FallbackInput } from "./types.ts";

export type RunModel = (feeds: Record<string, { data: Float32Array; dims: number[] }>) => Promise<Record<string, ArrayLike<number>>>;

/** A feed whose array type says its ONNX dtype: BigInt64Array int64, Int32Array int32, Float32Array float32. */
export interface TypedFeed {
  data: BigInt64Array | Int32Array | Float32Array;
  dims: number[];
}

export type RunPart = (part: string, feeds: Record<string, TypedFeed>) => Promise<Record<string, { data: Float32Array; dims: readonly number[] }>>;

export interface SampleInput extends FallbackInput {
  /** Input and output names of the model file ("model", or the first part), in the manifest's order. */
  inputs: string[];
  outputs: string[];
  /** Runs that file on float32 feeds. */
  run: RunModel;
  /** Runs any part of the model (`model`, `encoder`, `decoder-step`) on typed feeds. */
  runPart: RunPart;
  /** Text models: the parsed `<id>.vocab.json`. */
  vocab?: unknown;
}

/** A sample's text for `data-output` (HTML-escaped), or its output and static figure for the stage as
 *  HTML/SVG (built from escaped text only: it is inserted after the sanitiser). */
export type SampleResult = string | { output: string; stage?: string };

function metricText(input: FallbackInput): string {
  const t = strings(input.lang);
  const m = input.model?.metric;
  if (!m) return "";
  return m.name === "accuracy" ? `${t.testAccuracy} ${n2(m.value * 100)} %` : `${m.name === "test-mse" ? t.testMse : m.name} ${n2(m.value)}`;
}

function softmax(v: ArrayLike<number>, from: number, n: number): number[] {
  const xs = Array.from({ length: n }, (_, i) => v[from + i]);
  const max = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

export async function digitsSample(s: SampleInput): Promise<string> {
  const t = strings(s.lang);
  const data = s.data as DigitDemoData;
  const x = Float32Array.from(data.pixels, (v) => v / 255);
  const dims = s.id === "cnn" ? [1, 1, 28, 28] : [1, 784];
  const out = await s.run({ [s.inputs[0]]: { data: x, dims } });
  const p = softmax(out[s.outputs[0]], 0, 10);
  const best = p.indexOf(Math.max(...p));
  return escapeHtml(`${t.sampleDigit} (${data.label}) → ${t.prediction} ${best} (${n2(p[best] * 100)} %) · ${metricText(s)}`);
}

export async function irisSample(s: SampleInput): Promise<string> {
  const t = strings(s.lang);
  const data = s.data as IrisDemoData;
  const rows = data.rows.filter((r) => r.y === 1);
  const mean = [0, 1, 2, 3].map((f) => rows.reduce((a, r) => a + r.x[f], 0) / rows.length);
  const x = Float32Array.from(data.inputs, (f) => mean[f]);
  const out = await s.run({ [s.inputs[0]]: { data: x, dims: [1, x.length] } });
  const flower = `${data.features.map((f, i) => `${f} ${n2(mean[i])}`).join(", ")}`;
  let answer: string;
  if (out.label !== undefined) {
    answer = out.label[0] > 0.5 ? `${t.is} ${data.positive}` : `${t.isNot} ${data.positive}`;
  } else {
    const p = softmax(out[s.outputs[0]], 0, data.classes.length);
    const best = p.indexOf(Math.max(...p));
    answer = `${data.classes[best]} (${n2(p[best] * 100)} %)`;
  }
  return escapeHtml(`${flower} → ${answer} · ${metricText(s)}`);
}

export async function regressionSample(s: SampleInput): Promise<string> {
  const out = await s.run({ [s.inputs[0]]: { data: Float32Array.from([0, 1]), dims: [2, 1] } });
  const y = out[s.outputs[0]];
  const b = y[0];
  const w = y[1] - y[0];
  return escapeHtml(`ŷ = ${w.toFixed(3)} · x ${b < 0 ? "−" : "+"} ${Math.abs(b).toFixed(3)} · ${metricText(s)}`);
}
