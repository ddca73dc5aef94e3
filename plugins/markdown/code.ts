// Code the way Jekyll (kramdown + Rouge) prints it, so existing themes' CSS keeps working, but
// highlighted at build time with highlight.js (`hljs-*` classes):
//   fence    → <div class="language-X highlighter-rouge"><div class="highlight"><pre class="highlight"><code>…
//   inline   → <code class="language-plaintext highlighter-rouge">…</code>
// Jekyll's default language is `plaintext` (fences without info, indented code). A fence tagged `dot`
// or `graphviz` is a diagram: its HTML comes from the injected `renderGraph`.
import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import hljs from "highlight.js";

export interface CodeOptions {
  /** HTML for a Graphviz fence. `line` is the 0-based body line of the opening fence. */
  renderGraph(source: string, env: unknown, line: number): string;
  /** HTML for a ```demo fence (a live model's island); without it the fence is shown as code. `info` is
   *  the whole info string, `line` the 0-based body line of the opening fence. */
  renderDemo?(info: string, body: string, env: unknown, line: number): string;
}

const GRAPH_LANGS = new Set(["dot", "graphviz"]);

/** Highlighted HTML for `code`, or just escaped text when highlight.js does not know `lang`. */
export function highlight(code: string, lang: string, escape: (s: string) => string): string {
  if (lang !== "" && hljs.getLanguage(lang) !== undefined) {
    return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  }
  return escape(code);
}

function languageOf(md: MarkdownIt, token: Token): string {
  const word = md.utils.unescapeAll(token.info).trim().split(/\s+/)[0] ?? "";
  // The name goes into a class attribute: keep the characters language names use.
  return word.replace(/[^\w+#.-]/g, "");
}

function codeBlock(md: MarkdownIt, token: Token, lang: string): string {
  const esc = md.utils.escapeHtml;
  const name = lang === "" ? "plaintext" : lang;
  // IAL attributes (`{: .wide}` after the fence) go on the outer div, next to the language class.
  const classes = [`language-${name}`, ...(token.attrGet("class") ?? "").split(/\s+/).filter(Boolean), "highlighter-rouge"];
  const extra = (token.attrs ?? [])
    .filter(([k]) => k !== "class")
    .map(([k, v]) => ` ${esc(k)}="${esc(v)}"`)
    .join("");
  const body = highlight(token.content, lang, esc);
  return `<div class="${esc(classes.join(" "))}"${extra}><div class="highlight"><pre class="highlight"><code>${body}</code></pre></div></div>\n`;
}

export default function jekyllCode(md: MarkdownIt, options: CodeOptions): void {
  md.renderer.rules.fence = (tokens, idx, _opts, env: unknown) => {
    const token = tokens[idx];
    const lang = languageOf(md, token);
    if (GRAPH_LANGS.has(lang.toLowerCase())) return options.renderGraph(token.content, env, token.map?.[0] ?? 0);
    if (lang === "demo" && options.renderDemo) return options.renderDemo(md.utils.unescapeAll(token.info), token.content, env, token.map?.[0] ?? 0);
    return codeBlock(md, token, lang);
  };
  md.renderer.rules.code_block = (tokens, idx) => codeBlock(md, tokens[idx], "");
  md.renderer.rules.code_inline = (tokens, idx) =>
    `<code class="language-plaintext highlighter-rouge">${md.utils.escapeHtml(tokens[idx].content)}</code>`;
}
