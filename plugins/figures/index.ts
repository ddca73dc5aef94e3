// Build-time figures of a published model (issues 4 and 6): its training curve, its test metrics beside
// the PyTorch reference and the quality bar, and, for classifiers, the confusion matrix, as inline SVG
// (Observable Plot on a linkedom document; no client script). `renderModelFigures` is pure (the demo
// islands call it too); `{% modelfigures "id" %}` reads what the build published into <output>/models/.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Confusion, Manifest, PublishedModel, ReferenceFigure, ReferenceFigures } from "../../models/publish.ts";
import type { LogEntry } from "../../models/types.ts";
import { errorBox, escapeHtml, type BuildReport } from "../errors.ts";
import type { EleventyConfig } from "../types.ts";
import { confusionChart } from "./confusion.ts";
import { lossChart, metricChart } from "./curve.ts";
import { metricsTable } from "./metrics.ts";

/** What the figures read of a published `<id>.log.json` (the n-gram's log has neither field). */
export interface FigureLog {
  log?: LogEntry[];
  confusion?: Confusion;
}

/** The figures of one model as one HTML block (a single line: Markdown keeps it as raw HTML). */
export function renderModelFigures(entry: PublishedModel, log: FigureLog, reference: ReferenceFigure | undefined): string {
  const entries = Array.isArray(log.log) ? log.log : [];
  const charts = [lossChart(entry.id, entries), metricChart(entry.id, entries, entry.metric.name)].filter(Boolean);
  const confusion = log.confusion ? `<div class="tp-figures-confusion">${confusionChart(entry.id, log.confusion)}</div>` : "";
  const curve = charts.length ? `<div class="tp-figures-curve">${charts.join("")}</div>` : "";
  return `<figure class="tp-figures" data-model="${escapeHtml(entry.id)}">${curve}<div class="tp-figures-row">${metricsTable(entry, reference)}${confusion}</div><figcaption>${escapeHtml(entry.id)} (${escapeHtml(entry.budget)} budget): training loss and validation ${escapeHtml(entry.metric.name)}, test metrics${log.confusion ? `, confusion matrix (${escapeHtml(log.confusion.split)} split)` : ""}.</figcaption></figure>`;
}

/** The 1-based line of the first `{% modelfigures "id"` in a file (shortcodes are not told their line). */
function shortcodeLine(file: string, id: string | undefined): number | undefined {
  try {
    const lines = readFileSync(file, "utf8").split("\n");
    const tag = id === undefined ? /\{%-?\s*modelfigures\s*(?:-?%\}|[^"'\s])/ : new RegExp(`\\{%-?\\s*modelfigures\\s+["']${id.replace(/[^\w-]/g, "\\$&")}["']`);
    const at = lines.findIndex((l) => tag.test(l));
    return at < 0 ? undefined : at + 1;
  } catch {
    return undefined;
  }
}

interface Published {
  manifest: Manifest;
  reference: ReferenceFigures;
  logs: Map<string, FigureLog>;
}

/** Registers `{% modelfigures "id" %}`; the model is trained and published by plugins/models.ts (eleventy.before). */
export function addFigures(eleventyConfig: EleventyConfig, report: BuildReport): void {
  const outDir = (): string => join(String((eleventyConfig.directories as { output?: string } | undefined)?.output ?? "_site"), "models");
  let memo: Promise<Published> | undefined;
  // Read once per build, after eleventy.before has published the models.
  eleventyConfig.on("eleventy.before", () => {
    memo = undefined;
  });
  const published = (): Promise<Published> =>
    (memo ??= (async () => {
      const { readReferenceFigures } = await import("../../models/publish.ts");
      const path = join(outDir(), "manifest.json");
      const manifest: Manifest = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Manifest) : { format: "tensorpost-models-1", models: [] };
      return { manifest, reference: readReferenceFigures(), logs: new Map() };
    })());

  type Scope = { page?: { inputPath?: string } };
  eleventyConfig.addShortcode("modelfigures", async function (this: Scope, ...args: unknown[]): Promise<string> {
    const file = this.page?.inputPath ?? "(unknown file)";
    const id = typeof args[0] === "string" && args[0] !== "" ? args[0] : undefined;
    const fail = (message: string) => errorBox(report.error(file, shortcodeLine(file, id), "figures", message));
    if (id === undefined || args.length !== 1) return fail(`{% modelfigures %} takes one model id, e.g. {% modelfigures "mlp" %}`);
    const { knownModel } = await import("../../models/publish.ts");
    // Already reported by plugins/models.ts (which scans the posts for the models to train): box only.
    if (!knownModel(id)) return errorBox({ file, line: shortcodeLine(file, id), kind: "figures", message: `unknown model "${id}"`, severity: "error" });
    const p = await published();
    const entry = p.manifest.models.find((m) => m.id === id);
    if (!entry) return fail(`model "${id}" was not published (see its training error above)`);
    let log = p.logs.get(id);
    if (!log) {
      try {
        log = JSON.parse(readFileSync(join(outDir(), entry.log), "utf8")) as FigureLog;
      } catch (e) {
        return fail(`${entry.log}: ${(e as Error).message}`);
      }
      p.logs.set(id, log);
    }
    return renderModelFigures(entry, log, p.reference.models[id]);
  });
}
