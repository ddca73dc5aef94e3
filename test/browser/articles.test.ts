// Issue 7: every article of posts/ in real Chromium, desktop (1280 px) and phone (390 px) width, light and
// dark. A full-page screenshot of each goes to test/artifacts/articles/ (kept as the test's artefact, to be
// looked at), and the layout is checked: the page never scrolls sideways (only elements made to scroll —
// display math, code, tables, graphs — may be wider than the column, inside their own scroll box), no
// build error box, and every figure's SVG has a size.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Page } from "playwright-core";
import { launch, root, site, skipReason, type Browser } from "./harness.ts";

const why = skipReason();
if (why !== undefined) console.log(`SKIPPED: browser tests: ${why}`);

const shots = join(root, "test", "artifacts", "articles");
const widths = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;
const schemes = ["light", "dark"] as const;

/** The built page of each post under posts/ (found by the post's slug: its file name without the date). */
function articlePages(): { slug: string; path: string }[] {
  const built = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? built(join(dir, e.name)) : e.name.endsWith(".html") ? [join(dir, e.name)] : []));
  const pages = built(site);
  const posts = readdirSync(join(root, "posts")).filter((f) => /^\d{4}-\d\d-\d\d-.+\.md$/.test(f) && readFileSync(join(root, "posts", f), "utf8").includes("lang: zh-CN"));
  return posts.sort().map((f) => {
    const slug = f.replace(/^\d{4}-\d\d-\d\d-/, "").replace(/\.md$/, "");
    const page = pages.find((p) => p.endsWith(`${sep}${slug}.html`));
    if (!page) throw new Error(`posts/${f}: no built page ${slug}.html in _site/`);
    return { slug, path: `/${relative(site, page).split(sep).join("/")}` };
  });
}

interface Layout {
  innerWidth: number;
  scrollWidth: number;
  /** Elements sticking out of the viewport that are not inside a box that scrolls or clips them. */
  overflowing: string[];
  errors: string[];
  /** Figure SVGs (model figures, graphs) with no area. */
  emptySvgs: string[];
  svgs: number;
}

/** Measured in the page: what sticks out, error boxes, figure sizes. A string: tsx would wrap named
 *  functions in a helper the page does not have. */
const measureScript = `(() => {
  const describe = (el) => {
    const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    const parent = el.parentElement;
    return (parent ? parent.tagName.toLowerCase() + " > " : "") + el.tagName.toLowerCase() + cls;
  };
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return true;
    }
    return false;
  };
  const width = document.documentElement.clientWidth;
  const overflowing = [];
  const reported = new Set();
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 0.5 || clipped(el)) continue;
    reported.add(el);
    // The outermost culprit only, not each of its children.
    if (el.parentElement && reported.has(el.parentElement)) continue;
    overflowing.push(describe(el) + " (right edge " + Math.round(r.right) + " px)");
  }
  const figureSvgs = Array.from(document.querySelectorAll(".tp-figures svg, .graphviz-wrapper svg"));
  return {
    innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    overflowing: overflowing.slice(0, 10),
    errors: Array.from(document.querySelectorAll(".tp-error, .katex-error")).map((e) => (e.textContent || "").slice(0, 200)),
    emptySvgs: figureSvgs.filter((s) => {
      const r = s.getBoundingClientRect();
      return r.width < 1 || r.height < 1;
    }).map((s) => s.getAttribute("aria-label") || describe(s)),
    svgs: figureSvgs.length,
  };
})()`;

function measure(page: Page): Promise<Layout> {
  return page.evaluate(measureScript) as Promise<Layout>;
}

let browser: Browser;

test.before(async () => {
  if (why !== undefined) return;
  mkdirSync(shots, { recursive: true });
  browser = await launch();
});

test.after(async () => {
  if (browser) await browser.close();
});

const pages = why === undefined ? articlePages() : [];

test("every zh-CN post of posts/ has a built page", () => {
  if (why !== undefined) return;
  assert.ok(pages.length >= 8, `${pages.length} articles`);
});

for (const { slug, path } of pages) {
  test(`${slug}: desktop and phone, light and dark: no sideways scroll, no error box, figures drawn`, async () => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    try {
      for (const scheme of schemes) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const w of widths) {
          await page.setViewportSize({ width: w.width, height: w.height });
          if (page.url() === "about:blank") await page.goto(browser.url + path, { waitUntil: "load" });
          await page.evaluate("document.fonts.ready.then(() => undefined)");
          const where = `${slug} ${w.name} ${scheme}`;
          const m = await measure(page);
          assert.ok(m.scrollWidth <= m.innerWidth, `${where}: the page scrolls sideways (${m.scrollWidth} > ${m.innerWidth}): ${m.overflowing.join("; ")}`);
          assert.equal(m.overflowing, [], `${where}: wider than the viewport, outside any scroll box`);
          assert.equal(m.errors, [], `${where}: error boxes`);
          assert.equal(m.emptySvgs, [], `${where}: figures without a size`);
          assert.ok(m.svgs > 0, `${where}: the article has figures`);
          await page.screenshot({ path: join(shots, `${slug}-${w.name}-${scheme}.png`), fullPage: true });
        }
      }
      assert.equal(problems, [], `${slug}: script errors`);
    } finally {
      await page.close();
    }
  });
}

test.run();
