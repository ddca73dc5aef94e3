// Zoo benchmark: the cold training time of every model of MODEL-ZOO.md at its parity budget (trained
// even on a cache hit; the result replaces the cache entry, so `models/quality.ts` reuses seed 0),
// per-model time (wall, and process CPU time: training is single-threaded, so on a machine shared with
// other jobs CPU time is what an idle core would take) and throughput, and the mlp and lstm training throughput of tfjs-wasm on the same spec
// (same shapes, batch, optimizer and clipping) in the same run.
// `npm run bench -- zoo` (all models) or `npm run bench -- zoo --models=mlp,lstm`.
import * as tf from "@tensorflow/tfjs";
import { getSpec, MODEL_IDS } from "../models/specs/index.ts";
import { trainModel } from "../models/train/run.ts";
import { TANG_VOCAB_SIZE } from "../models/data/tang.ts";
import type { ModelSpec } from "../models/types.ts";
import { median } from "./machine.ts";
import { initTfjsWasm } from "./tfjs-wasm.ts";

interface ZooRow {
  model: string;
  steps: number;
  /** Wall time of the whole cold run: data loading, training, evaluation. */
  wallSeconds: number;
  /** Process CPU time (user + system) of the same span. */
  cpuSeconds: number;
  trainSeconds: number;
  examplesPerSec: number;
  /** Predicted tokens per second for the language models (examples × positions per window). */
  tokensPerSec?: number;
  metric: string;
}

function positionsPerExample(spec: ModelSpec): number | undefined {
  const a = spec.architecture as { family: string; context?: number };
  if (a.family === "char-rnn") return (spec.training.window ?? 65) - 1;
  if (a.family === "transformer-lm") return a.context ?? 64;
  return undefined;
}

function wantedModels(): string[] {
  const arg = process.argv.find((a) => a.startsWith("--models="));
  if (!arg) return [...MODEL_IDS];
  const ids = arg.slice("--models=".length).split(",").filter(Boolean);
  for (const id of ids) getSpec(id); // an unknown id fails here, naming the known ones
  return ids;
}

/** tfjs-wasm examples per second on mlp's spec: 784-500-10, ReLU, batch 100, Adam 1e-3, softmax CE. */
function tfjsMlpExamplesPerSec(steps: number): number {
  const B = 100;
  const xs = tf.randomUniform([B, 784], 0, 1, "float32", 1);
  const ys = tf.oneHot(tf.tensor1d(Array.from({ length: B }, (_, i) => i % 10), "int32"), 10).toFloat();
  const w1 = tf.variable(tf.randomUniform([784, 500], -0.0357, 0.0357, "float32", 2));
  const b1 = tf.variable(tf.zeros([500]));
  const w2 = tf.variable(tf.randomUniform([500, 10], -0.0447, 0.0447, "float32", 3));
  const b2 = tf.variable(tf.zeros([10]));
  const opt = tf.train.adam(1e-3);
  const step = (): void => {
    const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(ys, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(xs, w1), b1)), w2), b2)) as tf.Scalar, true);
    loss?.dataSync();
    loss?.dispose();
  };
  const rate = timedRate(step, steps, B);
  tf.dispose([xs, ys, w1, b1, w2, b2]);
  opt.dispose();
  return rate;
}

/** tfjs-wasm examples per second on lstm's spec: Embedding(V,64) → LSTM(128) → Linear(128,V) over 32
 * windows of 64 inputs, mean CE over all positions, Adam 2e-3, gradient-norm clip 1.0. */
export function tfjsLstmExamplesPerSec(steps: number, vocab: number): number {
  const B = 32, T = 64, E = 64;
  const idsArr = Int32Array.from({ length: B * T }, (_, i) => (i * 7919) % vocab);
  const ids = tf.tensor2d(idsArr, [B, T], "int32");
  const labels = tf.oneHot(tf.tensor1d(idsArr.map((v) => (v * 31 + 7) % vocab), "int32"), vocab).toFloat();
  const table = tf.variable(tf.randomNormal([vocab, E], 0, 1, "float32", 6));
  // tfjs-wasm has no UnsortedSegmentSum kernel, which tf.gather's gradient (and so tf.layers.embedding)
  // needs; the embedding's gradient is the same scatter-add done in JS (B·T·E additions, negligible).
  const embed = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.gather(args[0] as tf.Tensor, ids),
    gradFunc: (dy: tf.Tensor) => {
      const d = dy.dataSync(), g = new Float32Array(vocab * E);
      for (let i = 0; i < B * T; i++) for (let j = 0; j < E; j++) g[idsArr[i] * E + j] += d[i * E + j];
      return [tf.tensor2d(g, [vocab, E])];
    },
  }));
  const lstm = tf.layers.lstm({ units: 128, returnSequences: true, recurrentInitializer: "glorotUniform" });
  const head = tf.layers.dense({ units: vocab });
  const opt = tf.train.adam(2e-3);
  const step = (): void => {
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const h = lstm.apply(embed(table) as tf.Tensor) as tf.Tensor;
        const logits = (head.apply(h) as tf.Tensor).reshape([B * T, vocab]);
        return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
      });
      // Clip by the global norm, as torch.nn.utils.clip_grad_norm_ (and the core's trainer) do.
      const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))))).dataSync()[0];
      const scale = norm > 1 ? 1 / (norm + 1e-6) : 1;
      opt.applyGradients(Object.entries(grads).map(([name, g]) => ({ name, tensor: tf.mul(g, scale) })));
      value.dataSync();
    });
  };
  const rate = timedRate(step, steps, B);
  tf.dispose([ids, labels, table]);
  lstm.dispose();
  head.dispose();
  opt.dispose();
  return rate;
}

