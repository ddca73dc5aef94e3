/**
 * `npm run train [-- model…] [--force] [--budget quick|parity|full] [--seed n] [--no-cache]`: trains the named
 * models (default: all of MODEL-ZOO.md's neural models) through the model cache, skipping cache hits
 * unless --force. A model whose loss becomes NaN or infinite is reported with its step, its cache entry
 * is left as it was, and the others still train; the exit code is 1 if any model failed.
 */
import { ALL_MODEL_IDS, MODEL_IDS } from "../specs/index.ts";
import { trainModel } from "./run.ts";
import { isBudget, summary, type Budget } from "./trainer.ts";

export interface CliArgs {
  ids: string[];
  force: boolean;
  budget: Budget;
  seed?: number;
  cache: boolean;
}

export function parseArgs(argv: string[]): CliArgs {
  const out: CliArgs = { ids: [], force: false, budget: "parity", cache: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const eq = a.indexOf("=");
      if (eq >= 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--force" || a === "-f") out.force = true;
    else if (a === "--no-cache") out.cache = false;
    else if (a === "--budget" || a.startsWith("--budget=")) {
      const b = value();
      if (!isBudget(b)) throw new Error(`--budget: expected quick, parity or full, got ${b}`);
      out.budget = b;
    } else if (a === "--seed" || a.startsWith("--seed=")) {
      const s = Number(value());
      if (!Number.isInteger(s) || s < 0) throw new Error(`--seed: expected an integer ≥ 0`);
      out.seed = s;
    } else if (a === "--help" || a === "-h") {
      throw new Error("usage: npm run train [-- model…] [--force] [--budget quick|parity|full] [--seed n] [--no-cache]");
    } else if (a.startsWith("-")) throw new Error(`unknown option ${a}`);
    else if (!ALL_MODEL_IDS.includes(a)) throw new Error(`unknown model "${a}"; the zoo has: ${ALL_MODEL_IDS.join(", ")}`);
    else out.ids.push(a);
  }
  if (out.ids.length === 0) out.ids = [...MODEL_IDS];
  return out;
}

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const failed: string[] = [];
  const t0 = performance.now();
  for (const id of args.ids) {
    try {
      const m = await trainModel(id, { budget: args.budget, force: args.force, seed: args.seed, cache: args.cache ? undefined : false });
      if (!m.cached) console.log(summary(m.log));
    } catch (e) {
      failed.push(id);
      console.error(`${id}: FAILED: ${(e as Error).message}`);
    }
  }
  const s = (performance.now() - t0) / 1000;
  console.log(`${args.ids.length - failed.length}/${args.ids.length} models ready in ${s.toFixed(1)}s${failed.length ? `; failed: ${failed.join(", ")}` : ""}`);
  return failed.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
