/**
 * Smaller weight variants (fp16, int8: models/onnx/variants.ts) are published only where they keep the
 * model's quality. Their test metric is measured by running the variant's own ONNX graph in
 * onnxruntime-web (the runtime the pages use) over the whole test split, so what is checked is exactly
 * what a reader downloads. The figure is cached beside the model (`<cache id>.variants`), so a warm build
 * runs nothing.
 *
 * Which models: the families whose test metric is one forward pass per example (sequential: linear,
 * softmax, mlp, cnn; the perceptron) or per padded sequence (the BiLSTM tagger: token accuracy; the
 * sequence classifier: balanced accuracy on its validation poems). The language models' bits per
 * character (a state or a window carried along the text) and seq2seq's greedy decoding would each need
 * their evaluation rewritten against ONNX: they publish fp32 only.
 */
import type { ModelCache } from "./cache.ts";
import { sourceDigest } from "./cache.ts";
import { sequentialData } from "./families/sequential.ts";
import type { Precision } from "./onnx/export.ts";
import { runOnnx } from "./onnx/ort.ts";
import type { ReferenceFigure } from "./reference-figures.ts";
import type { ModelSpec } from "./types.ts";

const CHECKABLE: readonly string[] = ["sequential", "perceptron", "tagger", "seq-classifier"];

export function variantCheckable(spec: ModelSpec): boolean {
  return CHECKABLE.includes(spec.architecture.family);
}

/**
 * Runs a `tokens [N, T]` + `lengths [N]` graph over sequences, `batch` at a time sorted by length (little
 * padding), and hands each sequence's output rows to `take` (its index, the output, its row in the batch,
 * the padded length T).
 */
async function runPadded(bytes: Uint8Array, seqs: ArrayLike<number>[], output: string, take: (i: number, out: Float32Array, row: number, T: number) => void, batch = 256): Promise<void> {
  const order = seqs.map((_, i) => i).sort((a, b) => seqs[a].length - seqs[b].length);
  for (let k = 0; k < order.length; k += batch) {
    const idx = order.slice(k, k + batch);
    const T = Math.max(...idx.map((i) => seqs[i].length));
    const tokens = new BigInt64Array(idx.length * T);
    const lengths = new Int32Array(idx.length);
    idx.forEach((i, r) => {
      const s = seqs[i];
      for (let t = 0; t < s.length; t++) tokens[r * T + t] = BigInt(s[t]);
      lengths[r] = s.length;
    });
    const out = await runOnnx(bytes, { tokens: { dtype: "int64", data: tokens, dims: [idx.length, T] }, lengths: { dtype: "int32", data: lengths, dims: [idx.length] } }, [output]);
    const y = out[output].data as Float32Array;
    idx.forEach((i, r) => take(i, y, r, T));
  }
}

function argmaxRow(y: Float32Array, start: number, width: number): number {
  let best = 0;
  for (let c = 1; c < width; c++) if (y[start + c] > y[start + best]) best = c;
  return best;
}

const CHUNK = 1000;

