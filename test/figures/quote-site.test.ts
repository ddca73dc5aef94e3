// Quoted figures in a built site: the numbers in the sentence are the ones the build published, so a
// different training log (a cache entry whose log says otherwise) gives a different page; bad uses of the
// shortcodes are errors naming file and line, with an inline box in the page.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ModelCache, type CacheFiles } from "../../models/cache.ts";
import type { Manifest } from "../../models/publish.ts";
import { formatSeconds } from "../../plugins/figures/quote.ts";
import { trainModel } from "../../models/train/run.ts";
import { buildSite, type BuiltSite } from "../helpers/site.ts";

const post = [
  "---",
  "title: Quote",
  "lang: zh-CN",
  "---",
  "",
  '感知器的测试准确率是 {% modelmetric "perceptron" %}，训练用时 {% modelmetric "perceptron", "trainSeconds" %}，结果{% modelcompare "perceptron", "reference" %}参考结果。',
  "",
  '{% modelfigures "perceptron" %}',
  "",
].join("\n");

const sentence = (site: BuiltSite): string => {
  const html = site.read("2024/01/01/quote.html");
  const p = /<p>感知器[\s\S]*?<\/p>/.exec(html)?.[0] ?? "";
  return p.replace(/<[^>]+>/g, "").replace(/&#xA0;|&nbsp;/gi, "\u00a0");
};

/** A copy of the cached perceptron whose training log reports other figures, in a cache of its own. */
async function cacheWithOtherLog(accuracy: number, seconds: number): Promise<string> {
  const real = await trainModel("perceptron", { say: () => undefined });
  const entry = real.entry;
  if (!entry) throw new Error("the perceptron was not read from the cache");
  const files: CacheFiles = {};
  for (const name of entry.files) files[name] = entry.read(name);
  const log = JSON.parse(entry.text("log.json")) as { metrics: Record<string, number>; seconds: number };
  log.metrics.accuracy = accuracy;
  log.seconds = seconds;
  files["log.json"] = `${JSON.stringify(log)}\n`;
  const dir = mkdtempSync(join(tmpdir(), "tp-quote-cache-"));
  new ModelCache({ dir }).put(entry.id, entry.manifest.parts, files, { ...(entry.meta as object), metrics: log.metrics, seconds });
  return dir;
}

test("the sentence quotes the published log; another log, rebuilt, changes the page", async () => {
  const a = await buildSite({ "2024-01-01-quote.md": post }, { models: [] });
  assert.is(a.error, undefined, String(a.error));
  const manifest = JSON.parse(a.read("models/manifest.json")) as Manifest;
  const published = manifest.models.find((m) => m.id === "perceptron");
  assert.ok(published, "perceptron published");
  const first = sentence(a);
  assert.ok(first.includes(`${(100 * published.metric.value).toFixed(2)}\u00a0%`), first);
  assert.ok(first.includes(`${formatSeconds(published.trainSeconds)}\u00a0秒`), first);

  // A log that says 50 % in 123.4 s: the same post, rebuilt against it.
  const saved = process.env.TENSORPOST_CACHE_DIR;
  process.env.TENSORPOST_CACHE_DIR = await cacheWithOtherLog(0.5, 123.4);
  let b: BuiltSite;
  try {
    b = await buildSite({ "2024-01-01-quote.md": post }, { models: [] });
  } finally {
    if (saved === undefined) delete process.env.TENSORPOST_CACHE_DIR;
    else process.env.TENSORPOST_CACHE_DIR = saved;
  }
  assert.is(b.error, undefined, String(b.error));
  const second = sentence(b);
  assert.is(second, "感知器的测试准确率是 50.00\u00a0%，训练用时 123.4\u00a0秒，结果不如参考结果。");
  assert.is.not(second, first);
  assert.match(b.read("2024/01/01/quote.html"), /<td>50\.00 %<\/td>/, "the figure's table follows the same log");
  assert.match(b.read("2024/01/01/quote.html"), /用时 123\.4 秒/, "and its facts line");
});

test("bad quotes are errors naming file and line, each with an inline box", async () => {
  const bad = [
    "---",
    "title: Bad",
    "---",
    "",
    'A {% modelmetric "perceptron", "speed" %}.',
    "",
    'B {% modelmetric "nope" %}.',
    "",
    "C {% modelmetric %}.",
    "",
    'D {% modelcompare "perceptron" %}.',
    "",
    'E {% modelcompare "perceptron", "baseline" %}.',
    "",
    'F {% modelcompare "perceptron", "linear" %}.',
    "",
  ].join("\n");
  const site = await buildSite({ "2024-01-02-bad.md": bad }, { models: [] });
  const logs = site.logs.join("\n");
  assert.match(logs, /2024-01-02-bad\.md:5: error: \[figures\] model "perceptron" has no figure "speed"/);
  assert.match(logs, /2024-01-02-bad\.md:7: error: \[figures\] unknown model "nope"/);
  assert.is(logs.match(/unknown model "nope"/g)?.length, 1, "reported once");
  assert.match(logs, /2024-01-02-bad\.md:9: error: \[figures\] \{% modelmetric %\} takes a model id/);
  assert.match(logs, /2024-01-02-bad\.md:11: error: \[figures\] \{% modelcompare %\} takes a model id and what to compare it with/);
  assert.match(logs, /2024-01-02-bad\.md:13: error: \[figures\] model "perceptron": no baseline \(it has no published baseline\)/);
  assert.match(logs, /2024-01-02-bad\.md:15: error: \[figures\] cannot compare "perceptron" \(accuracy\) with "linear" \(test-mse\)/);
  const html = site.read("2024/01/02/bad.html");
  assert.is(html.match(/<span class="tp-error"/g)?.length, 6, "six inline boxes");
  assert.match(html, /<p>A <span class="tp-error"/, "inside the sentence's paragraph");
});

test.run();
