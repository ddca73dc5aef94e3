// Core benchmark: SGEMM GFLOP/s (NN, NT, TN at 128…1024) of the core and of tf.matMul on tfjs 4.22's
// wasm backend (1 thread, SIMD), the WASM SIMD128 ceiling micro-kernel, the 784-500-10 MLP training
// step (batch 100, Adam) for both, and 1 vs 2 threads on SGEMM 1024; plus the relaxed-SIMD build's
// SGEMM (fused multiply-add) and its FMA ceiling where the engine runs it. Medians of several runs, all
// in one process. `npx tsx bench/core.ts` (or `npm run bench -- core`) writes bench/results/core.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths, setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { loadKernelsSync, relaxedSimdSupported, type Kernels } from "../core/src/wasm.ts";
import { startThreads } from "../core/src/threads.ts";
import * as T from "../core/src/index.ts";
import { machineLine, median } from "./machine.ts";

// Node 20 (V8 11.3) validates relaxed SIMD only behind this flag (Node 22 and Chrome 114 ship it on). The
// bench turns it on so the relaxed build can be measured beside the default one; nothing else here
// loads that build unless asked (core/src/wasm.ts `relaxed`).
setFlagsFromString("--experimental-wasm-relaxed-simd");

const SIZES = [128, 256, 512, 1024] as const;
const FORMS = ["NN", "NT", "TN"] as const;
type Form = (typeof FORMS)[number];
const RUNS = 5;

/** Last cpu-time-based figure of gflops() (the process's CPU time: robust to other load on a shared machine). */
let lastCpuGflops = 0;

/** Median GFLOP/s over RUNS timed runs of `reps` calls each (reps chosen for ≈ targetMs per run), by wall
 * clock; the median by process CPU time is left in lastCpuGflops. */
function gflops(flopsPerCall: number, call: () => void, targetMs = 150, runs = RUNS): number {
  call();
  let reps = 1;
  const t0 = performance.now();
  call();
  const once = Math.max(performance.now() - t0, 1e-3);
  reps = Math.max(1, Math.round(targetMs / once));
  const rates: number[] = [], cpuRates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    for (let i = 0; i < reps; i++) call();
    const wall = performance.now() - t;
    const d = process.cpuUsage(c);
    rates.push((flopsPerCall * reps) / (wall * 1e6));
    cpuRates.push((flopsPerCall * reps) / (((d.user + d.system) / 1000) * 1e6));
  }
  lastCpuGflops = median(cpuRates);
  return median(rates);
}

function fillRandom(k: Kernels, p: number, n: number, seed: number): void {
  const f = k.f32();
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    f[(p >> 2) + i] = s / 4294967296 - 0.5;
  }
}

/** Best of the 8-, 10- and 12-chain ceiling kernels (each a median of RUNS runs). */
function ceilingGflops(k: Kernels): number {
  const iters = 2_000_000;
  let best = 0, bestCpu = 0;
  for (const chains of [8, 10, 12]) {
    const perIter = k.raw.ceilingFlopsPerIter(chains);
    best = Math.max(best, gflops(iters * perIter, () => { k.raw.ceilingKernel(iters, 1, chains); }, 200));
    bestCpu = Math.max(bestCpu, lastCpuGflops);
  }
  lastCpuGflops = bestCpu;
  return best;
}

/** n × n operands A, B (random) and C in the kernels' memory, and an SGEMM over them in a given form. */
function sgemmBuffers(k: Kernels, n: number): { run: (f: Form) => void; free: () => void } {
  const a = k.alloc(n * n * 4), b = k.alloc(n * n * 4), c = k.alloc(n * n * 4);
  fillRandom(k, a, n * n, 1); fillRandom(k, b, n * n, 2);
  return {
    run: (f) => k.sgemm(f === "TN", f === "NT", n, n, n, 1, a, n, b, n, 0, c, n),
    free: () => { k.free(a, n * n * 4); k.free(b, n * n * 4); k.free(c, n * n * 4); },
  };
}

function coreSgemm(k: Kernels, n: number, form: Form): number {
  const m = sgemmBuffers(k, n);
  const g = gflops(2 * n * n * n, () => m.run(form));
  m.free();
  return g;
}

async function initTfjsWasm(): Promise<void> {
  const require = createRequire(import.meta.url);
  const dist = join(require.resolve("@tensorflow/tfjs-backend-wasm/package.json"), "..", "dist") + "/";
  setWasmPaths(dist);
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  tf.env().set("WASM_HAS_SIMD_SUPPORT", true);
  setThreadsCount(1);
  if (!(await tf.setBackend("wasm"))) throw new Error("tfjs wasm backend failed to initialise");
  await tf.ready();
}

