// How the demos benchmark makes a widget answer, per widget kind (`data-kind`): whether it needs an
// input before its first answer, and the actions that ask it for another one. Kinds not in the table get
// the generic driver: the actions found in the island (edit a text field, move a slider, pick another
// option, press a button), tried in that order until one makes the model run.
import type { Locator, Page } from "playwright-core";

/** One way to ask a widget for a new answer; `round` varies the input from call to call. */
export type Poke = (page: Page, root: Locator, round: number) => Promise<void>;

export interface Driver {
  /** The widget shows no answer until the reader gives it an input (digits: a stroke). */
  needsInput: boolean;
  /** The actions to try, in order. */
  pokes(root: Locator): Promise<Poke[]>;
}

/** A short stroke on the drawing pad, somewhere else each round. */
const stroke: Poke = async (page, root, round) => {
  const pad = root.locator("[data-pad]");
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error("the drawing pad is not visible");
  const x = box.x + box.width * (0.3 + 0.4 * ((round * 7) % 10) / 10);
  const y = box.y + box.height * (0.25 + 0.5 * ((round * 3) % 10) / 10);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + box.width * 0.1, y + box.height * 0.2, { steps: 4 });
  await page.mouse.up();
};

/** Moves one of the enabled sliders (a different one each round) to a different step. */
const slide: Poke = async (_page, root, round) => {
  const sliders = root.locator("input[type=range]:not([disabled])");
  const count = await sliders.count();
  if (count === 0) throw new Error("no enabled slider");
  await sliders.nth(round % count).evaluate((el, r) => {
    const input = el as HTMLInputElement;
    const min = Number(input.min || 0), max = Number(input.max || 100), step = Number(input.step) || 1;
    const steps = Math.max(1, Math.round((max - min) / step));
    let k = (r * 7 + 3) % (steps + 1);
    if (Math.abs(min + k * step - Number(input.value)) < step / 2) k = (k + 1) % (steps + 1);
    input.value = String(min + k * step);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }, round);
};

/** Takes the last character off the first text field's first text, or puts it back: the field only
 *  ever holds text the widget accepts (a numeral widget refuses letters it does not know). */
const edit: Poke = async (_page, root, round) => {
  await root.locator("textarea, input[type=text], input[type=search], input:not([type])").first().evaluate((el, r) => {
    const field = el as HTMLInputElement | HTMLTextAreaElement;
    const original = (field.dataset.benchText ??= field.value);
    if (original.length < 2) throw new Error("the text field is empty");
    field.value = r % 2 === 1 ? original.slice(0, -1) : original;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }, round);
};

/** Picks another option of the first select. */
const choose: Poke = async (_page, root, round) => {
  await root.locator("select").first().evaluate((el, r) => {
    const select = el as HTMLSelectElement;
    select.selectedIndex = (select.selectedIndex + 1 + r) % Math.max(1, select.options.length);
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }, round);
};

/** The text and n-gram widgets answer when asked to generate: a short run (8 tokens where the widget
 *  has a length field), so each action is a handful of model steps. */
const generate: Poke = async (_page, root) => {
  const length = root.locator("[data-length]");
  if ((await length.count()) > 0) await length.first().fill("8");
  await root.locator("[data-generate]:not([disabled])").first().click();
};

const press: Poke = async (_page, root) => {
  await root.locator("button:not([disabled])").first().click();
};

async function found(root: Locator): Promise<Poke[]> {
  const has = async (selector: string) => (await root.locator(selector).count()) > 0;
  const pokes: Poke[] = [];
  if (await has("textarea, input[type=text], input[type=search], input:not([type])")) pokes.push(edit);
  if (await has("input[type=range]:not([disabled])")) pokes.push(slide);
  if (await has("select")) pokes.push(choose);
  if (await has("[data-pad]")) pokes.push(stroke);
  if (await has("button:not([disabled])")) pokes.push(press);
  return pokes;
}

export const drivers: Record<string, Driver> = {
  digits: { needsInput: true, pokes: async () => [stroke] },
  spell: { needsInput: true, pokes: async () => [stroke] },
  iris: { needsInput: false, pokes: async () => [slide] },
  regression: { needsInput: false, pokes: async () => [slide] },
  text: { needsInput: true, pokes: async () => [generate] },
  ngram: { needsInput: true, pokes: async () => [generate] },
};

export const genericDriver: Driver = { needsInput: false, pokes: found };

export function driverFor(kind: string): Driver {
  return drivers[kind] ?? genericDriver;
}
