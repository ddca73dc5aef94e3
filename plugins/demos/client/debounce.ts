import type { DemoContext } from "./context.ts";

// Runs `job` once typing pauses for `ms`; a run in progress is never overlapped: input during a run asks
// for one more run afterwards (with the latest input). `busy(true/false)` brackets the waiting and running,
// so the widget can mark `data-busy` for tests and embedders.
export function debounced(job: () => Promise<void>, ms: number, busy: (on: boolean) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  const start = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await job();
      } while (again);
    } finally {
      running = false;
      if (timer === undefined) busy(false);
    }
  };
  return () => {
    busy(true);
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void start();
    }, ms);
  };
}

/** Answers as the reader types into `field`: `answer` runs `ms` after the last input (a failure shows in the
 *  widget, `data-busy` marks the output meanwhile). Returns the scheduler, for controls that change the input. */
export function answerAsTyped(ctx: DemoContext, field: HTMLElement, ms: number, answer: () => Promise<void>): () => void {
  const schedule = debounced(
    async () => {
      try {
        await answer();
      } catch (e) {
        ctx.fail(e);
      }
    },
    ms,
    (on) => (on ? (ctx.output.dataset.busy = "") : delete ctx.output.dataset.busy),
  );
  field.addEventListener("input", schedule);
  return schedule;
}
