// kramdown's table of contents marker: a one-item list followed by the IAL `{:toc}` (POST-NOTES H3).
// markdown-it keeps `{:toc}` as a lazy second line of the item's paragraph (`<li>TOC\n{:toc}</li>`),
// so we look for exactly that shape and swap the list for a placeholder the rehype pass fills in.
// kramdown turns only the first marker into a TOC; later ones stay ordinary lists (minus the IAL).
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { isTocIal, parseIal } from "./ial.ts";

const LISTS: Record<string, "ul" | "ol"> = { bullet_list_open: "ul", ordered_list_open: "ol" };

/** The item's inline token when the list at `open` is `list, item, paragraph, inline, …` with one item. */
function singleItemInline(tokens: Token[], open: number): Token | null {
  const t = (k: number): string | undefined => tokens[open + k]?.type;
  if (t(1) !== "list_item_open" || t(2) !== "paragraph_open" || t(3) !== "inline") return null;
  if (t(4) !== "paragraph_close" || t(5) !== "list_item_close") return null;
  if (tokens[open + 6]?.type !== tokens[open].type.replace("_open", "_close")) return null;
  return tokens[open + 3];
}

function tocMarker(state: StateCore): void {
  const tokens = state.tokens;
  let found = false;
  for (let i = 0; i < tokens.length; i++) {
    const list = LISTS[tokens[i].type];
    if (list === undefined) continue;
    const inline = singleItemInline(tokens, i);
    if (inline === null) continue;
    const lines = inline.content.split("\n");
    const ial = lines.length > 1 ? parseIal(lines[lines.length - 1]) : null;
    if (ial === null || !isTocIal(ial)) continue;
    if (found) {
      // Not the first marker: an ordinary list whose IAL line is consumed, as kramdown does.
      inline.content = lines.slice(0, -1).join("\n").trim();
      continue;
    }
    found = true;
    const placeholder = new state.Token("toc_placeholder", "nav", 0);
    placeholder.block = true;
    placeholder.map = tokens[i].map;
    placeholder.level = tokens[i].level;
    placeholder.info = list;
    tokens.splice(i, 7, placeholder);
  }
}

export default function kramdownTocMarker(md: MarkdownIt): void {
  md.core.ruler.after("block", "kramdown_toc_marker", tocMarker);
  md.renderer.rules.toc_placeholder = (tokens, idx) =>
    `<nav class="toc-placeholder" data-tp-toc="${tokens[idx].info === "ol" ? "ol" : "ul"}"></nav>\n`;
}
