// KaTeX's stylesheet and fonts for pages with build-time math. The files come from the installed `katex`
// package (found through Node's resolver, so a hoisted or nested install works the same), and only the
// woff2 fonts are shipped: every browser that can run the site reads woff2. KaTeX's own CSS lists woff2,
// then woff, then ttf in each `src`; a browser takes the first format it supports and never requests the
// rest, but the site would still point at files it does not have. So the stylesheet is rewritten to list
// woff2 alone — every `url()` in the shipped CSS names a file that exists (`fonts/KaTeX_*.woff2`, relative
// to the CSS, both under `/assets/katex/`).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Absolute path of the installed `katex/dist` folder. */
export function katexDistDir(): string {
  const require = createRequire(import.meta.url);
  // The package's main entry is `dist/katex.js`; its folder holds the CSS and `fonts/`.
  return dirname(require.resolve("katex"));
}

/** Drops the woff and ttf alternatives from every `src` list, keeping the woff2 entry. */
export function woff2Only(css: string): string {
  return css.replace(/,\s*url\([^)]*\.(?:woff|ttf)\)\s*format\(["'](?:woff|truetype)["']\)/g, "");
}

/** The stylesheet as the site ships it. */
export function katexCss(dist: string = katexDistDir()): string {
  return woff2Only(readFileSync(join(dist, "katex.min.css"), "utf8"));
}

/** Font file names the stylesheet asks for (`KaTeX_Main-Regular.woff2`, …). */
export function fontsReferenced(css: string): string[] {
  const names = new Set<string>();
  for (const m of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) names.add(m[1]);
  return [...names].sort();
}
