// Training is single-threaded (one WASM instance per model), so a cold build on N cores trains the
// cache misses N at a time in child processes (`models/train/cli.ts`, the same code `npm run train`
// runs), each writing its cache entry atomically; the publish loop then reads every model from the
// cache. A child that fails is not reported here: the publish loop trains that model again in-process
// and reports the error with its step, as it would have without this pool.
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { ModelCache, REPO_ROOT } from "./cache.ts";
import { checkSpec } from "./spec-check.ts";
import { getSpec, specFile } from "./specs/index.ts";
import { DATA_PACKAGES } from "./train/families.ts";
import { cacheId, keySpec, trainerVersion } from "./train/run.ts";
import { effectiveBudget, type Budget } from "./train/trainer.ts";

export interface TrainRequest {
  id: string;
  budget: Budget;
}

export interface ParallelOptions {
  cache: ModelCache;
  /** Processes at once (default: $TENSORPOST_TRAIN_JOBS, else the cores, at most 4). */
  jobs?: number;
  /** Where the children's progress lines go (default console.log). */
  say?: (msg: string) => void;
}

/** Processes at once when not told: $TENSORPOST_TRAIN_JOBS, else the cores, at most 4 (memory). */
export function defaultJobs(env = process.env.TENSORPOST_TRAIN_JOBS): number {
  if (env !== undefined && env.trim() !== "") {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 1) throw new Error(`TENSORPOST_TRAIN_JOBS: expected an integer ≥ 1, got "${env}"`);
    return n;
  }
  return Math.min(availableParallelism(), 4);
}

/** Whether a model at a budget has a valid entry in the cache (a corrupt one counts as missing). */
export function isCached(req: TrainRequest, cache: ModelCache): boolean {
  // The key trainModel computes: of the checked spec.
  const spec = checkSpec(getSpec(req.id), specFile(req.id), req.id);
  const budget = effectiveBudget(spec, req.budget);
  const key = cache.key({ spec: keySpec(spec, budget), packages: DATA_PACKAGES[spec.data.set] ?? [], trainer: trainerVersion() });
  return cache.lookup(cacheId(spec, budget), key).status === "hit";
}

/** The node flags that load TypeScript in a child: this process's own if it runs under tsx. */
function loaderArgs(): string[] {
  return process.execArgv.some((a) => a.includes("tsx")) ? process.execArgv : ["--import", import.meta.resolve("tsx")];
}

function trainInChild(req: TrainRequest, cache: ModelCache, say: (msg: string) => void): Promise<boolean> {
  const cli = join(REPO_ROOT, "models", "train", "cli.ts");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...loaderArgs(), cli, req.id, "--budget", req.budget], {
      cwd: REPO_ROOT,
      env: { ...process.env, TENSORPOST_CACHE_DIR: cache.dir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let rest = "";
    const forward = (chunk: Buffer): void => {
      const lines = (rest + chunk.toString("utf8")).split(/\r?\n|\r/);
      rest = lines.pop() ?? "";
      for (const line of lines) if (line.trim() !== "") say(line);
    };
    child.stdout.on("data", forward);
    child.stderr.on("data", forward);
    child.on("error", () => resolve(false));
    child.on("close", (code) => {
      if (rest.trim() !== "") say(rest);
      resolve(code === 0);
    });
  });
}

/**
 * Trains the requested models missing from the cache, `jobs` at a time, in child processes. Returns
 * the ids it trained successfully. With fewer than two misses or one job it does nothing (the caller
 * trains in-process, without a child's start-up cost).
 */
export async function trainMissingInParallel(requests: TrainRequest[], opts: ParallelOptions): Promise<string[]> {
  const say = opts.say ?? ((m: string) => console.log(m));
  // A spec that does not check is left to the caller, which reports it with its file and field.
  const todo = requests.filter((r) => {
    try {
      return !isCached(r, opts.cache);
    } catch {
      return false;
    }
  });
  const jobs = Math.min(opts.jobs ?? defaultJobs(), todo.length);
  if (jobs < 2) return [];
  say(`training ${todo.length} models, ${jobs} at a time: ${todo.map((r) => r.id).join(", ")}`);
  const done: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const req = todo[next++];
      if (await trainInChild(req, opts.cache, say)) done.push(req.id);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return done.sort();
}
