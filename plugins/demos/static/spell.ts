// The speller demo (spell, issue 7): its kind for the registry and its static figure: one MNIST test
// digit as an SVG pixel grid beside the empty letter slots its name fills, and the model's measured exact
// match as the sample result.
import type { SpellDemoData } from "../../../models/publish.ts";
import { escapeHtml } from "../../errors.ts";
import { spellStrings } from "../client/spell-strings.ts";
import type { DemoKind } from "../registry.ts";
import { digitSvg } from "./digits.ts";
import { n2 } from "./svg.ts";
import type { Fallback, FallbackInput } from "./types.ts";

export function spellFallback(input: FallbackInput): Fallback {
  const s = spellStrings(input.lang);
  const data = input.data as SpellDemoData | undefined;
  const slots = data ? [...(data.names[data.label] ?? "")].map(() => '<span class="tp-demo-slot">_</span>').join("") : "";
  const stage = `${digitSvg(data, `${s.sample}${data ? `: ${data.label}` : ""}`)}<div class="tp-demo-spell tp-demo-spell-static"><p class="tp-demo-hint">${escapeHtml(s.drawHint)}</p><p class="tp-demo-slots" aria-hidden="true">${slots}</p></div>`;
  const m = input.model?.metric;
  const output = m ? `${escapeHtml(s.exactMatch)} ${n2(m.value * 100)} %` : "";
  return { stage, output };
}

export const spellDemo: DemoKind = { kind: "spell", options: [], fallback: spellFallback };