/** Examples per second: median over 3 timed runs of `steps` steps, after one warm-up step. */
function timedRate(step: () => void, steps: number, batch: number): number {
  step();
  const rates: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    for (let s = 0; s < steps; s++) step();
    rates.push((steps * batch) / ((performance.now() - t) / 1000));
  }
  return median(rates);
}

export async function benchZoo(): Promise<unknown> {
  const ids = wantedModels();
  const rows: ZooRow[] = [];
  const t0 = performance.now();
  for (const id of ids) {
    const spec = getSpec(id);
    const t = performance.now();
    const cpu = process.cpuUsage();
    const z = await trainModel(spec, { budget: "parity", force: true, progress: false, say: () => {} });
    const wallSeconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const per = positionsPerExample(spec);
    const metric = spec.quality.metric;
    rows.push({
      model: id,
      steps: z.log.steps,
      wallSeconds: round(wallSeconds, 1),
      cpuSeconds: round(cpuSeconds, 1),
      trainSeconds: round(z.log.seconds, 1),
      examplesPerSec: round(z.log.examplesPerSecond, 1),
      tokensPerSec: per === undefined ? undefined : Math.round(z.log.examplesPerSecond * per),
      metric: `${metric} ${round(z.log.metrics[metric], 4)}`,
    });
    console.log(`${id}: ${rows.at(-1)!.wallSeconds} s cold, ${rows.at(-1)!.cpuSeconds} s CPU (${rows.at(-1)!.examplesPerSec} examples/s), ${rows.at(-1)!.metric}`);
  }
  const totalSeconds = round((performance.now() - t0) / 1000, 1);
  const cpuSeconds = round(rows.reduce((a, r) => a + r.cpuSeconds, 0), 1);
  // A build trains its misses two at a time on 2 cores (models/parallel-training.ts): the longest-first
  // schedule of the measured CPU times over two cores is what that takes on an idle machine.
  const twoCoreSeconds = round(twoCoreSchedule(rows.map((r) => r.cpuSeconds)), 1);
  console.table(rows);
  console.log(`whole zoo (${ids.length} models), cold: ${totalSeconds} s wall in one process, ${cpuSeconds} s CPU; two at a time on 2 idle cores: ${twoCoreSeconds} s (target: under 900 s on 2 cores)`);

  const peers: Record<string, { core: number; tfjs: number; ratio: number }> = {};
  if (ids.includes("mlp") || ids.includes("lstm")) await initTfjsWasm();
  for (const [id, measure] of [
    ["mlp", () => tfjsMlpExamplesPerSec(20)],
    ["lstm", () => tfjsLstmExamplesPerSec(3, TANG_VOCAB_SIZE + 1)],
  ] as const) {
    const row = rows.find((r) => r.model === id);
    if (!row) continue;
    const tfjs = round(measure(), 1);
    peers[id] = { core: row.examplesPerSec, tfjs, ratio: round(row.examplesPerSec / tfjs, 2) };
  }
  if (Object.keys(peers).length) {
    console.log("training throughput, examples/s (core: its cold zoo run; tfjs 4.22 wasm, 1 thread, same spec):");
    console.table(peers);
  }
  return { models: rows, totalSeconds, cpuSeconds, twoCoreSeconds, peers, printed: true };
}

/** Makespan of jobs on two machines, longest job first to the less loaded one. */
export function twoCoreSchedule(seconds: number[]): number {
  const load = [0, 0];
  for (const s of [...seconds].sort((a, b) => b - a)) load[load[0] <= load[1] ? 0 : 1] += s;
  return Math.max(load[0], load[1]);
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
