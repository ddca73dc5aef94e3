// What a renderer needs to know about the page it works on, found from markdown-it's `env` (Eleventy
// passes the page's data as env). Kept as a value handed to each piece, so nothing is global.
import type { BuildReport } from "./errors.ts";

export interface RenderContext {
  /** Source path as Eleventy names it, e.g. `./posts/2024-01-01-a.md`. */
  file: string;
  /** Lines before the Markdown body in the source file (front matter and its fences). Add it to a
   *  0-based body line, plus one, to get the 1-based file line. */
  lineOffset: number;
  report: BuildReport;
  /** Site-wide KaTeX macros merged with the post's `katex_macros`. */
  katexMacros: Record<string, string>;
}

export type ContextOf = (env: unknown) => RenderContext;

/** Line in the source file for a 0-based line of the Markdown body. */
export function fileLine(ctx: RenderContext, bodyLine: number): number {
  return ctx.lineOffset + bodyLine + 1;
}