function tfjsSgemm(n: number, form: Form): number {
  const a = tf.randomUniform([n, n], -0.5, 0.5, "float32", 1);
  const b = tf.randomUniform([n, n], -0.5, 0.5, "float32", 2);
  const tA = form === "TN", tB = form === "NT";
  const g = gflops(2 * n * n * n, () => { tf.matMul(a, b, tA, tB).dispose(); });
  tf.matMul(a, b, tA, tB).dataSync(); // the wasm backend runs kernels eagerly; make sure nothing is pending
  a.dispose(); b.dispose();
  return g;
}

const BATCH = 100, IN = 784, HID = 500, OUT = 10;

function mlpData(): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(BATCH * IN), y = new Int32Array(BATCH);
  let s = 12345;
  for (let i = 0; i < x.length; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; x[i] = (s >>> 8) / 16777216; }
  for (let i = 0; i < BATCH; i++) y[i] = i % OUT;
  return { x, y };
}

function tfjsMlp(): { step: () => void; done: () => void } {
  const { x, y } = mlpData();
  const xs = tf.tensor2d(x, [BATCH, IN]);
  const ys = tf.oneHot(tf.tensor1d(y, "int32"), OUT).toFloat();
  const w1 = tf.variable(tf.randomUniform([IN, HID], -0.035, 0.035, "float32", 3));
  const b1 = tf.variable(tf.zeros([HID]));
  const w2 = tf.variable(tf.randomUniform([HID, OUT], -0.044, 0.044, "float32", 4));
  const b2 = tf.variable(tf.zeros([OUT]));
  const opt = tf.train.adam(1e-3);
  const step = (): void => {
    const loss = opt.minimize(() => {
      const h = tf.relu(tf.add(tf.matMul(xs, w1), b1));
      const logits = tf.add(tf.matMul(h, w2), b2);
      return tf.losses.softmaxCrossEntropy(ys, logits) as tf.Scalar;
    }, true);
    loss?.dataSync();
    loss?.dispose();
  };
  return { step, done: () => { tf.dispose([xs, ys, w1, b1, w2, b2]); opt.dispose(); } };
}

function coreMlp(): { step: () => void; done: () => void } {
  const { x, y } = mlpData();
  T.manualSeed(0);
  const xt = T.tensor(x, [BATCH, IN]).keep();
  const targets = Array.from(y);
  const model = new T.Sequential(new T.Linear(IN, HID), new T.ReLU(), new T.Linear(HID, OUT));
  const opt = new T.Adam(model.parameters(), { lr: 1e-3 });
  const lossFn = new T.CrossEntropyLoss();
  const step = (): void => {
    T.tidy(() => {
      opt.zeroGrad();
      const loss = lossFn.forward(model.forward(xt), targets);
      loss.backward();
      opt.step();
      return loss.item();
    });
  };
  return { step, done: () => { model.free(); opt.free(); xt.free(); } };
}

/** Steps per second of both MLP steps, runs alternating between them (median of RUNS runs each). */
function mlpBoth(steps = 20): { core: number; tfjs: number } {
  const t = tfjsMlp(), c = coreMlp();
  for (let i = 0; i < 5; i++) { t.step(); c.step(); }
  const rt: number[] = [], rc: number[] = [];
  const rate = (step: () => void): number => {
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) step();
    return steps / ((performance.now() - t0) / 1000);
  };
  for (let r = 0; r < RUNS; r++) { rt.push(rate(t.step)); rc.push(rate(c.step)); }
  t.done(); c.done();
  return { core: median(rc), tfjs: median(rt) };
}

const PAIRED_N = 512;
const PAIRED_REPS = 9;

interface Paired {
  n: number;
  repetitions: number;
  ceilingGflops: number;
  /** Medians over the repetitions of each figure ÷ the ceiling measured in the same repetition. */
  ofCeiling: { core: Record<Form, number>; relaxed: Record<Form, number> | null };
  /** Medians of core (form) ÷ tfjs plain matMul, both in the same repetition. */
  overTfjsNN: Record<Form, number>;
}

/**
 * SGEMM at the targets' size, paired: each repetition times the ceiling, the core's three forms, the
 * relaxed build's and tfjs's plain matMul within a few seconds, and every ratio is taken inside the
 * repetition. On a virtual machine whose speed drifts over a run (here: ±10 % between runs of the
 * same code), this is the figure to compare with the targets; the table above shows the drift.
 */
