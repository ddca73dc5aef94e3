// The speller demo (spell, issue 7) in real Chromium over the built site: MNIST test digits drawn with
// the mouse come out spelled as their English names, one column per decoder step (the chosen token and
// the three most probable ones, the last column the end token), with no request leaving localhost.
// Screenshots: test/artifacts/demos/spell-*.png.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadMnist } from "../../models/data/mnist.ts";
import { DIGIT_NAMES } from "../../models/families/spell.ts";
import { drawDigit } from "./draw.ts";
import { artifact, demoPages, launch, skipReason, type Browser } from "./harness.ts";

const why = skipReason();
if (why !== undefined) console.log(`SKIPPED: browser tests: ${why}`);

let browser: Browser;

/** The first test digit of each class: 7 (shares "s" with six), 3 (shares "t" with two), 4. */
function testDigits(): { label: number; pixels: Float32Array }[] {
  const { test: rows } = loadMnist();
  return [7, 3, 4].map((label) => {
    const i = rows.y.indexOf(label);
    return { label, pixels: rows.x.slice(i * 784, (i + 1) * 784) };
  });
}

if (why === undefined) {
  test.before(async () => {
    browser = await launch();
  });
  test.after(async () => {
    await browser?.close();
  });

  test("drawn test digits are spelled letter by letter, each step with its top tokens", async () => {
    const path = demoPages().find((p) => p.includes("recurrent-networks"));
    assert.ok(path, "the recurrent-networks post has demos");
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(browser.url + path!, { waitUntil: "load" });
    const root = page.locator('[data-demo="spell"]');
    await root.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => ["ready", "error"].includes(document.querySelector<HTMLElement>('[data-demo="spell"]')?.dataset.state ?? ""), undefined, { timeout: 120_000 });
    assert.is(await root.getAttribute("data-state"), "ready", (await root.locator("[data-status]").textContent()) ?? "");
    for (const d of testDigits()) {
      const name = await drawDigit(page, "spell", d.pixels);
      assert.is(name, DIGIT_NAMES[d.label], `a drawn ${d.label} was spelled "${name}"`);
      const steps = root.locator("[data-step]");
      assert.is(await steps.count(), name.length + 1, "one column per letter and one for the end");
      for (let k = 0; k < name.length; k++) {
        assert.is(await steps.nth(k).locator(".tp-demo-step-letter").textContent(), name[k]);
        assert.is(await steps.nth(k).locator("[data-token]").count(), 3);
        assert.is(await steps.nth(k).locator(".tp-demo-best").getAttribute("data-token"), name[k], "the chosen token is the most probable one");
      }
      assert.ok(await steps.nth(name.length).evaluate((e) => e.classList.contains("tp-demo-step-end")), "the last column is the end token");
      await root.screenshot({ path: artifact(`spell-drawn-${d.label}.png`) });
    }
    await root.locator("[data-clear]").click();
    assert.is(await root.locator("[data-step]").count(), 0, "clearing removes the steps");
    assert.is(await root.locator("[data-output]").getAttribute("data-prediction"), null);
    assert.equal(errors, []);
    assert.equal(browser.foreign, [], "requests outside localhost");
    await page.close();
  });

  test("without script: the static figure shows a test digit, the name's letter slots and the measured exact match", async () => {
    const ctx = await launch({ noScript: true });
    try {
      const page = await ctx.context.newPage();
      await page.goto(ctx.url + demoPages().find((p) => p.includes("recurrent-networks"))!, { waitUntil: "load" });
      const root = page.locator('[data-demo="spell"]');
      assert.is(await root.getAttribute("data-state"), "static");
      assert.is(await root.locator(".tp-demo-slot").count(), "seven".length);
      assert.match((await root.locator("[data-output]").textContent()) ?? "", /\d+\.\d\d %/);
      await root.scrollIntoViewIfNeeded();
      await root.screenshot({ path: artifact("spell-static.png") });
    } finally {
      await ctx.close();
    }
  });
}

test.run();
