// The measured quality line under the text demos: the metric by its name in the page's language, as a
// percentage, labelled with its budget when the model was not trained at parity (a quick or full figure
// is never shown as the parity one).
import { strings } from "../client/strings.ts";
import { textStrings } from "../client/text-strings.ts";
import { n2 } from "./svg.ts";
import type { FallbackInput } from "./types.ts";

/** " (full budget)" for a model trained at another budget than MODEL-ZOO.md's parity one, else "". */
export function budgetNote(input: Pick<FallbackInput, "model" | "lang">): string {
  const budget = input.model?.budget;
  return budget !== undefined && budget !== "parity" ? ` (${budget} ${textStrings(input.lang).budget})` : "";
}

export function textMetric(input: Pick<FallbackInput, "model" | "lang">): string {
  const t = strings(input.lang);
  const m = input.model?.metric;
  if (!m) return "";
  const names: Record<string, string> = { "exact-match": t.exactMatch, "balanced-accuracy": t.balancedAccuracy, "token-accuracy": t.tokenAccuracy, accuracy: t.testAccuracy };
  return `${names[m.name] ?? m.name} ${n2(m.value * 100)} %${budgetNote(input)}`;
}