function pairedSgemm(k: Kernels, kr: Kernels | null): Paired {
  const n = PAIRED_N;
  const chains = [8, 10, 12].reduce((best, c) => {
    const g = gflops(200_000 * k.raw.ceilingFlopsPerIter(c), () => { k.raw.ceilingKernel(200_000, 1, c); }, 100, 3);
    return g > best.g ? { c, g } : best;
  }, { c: 12, g: 0 }).c;
  const core = sgemmBuffers(k, n), rel = kr === null ? null : sgemmBuffers(kr, n);
  const ta = tf.randomUniform([n, n], -0.5, 0.5, "float32", 1), tb = tf.randomUniform([n, n], -0.5, 0.5, "float32", 2);
  const flops = 2 * n ** 3;
  const ceil: number[] = [];
  const ofCeil: Record<string, number[]> = {};
  const overTfjs: Record<string, number[]> = {};
  const push = (m: Record<string, number[]>, key: string, v: number): void => { (m[key] ??= []).push(v); };
  for (let r = 0; r < PAIRED_REPS; r++) {
    const cl = gflops(2_000_000 * k.raw.ceilingFlopsPerIter(chains), () => { k.raw.ceilingKernel(2_000_000, 1, chains); }, 100, 3);
    const t = gflops(flops, () => { tf.matMul(ta, tb).dispose(); }, 100, 3);
    ceil.push(cl);
    for (const f of FORMS) {
      const g = gflops(flops, () => core.run(f), 100, 3);
      push(ofCeil, `core${f}`, g / cl);
      push(overTfjs, f, g / t);
      if (rel !== null) push(ofCeil, `relaxed${f}`, gflops(flops, () => rel.run(f), 100, 3) / cl);
    }
  }
  core.free(); rel?.free(); ta.dispose(); tb.dispose();
  const forms = (prefix: string, m: Record<string, number[]>): Record<Form, number> =>
    ({ NN: r3(median(m[`${prefix}NN`])), NT: r3(median(m[`${prefix}NT`])), TN: r3(median(m[`${prefix}TN`])) });
  return {
    n,
    repetitions: PAIRED_REPS,
    ceilingGflops: r1(median(ceil)),
    ofCeiling: { core: forms("core", ofCeil), relaxed: rel === null ? null : forms("relaxed", ofCeil) },
    overTfjsNN: forms("", overTfjs),
  };
}

async function threadsSpeedup(): Promise<{ one: number; two: number; speedup: number; cpuMs1: number; cpuMs2: number }> {
  const k = loadKernelsSync({ shared: true });
  const n = 1024;
  const a = k.alloc(n * n * 4), b = k.alloc(n * n * 4), c = k.alloc(n * n * 4);
  fillRandom(k, a, n * n, 5); fillRandom(k, b, n * n, 6);
  const pool = await startThreads(k, 2);
  const minWork = pool.minWork;
  const call = (): void => k.sgemm(false, false, n, n, n, 1, a, n, b, n, 0, c, n);
  const cpuMs: number[][] = [[], []];
  const time = (slot: number): number => {
    const c0 = process.cpuUsage();
    const t = performance.now();
    call(); call();
    const wall = performance.now() - t;
    const d = process.cpuUsage(c0);
    cpuMs[slot].push((d.user + d.system) / 2000);
    return (2 * 2 * n ** 3) / (wall * 1e6);
  };
  call();
  // alternate 1 and 2 threads so that both see the same machine load
  const ones: number[] = [], twos: number[] = [], ratios: number[] = [];
  for (let r = 0; r < 2 * RUNS; r++) {
    pool.minWork = Infinity;
    const one = time(0);
    pool.minWork = minWork;
    const two = time(1);
    ones.push(one); twos.push(two); ratios.push(two / one);
  }
  await pool.close();
  return { one: median(ones), two: median(twos), speedup: median(ratios), cpuMs1: median(cpuMs[0]), cpuMs2: median(cpuMs[1]) };
}

const r1 = (v: number): number => Math.round(v * 10) / 10;
const r3 = (v: number): number => Math.round(v * 1000) / 1000;

