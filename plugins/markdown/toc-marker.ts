// kramdown's table of contents marker: a list followed by the IAL `{:toc}` (POST-NOTES H3), usually
// `* TOC` / `{:toc}`. markdown-it keeps `{:toc}` as a lazy last line of the item's paragraph
// (`<li>TOC\n{:toc}</li>`), so we look for that line and swap the list it ends for a placeholder the
// rehype pass fills in. Like kramdown: only the first marker becomes a TOC, the list's items do not
// matter, and every other `{:toc}` line (later markers, one indented into the item, one after a
// paragraph) is consumed without output. This file owns `{:toc}`; ial.ts leaves it alone.
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import { isTocIal, parseIal } from "./ial.ts";
import { closerOf, lazyLineTarget } from "./lazy.ts";

function tocMarker(state: StateCore): void {
  const tokens = state.tokens;
  let found = false;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== "paragraph_open" || tokens[i + 1]?.type !== "inline") continue;
    const inline = tokens[i + 1];
    const lines = inline.content.split("\n");
    const ial = parseIal(lines[lines.length - 1]);
    if (ial === null || !isTocIal(ial)) continue;
    const map = tokens[i].map;
    const target = map && lines.length > 1 ? lazyLineTarget(state, tokens, i, map[1] - 1) : -1;
    const list = target >= 0 ? tokens[target].type : "";
    if (!found && (list === "bullet_list_open" || list === "ordered_list_open")) {
      found = true;
      const placeholder = new state.Token("toc_placeholder", "nav", 0);
      placeholder.block = true;
      placeholder.map = tokens[target].map;
      placeholder.level = tokens[target].level;
      placeholder.info = list === "ordered_list_open" ? "ol" : "ul";
      tokens.splice(target, closerOf(tokens, target) - target + 1, placeholder);
      i = target;
      continue;
    }
    if (lines.length === 1) {
      tokens.splice(i, 3);
      i--;
    } else {
      inline.content = lines.slice(0, -1).join("\n").trim();
      if (map) tokens[i].map = [map[0], map[1] - 1];
    }
  }
}

export default function kramdownTocMarker(md: MarkdownIt): void {
  md.core.ruler.after("block", "kramdown_toc_marker", tocMarker);
  md.renderer.rules.toc_placeholder = (tokens, idx) =>
    `<nav class="toc-placeholder" data-tp-toc="${tokens[idx].info === "ol" ? "ol" : "ul"}"></nav>\n`;
}
