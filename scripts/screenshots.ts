// `tsx scripts/screenshots.ts [path…]`: screenshots of built pages, light and dark, desktop and phone,
// into test/artifacts/screens/ (to be looked at). Uses Debian's chromium through playwright-core.
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serveStatic } from "./serve-static.ts";

const root = new URL("..", import.meta.url).pathname;
const paths = process.argv.slice(2);
const outDir = join(root, "test", "artifacts", "screens");
mkdirSync(outDir, { recursive: true });

const { server, url } = await serveStatic(join(root, "_site"));
// A fresh profile each run (playwright passes it as --user-data-dir).
const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "chromium-")), {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
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
