// tensorpost: one Eleventy plugin. `eleventyConfig.addPlugin(tensorpost, options)` turns Jekyll-style posts
// into static pages with build-time KaTeX and Graphviz. Each stage lives in its own folder:
//   jekyll/ (front matter, dates, permalinks, raw/graphviz/highlight blocks) → markdown/ (markdown-it rules)
//   → math/ + graphviz/ (renderers) → html/ (rehype pass) → theme/ (layouts, home, tags, feed)
import { BuildReport, formatProblem } from "./errors.ts";
import { resolveOptions, type TensorpostOptions } from "./options.ts";

// Eleventy's config object is untyped; this names only what the plugin calls.
export interface EleventyConfig {
  addPlugin(plugin: unknown, options?: unknown): void;
  on(event: string, callback: (...args: unknown[]) => unknown): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Eleventy's own API is untyped
  [key: string]: any;
}

export default function tensorpost(eleventyConfig: EleventyConfig, given: Partial<TensorpostOptions> = {}): void {
  const options = resolveOptions(given);
  const report = new BuildReport(options.strict);

  eleventyConfig.on("eleventy.before", () => report.reset());
  eleventyConfig.on("eleventy.after", () => {
    for (const w of report.warnings) console.warn(`[tensorpost] ${formatProblem(w)}`);
    for (const e of report.errors) console.error(`[tensorpost] ${formatProblem(e)}`);
    if (options.strict && report.errors.length > 0) {
      throw new Error(`tensorpost strict build failed:\n${report.summary()}`);
    }
  });
}
