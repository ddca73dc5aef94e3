// Page assets decided by content: the KaTeX stylesheet only where there is math, image checks and
// lazy-loading attributes.
import type { Root } from "hast";
import type { BuildReport } from "../errors.ts";
import { islandTag } from "./islands.ts";
import { hasClass, walkElements, type Element } from "./scope.ts";

export interface AssetOptions {
  report: BuildReport;
  /** Path prefix the site is served under, e.g. `/blog` (default ""). */
  base?: string;
  /** Tells whether a local image exists; given the `src` as written minus any `?query`/`#hash`
   *  (site-absolute like `/img/a.png`, or relative to the page). Without it images are not checked. */
  imageExists?(src: string): boolean;
}

declare module "vfile" {
  interface DataMap {
    /** Source file the page was built from, used when reporting. */
    source: string;
  }
}

export function katexCssHref(base = ""): string {
  return `${base.replace(/\/+$/, "")}/assets/katex/katex.min.css`;
}

/** `src` values that point into this site: not `scheme:`, not protocol-relative `//host`. */
export function isLocalSrc(src: string): boolean {
  return src !== "" && !src.startsWith("//") && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(src) && !src.startsWith("#");
}

/**
 * rehype plugin. When the page holds KaTeX output (an element with class `katex`) and has a `<head>`,
 * adds `<link rel="stylesheet" href="{base}/assets/katex/katex.min.css">` at the end of the head, once.
 * A fragment has no head and gets nothing (its host page carries the stylesheet). Every `<img>` gets
 * `loading="lazy"` and `decoding="async"` unless it already says otherwise, and every local `src` missing
 * according to `imageExists` is reported as a warning of kind `image`.
 */
export default function rehypeAssets(options: AssetOptions) {
  const href = katexCssHref(options.base);
  return (tree: Root, file: { data: { source?: string }; path?: string }): void => {
    const source = file.data.source ?? file.path ?? "";
    let head: Element | undefined;
    let hasMath = false;
    let linked = false;
    walkElements(tree, (el) => {
      if (el.tagName === "head") head ??= el;
      else if (el.tagName === "link" && el.properties.href === href) linked = true;
      else if (el.tagName === "img") {
        const p = el.properties;
        p.loading ??= "lazy";
        p.decoding ??= "async";
        const src = typeof p.src === "string" ? p.src.trim() : "";
        if (options.imageExists && isLocalSrc(src)) {
          const path = src.replace(/[?#].*$/, "");
          if (!options.imageExists(path)) options.report.warn(source, undefined, "image", `image not found: ${src}`);
        }
      } else if (!hasMath && (el.tagName === islandTag || hasClass(el, "katex"))) hasMath = true;
      return true;
    });
    if (hasMath && head !== undefined && !linked) {
      head.children.push({ type: "element", tagName: "link", properties: { rel: ["stylesheet"], href }, children: [] });
    }
  };
}