export async function benchCore(): Promise<unknown> {
  const k = loadKernelsSync();
  await initTfjsWasm();
  const ceilings = [ceilingGflops(k)];
  const ceilingsCpu = [lastCpuGflops];
  // core and tfjs-wasm measured back to back for each size and form, so both see the same machine load
  const core: Record<number, Record<Form, number>> = {};
  const tfjs: Record<number, Record<Form, number>> = {};
  const coreCpu: Record<number, Record<Form, number>> = {};
  const tfjsCpu: Record<number, Record<Form, number>> = {};
  for (const n of SIZES) {
    core[n] = { NN: 0, NT: 0, TN: 0 };
    tfjs[n] = { NN: 0, NT: 0, TN: 0 };
    coreCpu[n] = { NN: 0, NT: 0, TN: 0 };
    tfjsCpu[n] = { NN: 0, NT: 0, TN: 0 };
    for (const f of FORMS) {
      core[n][f] = r1(coreSgemm(k, n, f));
      coreCpu[n][f] = r1(lastCpuGflops);
      tfjs[n][f] = r1(tfjsSgemm(n, f));
      tfjsCpu[n][f] = r1(lastCpuGflops);
    }
    if (n === 512) { ceilings.push(ceilingGflops(k)); ceilingsCpu.push(lastCpuGflops); }
  }
  // the relaxed-SIMD build (fused multiply-add), measured after the default one, with its own ceiling
  const kr = relaxedSimdSupported() ? loadKernelsSync({ relaxed: true }) : null;
  let relaxed: { variant: string; fmaCeilingGflops: number; sgemm: Record<number, Record<Form, number>>; cpuTime: { fmaCeilingGflops: number; sgemm: Record<number, Record<Form, number>> } } | null = null;
  if (kr !== null) {
    const fmaCeiling = r1(ceilingGflops(kr));
    const fmaCeilingCpu = r1(lastCpuGflops);
    const rs: Record<number, Record<Form, number>> = {}, rsCpu: Record<number, Record<Form, number>> = {};
    for (const n of SIZES) {
      rs[n] = { NN: 0, NT: 0, TN: 0 };
      rsCpu[n] = { NN: 0, NT: 0, TN: 0 };
      for (const f of FORMS) {
        rs[n][f] = r1(coreSgemm(kr, n, f));
        rsCpu[n][f] = r1(lastCpuGflops);
      }
    }
    relaxed = { variant: kr.variant, fmaCeilingGflops: fmaCeiling, sgemm: rs, cpuTime: { fmaCeilingGflops: fmaCeilingCpu, sgemm: rsCpu } };
  }
  const paired = pairedSgemm(k, kr);
  const mlp = mlpBoth();
  const mlpTfjs = mlp.tfjs, mlpCore = mlp.core;
  const thr = await threadsSpeedup();
  ceilings.push(ceilingGflops(k)); // at the start, the middle and the end: the machine may be shared
  ceilingsCpu.push(lastCpuGflops);
  const ceil = r1(median(ceilings));
  const ceilCpu = r1(median(ceilingsCpu));

  const lines: string[] = [];
  lines.push(`machine: ${machineLine()}`);
  lines.push(`ceiling (WASM SIMD128 f32x4 mul+add, no memory traffic): ${ceil} GFLOP/s (runs: ${ceilings.map(r1).join(", ")})`);
  lines.push("");
  const table = (title: string, cs: typeof core, ts: typeof tfjs, cl: number): void => {
    lines.push(`${title.padEnd(26)}core NN   NT    TN  | tfjs-wasm NN   NT    TN  | core/tfjs(NN)  core/ceiling (NN NT TN)`);
    for (const n of SIZES) {
      const c = cs[n], t = ts[n];
      const f = (v: number): string => v.toFixed(1).padStart(6);
      const pct = (v: number): string => `${Math.round((100 * v) / cl)}%`.padStart(5);
      lines.push(`  ${String(n).padStart(4)}                 ${f(c.NN)}${f(c.NT)}${f(c.TN)}  |        ${f(t.NN)}${f(t.NT)}${f(t.TN)}  |   ${(c.NN / t.NN).toFixed(2)}×       ${pct(c.NN)}${pct(c.NT)}${pct(c.TN)}`);
    }
  };
  table("SGEMM GFLOP/s, wall clock", core, tfjs, ceil);
  lines.push(`by process CPU time (ceiling ${ceilCpu}):`);
  table("SGEMM GFLOP/s, CPU time", coreCpu, tfjsCpu, ceilCpu);
  if (relaxed !== null) {
    const rl = relaxed;
    lines.push(`relaxed-SIMD build (${rl.variant}: SGEMM with f32x4.relaxed_madd), wall clock; FMA ceiling ${rl.fmaCeilingGflops} GFLOP/s:`);
    lines.push("             NN    NT    TN  | % of the mul+add ceiling | % of the FMA ceiling | ×tfjs NN (NN NT TN)");
    for (const n of SIZES) {
      const c = rl.sgemm[n];
      const f = (v: number): string => v.toFixed(1).padStart(6);
      const pct = (v: number, cl: number): string => `${Math.round((100 * v) / cl)}%`.padStart(5);
      lines.push(`  ${String(n).padStart(4)}  ${f(c.NN)}${f(c.NT)}${f(c.TN)}  |   ${pct(c.NN, ceil)}${pct(c.NT, ceil)}${pct(c.TN, ceil)}        |  ${pct(c.NN, rl.fmaCeilingGflops)}${pct(c.NT, rl.fmaCeilingGflops)}${pct(c.TN, rl.fmaCeilingGflops)}     | ` +
        FORMS.map((x) => `${(c[x] / tfjs[n].NN).toFixed(2)}×`).join(" "));
    }
  } else lines.push("relaxed-SIMD build: not run (this engine does not validate relaxed SIMD)");
  const pc = (v: number): string => `${Math.round(100 * v)}%`;
  lines.push(`paired, n = ${paired.n} (${paired.repetitions} repetitions, each ratio inside one; ceiling median ${paired.ceilingGflops}): ` +
    `core ${FORMS.map((f) => `${f} ${pc(paired.ofCeiling.core[f])}`).join(", ")} of the ceiling` +
    (paired.ofCeiling.relaxed ? `; relaxed ${FORMS.map((f) => `${f} ${pc(paired.ofCeiling.relaxed?.[f] ?? 0)}`).join(", ")}` : "") +
    `; core ÷ tfjs plain matMul ${FORMS.map((f) => `${f} ${paired.overTfjsNN[f].toFixed(2)}×`).join(", ")}`);
  lines.push("");
  lines.push(`MLP 784-500-10, batch 100, Adam: core ${mlpCore.toFixed(1)} steps/s, tfjs-wasm ${mlpTfjs.toFixed(1)} steps/s (${(mlpCore / mlpTfjs).toFixed(2)}×)`);
  lines.push(`SGEMM 1024 NN threads: 1 → ${thr.one.toFixed(1)}, 2 → ${thr.two.toFixed(1)} GFLOP/s (${thr.speedup.toFixed(2)}×); ` +
    `CPU time per call (all threads) ${thr.cpuMs1.toFixed(1)} → ${thr.cpuMs2.toFixed(1)} ms, so with two free cores ≈ ${(2 * thr.cpuMs1 / thr.cpuMs2).toFixed(2)}× at best`);
  console.log(lines.join("\n"));

  return {
    machine: { line: machineLine(), cpu: cpus()[0]?.model.trim() ?? "unknown", cores: cpus().length, node: process.version },
    ceilingGflops: ceil,
    sgemm: { core, tfjs },
    cpuTime: { ceilingGflops: ceilCpu, sgemm: { core: coreCpu, tfjs: tfjsCpu } },
    mlpStepsPerSec: { core: r1(mlpCore), tfjs: r1(mlpTfjs) },
    relaxed,
    paired,
    threads2Speedup: Math.round(thr.speedup * 100) / 100,
    threads: { sgemm1024Gflops1: r1(thr.one), sgemm1024Gflops2: r1(thr.two), cpuMsPerCall1: r1(thr.cpuMs1), cpuMsPerCall2: r1(thr.cpuMs2) },
    notes: {
      runs: `median of ${RUNS} timed runs per figure; core and tfjs measured back to back per size/form; 1 vs 2 threads alternated`,
      tfjs: "tfjs 4.22 wasm backend, SIMD on, multithreading off, setThreadsCount(1)",
      coreMlp: "core/src Tensor API (Sequential(Linear, ReLU, Linear), CrossEntropyLoss, Adam) inside tidy",
      ceiling: "best of 8/10/12 independent f32x4 chains a += a*y (mul + add, no memory traffic; core/assembly/ceiling.ts)",
      relaxed: "kernels-relaxed.wasm (asc --enable relaxed-simd; V8 flag --experimental-wasm-relaxed-simd on Node 20): the same SGEMM with fused multiply-add, its ceiling the same chains as one FMA each; null where the engine does not run it",
    },
    printed: true,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchCore();
  const dir = join(fileURLToPath(new URL(".", import.meta.url)), "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "core.json"), JSON.stringify(result, null, 2) + "\n");
  console.log(`wrote ${join(dir, "core.json")}`);
}
