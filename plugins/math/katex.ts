// Build-time KaTeX. `renderMath` is pure (cached); `mathRenderer` adapts it to kramdown-math's `render`
// callback and turns failures into a report entry plus a visible box, so a normal build shows every
// broken formula and a strict build fails listing them.
import katex from "katex";
import { fileLine, type ContextOf } from "../context.ts";
import { errorBox } from "../errors.ts";

export type MathResult = { html: string } | { error: string };

export type MathRender = (tex: string, display: boolean, env: unknown, line: number) => string;

// Same TeX + mode + macros always gives the same HTML; posts repeat formulas (`\bm{h}_t` …) a lot and
// serve mode re-renders pages. Bounded so a long-running server cannot grow without limit.
const CACHE_LIMIT = 5000;
const cache = new Map<string, MathResult>();

function macrosKey(macros: Record<string, string>): string {
  return Object.keys(macros)
    .sort()
    .map((k) => `${k}\u0000${macros[k]}`)
    .join("\u0001");
}

function describe(err: unknown): string {
  if (err instanceof katex.ParseError) {
    const at = err.position === undefined ? "" : ` at position ${err.position + 1}`;
    return `${err.rawMessage}${at}`;
  }
  return err instanceof Error ? err.message : String(err);
}

export function renderMath(tex: string, display: boolean, macros: Record<string, string>): MathResult {
  const key = `${display ? "D" : "I"}\u0002${macrosKey(macros)}\u0002${tex}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let result: MathResult;
  try {
    const html = katex.renderToString(tex, {
      displayMode: display,
      output: "htmlAndMathml",
      throwOnError: true,
      // No \href/\url/\includegraphics/\html*: TeX comes from post authors and ends up as our HTML.
      trust: false,
      strict: "ignore",
      // KaTeX writes \gdef results into this object: a fresh copy per call keeps pages (and cache
      // entries) independent.
      macros: { ...macros },
    });
    result = { html };
  } catch (err) {
    result = { error: describe(err) };
  }
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(key, result);
  return result;
}

/** The `render` callback for kramdown-math: KaTeX HTML, or an error box plus a report entry at file:line. */
export function mathRenderer(contextOf: ContextOf): MathRender {
  return (tex, display, env, line) => {
    const ctx = contextOf(env);
    const result = renderMath(tex, display, ctx.katexMacros);
    if ("html" in result) return result.html;
    const where = display ? "display math" : "inline math";
    // One line: the box must not contain a blank line (it sits in Markdown-built HTML) and the
    // console report reads better without the TeX's own line breaks.
    const oneLine = tex.replace(/\s+/g, " ");
    const problem = ctx.report.error(ctx.file, fileLine(ctx, line), "katex", `${result.error} in ${where} $$ ${oneLine} $$`);
    return errorBox(problem, !display);
  };
}
