// What the demos benchmark reads inside the page. An init script (runs before the page's own) turns on
// the client's run timing (plugins/demos/client/timing.ts) and notes, per island in document order, when
// it first reached data-state="ready" and when a script first wrote its data-prediction. Attributes the
// parser sets from the HTML are not mutations, so a static fallback can never count as an answer.
import type { Page } from "playwright-core";
import { measurePrefix } from "../plugins/demos/client/timing.ts";

export interface ProbeTimes {
  /** Milliseconds since navigation start, by island index. */
  ready: Record<number, number>;
  live: Record<number, number>;
}

export interface RunMeasure {
  name: string;
  duration: number;
  shape: string;
}

/** Serialised into the page by `addInitScript`: self-contained. */
export function installProbe(): void {
  const times = { ready: {} as Record<number, number>, live: {} as Record<number, number> };
  Object.assign(globalThis, { tensorpostTiming: true, tensorpostProbe: times });
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      const target = r.target as Element;
      if (r.attributeName === "data-state" && target.getAttribute("data-state") === "ready" && target.hasAttribute("data-demo")) {
        const i = [...document.querySelectorAll("[data-demo]")].indexOf(target);
        times.ready[i] ??= now;
      } else if (r.attributeName === "data-prediction" && target.hasAttribute("data-prediction")) {
        const root = target.closest("[data-demo]");
        if (!root) continue;
        const i = [...document.querySelectorAll("[data-demo]")].indexOf(root);
        times.live[i] ??= now;
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state", "data-prediction"] });
}

export function probeTimes(page: Page): Promise<ProbeTimes> {
  return page.evaluate(() => (globalThis as unknown as { tensorpostProbe: ProbeTimes }).tensorpostProbe);
}

/** The runs of `model` (all its parts; every model when omitted) timed so far, oldest first. */
export function runMeasures(page: Page, model?: string): Promise<RunMeasure[]> {
  return page.evaluate(
    ([prefix, id]) =>
      performance
        .getEntriesByType("measure")
        .filter((e) => e.name.startsWith(prefix) && (id === "" || e.name === prefix + id || e.name.startsWith(`${prefix}${id}:`)))
        .map((e) => ({ name: e.name, duration: e.duration, shape: String((e as PerformanceMeasure).detail?.shape ?? "") })),
    [measurePrefix, model ?? ""] as const,
  );
}
