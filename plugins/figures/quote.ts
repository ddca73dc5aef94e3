// Figures quoted inside a sentence, read from what this build published (never typed into the post):
//
//   {% modelmetric "lstm" %}                  the model's quality metric (its budget said when not parity)
//   {% modelmetric "lstm", "<field>" %}       another of its metrics, or one of QUOTE_FIELDS below
//   {% modelcompare "lstm", "rnn" %}          "better than" / "worse than" / "the same as", by the metric's
//                                             direction; the second may be a model, "reference" or "baseline[:id]"
//
// The comparison word is computed, so a sentence stays true whatever the numbers turn out to be.
import type { Baseline, PublishedModel, ReferenceFigure, ReferenceFigures } from "../../models/publish.ts";
import { escapeHtml } from "../errors.ts";
import { formatMetric } from "./format.ts";
import { figureStrings } from "./strings.ts";

/** A bad argument: the message names what was asked and what exists. */
export class QuoteError extends Error {}

export interface QuoteSource {
  models: PublishedModel[];
  reference: ReferenceFigures;
}

/**
 * The fields `{% modelmetric "id", "<field>" %}` knows besides the model's own metric names: the PyTorch
 * reference (mean over its seeds) and seed count and the quality bar (models/reference.json), a published
 * baseline's metric, training seconds and steps, download size, the budget trained.
 */
export const QUOTE_FIELDS = ["reference", "seeds", "bar", "baseline", "baseline:<id>", "trainSeconds", "steps", "size", "budget"] as const;

/** Total bytes of the files a page downloads to run the model (one precision: fp32, or the n-gram's binary). */
export function modelBytes(entry: PublishedModel): number {
  return entry.files.filter((f) => !("precision" in f) || f.precision === "fp32").reduce((n, f) => n + f.bytes, 0);
}

/** Seconds to a tenth; below that, one significant digit (a perceptron trains in milliseconds). */
export function formatSeconds(s: number): string {
  return s >= 0.1 || s === 0 ? s.toFixed(1) : s.toPrecision(1);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
}

function entryOf(source: QuoteSource, id: string): PublishedModel {
  const entry = source.models.find((m) => m.id === id);
  if (!entry) throw new QuoteError(`model "${id}" was not published (unknown id, or see its training error)`);
  return entry;
}

function referenceOf(source: QuoteSource, entry: PublishedModel): ReferenceFigure {
  const r = source.reference.models[entry.id];
  if (!r || r.metric !== entry.metric.name) throw new QuoteError(`model "${entry.id}" has no PyTorch reference for ${entry.metric.name} in models/reference.json`);
  return r;
}

function baselineOf(entry: PublishedModel, field: string): Baseline {
  const list = entry.baselines ?? [];
  const id = field.startsWith("baseline:") ? field.slice("baseline:".length) : undefined;
  const b = id === undefined ? list[0] : list.find((x) => x.id === id);
  if (!b) {
    const have = list.length ? `its baselines: ${list.map((x) => x.id).join(", ")}` : "it has no published baseline";
    throw new QuoteError(`model "${entry.id}": no baseline${id === undefined ? "" : ` "${id}"`} (${have})`);
  }
  return b;
}

/** A number with what it measures in a data attribute (tests and readers can tell where it came from). Number
 *  and unit are joined by a no-break space; the rest may wrap (a justified Chinese line must not stretch). */
function figure(entry: PublishedModel, field: string, text: string): string {
  const kept = text.replace(/(\d) (?=%|s\b|秒|[KM]?B\b)/g, "$1\u00a0");
  return `<span class="tp-quote" data-model="${escapeHtml(entry.id)}" data-field="${escapeHtml(field)}">${escapeHtml(kept)}</span>`;
}

/** `{% modelmetric %}`: the figure as inline HTML. */
export function quoteMetric(source: QuoteSource, id: string, field: string | undefined, lang?: string): string {
  const t = figureStrings(lang);
  const entry = entryOf(source, id);
  const budget = entry.budget === "parity" ? "" : t.budget(entry.budget);
  const name = entry.metric.name;
  if (field === undefined || field === name) return figure(entry, name, formatMetric(name, entry.metric.value) + budget);
  if (Object.hasOwn(entry.metrics, field)) return figure(entry, field, formatMetric(field, entry.metrics[field]) + budget);
  switch (field) {
    case "reference":
      return figure(entry, field, formatMetric(name, referenceOf(source, entry).mean));
    case "seeds":
      return figure(entry, field, String(referenceOf(source, entry).seeds));
    case "bar":
      return figure(entry, field, formatMetric(name, referenceOf(source, entry).bar));
    case "trainSeconds":
      return figure(entry, field, t.seconds(formatSeconds(entry.trainSeconds)) + budget);
    case "steps":
      return figure(entry, field, String(entry.steps) + budget);
    case "size":
      return figure(entry, field, formatBytes(modelBytes(entry)));
    case "budget":
      return figure(entry, field, entry.budget);
  }
  if (field === "baseline" || field.startsWith("baseline:")) return figure(entry, field, formatMetric(name, baselineOf(entry, field).metric.value));
  throw new QuoteError(`model "${id}" has no figure "${field}" (its metrics: ${Object.keys(entry.metrics).join(", ")}; or ${QUOTE_FIELDS.join(", ")})`);
}

/** `{% modelcompare %}`: how the first model's metric compares with the other figure, as a word. */
export function quoteComparison(source: QuoteSource, id: string, other: string, lang?: string): string {
  const t = figureStrings(lang);
  const entry = entryOf(source, id);
  const name = entry.metric.name;
  let value: number;
  if (other === "reference") value = referenceOf(source, entry).mean;
  else if (other === "baseline" || other.startsWith("baseline:")) value = baselineOf(entry, other).metric.value;
  else {
    const b = entryOf(source, other);
    if (b.metric.name !== name) throw new QuoteError(`cannot compare "${id}" (${name}) with "${other}" (${b.metric.name})`);
    value = b.metric.value;
  }
  const higherIsBetter = source.reference.models[id]?.higherIsBetter ?? !/bpc|perplexity|mse|loss/.test(name);
  // Equal as printed is "the same": the page must not call a difference it does not show.
  const same = formatMetric(name, entry.metric.value) === formatMetric(name, value);
  const better = higherIsBetter ? entry.metric.value > value : entry.metric.value < value;
  const word = same ? t.same : better ? t.better : t.worse;
  return `<span class="tp-quote" data-model="${escapeHtml(id)}" data-compare="${escapeHtml(other)}">${escapeHtml(word)}</span>`;
}
