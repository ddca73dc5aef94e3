// Shared helpers for the markdown tests (not a test file itself).
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import type { RenderContext } from "../../plugins/context.ts";
import { BuildReport } from "../../plugins/errors.ts";
import { configureMarkdown } from "../../plugins/markdown/index.ts";
import jekyllCode from "../../plugins/markdown/code.ts";
import kramdownIal from "../../plugins/markdown/ial.ts";
import kramdownMath from "../../plugins/markdown/kramdown-math.ts";
import kramdownTocMarker from "../../plugins/markdown/toc-marker.ts";
import kramdownTypography from "../../plugins/markdown/typography.ts";

/** What Liquid does to `{% raw %}` / `{% endraw %}`: drop the markers, keep everything else. */
export function stripRaw(src: string): string {
  return src.replace(/\{% raw %\}|\{% endraw %\}/g, "");
}

export interface MathCall {
  tex: string;
  display: boolean;
  line: number;
}

/** The full pipeline, but formulas rendered as `<M d|i>TeX</M>` and recorded, so tests see the split. */
export function stubMd(): { md: MarkdownIt; calls: MathCall[]; graphs: MathCall[] } {
  const calls: MathCall[] = [];
  const graphs: MathCall[] = [];
  const md = new MarkdownIt({ html: true, linkify: false, typographer: true });
  md.disable(["replacements", "smartquotes"]);
  md.use(kramdownMath, {
    render(tex: string, display: boolean, _env: unknown, line: number) {
      calls.push({ tex, display, line });
      return `<M ${display ? "d" : "i"}>${md.utils.escapeHtml(tex)}</M>`;
    },
  });
  md.use(kramdownTocMarker);
  md.use(kramdownIal);
  md.use(kramdownTypography);
  md.use(jekyllCode, {
    renderGraph(source: string, _env: unknown, line: number) {
      graphs.push({ tex: source, display: true, line });
      return `<figure class="graph-stub">${source.length}</figure>\n`;
    },
  });
  return { md, calls, graphs };
}

export interface Site {
  md: MarkdownIt;
  report: BuildReport;
  graphs: MathCall[];
  /** env → context, as the Eleventy glue would do: site macros merged with the page's `katex_macros`. */
  ctx(env: unknown): RenderContext;
}

export function realMd(siteMacros: Record<string, string> = {}, lineOffset = 0): Site {
  const report = new BuildReport(false);
  const graphs: MathCall[] = [];
  const ctx = (env: unknown): RenderContext => {
    const page = (env ?? {}) as { file?: string; katex_macros?: Record<string, string> };
    return {
      file: page.file ?? "./posts/test.md",
      lineOffset,
      report,
      katexMacros: { ...siteMacros, ...(page.katex_macros ?? {}) },
    };
  };
  const md = configureMarkdown(new MarkdownIt(), {
    contextOf: ctx,
    renderGraph(source, _env, line) {
      graphs.push({ tex: source, display: true, line });
      return `<figure class="graph-stub"></figure>\n`;
    },
  });
  return { md, report, graphs, ctx };
}

/** Every token, children included, in document order. */
export function allTokens(tokens: Token[]): Token[] {
  const out: Token[] = [];
  const walk = (ts: Token[]): void => {
    for (const t of ts) {
      out.push(t);
      if (t.children) walk(t.children);
    }
  };
  walk(tokens);
  return out;
}

export function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}
