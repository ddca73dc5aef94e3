// Static figure for the linear-regression demo: the training and test points (y = 2x); the widget draws
// the model's fitted line over them. The sample result is the measured test MSE.
import type { LinearDemoData } from "../../../models/publish.ts";
import { escapeHtml } from "../../errors.ts";
import { strings } from "../client/strings.ts";
import { n2, scale } from "./svg.ts";
import type { Fallback, FallbackInput } from "./types.ts";

export const regressionPlot = { width: 320, height: 220, margin: 24 };

export function regressionFallback(input: FallbackInput): Fallback {
  const t = strings(input.lang);
  const data = input.data as LinearDemoData | undefined;
  const { width, height, margin } = regressionPlot;
  let dots = "";
  if (data) {
    const xs = [0, ...data.train.x, ...data.test.x];
    const ys = [0, ...data.train.y, ...data.test.y];
    const sx = scale(xs, margin, width - 6);
    const sy = scale(ys, height - margin, 6);
    data.train.x.forEach((x, i) => (dots += `<circle class="tp-demo-c0" cx="${n2(sx(x))}" cy="${n2(sy(data.train.y[i]))}" r="4"/>`));
    data.test.x.forEach((x, i) => (dots += `<circle class="tp-demo-c1" cx="${n2(sx(x))}" cy="${n2(sy(data.test.y[i]))}" r="4"/>`));
  }
  const label = escapeHtml(`${t.trainPoints}, ${t.testPoints}`);
  const stage = `<svg class="tp-demo-plot" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}"><g>${dots}</g></svg>`;
  const m = input.model?.metric;
  const output = m ? `${escapeHtml(t.testMse)} ${n2(m.value)}` : "";
  return { stage, output };
}
