// kramdown's `{:toc}`: the markdown layer leaves `<nav class="toc-placeholder" data-tp-toc="ul|ol">`
// where the `* TOC` list was; this fills it with the list kramdown would have written (POST-NOTES H4).
import type { Root } from "hast";
import { headingText } from "./heading-ids.ts";
import { findScopes, hasClass, headingLevel, headingsIn, walkElements, type Element, type ElementContent, type Parents } from "./scope.ts";

export interface HeadingInfo {
  /** 1–6, from the tag name. */
  depth: number;
  id: string;
  /** Plain text of the heading, formulas as their TeX (see `headingText`). */
  text: string;
  /** False for headings with class `no_toc`. */
  toc: boolean;
}

declare module "vfile" {
  interface DataMap {
    /** Headings of the post body in document order (set by `rehypeToc`). */
    headings: HeadingInfo[];
  }
}

export const tocListId = "markdown-toc";

function element(tagName: string, properties: Element["properties"], children: ElementContent[]): Element {
  return { type: "element", tagName, properties, children };
}

/** A heading's rendered content made fit for a TOC link, as kramdown's `fix_for_toc_entry` does: links
 *  are unwrapped (no `<a>` inside `<a>`), footnote references dropped, and ids removed so the copy does
 *  not duplicate any. */
function tocContent(heading: Element): ElementContent[] {
  const fix = (nodes: ElementContent[]): ElementContent[] => {
    const out: ElementContent[] = [];
    for (const n of nodes) {
      if (n.type === "text") out.push({ type: "text", value: n.value });
      else if (n.type === "element") {
        if (n.tagName === "a") {
          out.push(...fix(n.children));
          continue;
        }
        const isFootnoteRef =
          n.tagName === "sup" &&
          (n.properties.role === "doc-noteref" || n.children.some((c) => c.type === "element" && c.tagName === "a" && hasClass(c, "footnote")));
        if (isFootnoteRef) continue;
        const properties = { ...n.properties };
        delete properties.id;
        out.push(element(n.tagName, properties, fix(n.children)));
      }
    }
    return out;
  };
  return fix(heading.children);
}

/** kramdown's `generate_toc_tree`: an entry nests under the nearest earlier entry of a shallower level,
 *  so nesting is relative (an h5 right after an h3 is one level down, not two). */
export function buildToc(entries: { level: number; id: string; content: ElementContent[] }[], type: "ul" | "ol"): Element {
  const list = element(type, { id: tocListId }, []);
  const stack: { level: number; li: Element; sub: Element }[] = [];
  const close = (item: { li: Element; sub: Element } | undefined): void => {
    if (item && item.sub.children.length === 0) item.li.children.pop();
  };
  for (const e of entries) {
    const a = element("a", { href: `#${e.id}`, id: `${tocListId}-${e.id}` }, e.content);
    const sub = element(type, {}, []);
    const item = { level: e.level, li: element("li", {}, [a, sub]), sub };
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        list.children.push(item.li);
        break;
      }
      if (top.level < e.level) {
        top.sub.children.push(item.li);
        break;
      }
      close(stack.pop());
    }
    stack.push(item);
  }
  while (stack.length > 0) close(stack.pop());
  return list;
}

function placeholdersIn(scope: Parents): { el: Element; parent: Parents }[] {
  const found: { el: Element; parent: Parents }[] = [];
  walkElements(scope, (el, parent) => {
    if (el.properties.dataTpToc !== undefined && hasClass(el, "toc-placeholder")) {
      found.push({ el, parent });
      return false;
    }
    return true;
  });
  return found;
}

/**
 * rehype plugin (run after `rehypeHeadingIds`): records the body's headings in `file.data.headings` and
 * fills the first TOC placeholder of each scope. The `<nav>` stays (class `toc`, marker attributes
 * removed) and gets the kramdown list `<ul id="markdown-toc">` as its only child; like kramdown, only the
 * first `{:toc}` becomes a TOC, later placeholders are removed, and headings with class `no_toc` (or
 * without an id) are left out. With no TOC entries the placeholder is removed.
 */
export default function rehypeToc() {
  return (tree: Root, file: { data: { headings?: HeadingInfo[] } }): void => {
    const all: HeadingInfo[] = [];
    for (const scope of findScopes(tree)) {
      const entries: { level: number; id: string; content: ElementContent[] }[] = [];
      const headings = headingsIn(scope);
      const places = placeholdersIn(scope);
      for (const h of headings) {
        const id = typeof h.properties.id === "string" ? h.properties.id : "";
        if (id === "") continue;
        const inToc = !hasClass(h, "no_toc");
        all.push({ depth: headingLevel(h), id, text: headingText(h), toc: inToc });
        if (inToc && places.length > 0) entries.push({ level: headingLevel(h), id, content: tocContent(h) });
      }
      places.forEach(({ el, parent }, i) => {
        const index = parent.children.indexOf(el);
        if (i > 0 || entries.length === 0) {
          parent.children.splice(index, 1);
          return;
        }
        const type = el.properties.dataTpToc === "ol" ? "ol" : "ul";
        const properties: Element["properties"] = { ...el.properties, className: ["toc"] };
        delete properties.dataTpToc;
        parent.children[index] = element(el.tagName, properties, [buildToc(entries, type)]);
      });
    }
    file.data.headings = all;
  };
}
