// Opt-in timing of model runs, for benchmarks (bench/demos.ts): when the page sets
// `globalThis.tensorpostTiming = true` before the demos start, every run of a session made by
// models.ts is recorded as a `performance.measure` named `tp-infer:<model id>` (`:<part>` added for
// models in parts), its detail the input shapes ("1x784"). Off by default: measures pile up in the
// page's timeline and readers have no use for them.
import type { InferenceSession } from "onnxruntime-web";
import type { ModelFile } from "./manifest.ts";

export const measurePrefix = "tp-infer:";

export function timingEnabled(): boolean {
  return (globalThis as { tensorpostTiming?: unknown }).tensorpostTiming === true;
}

/** "1x784", or "2x4,1x1" for several inputs, from the feeds handed to `session.run`. */
function shapes(feeds: unknown): string {
  if (typeof feeds !== "object" || feeds === null) return "";
  return Object.values(feeds as Record<string, { dims?: readonly number[] }>)
    .map((t) => (t.dims ?? []).join("x"))
    .join(",");
}

/** Wraps `session.run` so that each run leaves a measure (when timing is enabled). */
export function timeRuns(session: InferenceSession, file: ModelFile): InferenceSession {
  if (!timingEnabled()) return session;
  const name = `${measurePrefix}${file.id}${file.part === "model" ? "" : `:${file.part}`}`;
  const run = session.run.bind(session) as (...args: unknown[]) => Promise<InferenceSession.ReturnType>;
  session.run = (async (...args: unknown[]) => {
    const start = performance.now();
    try {
      return await run(...args);
    } finally {
      performance.measure(name, { start, end: performance.now(), detail: { shape: shapes(args[0]) } });
    }
  }) as InferenceSession["run"];
  return session;
}
