// Before pages render, the models the site uses are trained (or read from the cache), exported to ONNX
// and described in `<output>/models/manifest.json`. Which ones: the `models` option, and every model a
// post places with `{% demo "id" %}`, a ```demo id fence, `{% modelfigures "id" %}` or quotes with
// `{% modelmetric "id" %}` / `{% modelcompare "id", "other" %}`. The trainer is loaded only when needed.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { BuildReport } from "./errors.ts";
import type { TensorpostOptions } from "./options.ts";
import type { EleventyConfig } from "./types.ts";

export interface ModelUse {
  id: string;
  file: string;
  line: number;
  /** What placed it: a demo (tag or fence) or a figure shortcode ("figures"), the kind of its errors. */
  kind: "demo" | "figures";
}

const demoTag = /\{%-?\s*(demo|modelfigures|modelmetric|modelcompare)\s+["']([\w.-]+)["'](?:\s*,\s*["']([\w.:-]+)["'])?|^[ \t]*(?:```|~~~)[ \t]*demo[ \t]+([\w.-]+)/gm;

/** What `{% modelcompare "a", "b" %}` may compare with besides another model. */
export const isComparisonKeyword = (s: string): boolean => s === "reference" || s === "baseline" || s.startsWith("baseline:");

/** Every demo placed in the Markdown files under `dir`, with file and line. */
export function findModelUses(dir: string, root = dir): ModelUse[] {
  const uses: ModelUse[] = [];
  let entries: { name: string; isDirectory(): boolean }[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return uses;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "node_modules" && !e.name.startsWith(".") && e.name !== "_site") uses.push(...findModelUses(path, root));
    } else if (/\.(md|markdown)$/i.test(e.name)) {
      // Inside {% raw %} a demo tag is text (a post showing the syntax); blanking keeps line numbers.
      const text = readFileSync(path, "utf8").replace(/\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}/g, (m) => m.replace(/[^\n]/g, " "));
      for (const m of text.matchAll(demoTag)) {
        const line = text.slice(0, m.index).split("\n").length;
        const file = `./${relative(process.cwd(), path)}`;
        const kind = m[1] === undefined || m[1] === "demo" ? "demo" : "figures";
        uses.push({ id: m[2] ?? m[4], file, line, kind });
        // The second model of a comparison is published too (its figure is read).
        if (m[1] === "modelcompare" && m[3] !== undefined && !isComparisonKeyword(m[3])) uses.push({ id: m[3], file, line, kind });
      }
    }
  }
  return uses;
}

export function addModels(eleventyConfig: EleventyConfig, options: TensorpostOptions, report: BuildReport): void {
  eleventyConfig.on("eleventy.before", async () => {
    const dirs = eleventyConfig.directories as { input: string; output: string } | undefined;
    const input = dirs?.input ?? ".";
    const uses = findModelUses(input);
    const wanted = new Set(options.models);
    if (wanted.size === 0 && uses.length === 0) return;
    const { publishModels, knownModel, budgetFromEnv, mergeBudgets, NGRAM_MODELS } = await import("../models/publish.ts");
    for (const use of uses) {
      if (knownModel(use.id)) wanted.add(use.id);
      else report.error(use.file, use.line, use.kind, `unknown model "${use.id}"`);
    }
    for (const id of options.models) if (!knownModel(id)) report.error("(options.models)", undefined, "model", `unknown model "${id}"`);
    const choice = options.modelBudget;
    if (typeof choice === "object") for (const id of Object.keys(choice)) if (id !== "default" && !knownModel(id)) report.error("(options.modelBudget)", undefined, "model", `unknown model "${id}"`);
    let budget: ReturnType<typeof mergeBudgets>;
    try {
      budget = mergeBudgets(choice, budgetFromEnv());
    } catch (e) {
      report.error("(environment)", undefined, "model", (e as Error).message);
      return;
    }
    await publishModels([...wanted].filter(knownModel), {
      outDir: join(dirs?.output ?? "_site", "models"),
      budget,
      onError: (id, error) => report.error(id in NGRAM_MODELS ? "ngram/site-models.ts" : `models/specs/${id}.ts`, undefined, "model", error.message),
    });
  });
}
