// The training curve: the loss of every step (downsampled, see `downsample`) and the validation metric
// of every evaluation, as two small charts side by side. The loss axis is logarithmic when the loss
// spans more than a factor of 10 (it falls fast, then slowly: a linear axis hides the second part).
import * as Plot from "@observablehq/plot";
import type { LogEntry } from "../../models/types.ts";
import { formatMetric, isRate } from "./format.ts";
import { figureStrings } from "./strings.ts";
import { plotSvg } from "./svg.ts";

/** At most this many points of the loss line (a 10,000-step log would otherwise be ~200 KB of path). */
export const MAX_POINTS = 400;

export interface CurvePoint {
  step: number;
  value: number;
}

/**
 * Downsampling rule: n ≤ max points are kept as they are; otherwise the steps are cut into `max`
 * consecutive buckets of (almost) equal size and each bucket becomes one point, the mean step and the
 * mean loss of the bucket (a mean, not a pick, so one noisy batch neither hides nor dominates).
 */
export function downsample(points: CurvePoint[], max = MAX_POINTS): CurvePoint[] {
  if (points.length <= max) return points;
  const out: CurvePoint[] = [];
  for (let b = 0; b < max; b++) {
    const lo = Math.floor((b * points.length) / max);
    const hi = Math.floor(((b + 1) * points.length) / max);
    let s = 0;
    let v = 0;
    for (let i = lo; i < hi; i++) {
      s += points[i].step;
      v += points[i].value;
    }
    out.push({ step: s / (hi - lo), value: v / (hi - lo) });
  }
  return out;
}

export function lossPoints(log: LogEntry[]): CurvePoint[] {
  return log.filter((e) => typeof e.loss === "number" && Number.isFinite(e.loss)).map((e) => ({ step: e.step, value: e.loss as number }));
}

export function metricPoints(log: LogEntry[], metric: string): CurvePoint[] {
  return log.filter((e) => typeof e.metrics?.[metric] === "number").map((e) => ({ step: e.step, value: (e.metrics as Record<string, number>)[metric] }));
}

const size = { width: 320, height: 200, marginLeft: 48, marginRight: 12, marginTop: 24, marginBottom: 32 };

/** The loss chart, or "" when the log has no losses. */
export function lossChart(id: string, log: LogEntry[], lang?: string): string {
  const t = figureStrings(lang);
  const all = lossPoints(log);
  if (all.length === 0) return "";
  const pts = downsample(all);
  const lo = Math.min(...pts.map((p) => p.value));
  const hi = Math.max(...pts.map((p) => p.value));
  const logScale = lo > 0 && hi / lo > 10;
  const last = all[all.length - 1];
  return plotSvg(
    {
      ...size,
      x: { label: t.step, nice: true },
      // "~g": plain decimals (0.2), not the SI prefixes of Plot's log axis (200m).
      y: { type: logScale ? "log" : "linear", label: t.loss(logScale), grid: true, ticks: 4, tickFormat: "~g" },
      marks: [Plot.line(pts, { x: "step", y: "value", stroke: "var(--tp-link)", strokeWidth: 1.25 })],
    },
    t.lossTitle(id),
    t.lossDesc(id, all.length, pts.length < all.length ? pts.length : undefined, formatMetric("loss", all[0].value), all[0].step, formatMetric("loss", last.value), last.step, logScale),
  );
}

/** A metric that never moved (the perceptron's 100 %) gets a domain around it: Plot would print its single
 *  tick with six decimals. A rate stays within 0–100. */
function flatDomain(values: number[], rate: boolean): { domain?: [number, number] } {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (hi - lo > 1e-9 * Math.max(1, Math.abs(hi))) return {};
  const d = rate ? 1 : Math.abs(lo) * 0.05 || 1;
  return { domain: rate ? [Math.max(0, lo - d), Math.min(100, hi + d)] : [lo - d, hi + d] };
}

/** The validation-metric chart, or "" when the log evaluated fewer than twice. */
export function metricChart(id: string, log: LogEntry[], metric: string, lang?: string): string {
  const t = figureStrings(lang);
  const pts = metricPoints(log, metric);
  if (pts.length < 2) return "";
  const rate = isRate(metric);
  const data = rate ? pts.map((p) => ({ step: p.step, value: 100 * p.value })) : pts;
  return plotSvg(
    {
      ...size,
      x: { label: t.step, nice: true },
      y: { label: rate ? `${metric} (%)` : metric, grid: true, ticks: 4, nice: true, ...flatDomain(data.map((p) => p.value), rate) },
      marks: [
        Plot.line(data, { x: "step", y: "value", stroke: "var(--tp-accent)", strokeWidth: 1.25 }),
        Plot.dot(data, { x: "step", y: "value", fill: "var(--tp-accent)", r: 2 }),
      ],
    },
    t.metricTitle(id, metric),
    t.metricDesc(id, metric, pts.length, formatMetric(metric, pts[0].value), pts[0].step, formatMetric(metric, pts[pts.length - 1].value), pts[pts.length - 1].step),
  );
}
