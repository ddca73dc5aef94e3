// Drawing an MNIST digit on a demo's pad with the mouse or a finger, as a reader would: horizontal strokes over the
// digit's dark pixels (≥ 0.5), scaled to the pad. (Not a test file: no .test.ts.)
import type { Page } from "playwright-core";

/** Clears the pad (its `[data-clear]` button), draws the 28×28 digit with the mouse or a finger (touch
 *  events through the DevTools protocol, as a phone sends them), waits for the answer. */
export async function drawDigit(page: Page, id: string, pixels: Float32Array, via: "mouse" | "touch" = "mouse"): Promise<string> {
  const root = page.locator(`[data-demo="${id}"]`);
  await root.locator("[data-clear]").click();
  const pad = root.locator("[data-pad]");
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error(`${id}: no drawing pad`);
  const at = (x: number, y: number) => [box.x + ((x + 0.5) / 28) * box.width, box.y + ((y + 0.5) / 28) * box.height] as const;
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      if (pixels[y * 28 + x] < 0.5 || (x > 0 && pixels[y * 28 + x - 1] >= 0.5)) continue;
      let end = x;
      while (end + 1 < 28 && pixels[y * 28 + end + 1] >= 0.5) end++;
      if (via === "mouse") {
        await page.mouse.move(...at(x, y));
        await page.mouse.down();
        await page.mouse.move(...at(end, y), { steps: Math.max(1, end - x) });
        await page.mouse.up();
        continue;
      }
      const cdp = await page.context().newCDPSession(page);
      const point = (px: number) => {
        const [cx, cy] = at(px, y);
        return [{ x: cx, y: cy }];
      };
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: point(x) });
      for (let px = x + 1; px <= end; px++) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: point(px) });
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
      await cdp.detach();
    }
  }
  await page.waitForFunction((demo) => {
    const out = document.querySelector<HTMLElement>(`[data-demo="${demo}"] [data-output]`);
    return out !== null && out.dataset.prediction !== undefined && out.dataset.busy === undefined;
  }, id, { timeout: 60_000 });
  return (await root.locator("[data-output]").getAttribute("data-prediction")) ?? "";
}
