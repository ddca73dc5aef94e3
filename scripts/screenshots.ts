// `tsx scripts/screenshots.ts [path…]`: screenshots of built pages, light and dark, desktop and phone,
// into test/artifacts/screens/ (to be looked at). Uses Debian's chromium through playwright-core.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchPersistent } from "./chromium.ts";
import { serveStatic } from "./serve-static.ts";

const root = new URL("..", import.meta.url).pathname;
const paths = process.argv.slice(2);
const outDir = join(root, "test", "artifacts", "screens");
mkdirSync(outDir, { recursive: true });

const { server, url } = await serveStatic(join(root, "_site"));
// A fresh profile each run.
const browser = await launchPersistent();
try {
  for (const path of paths.length ? paths : ["/"]) {
    for (const [label, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]] as const) {
      for (const scheme of ["light", "dark"] as const) {
        const page = await browser.newPage();
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(url + path, { waitUntil: "load" });
        const name = `${path.replace(/[^\w\u4e00-\u9fff-]+/g, "_")}-${label}-${scheme}.png`;
        await page.screenshot({ path: join(outDir, name), fullPage: false });
        console.log(join(outDir, name));
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
