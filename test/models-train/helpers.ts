// Small specs for the trainer tests (short budgets: the machine is shared).
import type { ModelSpec } from "../../models/types.ts";
import { getSpec } from "../../models/specs/index.ts";

/** A copy of a zoo spec with changes (deep enough for data/training/architecture edits). */
export function variant(id: string, change: (s: ModelSpec) => void): ModelSpec {
  const s = structuredClone(getSpec(id)) as ModelSpec;
  change(s);
  return s;
}

/** The mlp on an even 2,000-row subset of mnist train (500 test rows), one epoch of 20 batches of 100. */
export const mlpSmall = (): ModelSpec =>
  variant("mlp", (s) => {
    s.data.options = { trainRows: 2000, testRows: 500 };
    s.training = { ...s.training, epochs: 1, evalEvery: 10 };
  });

/** The cnn on 1,280 rows (200 test), two epochs of 20 batches of 64. */
export const cnnSmall = (): ModelSpec =>
  variant("cnn", (s) => {
    s.data.options = { trainRows: 1280, testRows: 200 };
    s.training = { ...s.training, epochs: 2, evalEvery: 10 };
  });

export const meanOf = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
