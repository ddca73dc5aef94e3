// tensorpost: one Eleventy plugin. `eleventyConfig.addPlugin(tensorpost, options)` turns Jekyll-style posts
// into static pages with build-time KaTeX and Graphviz. Each stage lives in its own folder:
//   jekyll/ (front matter, dates, permalinks, raw/graphviz/highlight blocks) → markdown/ (markdown-it rules)
//   → math/ + graphviz/ (renderers) → html/ (rehype pass) → theme/ (layouts, home, tags, feed)
import { rmSync } from "node:fs";
import { BuildReport, errorBox, formatProblem } from "./errors.ts";
import { GraphvizRenderer } from "./graphviz/renderer.ts";
import { addJekyll } from "./jekyll/index.ts";
import { resolveOptions, type TensorpostOptions } from "./options.ts";
import { addTheme } from "./theme/index.ts";
import type { EleventyConfig } from "./types.ts";

export type { EleventyConfig } from "./types.ts";
export type { TensorpostOptions } from "./options.ts";

interface AfterEvent {
  results?: { outputPath?: string | false }[];
}

export default function tensorpost(eleventyConfig: EleventyConfig, given: Partial<TensorpostOptions> = {}): void {
  const options = resolveOptions(given);
  const report = new BuildReport(options.strict);

  // markdown-it renders synchronously, so Graphviz's WASM is loaded once before each build.
  const graphviz = new GraphvizRenderer();
  eleventyConfig.on("eleventy.before", async () => {
    report.reset();
    await graphviz.load();
  });

  addJekyll(eleventyConfig, options, {
    report,
    renderGraph: (source, file, line) => graphviz.render(source, { file, line, report }),
    errorBox: (p, inline) => errorBox(p, inline),
  });

  if (options.theme) addTheme(eleventyConfig, options);

  eleventyConfig.on("eleventy.after", (event: AfterEvent) => {
    for (const w of report.warnings) console.warn(`[tensorpost] ${formatProblem(w)}`);
    for (const e of report.errors) console.error(`[tensorpost] ${formatProblem(e)}`);
    if (options.strict && report.errors.length > 0) {
      // A strict build leaves nothing half-done behind: what this run wrote goes away with it.
      for (const r of event.results ?? []) if (r.outputPath) rmSync(r.outputPath, { force: true });
      throw new Error(`tensorpost strict build failed:\n${report.summary()}`);
    }
  });
}
