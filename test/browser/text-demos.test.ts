// The text demos in real Chromium over the built site, with every non-local request blocked (and none
// attempted): the seq2seq demo converts three held-out numerals and draws their attention matrices with
// one row per output digit and one column per input character, and refuses a non-numeral; the tagger
// gives one tag per word and tags "the" as Brown's article; the classifier shows two probabilities
// summing to 1 and tells its Tang sample from its Song sample. Screenshots (desktop, 390 px phone in
// light and dark) go to test/artifacts/demos/.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { numeralPairs, toChinese } from "../../models/data/numerals.ts";
import { brownTokens } from "../../plugins/demos/client/brown-tokens.ts";
import { tagClass } from "../../plugins/demos/client/brown-tags.ts";
import { artifact, demoPages, launch, site, skipReason, type Browser } from "./harness.ts";

const why = skipReason();
if (why !== undefined) console.log(`SKIPPED: browser tests: ${why}`);

let browser: Browser;
const pageErrors: string[] = [];

// Held-out numbers the published model converts correctly (checked in Node through the same ONNX files
// and greedy loop before choosing them): a zero inside the lower section, 万 with a zero after it, and a
// short one.
const numbers = [284204, 30155, 104];

const pageOf = (slug: string): string => {
  const path = demoPages().find((p) => p.includes(slug));
  if (!path) throw new Error(`no built demo page for ${slug}`);
  return path;
};

async function open(page: Page, path: string): Promise<void> {
  page.on("pageerror", (e) => pageErrors.push(`${path}: ${e.message}`));
  await page.goto(browser.url + path, { waitUntil: "load" });
}

async function ready(page: Page, id: string): Promise<void> {
  const root = page.locator(`[data-demo="${id}"]`);
  await root.scrollIntoViewIfNeeded();
  await page.waitForFunction((demo) => ["ready", "error"].includes(document.querySelector<HTMLElement>(`[data-demo="${demo}"]`)?.dataset.state ?? ""), id, { timeout: 120_000 });
  assert.is(await root.getAttribute("data-state"), "ready", `${id}: ${await root.locator("[data-status]").textContent()}`);
}

/** Waits until the demo's answer is settled (no pending input) and returns data-prediction. */
async function settled(page: Page, id: string): Promise<string | null> {
  await page.waitForFunction((demo) => {
    const out = document.querySelector<HTMLElement>(`[data-demo="${demo}"] [data-output]`);
    return out !== null && out.dataset.busy === undefined;
  }, id);
  return page.locator(`[data-demo="${id}"] [data-output]`).getAttribute("data-prediction");
}

async function type(page: Page, id: string, text: string): Promise<string | null> {
  await page.locator(`[data-demo="${id}"] [data-input]`).fill(text);
  return settled(page, id);
}

async function shots(id: string, path: string): Promise<void> {
  for (const [name, width, height, scheme] of [["", 1100, 900, "light"], ["-phone", 390, 844, "light"], ["-phone-dark", 390, 844, "dark"]] as const) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme: scheme });
    await open(page, path);
    await ready(page, id);
    await settled(page, id);
    const root = page.locator(`[data-demo="${id}"]`);
    const [scroll, client] = await root.evaluate((e) => [e.scrollWidth, e.clientWidth]);
    assert.ok(scroll <= client + 1, `${id}${name}: content ${scroll}px wide in a ${client}px island`);
    await root.screenshot({ path: artifact(`${id}${name}.png`) });
    await page.close();
  }
}

