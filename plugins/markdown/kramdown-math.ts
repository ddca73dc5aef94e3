// kramdown's `$$` math for markdown-it (POST-NOTES §1 rules 3–4, pitfalls M1–M14).
// kramdown has one delimiter, `$$`, and decides display vs inline by position alone:
//   display: `$$…$$` that is a block of its own — after a blank line or the start of a container, the
//            opening `$$` at line start (0–3 spaces), nothing but spaces after the closing `$$`, then a
//            blank line / end of container / block IAL line;
//   inline:  every other `$$…$$` (non-greedy, may span the lines of one paragraph).
// Single `$` is never math. The TeX is stripped. Rendering is injected, so this file knows no KaTeX.
import type MarkdownIt from "markdown-it";
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";

export interface KramdownMathOptions {
  /** HTML for one formula. `line` is the 0-based line of the Markdown body where the opening `$$` is. */
  render(tex: string, display: boolean, env: unknown, line: number): string;
}

/** What the inline rule leaves on a `math_inline` token until the core rule turns it into a line. */
interface InlineMathMeta {
  /** Newlines in the inline source before the opening `$$`. */
  newlines: number;
}

const DOLLAR = 0x24;
// kramdown's IAL_BLOCK_START: a `{:…}` line also ends a block (but `{::…}` / `{:/…}` are extensions).
const IAL_LINE = /^ {0,3}\{:(?![:/])[^}]*\}\s*$/;
// A less-indented list marker after the closing `$$` means the list item (our container) has ended.
const LIST_MARKER = /^ {0,3}(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)/;

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line], state.eMarks[line]);
}

// kramdown's after_block_boundary?: first thing in the document/container, or a blank line before.
// In markdown-it the container's open token (list_item_open, blockquote_open) is the last one pushed
// when we are on the container's first line.
function afterBlockBoundary(state: StateBlock, startLine: number): boolean {
  const last = state.tokens[state.tokens.length - 1];
  if (last === undefined || last.nesting === 1) return true;
  return startLine === 0 || state.isEmpty(startLine - 1);
}

// kramdown's before_block_boundary?: blank line, end of input/container, or a block IAL line.
function beforeBlockBoundary(state: StateBlock, next: number, endLine: number): boolean {
  if (next >= endLine || state.isEmpty(next)) return true;
  const text = lineText(state, next);
  if (IAL_LINE.test(text)) return true;
  return state.sCount[next] < state.blkIndent && LIST_MARKER.test(text);
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const open = state.bMarks[startLine] + state.tShift[startLine];
  if (state.src.charCodeAt(open) !== DOLLAR || state.src.charCodeAt(open + 1) !== DOLLAR) return false;
  if (!afterBlockBoundary(state, startLine)) return false;

  // kramdown's `(.*?)\$\$` is non-greedy and multi-line: the first `$$` after the opening one closes.
  const parts: string[] = [];
  let line = startLine;
  let closeAt = -1;
  for (; line < endLine; line++) {
    if (line > startLine && !state.isEmpty(line) && state.sCount[line] < state.blkIndent) return false;
    const from = line === startLine ? open + 2 : state.bMarks[line] + state.tShift[line];
    const text = state.src.slice(from, state.eMarks[line]);
    const at = text.indexOf("$$");
    if (at >= 0) {
      parts.push(text.slice(0, at));
      closeAt = from + at;
      break;
    }
    parts.push(text);
  }
  if (closeAt < 0) return false;
  // Only spaces may follow the closing `$$` (M3: ` $$ y $$ `; M8: `… $$` ending a content line).
  if (state.src.slice(closeAt + 2, state.eMarks[line]).trim() !== "") return false;
  if (!beforeBlockBoundary(state, line + 1, endLine)) return false;
  if (silent) return true;

  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.markup = "$$";
  token.content = parts.join("\n").trim();
  token.map = [startLine, line + 1];
  state.line = line + 1;
  return true;
}

// Newlines before `pos` in the inline source, counted incrementally: the rule is called left to right
// (a link label may be rescanned, then we simply count again from the start).
const newlineCache = new WeakMap<StateInline, { pos: number; count: number }>();
function newlinesBefore(state: StateInline, pos: number): number {
  const cached = newlineCache.get(state);
  let from = 0;
  let count = 0;
  if (cached !== undefined && cached.pos <= pos) {
    from = cached.pos;
    count = cached.count;
  }
  for (let i = state.src.indexOf("\n", from); i >= 0 && i < pos; i = state.src.indexOf("\n", i + 1)) count++;
  newlineCache.set(state, { pos, count });
  return count;
}

// Runs before `escape`/`emphasis`/`backticks` get a chance at the TeX: once we own the span, `\\`
// (M9), `_` (M10), `&`/`>` (M11) and `...` (M14) inside it are never seen by other rules.
function mathInline(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== DOLLAR || state.src.charCodeAt(start + 1) !== DOLLAR) return false;
  const close = state.src.indexOf("$$", start + 2);
  if (close < 0 || close + 2 > state.posMax) return false;
  if (!silent) {
    const token = state.push("math_inline", "math", 0);
    token.markup = "$$";
    token.content = state.src.slice(start + 2, close).trim();
    const meta: InlineMathMeta = { newlines: newlinesBefore(state, start) };
    token.meta = meta;
  }
  state.pos = close + 2;
  return true;
}

function setInlineLines(children: Token[], base: number): void {
  for (const child of children) {
    if (child.type === "math_inline") {
      const meta = child.meta as InlineMathMeta | null;
      const line = base + (meta?.newlines ?? 0);
      child.map = [line, line + 1];
    }
    // Image alt text is parsed from its own string: its formulas get the enclosing block's line.
    if (child.children) setInlineLines(child.children, base);
  }
}

// Inline tokens know their block's first line (table cells don't: they take their row's), so the
// formula's line is that plus the newlines before it in the block's text.
function assignInlineLines(state: StateCore): void {
  let lastLine = 0;
  for (const token of state.tokens) {
    if (token.map) lastLine = token.map[0];
    if (token.type === "inline" && token.children) setInlineLines(token.children, lastLine);
  }
}

export default function kramdownMath(md: MarkdownIt, options: KramdownMathOptions): void {
  md.block.ruler.before("table", "math_block", mathBlock);
  md.inline.ruler.before("escape", "math_inline", mathInline);
  md.core.ruler.after("inline", "math_inline_lines", assignInlineLines);

  md.renderer.rules.math_inline = (tokens, idx, _opts, env: unknown) => {
    const token = tokens[idx];
    return options.render(token.content, false, env, token.map?.[0] ?? 0);
  };
  md.renderer.rules.math_block = (tokens, idx, _opts, env: unknown, self) => {
    const token = tokens[idx];
    const html = options.render(token.content, true, env, token.map?.[0] ?? 0);
    // A block IAL (`{: .wide}` after the block) needs an element to sit on.
    return token.attrs && token.attrs.length > 0 ? `<div${self.renderAttrs(token)}>${html}</div>\n` : `${html}\n`;
  };
}
