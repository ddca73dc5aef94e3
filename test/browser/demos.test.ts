// The demos in real Chromium over the built site: every demo page loads with no request leaving
// localhost; every demo reaches data-state="ready"; three MNIST test digits drawn with the mouse are
// read correctly by both digit demos; after one visit the page and its demos work offline (service
// worker). Screenshots of each demo go to test/artifacts/demos/ (to be looked at).
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Page } from "playwright-core";
import { loadMnist } from "../../models/data/mnist.ts";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pagesWithIslands, writeDemoAssets } from "../../plugins/demos/assets.ts";
import { artifact, demoPages, launch, site, skipReason, type Browser } from "./harness.ts";
import { drawDigit } from "./draw.ts";

const why = skipReason();
if (why !== undefined) console.log(`SKIPPED: browser tests: ${why}`);

let browser: Browser;
const pageErrors: string[] = [];

/** Three test digits (different classes), 28×28 in [0,1]. */
function testDigits(): { label: number; pixels: Float32Array }[] {
  const { test: rows } = loadMnist();
  return [3, 5, 8].map((label) => {
    const i = rows.y.indexOf(label);
    return { label, pixels: rows.x.slice(i * 784, (i + 1) * 784) };
  });
}

async function open(page: Page, path: string): Promise<void> {
  page.on("pageerror", (e) => pageErrors.push(`${path}: ${e.message}`));
  await page.goto(browser.url + path, { waitUntil: "load" });
}

/** Scrolls each demo into view (they hydrate when seen) and waits until all are ready. */
async function allReady(page: Page): Promise<string[]> {
  const ids = await page.$$eval("[data-demo]", (els) => els.map((e) => (e as HTMLElement).dataset.demo ?? ""));
  for (const id of ids) {
    const root = page.locator(`[data-demo="${id}"]`).first();
    await root.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (demo) => ["ready", "error"].includes(document.querySelector<HTMLElement>(`[data-demo="${demo}"]`)?.dataset.state ?? ""),
      id,
      { timeout: 120_000 },
    );
    const state = await root.getAttribute("data-state");
    const status = await root.locator("[data-status]").textContent();
    assert.is(state, "ready", `${id}: ${status}`);
  }
  return ids;
}

// Draws with the mouse or a finger (touch), as test/browser/draw.ts does for every image demo.
const draw = drawDigit;