if (why === undefined) {
  test.before(async () => {
    browser = await launch();
  });
  test.after(async () => {
    await browser?.close();
  });

  test("seq2seq: three held-out numerals come out right, each with an output × input attention heatmap", async () => {
    const heldOut = new Set(numeralPairs(20_000, 1_000, 0).heldOut);
    const page = await browser.context.newPage();
    await open(page, pageOf("seq2seq-and-attention"));
    await ready(page, "seq2seq");
    for (const n of numbers) {
      assert.ok(heldOut.has(n), `${n} is a held-out number`);
      const numeral = toChinese(n);
      assert.is(await type(page, "seq2seq", numeral), String(n), numeral);
      const map = page.locator('[data-demo="seq2seq"] [data-heatmap]');
      const rows = map.locator("tbody tr");
      assert.is(await rows.count(), String(n).length, `${numeral}: one row per output digit`);
      for (let r = 0; r < String(n).length; r++) assert.is(await rows.nth(r).locator("td").count(), Array.from(numeral).length, `${numeral}: one column per input character`);
      assert.equal(await map.locator("thead th").allTextContents(), ["", ...Array.from(numeral)], "columns labelled with the input");
      assert.equal(await map.locator("tbody th").allTextContents(), Array.from(String(n)), "rows labelled with the output");
    }
    // A character outside the vocabulary: a message in the widget, no answer, no heatmap.
    assert.is(await type(page, "seq2seq", "三千abc"), null);
    assert.match((await page.locator('[data-demo="seq2seq"] .tp-demo-message').textContent()) ?? "", /abc/);
    assert.is(await page.locator('[data-demo="seq2seq"] [data-input]').getAttribute("aria-invalid"), "true");
    assert.is(await page.locator('[data-demo="seq2seq"]').getAttribute("data-state"), "ready");
    assert.is(await page.locator('[data-demo="seq2seq"] [data-heatmap]').count(), 0);
    await page.locator('[data-demo="seq2seq"]').screenshot({ path: artifact("seq2seq-invalid.png") });
    await page.close();
    assert.equal(browser.foreign, [], "requests outside localhost");
  });

  test("bilstm: one tag per word, and “the” is Brown's article (at)", async () => {
    const vocab = JSON.parse(readFileSync(join(site, "models", "bilstm.vocab.json"), "utf8")) as { tokens: string[]; tags: string[] };
    assert.ok(vocab.tags.includes("at"), "the tag set is Brown's (at = article)");
    assert.is(tagClass("at"), "det");
    const page = await browser.context.newPage();
    await open(page, pageOf("recurrent-networks"));
    await ready(page, "bilstm");
    const sentence = "The children read the letters in the garden.";
    const known = new Set(vocab.tokens);
    const words = brownTokens(sentence, (w) => known.has(w));
    const tags = ((await type(page, "bilstm", sentence)) ?? "").split(" ");
    assert.is(tags.length, words.length, `${words.join(" ")} → ${tags.join(" ")}`);
    const chips = page.locator('[data-demo="bilstm"] [data-output] .tp-demo-chip');
    assert.equal(await chips.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.word)), words);
    words.forEach((w, i) => {
      if (w.toLowerCase() === "the") assert.is(tags[i], "at", `word ${i + 1} "${w}"`);
    });
    await page.close();
    assert.equal(browser.foreign, []);
  });

  test("classify: two probabilities summing to 1, and the Tang and Song samples get different answers", async () => {
    const page = await browser.context.newPage();
    await open(page, pageOf("recurrent-networks"));
    await ready(page, "classify");
    const answers: string[] = [];
    for (const label of ["tang", "song"]) {
      await page.locator(`[data-demo="classify"] [data-sample="${label}"]`).click();
      await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-demo="classify"] [data-output]')?.dataset.busy !== undefined).catch(() => undefined);
      const answer = await settled(page, "classify");
      const p = await page.locator('[data-demo="classify"] [data-output] li').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.probability)));
      assert.is(p.length, 2);
      assert.ok(Math.abs(p[0] + p[1] - 1) < 1e-5, `probabilities ${p.join(" + ")}`);
      assert.is(answer, label, `the ${label} sample`);
      answers.push(answer ?? "");
      await page.locator('[data-demo="classify"]').screenshot({ path: artifact(`classify-${label}.png`) });
    }
    assert.not.equal(answers[0], answers[1]);
    await page.close();
    assert.equal(browser.foreign, []);
  });

  test("without script the text demos show the model's build-time answer: chips, bars, the heatmap as SVG", async () => {
    const plain = await launch({ noScript: true });
    try {
      const page = await plain.context.newPage();
      await page.goto(plain.url + pageOf("seq2seq-and-attention"));
      const numerals = page.locator('[data-demo="seq2seq"]');
      assert.is(await numerals.getAttribute("data-state"), "static");
      const svg = numerals.locator("[data-stage] svg.tp-demo-heatmap");
      const output = (await numerals.locator("[data-output]").textContent()) ?? "";
      const digits = /→ (\d+)/.exec(output)?.[1] ?? "";
      const input = /^(\S+) →/.exec(output)?.[1] ?? "";
      assert.ok(digits !== "" && input !== "", output);
      assert.is(await svg.getAttribute("data-rows"), String(digits.length));
      assert.is(await svg.getAttribute("data-cols"), String(Array.from(input).length));
      await numerals.screenshot({ path: artifact("seq2seq-static.png") });
      await page.goto(plain.url + pageOf("recurrent-networks"));
      const tagger = page.locator('[data-demo="bilstm"]');
      const vocab = JSON.parse(readFileSync(join(site, "models", "bilstm.vocab.json"), "utf8")) as { tokens: string[] };
      const known = new Set(vocab.tokens);
      const sentence = (JSON.parse((await tagger.getAttribute("data-demo-data")) ?? "{}") as { text: string }).text;
      const chips = tagger.locator("[data-output] .tp-demo-chip");
      assert.equal(await chips.evaluateAll((els) => els.map((e) => e.querySelector(".tp-demo-chip-word")?.textContent)), brownTokens(sentence, (w) => known.has(w)), "one chip per word");
      assert.ok((await chips.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.tag))).every((tag) => tag !== undefined && tag !== ""), "each with its tag");
      await tagger.screenshot({ path: artifact("bilstm-static.png") });
      const classifier = page.locator('[data-demo="classify"]');
      const p = await classifier.locator("[data-output] .tp-demo-static-bar").evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.probability)));
      assert.is(p.length, 2);
      assert.ok(Math.abs(p[0] + p[1] - 1) < 1e-5, `probabilities ${p.join(" + ")}`);
      await classifier.screenshot({ path: artifact("classify-static.png") });
      assert.equal(plain.foreign, []);
    } finally {
      await plain.close();
    }
  });

  test("screenshots: desktop, phone, phone in dark mode; every text demo fits the phone's width", async () => {
    await shots("seq2seq", pageOf("seq2seq-and-attention"));
    await shots("bilstm", pageOf("recurrent-networks"));
    await shots("classify", pageOf("recurrent-networks"));
    assert.equal(browser.foreign, []);
    assert.equal(pageErrors, []);
  });
}

test.run();
