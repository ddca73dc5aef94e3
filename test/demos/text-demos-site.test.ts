// The numerals demo through a whole-site build (the seq2seq model from the model cache, `quick` budget =
// parity for it): a good `text` option gets the model's own conversion and its attention heatmap as the
// island's static figure; a bad one is an error naming the file and line.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { toChinese } from "../../models/data/numerals.ts";
import { buildSite } from "../helpers/site.ts";

test("seq2seq demo: the text option's numeral converted at build time, with its heatmap; a bad numeral is a located error", async () => {
  const numeral = toChinese(1024);
  const site = await buildSite({
    "2024-01-01-numerals.md": `---\ntitle: Numerals\n---\n\n{% demo "seq2seq", "text=${numeral}" %}\n\n\`\`\`demo seq2seq text=三千abc\n\`\`\`\n`,
  }, { models: [], modelBudget: "quick" });
  const logs = site.logs.join("\n");
  assert.match(logs, /2024-01-01-numerals\.md:7: error: \[demo\] demo option text="三千abc": "a" is not a numeral character/);
  const html = site.read("2024/01/01/numerals.html");
  const island = /<figure class="tp-demo tp-demo-numerals"[\s\S]*?<\/figure>/.exec(html)?.[0] ?? "";
  assert.match(island, new RegExp(`data-output="">${numeral} → 1024 · `), "the model's answer");
  assert.match(island, /<svg class="tp-demo-heatmap"[^>]*data-rows="4" data-cols="6"/, "4 output digits × 6 input characters");
  assert.is(island.match(/<rect class="tp-demo-heat"/g)?.length, 24);
  assert.not.match(island, /<script|\son\w+=/i);
  assert.match(html, /class="tp-error"/, "the bad demo shows an error box");
});

test.run();
