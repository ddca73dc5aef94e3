// The site's own Chinese articles (issue 7), built from posts/ in a temporary site: each is a page
// with lang zh-CN, math, an inline SVG graph and a table of contents, no error box, reachable from its
// tag pages and present in the feed; the figures it shows and quotes are the build's own.
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Manifest } from "../../models/publish.ts";
import { formatMetric } from "../../plugins/figures/format.ts";
import { buildSite, type BuiltSite } from "../helpers/site.ts";

const posts = new URL("../../posts/", import.meta.url);

/** Each article: its file under posts/ and the URL Jekyll's `date` permalink gives it. */
const articles = [
  { file: "2026-11-20-ngram-language-models.md", url: "ml/2026/11/20/ngram-language-models.html" },
  { file: "2026-11-21-from-perceptron-to-mlp.md", url: "ml/2026/11/21/from-perceptron-to-mlp.html" },
  { file: "2026-11-22-convolutional-networks.md", url: "ml/2026/11/22/convolutional-networks.html" },
  { file: "2026-11-23-recurrent-networks.md", url: "ml/2026/11/23/recurrent-networks.html" },
  { file: "2026-11-24-seq2seq-and-attention.md", url: "ml/2026/11/24/seq2seq-and-attention.html" },
  { file: "2026-11-25-transformer.md", url: "ml/2026/11/25/transformer.html" },
  { file: "2026-11-26-about-this-site.md", url: "site/2026/11/26/about-this-site.html" },
  { file: "2026-11-27-start-here.md", url: "site/2026/11/27/start-here.html" },
];

let site: BuiltSite | undefined;
async function built(): Promise<BuiltSite> {
  if (!site) {
    const files = Object.fromEntries(articles.map((a) => [a.file, readFileSync(new URL(a.file, posts), "utf8")]));
    // The site's own budget (.eleventy.js): the demos the articles place train at quick where they have one.
    site = await buildSite(files, {
      modelBudget: "quick",
      katexMacros: { "\\RR": "\\mathbb{R}" },
      site: { title: "t", description: "", url: "https://example.org", author: "", lang: "en" },
    });
    assert.is(site.error, undefined, String(site.error));
  }
  return site;
}

test("the build reports no error for any article", async () => {
  const s = await built();
  const errors = s.logs.filter((l) => /error:/.test(l));
  assert.equal(errors, []);
});

for (const { file, url } of articles) {
  test(`${file}: lang zh-CN, KaTeX, an inline SVG graph, a TOC, no error box`, async () => {
    const s = await built();
    assert.ok(s.exists(url), `${url} was written`);
    const html = s.read(url);
    // The site's language here is English: zh-CN can only come from the post's front matter.
    assert.match(html, /<html[^>]*\blang="zh-CN"/);
    assert.match(html, /<span class="katex">/);
    assert.match(html, /class="graphviz-wrapper"[\s\S]*?<svg[\s\S]*?class="node"/);
    assert.match(html, /<ul id="markdown-toc">[\s\S]*?<a href="#/);
    assert.not.match(html, /class="tp-error"|katex-error/);
    // The about page shows Liquid on purpose (it teaches raw blocks); the articles must not.
    if (url.startsWith("ml/")) assert.not.match(html, /\{%|%\}/, "no Liquid left in the page");
  });
}

test("every figure an article shows or quotes is this build's: no marker left, each quoted metric the manifest's", async () => {
  const s = await built();
  const manifest = JSON.parse(s.read("models/manifest.json")) as Manifest;
  let quoted = 0;
  for (const { file, url } of articles) {
    const source = readFileSync(new URL(file, posts), "utf8");
    assert.not.match(source, /<!-- (?:figures|metric):/, `${file}: a figure or metric marker is left`);
    const html = s.read(url);
    // Inside {% raw %} a shortcode is text (the about page shows the syntax).
    const placed = source.replace(/\{% raw %\}[\s\S]*?\{% endraw %\}/g, "");
    for (const m of placed.matchAll(/\{% modelfigures "([\w-]+)" %\}/g)) {
      assert.ok(html.includes(`<figure class="tp-figures" data-model="${m[1]}">`), `${file}: the ${m[1]} figures`);
    }
    for (const q of html.matchAll(/<span class="tp-quote" data-model="([\w-]+)" data-field="([\w:-]+)">([^<]*)<\/span>/g)) {
      const [, id, field, text] = q;
      const entry = manifest.models.find((e) => e.id === id);
      assert.ok(entry, `${file}: ${id} is published`);
      const value = field === entry.metric.name ? entry.metric.value : entry.metrics[field];
      if (value === undefined) continue;
      // The published value as the page writes it, then its budget unless parity.
      assert.ok(text.startsWith(formatMetric(field, value).replace(" ", "\u00a0")), `${file}: ${id} ${field} "${text}" is not ${value}`);
      assert.is(text.includes("预算"), entry.budget !== "parity", `${file}: ${id} ${field} "${text}" says its budget (${entry.budget}) when not parity`);
      quoted++;
    }
  }
  assert.ok(quoted >= 15, `${quoted} quoted metrics`);
});

test("each article's tags lead to tag pages that list it", async () => {
  const s = await built();
  for (const { file, url } of articles) {
    const html = s.read(url);
    const tags = [...html.matchAll(/<a class="tp-tag" href="\/tags\/([^"]+)\/" rel="tag">/g)].map((m) => m[1]);
    assert.ok(tags.length >= 2 && tags.length <= 4, `${file}: 2–4 tags, got ${tags.length}`);
    for (const slug of tags) {
      const page = `tags/${decodeURIComponent(slug)}/index.html`;
      assert.ok(s.exists(page), `${file}: tag page ${page}`);
      assert.ok(s.read(page).includes(`href="/${url}"`), `${page} lists ${url}`);
    }
  }
});

test("tags are shared: every tag of the series groups at least two of its articles", async () => {
  const s = await built();
  const counts = new Map<string, number>();
  for (const { url } of articles.filter((a) => a.url.startsWith("ml/"))) {
    for (const m of s.read(url).matchAll(/<a class="tp-tag" href="\/tags\/([^"]+)\/" rel="tag">/g)) {
      counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
    }
  }
  for (const [tag, n] of counts) assert.ok(n >= 2, `tag ${decodeURIComponent(tag)} is on ${n} article(s)`);
});

test("the feed has one entry per article", async () => {
  const s = await built();
  const feed = s.read("feed.xml");
  const entries = feed.split("<entry>").slice(1);
  for (const { url } of articles) {
    const link = `<link href="https://example.org/${url}" rel="alternate"`;
    assert.is(entries.filter((e) => e.includes(link)).length, 1, `one feed entry for ${url}`);
  }
});

test("the start page links every article", async () => {
  const s = await built();
  const start = s.read("site/2026/11/27/start-here.html");
  for (const { url } of articles.filter((a) => !a.url.includes("start-here"))) {
    assert.ok(start.includes(`href="/${url}`), `start page links /${url}`);
  }
});

test.run();