/** The spec's quality metric on its test split, computed by onnxruntime-web from a model file. */
export async function onnxTestMetric(spec: ModelSpec, bytes: Uint8Array): Promise<number> {
  const a = spec.architecture;
  if (a.family === "sequential") {
    const data = sequentialData(spec);
    const rows = data.test;
    let correct = 0;
    let squared = 0;
    for (let s = 0; s < rows.n; s += CHUNK) {
      const n = Math.min(CHUNK, rows.n - s);
      const x = rows.x.subarray(s * data.width, (s + n) * data.width);
      const out = (await runOnnx(bytes, { input: { dtype: "float32", data: x, dims: [n, ...a.input] } }, ["logits"])).logits;
      const y = out.data as Float32Array;
      const width = y.length / n;
      for (let i = 0; i < n; i++) {
        if (data.task === "regression") {
          squared += (y[i] - rows.y[s + i]) ** 2;
          continue;
        }
        let best = 0;
        for (let c = 1; c < width; c++) if (y[i * width + c] > y[i * width + best]) best = c;
        if (best === rows.y[s + i]) correct++;
      }
    }
    return data.task === "regression" ? squared / rows.n : correct / rows.n;
  }
  if (a.family === "perceptron") {
    const { perceptronFamily } = await import("./families/perceptron.ts");
    const data = await perceptronFamily.data(spec);
    const t = data.test;
    const out = (await runOnnx(bytes, { input: { dtype: "float32", data: Float32Array.from(t.x), dims: [t.n, data.features] } }, ["label"])).label;
    const labels = out.data as Float32Array;
    let correct = 0;
    for (let i = 0; i < t.n; i++) if (labels[i] === t.y[i]) correct++;
    return correct / t.n;
  }
  if (a.family === "tagger") {
    const { taggerFamily } = await import("./families/tagger.ts");
    const data = await taggerFamily.data(spec);
    const sents = data.test;
    const tags = data.tags.length;
    let correct = 0;
    let total = 0;
    await runPadded(bytes, sents.map((s) => s.words), "logits", (i, y, row, T) => {
      const s = sents[i];
      for (let t = 0; t < s.tags.length; t++) if (argmaxRow(y, (row * T + t) * tags, tags) === s.tags[t]) correct++;
      total += s.tags.length;
    });
    return correct / total;
  }
  if (a.family === "seq-classifier") {
    const { seqClassifierFamily, classificationMetrics } = await import("./families/seq-classifier.ts");
    const data = await seqClassifierFamily.data(spec);
    const seqs = data.val.flat();
    const labels = data.val.flatMap((c, ci) => c.map(() => ci));
    const pred = new Int32Array(seqs.length);
    await runPadded(bytes, seqs, "logits", (i, y, row) => { pred[i] = argmaxRow(y, row * a.classes, a.classes); });
    const m = classificationMetrics(pred, labels, data.val.length);
    const value = m[spec.quality.metric];
    if (value === undefined) throw new Error(`${spec.id}: quality.metric ${spec.quality.metric} is not a classification metric`);
    return value;
  }
  throw new Error(`${spec.id}: no ONNX test metric for the ${a.family} family`);
}

/**
 * Whether a variant keeps the quality: where the fp32 model meets the bar of models/reference.json, the
 * variant must meet it too; where it does not (a quick budget, or one seed of a bar set on a median),
 * the variant may lose at most 1 % of the fp32 figure.
 */
export function keepsQuality(fp32: number, variant: number, bar: Pick<ReferenceFigure, "bar" | "higherIsBetter"> | undefined): boolean {
  if (!Number.isFinite(variant)) return false;
  const higher = bar?.higherIsBetter ?? true;
  const meets = (v: number): boolean => bar !== undefined && (higher ? v >= bar.bar - 1e-12 : v <= bar.bar + 1e-12);
  if (meets(fp32)) return meets(variant);
  const loss = higher ? fp32 - variant : variant - fp32;
  return loss <= 0.01 * Math.abs(fp32);
}

let versionMemo: string | undefined;
function variantVersion(): string {
  versionMemo ??= `variants-1-${sourceDigest(["models/variant-quality.ts", "models/onnx", "models/data", "models/families"])}`;
  return versionMemo;
}

/** The variant's test metric, from the cache or measured; keyed by the model's own cache entry. */
export async function cachedVariantMetric(spec: ModelSpec, model: { id: string; key: string }, precision: Precision, bytes: Uint8Array, cache: ModelCache): Promise<number> {
  const input = { spec: { model: model.key, precision }, trainer: variantVersion() };
  const r = await cache.getOrBuild(`${model.id}.${precision}`, input, async () => ({ files: { "metric.json": `${JSON.stringify({ value: await onnxTestMetric(spec, bytes) })}\n` } }));
  return (JSON.parse(r.entry.text("metric.json")) as { value: number }).value;
}
