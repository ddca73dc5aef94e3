// Build-time figures of a published model (issues 4, 6 and 7): its training curve, its test metrics beside
// the PyTorch reference and the quality bar, training time and model size, and, for classifiers, the
// confusion matrix (the n-gram: its perplexity table by method × order), as inline SVG and HTML
// (Observable Plot on a linkedom document; no client script). `renderModelFigures` is pure (the demo
// islands call it too); `{% modelfigures "id" %}` reads what the build published into <output>/models/,
// and `{% modelmetric %}` / `{% modelcompare %}` (quote.ts) quote single figures of it inside a sentence.
import type { PublishedModel, ReferenceFigure } from "../../models/publish.ts";
import { errorBox, escapeHtml, type BuildReport } from "../errors.ts";
import type { EleventyConfig } from "../types.ts";
import { confusionChart } from "./confusion.ts";
import { lossChart, metricChart } from "./curve.ts";
import { shortcodeLine } from "./line.ts";
import { metricsTable } from "./metrics.ts";
import { ngramTable } from "./ngram-table.ts";
import { publishedModels, type FigureLog } from "./published.ts";
import { formatBytes, formatSeconds, modelBytes, quoteComparison, quoteMetric, QuoteError } from "./quote.ts";
import { figureStrings } from "./strings.ts";

export type { FigureLog } from "./published.ts";

/** Training time and download size: one line under the table. */
function facts(entry: PublishedModel, lang: string | undefined): string {
  const t = figureStrings(lang);
  const trained = entry.steps > 0 ? t.trained(String(entry.steps), formatSeconds(entry.trainSeconds)) : t.counted;
  return `<p class="tp-figures-facts">${escapeHtml(`${trained}${entry.budget === "parity" ? "" : t.budget(entry.budget)} · ${t.size(formatBytes(modelBytes(entry)))}`)}</p>`;
}

/** The figures of one model as one HTML block (a single line: Markdown keeps it as raw HTML). */
export function renderModelFigures(entry: PublishedModel, log: FigureLog, reference: ReferenceFigure | undefined, lang?: string): string {
  const entries = Array.isArray(log.log) ? log.log : [];
  const charts = [lossChart(entry.id, entries, lang), metricChart(entry.id, entries, entry.metric.name, lang)].filter(Boolean);
  const confusion = log.confusion ? `<div class="tp-figures-confusion">${confusionChart(entry.id, log.confusion, lang)}</div>` : "";
  const curve = charts.length ? `<div class="tp-figures-curve">${charts.join("")}</div>` : "";
  const order = typeof entry.metrics.order === "number" ? entry.metrics.order : 0;
  const table = log.table ? ngramTable(log.table, "mkn", order, lang) : "";
  const caption = figureStrings(lang).caption(entry.id, entry.budget, { curve: charts.length ? entry.metric.name : undefined, table: table !== "", confusion: log.confusion?.split });
  return `<figure class="tp-figures" data-model="${escapeHtml(entry.id)}">${curve}<div class="tp-figures-row">${metricsTable(entry, reference, lang)}${confusion}</div>${table}${facts(entry, lang)}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

/** Registers the figure shortcodes; the models are trained and published by plugins/models.ts (eleventy.before). */
export function addFigures(eleventyConfig: EleventyConfig, report: BuildReport, siteLang?: string): void {
  const published = publishedModels(eleventyConfig);

  // Liquid hands shortcodes its Context (`getSync`), Nunjucks the page data itself.
  type Scope = { page?: { inputPath?: string }; ctx?: { getSync?(path: string[]): unknown; lang?: unknown } };
  const where = (scope: Scope): { file: string; lang: string | undefined } => {
    const given = typeof scope.ctx?.getSync === "function" ? scope.ctx.getSync(["lang"]) : scope.ctx?.lang;
    return { file: scope.page?.inputPath ?? "(unknown file)", lang: typeof given === "string" && given !== "" ? given : siteLang };
  };

  eleventyConfig.addShortcode("modelfigures", async function (this: Scope, ...args: unknown[]): Promise<string> {
    const { file, lang } = where(this);
    const id = typeof args[0] === "string" && args[0] !== "" ? args[0] : undefined;
    const fail = (message: string) => errorBox(report.error(file, shortcodeLine(file, "modelfigures", args), "figures", message));
    if (id === undefined || args.length !== 1) return fail(`{% modelfigures %} takes one model id, e.g. {% modelfigures "mlp" %}`);
    const { knownModel } = await import("../../models/publish.ts");
    // Already reported by plugins/models.ts (which scans the posts for the models to train): box only.
    if (!knownModel(id)) return errorBox({ file, line: shortcodeLine(file, "modelfigures", args), kind: "figures", message: `unknown model "${id}"`, severity: "error" });
    const p = await published();
    const entry = p.manifest.models.find((m) => m.id === id);
    if (!entry) return fail(`model "${id}" was not published (see its training error above)`);
    let log: FigureLog;
    try {
      log = p.log(id, entry.log);
    } catch (e) {
      return fail((e as Error).message);
    }
    return renderModelFigures(entry, log, p.reference.models[id], lang);
  });

  // Inline figures: an error is an inline box (the sentence around it stays a paragraph).
  const quote = (name: string, usage: string, arity: [number, number], render: (source: Parameters<typeof quoteMetric>[0], args: string[], lang: string | undefined) => string) =>
    async function (this: Scope, ...args: unknown[]): Promise<string> {
      const { file, lang } = where(this);
      const fail = (message: string) => errorBox(report.error(file, shortcodeLine(file, name, args), "figures", message), true);
      const strings = args.filter((a): a is string => typeof a === "string" && a !== "");
      if (strings.length !== args.length || args.length < arity[0] || args.length > arity[1]) return fail(`{% ${name} %} takes ${usage}`);
      const { knownModel } = await import("../../models/publish.ts");
      const { isComparisonKeyword } = await import("../models.ts");
      const ids = name === "modelcompare" ? strings.filter((a) => !isComparisonKeyword(a)) : strings.slice(0, 1);
      const unknown = ids.find((id) => !knownModel(id));
      // Already reported by plugins/models.ts (which scans the posts for the models to train): box only.
      if (unknown !== undefined) return errorBox({ file, line: shortcodeLine(file, name, args), kind: "figures", message: `unknown model "${unknown}"`, severity: "error" }, true);
      const p = await published();
      try {
        return render({ models: p.manifest.models, reference: p.reference }, strings, lang);
      } catch (e) {
        if (e instanceof QuoteError) return fail(e.message);
        throw e;
      }
    };
  eleventyConfig.addShortcode("modelmetric", quote("modelmetric", 'a model id and optionally a field, e.g. {% modelmetric "lstm" %} or {% modelmetric "lstm", "trainSeconds" %}', [1, 2], (s, [id, field], lang) => quoteMetric(s, id, field, lang)));
  eleventyConfig.addShortcode("modelcompare", quote("modelcompare", 'a model id and what to compare it with (a model id, "reference" or "baseline"), e.g. {% modelcompare "lstm", "rnn" %}', [2, 2], (s, [id, other], lang) => quoteComparison(s, id, other, lang)));
}
