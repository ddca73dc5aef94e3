// The text models' specs for the families' tests and run-parity.ts: models/specs/*.ts (the one source of
// truth, what the build trains), not a copy. Tests that need a smaller model or a shorter run override
// those fields inline, next to the reason; nothing here changes a spec.
import { getSpec } from "../../models/specs/index.ts";
import type { ModelSpec } from "../../models/types.ts";

export const TEXT_IDS = ["rnn", "lstm", "stacked", "transformer", "classify", "bilstm", "seq2seq"] as const;

export const TEXT_SPECS: Readonly<Record<string, ModelSpec>> = Object.freeze(Object.fromEntries(TEXT_IDS.map((id) => [id, getSpec(id)])));
