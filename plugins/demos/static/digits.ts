// Static figure for the draw-a-digit demos (mlp, cnn): one MNIST test digit as an SVG pixel grid, and the
// model's measured test accuracy as the sample result.
import type { DigitDemoData } from "../../../models/publish.ts";
import { escapeHtml } from "../../errors.ts";
import { strings } from "../client/strings.ts";
import { n2 } from "./svg.ts";
import type { Fallback, FallbackInput } from "./types.ts";

/** One 28×28 digit as an SVG pixel grid (shared with the speller's figure). */
export function digitSvg(data: DigitDemoData | undefined, label: string): string {
  let cells = "";
  for (let i = 0; data && i < data.pixels.length; i++) {
    const v = data.pixels[i];
    if (v > 0) cells += `<rect x="${i % 28}" y="${Math.floor(i / 28)}" width="1" height="1" fill-opacity="${n2(v / 255)}"/>`;
  }
  return `<svg class="tp-demo-digit" viewBox="0 0 28 28" width="168" height="168" role="img" aria-label="${escapeHtml(label)}"><rect class="tp-demo-paper" width="28" height="28"/><g class="tp-demo-ink">${cells}</g></svg>`;
}

export function digitsFallback(input: FallbackInput): Fallback {
  const t = strings(input.lang);
  const data = input.data as DigitDemoData | undefined;
  const stage = digitSvg(data, `${t.sampleDigit}${data ? `: ${data.label}` : ""}`);
  const m = input.model?.metric;
  const output = m ? `${escapeHtml(t.testAccuracy)} ${n2(m.value * 100)} %` : "";
  return { stage, output };
}
