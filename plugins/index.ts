// tensorpost: one Eleventy plugin. `eleventyConfig.addPlugin(tensorpost, options)` turns Jekyll-style posts
// into static pages with build-time KaTeX and Graphviz. Each stage lives in its own folder:
//   jekyll/ (front matter, dates, permalinks, raw/graphviz/highlight blocks) → markdown/ (markdown-it rules)
//   → math/ + graphviz/ (renderers) → html/ (rehype pass) → theme/ (layouts, home, tags, feed)
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { BuildReport, errorBox, formatProblem } from "./errors.ts";
import { GraphvizRenderer } from "./graphviz/renderer.ts";
import { addJekyll } from "./jekyll/index.ts";
import { configureMarkdown } from "./markdown/index.ts";
import { createHtmlPass } from "./html/index.ts";
import type { RenderContext } from "./context.ts";
import { resolveOptions, type TensorpostOptions } from "./options.ts";
import { addTheme } from "./theme/index.ts";
import { addModels } from "./models.ts";
import { addDemos } from "./demos/index.ts";
import { addFigures } from "./figures/index.ts";
import type { EleventyConfig } from "./types.ts";

export type { EleventyConfig } from "./types.ts";
export type { TensorpostOptions } from "./options.ts";

interface AfterEvent {
  results?: { outputPath?: string | false }[];
}

export default function tensorpost(eleventyConfig: EleventyConfig, given: Partial<TensorpostOptions> = {}): void {
  const options = resolveOptions(given);
  // Serve/watch mode scans the config's imports as JavaScript; the plugin is TypeScript (run by tsx).
  eleventyConfig.setWatchJavaScriptDependencies(false);
  const report = new BuildReport(options.strict);

  // markdown-it renders synchronously, so Graphviz's WASM is loaded once before each build.
  const graphviz = new GraphvizRenderer();
  eleventyConfig.on("eleventy.before", async () => {
    report.reset();
    await graphviz.load();
  });

  const lines = addJekyll(eleventyConfig, options, {
    report,
    renderGraph: (source, file, line) => graphviz.render(source, { file, line, report }),
    errorBox: (p, inline) => errorBox(p, inline),
  });

  // Eleventy hands markdown-it the page's data as env: that names the file and the post's own macros.
  const contextOf = (env: unknown): RenderContext => {
    const data = (env ?? {}) as { page?: { inputPath?: string }; katex_macros?: unknown; katexMacros?: unknown };
    const file = data.page?.inputPath ?? "(unknown file)";
    const own = data.katex_macros ?? data.katexMacros;
    const postMacros = own && typeof own === "object" ? (own as Record<string, string>) : {};
    return { file, lineOffset: lines.lineOffset(file), report, katexMacros: { ...options.katexMacros, ...postMacros } };
  };
  eleventyConfig.amendLibrary("md", (md: Parameters<typeof configureMarkdown>[0]) =>
    configureMarkdown(md, {
      contextOf,
      renderGraph: (source, env, line) => {
        const ctx = contextOf(env);
        return graphviz.render(source, { file: ctx.file, line: ctx.lineOffset + line + 1, report });
      },
      renderDemo: (info, body, env, line) => {
        const ctx = contextOf(env);
        const lang = (env as { lang?: unknown } | undefined)?.lang;
        return demos.renderFence(info, body, ctx.file, ctx.lineOffset + line + 1, typeof lang === "string" ? lang : options.site.lang);
      },
    }),
  );

  // The HTML pass (ids, TOC, sanitising, assets) runs on every page Eleventy writes as HTML.
  const inputDir = (): string => String(eleventyConfig.directories?.input ?? ".");
  const htmlPass = createHtmlPass({
    report,
    imageExists: (src) => {
      const path = decodeURI(src.split(/[?#]/)[0]);
      if (!path.startsWith("/img/")) return true;
      return existsSync(join(inputDir(), options.imagesDir, path.slice("/img/".length)));
    },
  });
  eleventyConfig.addTransform("tensorpost-html", function (this: { page: { inputPath: string; outputPath: string | false } }, content: string) {
    const out = this.page.outputPath;
    return typeof out === "string" && out.endsWith(".html") ? htmlPass(content, this.page.inputPath) : content;
  });

  addModels(eleventyConfig, options, report);
  // {% modelfigures "id" %}: a published model's training curve, metrics and confusion matrix as inline SVG;
  // {% modelmetric %} / {% modelcompare %}: single figures of it quoted in a sentence.
  addFigures(eleventyConfig, report, options.site.lang);
  // Demo islands (shortcode + fence), the client bundle on the pages that hold one, runtime, service worker.
  // Registered after the HTML pass, so its page step runs on the sanitised page.
  const demos = addDemos(eleventyConfig, options, report);
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
