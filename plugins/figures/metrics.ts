// The model's test metrics as a table: this build's figure beside the PyTorch reference (the mean over
// its seeds, from the committed models/reference.json) and MODEL-ZOO.md's quality bar. A quick or full
// budget is said in the table and not compared (only parity figures are comparable with PyTorch); a
// model published at its full budget carries its parity run too, shown in its own column and compared.
import type { PublishedModel, ReferenceFigure } from "../../models/publish.ts";
import { escapeHtml } from "../errors.ts";
import { formatMetric } from "./format.ts";
import { figureStrings } from "./strings.ts";

/** Metrics shown after the main one (the rest of the log's final evaluation). Counters and weights are left out. */
const hidden = /^(w\d+|b|predictions|nats|order)$/;

export function metricsTable(entry: PublishedModel, reference: ReferenceFigure | undefined, lang?: string): string {
  const t = figureStrings(lang);
  const name = entry.metric.name;
  // The figures compared with PyTorch: this build's if it trained parity, else its parity run if published.
  const parityRun = entry.budget === "parity" ? entry : entry.parity;
  const besides = entry.budget !== "parity" && entry.parity !== undefined;
  // The parity run's figure for a metric, in its own column when there is one ("–" where it has none).
  const parityCell = (metric?: string): string => {
    if (!besides) return "";
    const v = metric === undefined ? undefined : entry.parity?.metrics[metric];
    return `<td>${v === undefined || metric === undefined ? "–" : escapeHtml(formatMetric(metric, v))}</td>`;
  };
  const rows: string[] = [];
  // Without a reference (the n-gram) the PyTorch and bar columns would be dashes only: left out.
  const compared = reference !== undefined && reference.metric === name;
  const extra = (ref: string, bar: string): string => (compared ? `<td>${ref}</td><td>${bar}</td>` : "");
  const head = `<thead><tr><th scope="col">${t.metric}</th><th scope="col">${escapeHtml(t.thisBuild(entry.budget, entry.steps))}</th>${besides ? `<th scope="col">${escapeHtml(t.parityRun(entry.parity?.steps ?? 0))}</th>` : ""}${compared ? `<th scope="col">${t.pytorch}</th><th scope="col">${t.bar}</th>` : ""}</tr></thead>`;
  let refCell = "–";
  let barCell = "–";
  if (compared) {
    const seeds = reference.seeds > 1 ? t.seeds(reference.seeds) : reference.what;
    refCell = `${escapeHtml(formatMetric(name, reference.mean))} <small>(${escapeHtml(seeds)}, torch ${escapeHtml(reference.torch)})</small>`;
    const v = parityRun?.metric.value;
    const pass = v !== undefined && (reference.higherIsBetter ? v >= reference.bar - 1e-12 : v <= reference.bar + 1e-12);
    const verdict = parityRun !== undefined ? (pass ? t.met : t.notMet) : t.notCompared(entry.budget);
    barCell = `${reference.higherIsBetter ? "≥" : "≤"} ${escapeHtml(formatMetric(name, reference.bar))} <small>(${escapeHtml(verdict)})</small>`;
  }
  rows.push(`<tr class="tp-figures-main"><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(formatMetric(name, entry.metric.value))}</td>${parityCell(name)}${extra(refCell, barCell)}</tr>`);
  for (const [k, v] of Object.entries(entry.metrics)) {
    // recall-<c> repeats tang-recall / song-recall where the classes have names.
    if (k === name || hidden.test(k) || (/^recall-\d+$/.test(k) && "tang-recall" in entry.metrics)) continue;
    rows.push(`<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(formatMetric(k, v))}</td>${parityCell(k)}${extra("–", "–")}</tr>`);
  }
  // The simple baselines published beside the model, on the same split (models/baselines/published.ts).
  for (const b of entry.baselines ?? []) {
    rows.push(`<tr class="tp-figures-baseline"><th scope="row">${escapeHtml(t.baseline(b.id, b.metric.name))}</th><td>${escapeHtml(formatMetric(b.metric.name, b.metric.value))}</td>${parityCell()}${extra("–", "–")}</tr>`);
  }
  return `<table class="tp-figures-metrics"><caption>${escapeHtml(t.testMetrics(entry.id))}</caption>${head}<tbody>${rows.join("")}</tbody></table>`;
}