if (why === undefined) {
  test.before(async () => {
    browser = await launch();
  });
  test.after(async () => {
    await browser?.close();
  });

  test("every demo page loads, all its demos get ready, and no request leaves localhost", async () => {
    const pages = demoPages();
    assert.ok(pages.length > 0, "the site has demo pages");
    const seen = new Set<string>();
    for (const path of pages) {
      const page = await browser.context.newPage();
      await open(page, path);
      for (const id of await allReady(page)) {
        seen.add(id);
        await page.locator(`[data-demo="${id}"]`).screenshot({ path: artifact(`${id}.png`) });
      }
      await page.close();
    }
    for (const id of ["linear", "perceptron", "softmax", "mlp", "cnn"]) assert.ok(seen.has(id), `a page shows the ${id} demo`);
    assert.equal(browser.foreign, [], "requests outside localhost");
    assert.equal(pageErrors, []);
  });

  test("three MNIST test digits drawn with the mouse are read correctly by the mlp and cnn demos", async () => {
    const path = demoPages().find((p) => p.includes("models-in-your-browser")) ?? demoPages()[0];
    const page = await browser.context.newPage();
    await open(page, path);
    await allReady(page);
    for (const id of ["mlp", "cnn"]) {
      for (const d of testDigits()) {
        const answer = await draw(page, id, d.pixels);
        assert.is(answer, String(d.label), `${id} read a drawn ${d.label} as ${answer}`);
      }
      await page.locator(`[data-demo="${id}"]`).screenshot({ path: artifact(`${id}-drawn.png`) });
    }
    // The cnn shows its first layer's feature maps.
    assert.is(await page.locator('[data-demo="cnn"] [data-map]').count(), 6);
    assert.equal(browser.foreign, []);
    await page.close();
  });

  test("after one visit the page and its demos work offline (service worker)", async () => {
    const path = demoPages().find((p) => p.includes("models-in-your-browser")) ?? demoPages()[0];
    const page = await browser.context.newPage();
    await open(page, path);
    const ids = await allReady(page);
    // Each widget says when everything it needs is cached.
    for (const id of ids) {
      await page.waitForFunction((demo) => document.querySelector<HTMLElement>(`[data-demo="${demo}"]`)?.dataset.offline === "true", id, { timeout: 60_000 });
    }
    await browser.context.setOffline(true);
    try {
      await page.reload({ waitUntil: "load" });
      assert.equal((await allReady(page)).sort(), ids.sort());
      const [digit] = testDigits();
      assert.is(await draw(page, "mlp", digit.pixels), String(digit.label), "mlp works offline");
      await page.screenshot({ path: artifact("offline-page.png") });
    } finally {
      await browser.context.setOffline(false);
    }
    assert.equal(browser.foreign, []);
    assert.equal(pageErrors, []);
    await page.close();
  });

  test("a digit drawn with a finger (touch) is read too", async () => {
    const phone = await launch({ touch: true, blockServiceWorkers: true });
    try {
      const page = await phone.context.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(phone.url + (demoPages().find((p) => p.includes("models-in-your-browser")) ?? demoPages()[0]));
      await allReady(page);
      const [, digit] = testDigits();
      assert.is(await draw(page, "mlp", digit.pixels, "touch"), String(digit.label));
      assert.equal(phone.foreign, []);
    } finally {
      await phone.close();
    }
  });

  test("on a phone in dark mode every demo fits the screen", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: "dark" });
    await open(page, demoPages().find((p) => p.includes("models-in-your-browser")) ?? demoPages()[0]);
    for (const id of await allReady(page)) {
      const root = page.locator(`[data-demo="${id}"]`);
      const [scroll, client] = await root.evaluate((e) => [e.scrollWidth, e.clientWidth]);
      assert.ok(scroll <= client + 1, `${id}: content ${scroll}px wide in a ${client}px island`);
      await root.screenshot({ path: artifact(`${id}-phone-dark.png`) });
    }
    await page.close();
  });

  test("without script every island shows its static figure and sample result", async () => {
    const plain = await launch({ noScript: true });
    try {
      const page = await plain.context.newPage();
      await page.goto(plain.url + (demoPages().find((p) => p.includes("models-in-your-browser")) ?? demoPages()[0]));
      for (const id of ["linear", "perceptron", "softmax", "mlp", "cnn"]) {
        const root = page.locator(`[data-demo="${id}"]`);
        assert.is(await root.getAttribute("data-state"), "static");
        assert.is(await root.locator("[data-stage] svg").count(), 1, `${id} has its figure`);
        assert.match((await root.locator("[data-output]").textContent()) ?? "", /\d/, `${id} shows a measured score`);
        await root.screenshot({ path: artifact(`${id}-static.png`) });
      }
      assert.equal(plain.foreign, []);
    } finally {
      await plain.close();
    }
  });

  test("a new build's service worker replaces the old cache", async () => {
    // A copy of the site, so "the next build" can change it.
    const copy = mkdtempSync(join(tmpdir(), "tp-site-copy-"));
    cpSync(site, copy, { recursive: true });
    const b = await launch({ root: copy });
    try {
      const path = demoPages().find((p) => p.includes("models-in-your-browser")) ?? demoPages()[0];
      const page = await b.context.newPage();
      await page.goto(b.url + path);
      await allReady(page);
      await page.waitForFunction(() => document.querySelector<HTMLElement>("[data-demo]")?.dataset.offline === "true", undefined, { timeout: 60_000 });
      const before = await page.evaluate(() => caches.keys());
      assert.is(before.length, 1, `one cache: ${before.join(", ")}`);
      // The next build: a page changed, so the demo step writes a sw.js with a new version.
      appendFileSync(join(copy, path.replace(/^\//, "").replace(/(^|\/)$/, "$1index.html")), "\n<!-- rebuilt -->\n");
      await writeDemoAssets(copy, pagesWithIslands(copy));
      await page.reload();
      await page.waitForFunction(async (old) => {
        const keys = await caches.keys();
        return keys.length === 1 && keys[0] !== old;
      }, before[0], { timeout: 60_000 });
      const cache = await page.evaluate(async (p) => {
        const hit = await (await caches.open((await caches.keys())[0])).match(p);
        return hit ? await hit.text() : "";
      }, b.url + path);
      assert.match(cache, /<!-- rebuilt -->/, "the new cache holds the new page");
      assert.equal(b.foreign, []);
    } finally {
      await b.close();
      rmSync(copy, { recursive: true, force: true });
    }
  });

  test("a cross-origin isolated page runs the runtime with threads, and the demos still work", async () => {
    const isolated = await launch({ blockServiceWorkers: true });
    try {
      // What a host that sends COOP/COEP on every response does (the worker script needs COEP too);
      // static hosts usually send neither, hence one thread by default.
      await isolated.context.route(/^http:\/\/127\.0\.0\.1/, async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers(), "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" };
        await route.fulfill({ response, headers });
      });
      const page = await isolated.context.newPage();
      const workers: string[] = [];
      page.on("worker", (w) => workers.push(w.url()));
      await page.goto(isolated.url + (demoPages().find((p) => p.includes("models-in-your-browser")) ?? demoPages()[0]));
      assert.ok(await page.evaluate(() => crossOriginIsolated), "the page is cross-origin isolated");
      await allReady(page);
      const [digit] = testDigits();
      assert.is(await draw(page, "cnn", digit.pixels), String(digit.label));
      assert.ok(workers.some((u) => u.includes("/assets/ort/")), `onnxruntime started worker threads: ${workers.join(", ")}`);
      assert.equal(isolated.foreign, []);
    } finally {
      await isolated.close();
    }
  });

  test("a corrupt or missing model file puts its demo in the error state with a clear message", async () => {
    const broken = await launch({ blockServiceWorkers: true });
    try {
      await broken.context.route("**/models/mlp.onnx", async (route) => {
        const response = await route.fetch();
        const body = Buffer.from(await response.body());
        body[body.length >> 1] ^= 0xff; // same size, one byte flipped: only the sha256 can tell
        await route.fulfill({ response, body });
      });
      await broken.context.route("**/models/cnn.onnx", (route) => route.fulfill({ status: 404, body: "not found" }));
      const page = await broken.context.newPage();
      await page.goto(broken.url + (demoPages().find((p) => p.includes("models-in-your-browser")) ?? demoPages()[0]));
      for (const [id, words] of [["mlp", /damaged.*sha256/], ["cnn", /could not be downloaded.*404/]] as const) {
        const root = page.locator(`[data-demo="${id}"]`);
        await root.scrollIntoViewIfNeeded();
        await page.waitForFunction((demo) => document.querySelector<HTMLElement>(`[data-demo="${demo}"]`)?.dataset.state === "error", id, { timeout: 60_000 });
        assert.match((await root.locator("[data-status]").textContent()) ?? "", words);
        await root.screenshot({ path: artifact(`${id}-error.png`) });
      }
      // The other demos on the page are not affected.
      await page.locator('[data-demo="softmax"]').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-demo="softmax"]')?.dataset.state === "ready", undefined, { timeout: 60_000 });
      assert.equal(broken.foreign, []);
    } finally {
      await broken.close();
    }
  });
}

test.run();
