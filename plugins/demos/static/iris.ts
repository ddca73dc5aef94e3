// Static figure for the iris demos (perceptron, softmax): the 150 flowers over two features, one colour
// per class, and the model's measured test accuracy. The widget later paints the decision regions under them.
import type { IrisDemoData } from "../../../models/publish.ts";
import { escapeHtml } from "../../errors.ts";
import { strings } from "../client/strings.ts";
import { n2, scale } from "./svg.ts";
import type { Fallback, FallbackInput } from "./types.ts";

export const irisPlot = { width: 320, height: 240, margin: 28 };

export function irisFallback(input: FallbackInput): Fallback {
  const t = strings(input.lang);
  const data = input.data as IrisDemoData | undefined;
  const fx = Number(input.options.x ?? 2);
  const fy = Number(input.options.y ?? 3);
  const { width, height, margin } = irisPlot;
  let dots = "";
  let axes = "";
  if (data) {
    const sx = scale(data.rows.map((r) => r.x[fx]), margin, width - 6);
    const sy = scale(data.rows.map((r) => r.x[fy]), height - margin, 6);
    for (const r of data.rows) dots += `<circle class="tp-demo-c${r.y}" cx="${n2(sx(r.x[fx]))}" cy="${n2(sy(r.x[fy]))}" r="3"/>`;
    axes =
      `<text class="tp-demo-axis" x="${width / 2}" y="${height - 6}" text-anchor="middle">${escapeHtml(data.features[fx])}</text>` +
      `<text class="tp-demo-axis" x="10" y="${height / 2}" text-anchor="middle" transform="rotate(-90 10 ${height / 2})">${escapeHtml(data.features[fy])}</text>`;
  }
  const stage = `<svg class="tp-demo-plot" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="iris">${axes}<g>${dots}</g></svg>`;
  const m = input.model?.metric;
  const output = m ? `${escapeHtml(t.testAccuracy)} ${n2(m.value * 100)} %` : "";
  return { stage, output };
}
