// The n-gram's figure: brown test perplexity of each smoothing method at each order, as the build measured
// it (models/ngram-table.ts, published in ngram.log.json). The published model's own cell is marked.
import type { NgramTable } from "../../models/ngram-table.ts";
import { escapeHtml } from "../errors.ts";
import { figureStrings } from "./strings.ts";

function cell(v: number | null): string {
  return v === null ? "∞" : v >= 1000 ? v.toFixed(0) : v.toFixed(2);
}

/** `method` and `order`: the published model's, whose cell gets `tp-figures-this`. */
export function ngramTable(table: NgramTable, method: string, order: number, lang?: string): string {
  const t = figureStrings(lang);
  const head = `<thead><tr><th scope="col">${t.method}</th>${table.orders.map((k) => `<th scope="col">${t.order(k)}</th>`).join("")}</tr></thead>`;
  const rows = table.rows.map((r) => {
    const cells = r.perplexity.map((v, i) => `<td${r.id === method && table.orders[i] === order ? ' class="tp-figures-this"' : ""}>${cell(v)}</td>`);
    const delta = r.delta ? ` <small>(δ = ${r.delta.map((d) => d.toPrecision(2)).join(", ")})</small>` : "";
    return `<tr><th scope="row">${escapeHtml(r.name)}${delta}</th>${cells.join("")}</tr>`;
  });
  const caption = t.ngramCaption(table.testTokens.toLocaleString("en"));
  return `<table class="tp-figures-metrics tp-figures-ngram"><caption>${escapeHtml(caption)}</caption>${head}<tbody>${rows.join("")}</tbody></table>`;
}
