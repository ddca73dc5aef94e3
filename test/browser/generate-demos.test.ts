// The text demos in real Chromium over the built site, on their articles: rnn, lstm, stacked and
// transformer continue a typed beginning character by character (streamed, stoppable) with characters
// of their vocabulary and never `<unk>`; the transformer draws one attention heatmap per head whose rows
// are softmax rows; the n-gram shows next-word bars that change with the prefix and writes on. No
// request leaves localhost. Screenshots (desktop, and phone in dark mode) go to test/artifacts/demos/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Page } from "playwright-core";
import { loadModel } from "../../ngram/browser.ts";
import { decodeChars, encodeChars, parseVocab } from "../../models/vocab-client.ts";
import { runOnnx } from "../../models/onnx/ort.ts";
import { CharLm } from "../../plugins/demos/client/char-lm.ts";
import { pickToken } from "../../plugins/demos/client/sampling.ts";
import { SAMPLE_LENGTH } from "../../plugins/demos/static/text.ts";
import { artifact, demoPages, launch, site, skipReason, type Browser } from "./harness.ts";

const why = skipReason();
if (why !== undefined) console.log(`SKIPPED: text demo browser tests: ${why}`);

let browser: Browser;
const pageErrors: string[] = [];

function pageOf(slug: string): string {
  const path = demoPages().find((p) => p.includes(slug));
  if (!path) throw new Error(`no built page with a demo matches "${slug}"`);
  return path;
}

function vocabulary(id: string): Set<string> {
  const v = JSON.parse(readFileSync(join(site, "models", `${id}.vocab.json`), "utf8")) as { tokens: string[] };
  return new Set(v.tokens);
}

async function open(path: string, phone = false): Promise<Page> {
  const page = await browser.context.newPage();
  if (phone) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: "dark" });
  }
  page.on("pageerror", (e) => pageErrors.push(`${path}: ${e.message}`));
  await page.goto(browser.url + path, { waitUntil: "load" });
  return page;
}

async function ready(page: Page, id: string): Promise<void> {
  const root = page.locator(`[data-demo="${id}"]`);
  await root.scrollIntoViewIfNeeded();
  await page.waitForFunction((demo) => ["ready", "error"].includes(document.querySelector<HTMLElement>(`[data-demo="${demo}"]`)?.dataset.state ?? ""), id, { timeout: 120_000 });
  assert.is(await root.getAttribute("data-state"), "ready", `${id}: ${await root.locator("[data-status]").textContent()}`);
}

/** Waits until the demo's output has an answer and is no longer busy. */
async function answer(page: Page, id: string): Promise<string> {
  await page.waitForFunction((demo) => {
    const out = document.querySelector<HTMLElement>(`[data-demo="${demo}"] [data-output]`);
    return out !== null && out.dataset.prediction !== undefined && out.dataset.busy === undefined;
  }, id, { timeout: 120_000 });
  return (await page.locator(`[data-demo="${id}"] [data-output]`).getAttribute("data-prediction")) ?? "";
}

async function generateText(page: Page, id: string, prefix: string, length: number): Promise<{ generated: string; shown: string }> {
  const root = page.locator(`[data-demo="${id}"]`);
  await root.locator("[data-prompt]").fill(prefix);
  await root.locator("[data-length]").fill(String(length));
  await root.locator("[data-generate]").click();
  const generated = await answer(page, id);
  return { generated, shown: (await root.locator("[data-output]").textContent()) ?? "" };
}

function assertFromVocabulary(id: string, text: string): void {
  const vocab = vocabulary(id);
  for (const ch of text) assert.ok(vocab.has(ch), `${id} wrote ${JSON.stringify(ch)}, not in its vocabulary`);
  assert.not.ok(text.includes("\u{fffd}"), `${id} wrote <unk>`);
}

