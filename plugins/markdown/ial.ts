// kramdown block IALs (`{: .class #id key="v"}` on a line of its own) and header ids (`### T {#id}`).
// markdown-it has no notion of them, and where the line lands depends on the block before it:
//   after a heading / fence / hr / math block  → a paragraph of its own, right after that block;
//   after paragraph text                       → the paragraph's last line;
//   after a list or blockquote (unindented)    → a lazy last line of the paragraph inside it;
//   after a table                              → an extra one-cell row;
//   before a block (blank line above)          → a paragraph of its own right before it, or a
//                                                paragraph's first line.
// This runs on block tokens before inline parsing, so the text is still raw. A `{:toc}` line is the
// TOC marker's (toc-marker.ts runs first and the `toc` reference is never eaten here).
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { lazyLineTarget } from "./lazy.ts";

export interface Ial {
  id?: string;
  classes: string[];
  /** Other attributes, already sanitised. */
  attrs: [string, string][];
  /** Bare names: references to attribute list definitions, e.g. `toc`. */
  refs: string[];
}

// `{:` not followed by `:` (extension) or `/` (end tag); kramdown's IAL_BLOCK.
const IAL = /^ {0,3}\{:(?![:/])([^}]*)\}[ \t]*$/;
// kramdown's ALD_TYPE_ANY items: key="v" / key='v', `.a#b.c` runs, bare reference names.
const ITEM = /(?:^|\s)(?:([\w][\w-]*)=(["'])(.*?)\2|((?:[#.][\w][\w:-]*)+)|([\w][\w-]*))(?=\s|$)/g;
const HEADER_ID = /[\t ]+\{#([A-Za-z][\w:-]*)\}[\t ]*$/;

function safeAttr(key: string, value: string): boolean {
  if (/^on/i.test(key)) return false;
  // Browsers ignore whitespace and control characters inside a URL scheme.
  const squeezed = value.replace(/[\s\u0000-\u001f\u007f]+/g, "");
  return !/(?:java|vb)script:/i.test(squeezed);
}

/** Parses one IAL line; null when the line is not an IAL (or is an ALD definition `{:name: …}`). */
export function parseIal(line: string): Ial | null {
  const m = IAL.exec(line);
  if (m === null || /^\s*[\w-]+:/.test(m[1])) return null;
  const ial: Ial = { classes: [], attrs: [], refs: [] };
  for (const item of m[1].matchAll(ITEM)) {
    const [, key, , value, idsAndClasses, ref] = item;
    if (key !== undefined && value !== undefined) {
      if (!safeAttr(key, value)) continue;
      const k = key.toLowerCase();
      if (k === "class") ial.classes.push(...value.split(/\s+/).filter(Boolean));
      else if (k === "id") ial.id = value;
      else ial.attrs.push([k, value]);
    } else if (idsAndClasses !== undefined) {
      for (const part of idsAndClasses.matchAll(/([#.])([\w][\w:-]*)/g)) {
        if (part[1] === "#") ial.id = part[2];
        else ial.classes.push(part[2]);
      }
    } else if (ref !== undefined) {
      ial.refs.push(ref);
    }
  }
  return ial;
}

export function isTocIal(ial: Ial): boolean {
  return ial.refs.includes("toc");
}

export function applyIal(token: Token, ial: Ial): void {
  for (const cls of ial.classes) token.attrJoin("class", cls);
  if (ial.id !== undefined) token.attrSet("id", ial.id);
  for (const [k, v] of ial.attrs) token.attrSet(k, v);
}

/** Index of the token that opens the block closed at `close` (or `close` itself for a leaf block). */
function openerOf(tokens: Token[], close: number): number {
  if (tokens[close].nesting !== -1) return close;
  for (let i = close - 1; i >= 0; i--) {
    if (tokens[i].level === tokens[close].level && tokens[i].nesting === 1) return i;
  }
  return close;
}

// A paragraph that is nothing but an IAL: attach to the adjacent block before it, else the adjacent
// block after it; kramdown never prints the line either way.
function standalone(tokens: Token[], i: number, ial: Ial): void {
  const map = tokens[i].map;
  const prev = i > 0 ? openerOf(tokens, i - 1) : -1;
  const next = i + 3;
  if (prev >= 0 && tokens[i - 1].level === tokens[i].level && tokens[prev].map?.[1] === map?.[0]) {
    if (tokens[prev].type !== "html_block") applyIal(tokens[prev], ial);
  } else if (next < tokens.length && tokens[next].nesting !== -1 && tokens[next].map?.[0] === map?.[1]) {
    if (tokens[next].type !== "html_block") applyIal(tokens[next], ial);
  }
  tokens.splice(i, 3);
}

function paragraphs(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i];
    const inline = tokens[i + 1];
    if (open.type === "heading_open" && inline?.type === "inline") {
      const m = HEADER_ID.exec(inline.content);
      if (m !== null) {
        inline.content = inline.content.slice(0, m.index);
        open.attrSet("id", m[1]);
      }
      continue;
    }
    if (open.type !== "paragraph_open" || inline?.type !== "inline") continue;
    const lines = inline.content.split("\n");
    const first = parseIal(lines[0]);
    if (lines.length === 1) {
      if (first !== null && !isTocIal(first)) {
        standalone(tokens, i, first);
        i--;
      }
      continue;
    }
    const last = parseIal(lines[lines.length - 1]);
    if (last !== null && !isTocIal(last)) {
      lines.pop();
      if (open.map) open.map = [open.map[0], open.map[1] - 1];
      // Not indented into the list item / blockquote: a lazy line, so kramdown ends the container
      // and the IAL belongs to it (the outermost one it ends).
      const container = open.map ? lazyLineTarget(state, tokens, i, open.map[1]) : -1;
      applyIal(tokens[container >= 0 ? container : i], last);
    }
    if (first !== null && !isTocIal(first) && lines.length > 1) {
      // IAL before the paragraph's text: belongs to the adjacent block above, if any, else to this one.
      lines.shift();
      const prev = i > 0 ? openerOf(tokens, i - 1) : -1;
      const adjacent = prev >= 0 && tokens[i - 1].level === open.level && tokens[prev].map?.[1] === open.map?.[0];
      applyIal(adjacent && tokens[prev].type !== "html_block" ? tokens[prev] : open, first);
      // Keep the inline token's first line right: inline math reports lines from it.
      if (open.map) open.map = [open.map[0] + 1, open.map[1]];
      if (inline.map) inline.map = [inline.map[0] + 1, inline.map[1]];
    }
    inline.content = lines.join("\n").trim();
  }
}

// A line after a table becomes an extra body row with the IAL in its first cell.
function tables(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== "table_close") continue;
    let trOpen = -1;
    for (let j = i - 1; j >= 0 && tokens[j].type !== "table_open"; j--) {
      if (tokens[j].type === "tr_open") {
        trOpen = j;
        break;
      }
    }
    if (trOpen < 0 || tokens[trOpen - 1]?.type === "thead_open") continue;
    const cells = tokens.slice(trOpen, i).filter((t) => t.type === "inline");
    const ial = cells.length > 0 ? parseIal(cells[0].content) : null;
    if (ial === null || isTocIal(ial) || cells.slice(1).some((c) => c.content !== "")) continue;
    const tableOpen = openerOf(tokens, i);
    applyIal(tokens[tableOpen], ial);
    // Drop the row (tr_open … tr_close), and the tbody if it was its only row.
    let end = trOpen;
    while (tokens[end].type !== "tr_close") end++;
    const onlyRow = tokens[trOpen - 1].type === "tbody_open" && tokens[end + 1].type === "tbody_close";
    if (onlyRow) tokens.splice(trOpen - 1, end - trOpen + 3);
    else tokens.splice(trOpen, end - trOpen + 1);
    const body = tokens.find((t, k) => k > tableOpen && t.type === "tbody_open" && t.map);
    if (body?.map && !onlyRow) body.map = [body.map[0], body.map[1] - 1];
    if (tokens[tableOpen].map) tokens[tableOpen].map = [tokens[tableOpen].map[0], tokens[tableOpen].map[1] - 1];
    i = tableOpen;
  }
}

export default function kramdownIal(md: MarkdownIt): void {
  md.core.ruler.before("inline", "kramdown_ial", (state) => {
    tables(state);
    paragraphs(state);
  });
}
