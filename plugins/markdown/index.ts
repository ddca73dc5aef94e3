// The markdown-it setup for Jekyll/kramdown posts. Order matters:
//   block:  `$$` display blocks before tables/paragraphs (kramdown-math);
//   core:   TOC marker, then block IALs (both on raw block text, before inline parsing);
//   inline: `$$` spans before escapes/emphasis, so TeX is never rewritten (M9, M10);
//   core:   formula line numbers and kramdown typography after inline parsing (text tokens only, M14);
//   render: KaTeX for math, Jekyll-shaped highlighted code, Graphviz for `dot` fences.
// Deliberately plain markdown-it (CommonMark) where kramdown differs in this post (POST-NOTES §4):
//   K1 a lone line with `|` stays a paragraph (markdown-it needs a delimiter row) — what the author meant;
//   K2 `1.` items followed by unindented `*` items give alternating <ol>/<ul>;
//   K3 continuation lines lose their leading tabs.
import type MarkdownIt from "markdown-it";
import type { ContextOf } from "../context.ts";
import { mathRenderer } from "../math/katex.ts";
import jekyllCode from "./code.ts";
import kramdownIal from "./ial.ts";
import kramdownMath from "./kramdown-math.ts";
import kramdownTocMarker from "./toc-marker.ts";
import kramdownTypography from "./typography.ts";

export interface MarkdownOptions {
  contextOf: ContextOf;
  /** HTML for a ```dot / ```graphviz fence; `line` is the 0-based body line of the opening fence. */
  renderGraph(source: string, env: unknown, line: number): string;
  /** HTML for a ```demo fence (see code.ts); without it such fences stay code blocks. */
  renderDemo?(info: string, body: string, env: unknown, line: number): string;
}

// Rules are added by name next to markdown-it's own; adding them twice would run them twice.
const configured = new WeakSet<MarkdownIt>();

/** Sets up `md` (Eleventy's instance, via amendLibrary) for kramdown posts. A second call on the same
 *  instance is a no-op and keeps the first options. */
export function configureMarkdown(md: MarkdownIt, opts: MarkdownOptions): MarkdownIt {
  if (configured.has(md)) return md;
  configured.add(md);
  // kramdown passes raw HTML through and does not autolink bare URLs (K6).
  md.set({ html: true, linkify: false, typographer: true });
  // Typographer on, but with kramdown's symbol set instead of markdown-it's, and no smart quotes.
  md.disable(["replacements", "smartquotes"]);
  md.use(kramdownMath, { render: mathRenderer(opts.contextOf) });
  md.use(kramdownTocMarker);
  md.use(kramdownIal);
  md.use(kramdownTypography);
  md.use(jekyllCode, { renderGraph: opts.renderGraph, renderDemo: opts.renderDemo });
  return md;
}
