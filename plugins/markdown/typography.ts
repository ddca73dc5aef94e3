// kramdown's typographic symbols, in place of markdown-it's `replacements` rule. markdown-it would also
// turn `(c)` into © and `+-` into ± (kramdown does neither — and "(a) (b) (c)" is a common enumeration),
// and kramdown has no smart-quote step in this project. Only `text` tokens are touched, so math
// (`math_inline`), code spans and escaped characters (`text_special`, joined later) stay as written.
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";

// kramdown's TYPOGRAPHIC_SYMS, longest first.
const SYMS: Record<string, string> = { "---": "\u2014", "--": "\u2013", "...": "\u2026", "<<": "\u00ab", ">>": "\u00bb" };
const SYMS_RE = /---|--|\.\.\.|<<|>>/g;

function replaceIn(children: Token[]): void {
  let insideAutolink = 0;
  for (const child of children) {
    // An autolink's text is its URL: leave it as typed.
    if (child.type === "link_open" && child.info === "auto") insideAutolink++;
    else if (child.type === "link_close" && insideAutolink > 0) insideAutolink--;
    else if (child.type === "text" && insideAutolink === 0) child.content = child.content.replace(SYMS_RE, (s) => SYMS[s]);
  }
}

function typography(state: StateCore): void {
  if (!state.md.options.typographer) return;
  for (const token of state.tokens) {
    if (token.type === "inline" && token.children) replaceIn(token.children);
  }
}

export default function kramdownTypography(md: MarkdownIt): void {
  md.core.ruler.after("inline", "kramdown_typography", typography);
}
