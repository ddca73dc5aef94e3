// Where does a paragraph's last line belong? markdown-it folds an unindented line after a list item or
// blockquote into that item's paragraph ("lazy continuation"), but kramdown treats a `{:…}` line as a
// block boundary: the containers it is not indented into end there, and the IAL applies to the
// outermost of them. Both ial.ts and toc-marker.ts need that answer.
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";

const LIST_ITEM_START = /^[ \t]*(?:[*+-]|\d{1,9}[.)])(?:[ \t]+|$)/;

function sourceLine(src: string, line: number): string {
  let start = 0;
  for (let i = 0; i < line; i++) {
    start = src.indexOf("\n", start) + 1;
    if (start === 0) return "";
  }
  const end = src.indexOf("\n", start);
  return src.slice(start, end < 0 ? src.length : end);
}

function columns(prefix: string): number {
  let col = 0;
  for (const ch of prefix) col = ch === "\t" ? col + 4 - (col % 4) : col + 1;
  return col;
}

/**
 * For the paragraph opened at `para` whose last source line is `line` (0-based), the index of the
 * list/blockquote open token that line ends (kramdown's view), or -1 when it belongs to the paragraph.
 */
export function lazyLineTarget(state: StateCore, tokens: Token[], para: number, line: number): number {
  const raw = sourceLine(state.src, line);
  if (/^ {0,3}>/.test(raw)) return -1;
  const indent = columns(/^[ \t]*/.exec(raw)?.[0] ?? "");
  let target = -1;
  let level = tokens[para].level;
  for (let i = para - 1; i >= 0 && level > 0; i--) {
    const t = tokens[i];
    if (t.nesting !== 1 || t.level >= level) continue;
    level = t.level;
    if (t.type === "list_item_open") {
      const first = t.map ? LIST_ITEM_START.exec(sourceLine(state.src, t.map[0])) : null;
      const contentColumn = first === null ? 0 : columns(first[0]);
      if (indent >= contentColumn) break; // indented into this item: it stays inside
    } else if (t.type === "bullet_list_open" || t.type === "ordered_list_open" || t.type === "blockquote_open") {
      target = i;
    }
  }
  return target;
}

/** Index of the token closing the block opened at `open`. */
export function closerOf(tokens: Token[], open: number): number {
  for (let i = open + 1; i < tokens.length; i++) {
    if (tokens[i].nesting === -1 && tokens[i].level === tokens[open].level) return i;
  }
  return tokens.length - 1;
}
