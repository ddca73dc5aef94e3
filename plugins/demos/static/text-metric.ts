// The measured quality line under the text demos: the metric by its name in the page's language, as a
// percentage, labelled when the model was trained at the quick budget (a quick figure is never shown as
// the parity one).
import { strings } from "../client/strings.ts";
import { n2 } from "./svg.ts";
import type { FallbackInput } from "./types.ts";

export function textMetric(input: Pick<FallbackInput, "model" | "lang">): string {
  const t = strings(input.lang);
  const m = input.model?.metric;
  if (!m) return "";
  const names: Record<string, string> = { "exact-match": t.exactMatch, "balanced-accuracy": t.balancedAccuracy, "token-accuracy": t.tokenAccuracy, accuracy: t.testAccuracy };
  const budget = input.model?.budget === "quick" ? ` (${t.quickBudget})` : "";
  return `${names[m.name] ?? m.name} ${n2(m.value * 100)} %${budget}`;
}