if (why === undefined) {
  test.before(async () => {
    browser = await launch();
  });
  test.after(async () => {
    await browser?.close();
  });

  test("rnn, lstm and stacked continue a typed beginning with characters of their vocabulary", async () => {
    const page = await open(pageOf("recurrent-networks"));
    for (const [id, prefix] of [["rnn", "明月"], ["lstm", "春風"], ["stacked", "白雲"]] as const) {
      await ready(page, id);
      const { generated, shown } = await generateText(page, id, prefix, 24);
      assert.is(Array.from(generated).length, 24, `${id}: 24 characters written`);
      assert.is(shown, prefix + generated, `${id}: the text shown is the prefix, then the new text`);
      assertFromVocabulary(id, generated);
      assert.is(await page.locator(`[data-demo="${id}"]`).getAttribute("data-state"), "ready");
      await page.locator(`[data-demo="${id}"]`).screenshot({ path: artifact(`${id}-text.png`) });
    }
    assert.equal(browser.foreign, [], "requests outside localhost");
    assert.equal(pageErrors, []);
    await page.close();
  });

  test("text streams character by character, and Stop ends it early", async () => {
    const page = await open(pageOf("recurrent-networks"));
    const id = "lstm";
    await ready(page, id);
    const root = page.locator(`[data-demo="${id}"]`);
    await root.locator("[data-prompt]").fill("山");
    await root.locator("[data-length]").fill("400");
    await root.locator("[data-generate]").click();
    // Part of the text is on the page while the model is still writing.
    await page.waitForFunction((demo) => {
      const out = document.querySelector<HTMLElement>(`[data-demo="${demo}"] [data-output]`);
      return out !== null && out.dataset.busy !== undefined && Array.from(out.querySelector(".tp-demo-generated")?.textContent ?? "").length >= 3;
    }, id);
    await root.locator("[data-stop]").click();
    const generated = await answer(page, id);
    const n = Array.from(generated).length;
    assert.ok(n >= 3 && n < 400, `stopped after ${n} characters`);
    assert.is(await root.locator("[data-stop]").isDisabled(), true);
    assertFromVocabulary(id, generated);
    await page.close();
  });

  test("the transformer writes on and shows one attention heatmap per head; rows are softmax rows", async () => {
    const page = await open(pageOf("transformer"));
    const id = "transformer";
    await ready(page, id);
    const manifest = JSON.parse(readFileSync(join(site, "models", "manifest.json"), "utf8")) as { models: { id: string; files: { precision?: string; outputs: { name: string; shape: (number | string)[] }[] }[] }[] };
    const file = manifest.models.find((m) => m.id === id)?.files.find((f) => f.precision === "fp32");
    const attn = file?.outputs.filter((o) => o.name.startsWith("attn_")) ?? [];
    assert.ok(attn.length >= 1, "the model has attention outputs");
    const heads = Number(attn[0].shape[1]);
    const root = page.locator(`[data-demo="${id}"]`);
    const prefix = "青山";
    for (const length of [10, 80]) {
      const { generated, shown } = await generateText(page, id, prefix, length);
      assert.is(Array.from(generated).length, length);
      assert.is(shown, prefix + generated);
      assertFromVocabulary(id, generated);
      for (const block of attn.map((_, b) => String(b))) {
        await root.locator("[data-block-select]").selectOption(block);
        const heat = root.locator("[data-heatmap]");
        assert.is(await heat.getAttribute("data-block"), block);
        assert.is(Number(await heat.getAttribute("data-heads")), heads);
        // The window is what the last run read: the end of the text before the last character, ≤ 64.
        const window = (await heat.getAttribute("data-window")) ?? "";
        const rows = Array.from(window).length;
        assert.is(rows, Math.min(64, Array.from(prefix + generated).length - 1), `block ${block}: window of ${rows}`);
        assert.ok((prefix + generated).slice(0, -1).endsWith(window));
        const maps = root.locator("[data-heatmap] canvas[data-head]");
        assert.is(await maps.count(), heads);
        for (let h = 0; h < heads; h++) {
          const map = maps.nth(h);
          assert.is(Number(await map.getAttribute("data-rows")), rows);
          assert.is(Number(await map.getAttribute("data-cols")), rows);
          const sums = ((await map.getAttribute("data-row-sums")) ?? "").split(",").map(Number);
          assert.is(sums.length, rows);
          for (const s of sums) assert.ok(Math.abs(s - 1) < 1e-3, `block ${block} head ${h}: a row sums to ${s}`);
        }
      }
    }
    await root.screenshot({ path: artifact("transformer-text.png") });
    assert.equal(browser.foreign, []);
    assert.equal(pageErrors, []);
    await page.close();
  });

  test("the n-gram shows next-word bars that follow the prefix, and writes on", async () => {
    const page = await open(pageOf("ngram-language-models"));
    const id = "ngram";
    await ready(page, id);
    const model = loadModel(new Uint8Array(readFileSync(join(site, "models", "ngram.bin"))));
    const root = page.locator(`[data-demo="${id}"]`);
    const bars = async (): Promise<{ token: string; p: number }[]> =>
      root.locator("[data-next] li").evaluateAll((lis) => lis.map((li) => ({ token: (li as HTMLElement).dataset.token ?? "", p: Number((li as HTMLElement).dataset.p) })));
    const prompt = root.locator("[data-prompt]");
    await prompt.fill("the united ");
    const first = await bars();
    assert.ok(first.length > 0 && first.length <= 10, `${first.length} bars`);
    const sum = first.reduce((a, b) => a + b.p, 0);
    assert.ok(sum <= 1 + 1e-9 && sum > 0, `bars sum to ${sum}`);
    for (let i = 1; i < first.length; i++) assert.ok(first[i - 1].p >= first[i].p, "most probable first");
    await prompt.fill("he said that ");
    const second = await bars();
    assert.not.equal(second.map((b) => b.token), first.map((b) => b.token), "the bars change with the prefix");
    assert.ok(second.reduce((a, b) => a + b.p, 0) <= 1 + 1e-9);
    await prompt.fill("the uni");
    const partial = await bars();
    assert.ok(partial.length > 0 && partial.every((b) => b.token.startsWith("uni")), `completions of "uni": ${partial.map((b) => b.token).join(" ")}`);
    await prompt.fill("The man");
    await root.locator("[data-generate]").click();
    const generated = await answer(page, id);
    const words = generated.split(" ").filter(Boolean);
    assert.ok(words.length > 0, "it wrote words");
    for (const w of words) assert.ok(model.vocab.has(w) && w !== "<unk>" && w !== "</s>", `"${w}" is a vocabulary word`);
    const shown = (await root.locator("[data-output]").textContent()) ?? "";
    assert.ok(shown.startsWith("the man") && shown.length > "the man".length, `shown: ${shown}`);
    await root.screenshot({ path: artifact("ngram-text.png") });
    assert.equal(browser.foreign, []);
    assert.equal(pageErrors, []);
    await page.close();
  });

  test("without script the text islands show the model's greedy continuation of their prompt, made at build time", async () => {
    const manifest = JSON.parse(readFileSync(join(site, "models", "manifest.json"), "utf8")) as { models: { id: string; files: { precision?: string; file: string; inputs: { name: string; shape: (number | string)[]; dtype: string }[]; outputs: { name: string; shape: (number | string)[] }[] }[] }[] };
    const plain = await launch({ noScript: true });
    try {
      for (const [slug, ids] of [["recurrent-networks", ["rnn", "lstm", "stacked"]], ["transformer", ["transformer"]]] as const) {
        const page = await plain.context.newPage();
        await page.goto(plain.url + pageOf(slug));
        for (const id of ids) {
          const root = page.locator(`[data-demo="${id}"]`);
          assert.is(await root.getAttribute("data-state"), "static");
          const prompt = (JSON.parse((await root.getAttribute("data-options")) ?? "{}") as { prompt: string }).prompt;
          // The same greedy decoding here, from the published file: the page shows exactly its result.
          const file = manifest.models.find((m) => m.id === id)?.files.find((f) => f.precision === "fp32");
          if (!file) throw new Error(`${id}: no fp32 file`);
          const bytes = new Uint8Array(readFileSync(join(site, "models", file.file)));
          const v = parseVocab(JSON.parse(readFileSync(join(site, "models", `${id}.vocab.json`), "utf8")));
          if (v.kind !== "char-lm") throw new Error(`${id}: not a char-lm vocabulary`);
          const lm = new CharLm(file, v.context, async (feeds) => {
            const typed = Object.fromEntries(Object.entries(feeds).map(([k, f]) => [k, f.data instanceof BigInt64Array ? { dtype: "int64" as const, data: f.data, dims: f.dims } : { dtype: "float32" as const, data: f.data as Float32Array, dims: f.dims }]));
            return runOnnx(bytes, typed);
          });
          let step = await lm.feed(encodeChars(v, prompt));
          const ids: number[] = [];
          for (let i = 0; i < SAMPLE_LENGTH; i++) {
            ids.push(pickToken(step.logits, 0, step.logits.length, { temperature: 0, topK: 0, banned: [v.unk] }, () => 0));
            if (i + 1 < SAMPLE_LENGTH) step = await lm.feed([ids[i]]);
          }
          const expected = `${prompt}${decodeChars(v, ids)}`.replace(/\n/g, " / ");
          const shown = (await root.locator("[data-output]").textContent()) ?? "";
          assert.ok(shown.includes(expected), `${id}: the island shows ${JSON.stringify(shown)}, greedy decoding gives ${JSON.stringify(expected)}`);
          await root.screenshot({ path: artifact(`${id}-text-static.png`) });
        }
        await page.close();
      }
      assert.equal(plain.foreign, []);
    } finally {
      await plain.close();
    }
  });

  test("on a phone in dark mode the text demos fit the screen", async () => {
    for (const [slug, ids] of [["recurrent-networks", ["rnn", "lstm", "stacked"]], ["transformer", ["transformer"]], ["ngram-language-models", ["ngram"]]] as const) {
      const page = await open(pageOf(slug), true);
      for (const id of ids) {
        await ready(page, id);
        const root = page.locator(`[data-demo="${id}"]`);
        if (id === "ngram") {
          await root.locator("[data-prompt]").fill("in the");
          await root.locator("[data-generate]").click();
          await answer(page, id);
        } else await generateText(page, id, "月", 70);
        const [scroll, client] = await root.evaluate((e) => [e.scrollWidth, e.clientWidth]);
        assert.ok(scroll <= client + 1, `${id}: content ${scroll}px wide in a ${client}px island`);
        await root.screenshot({ path: artifact(`${id}-text-phone-dark.png`) });
      }
      await page.close();
    }
    assert.equal(browser.foreign, []);
    assert.equal(pageErrors, []);
  });
}

test.run();
