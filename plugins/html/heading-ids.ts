// Heading ids exactly as Jekyll 4.3 makes them (kramdown-parser-gfm `generate_gfm_header_id`, POST-NOTES
// §3 H1), so anchors from the old site keep working.
import type { Root } from "hast";
import { islandTag } from "./islands.ts";
import { classesOf, findScopes, hasClass, headingsIn, textOf, type Element, type ElementContent } from "./scope.ts";

/** Everything that is not a letter, mark, decimal digit, connector punctuation, `-`, space or tab
 *  (Ruby's `[^\p{Word}\- \t]`). */
const nonWord = /[^\p{L}\p{M}\p{Nd}\p{Pc}\- \t]/gu;

/** The base slug of a heading text (before de-duplication). Empty when nothing survives. */
export function gfmSlug(text: string): string {
  return text.toLowerCase().replace(nonWord, "").replace(/[ \t]/g, "-");
}

/** TeX source of a KaTeX render (its MathML annotation), or its visible text when it has none. */
function mathText(katex: Element): string {
  let tex: string | undefined;
  let visible: string | undefined;
  const find = (el: Element): void => {
    for (const c of el.children) {
      if (c.type !== "element") continue;
      if (c.tagName === "annotation" && String(c.properties.encoding ?? "") === "application/x-tex") tex ??= textOf(c);
      else if (hasClass(c, "katex-html")) visible ??= textOf(c);
      else find(c);
    }
  };
  find(katex);
  return tex ?? visible ?? textOf(katex);
}

/**
 * The text a heading's id and TOC data are made from: its text content, with each KaTeX formula
 * replaced by its TeX source (taken from the MathML `<annotation encoding="application/x-tex">`, or
 * the visible KaTeX HTML text when there is no MathML). kramdown slugs the raw Markdown, where a
 * formula is its TeX, so `### $$\alpha$$ 平滑` gives `alpha-平滑` like Jekyll did; plain text content
 * would double every formula (MathML + HTML copies). Trimmed like kramdown's header text.
 */
export function headingText(heading: Element): string {
  let out = "";
  const walk = (nodes: ElementContent[]): void => {
    for (const n of nodes) {
      if (n.type === "text") out += n.value;
      else if (n.type === "element") {
        if (n.tagName === islandTag) out += String(n.properties.dataTex ?? n.properties.dataText ?? "");
        else if (classesOf(n).includes("katex")) out += mathText(n);
        else walk(n.children);
      }
    }
  };
  walk(heading.children);
  return out.replace(/^[ \t\n\f\r]+|[ \t\n\f\r]+$/g, "");
}

/**
 * Gives ids to the headings of a list, in order. Headings that already have an id (from `{#id}` or an
 * IAL) keep it, and no generated id may take it. Otherwise the id is `gfmSlug(text)`, then `-1`, `-2`…
 * for repeats of the same slug, as kramdown counts them; unlike kramdown, a candidate that is already
 * taken (an explicit id, or a generated `a-1` meeting a heading literally titled "a 1") is skipped to the
 * next number, so ids are always unique. A heading whose text leaves nothing gets `section` (kramdown
 * would write an empty, unlinkable `id=""`).
 */
export function assignHeadingIds(headings: Element[]): void {
  const used = new Set<string>();
  for (const h of headings) {
    const id = h.properties.id;
    if (typeof id === "string" && id !== "") used.add(id);
  }
  const counters = new Map<string, number>();
  for (const h of headings) {
    const id = h.properties.id;
    if (typeof id === "string" && id !== "") continue;
    const base = gfmSlug(headingText(h)) || "section";
    let n = counters.get(base) ?? -1;
    let candidate: string;
    do {
      n += 1;
      candidate = n === 0 ? base : `${base}-${n}`;
    } while (used.has(candidate));
    counters.set(base, n);
    used.add(candidate);
    h.properties.id = candidate;
  }
}

/** rehype plugin: ids for the headings of the post body only (see `findScopes`), each scope on its own. */
export default function rehypeHeadingIds() {
  return (tree: Root): void => {
    for (const scope of findScopes(tree)) assignHeadingIds(headingsIn(scope));
  };
}
