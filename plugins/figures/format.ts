// How a metric's value is written on the pages: accuracies as percentages, the rest as plain numbers.
export function isRate(metric: string): boolean {
  return /accuracy|exact-match|recall/.test(metric);
}

export function formatMetric(metric: string, v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (isRate(metric)) return `${(100 * v).toFixed(2)} %`;
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(3);
}
