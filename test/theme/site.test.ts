// Builds a small site with the theme alone (stand-in `posts`/`postTags` collections, ISO dates) and checks
// the pages, the feed and the copied assets.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { addTheme, buildPostTags } from "../../plugins/theme/index.ts";
import { fontsReferenced } from "../../plugins/theme/katex-assets.ts";
import type { EleventyConfig } from "../../plugins/index.ts";
import { resolveOptions } from "../../plugins/options.ts";

const root = mkdtempSync(join(tmpdir(), "tp-theme-"));
const input = join(root, "site");
const output = join(root, "_site");

function write(rel: string, text: string): void {
  const file = join(input, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

write(
  "2024-01-02-first.md",
  `---
title: First & foremost
date: "2024-01-02T09:00:00Z"
layout: post
tags: [Deep Learning, 语言模型]
categories: ai
author: Ann
description: The <em>first</em> post.
---
First body with [a link](/2024-03-05-third/) and ![pic](/img/dot.svg).
`,
);
write(
  "2024-02-10-second.md",
  `---
title: 第二篇
date: "2024-02-10T20:00:00+08:00"
layout: post
lang: zh-CN
tags: [语言模型, n-gram, n-gram]
location: 杭州
---
中文正文。
`,
);
write(
  "2024-03-05-third.md",
  `---
title: Third <draft>
date: "2024-03-05T01:30:00+08:00"
layout: default
tags: [deep learning]
---
Third body.
`,
);
write("about.md", "---\ntitle: About\nlayout: page\n---\nAbout me.\n");
write("img/dot.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');

const read = (rel: string) => readFileSync(join(output, rel), "utf8");
const isPost = (p: { inputPath?: string }) => /\/\d{4}-\d\d-\d\d-[^/]*\.md$/.test(p.inputPath ?? "");

async function build(from: string, to: string, site: Record<string, string>, pathPrefix?: string): Promise<void> {
  const spec: string = "@11ty/eleventy";
  const { default: Eleventy } = await import(spec);
  const options = resolveOptions({
    site: { title: "Test blog", description: "A test", url: "https://blog.example.org", author: "Tester", lang: "en", ...site },
    timezone: "UTC",
  });
  const elev = new Eleventy(from, to, {
    quietMode: true,
    configPath: false,
    ...(pathPrefix ? { pathPrefix } : {}),
    config(cfg: EleventyConfig) {
      // Through addPlugin, as the tensorpost plugin calls it, so Eleventy's directories are resolved.
      cfg.addPlugin((c: EleventyConfig) => addTheme(c, options));
      cfg.addCollection("posts", (api: { getAllSorted(): { inputPath: string }[] }) => api.getAllSorted().filter(isPost));
      cfg.addCollection("postTags", (api: { getAllSorted(): { inputPath: string }[] }) =>
        buildPostTags(api.getAllSorted().filter(isPost)),
      );
    },
  });
  await elev.write();
}

// A second site: deployed under a path prefix (GitHub project pages), with its own `page` layout.
const input2 = join(root, "site2");
const output2 = join(root, "_site2");
mkdirSync(join(input2, "_includes"), { recursive: true });
writeFileSync(join(input2, "_includes", "page.njk"), "<!doctype html><div class=\"own-layout\">{{ content | safe }}</div>");
writeFileSync(join(input2, "2024-05-01-only.md"), '---\ntitle: Only\ndate: "2024-05-01T08:00:00Z"\nlayout: post\ntags: [语言模型]\n---\n![x](/img/x.png) [rel](../other/)\n');
writeFileSync(join(input2, "about.md"), "---\nlayout: page\n---\nMine.\n");

test.before(async () => {
  await build(input, output, {});
  await build(input2, output2, { url: "https://me.github.io/blog" }, "/blog/");
});

test.after(() => {
  if (process.env.TP_KEEP_SITE) console.log(`sites kept in ${root}`);
  else rmSync(root, { recursive: true, force: true });
});

test("home page lists posts newest first with links, dates and summaries", () => {
  const html = read("index.html");
  const third = html.indexOf('href="/2024-03-05-third/"');
  const second = html.indexOf('href="/2024-02-10-second/"');
  const first = html.indexOf('href="/2024-01-02-first/"');
  assert.ok(third > 0 && second > third && first > second, "order third, second, first");
  assert.not.match(html, 'href="/about/"', "pages are not posts");
  assert.match(html, "First &amp; foremost");
  assert.match(html, "Third &lt;draft&gt;");
  assert.match(html, '<p class="tp-summary p-summary">The first post.</p>');
  assert.match(html, '<time class="tp-date dt-published" datetime="2024-03-05T01:30:00+08:00">2024-03-05</time>');
  assert.match(html, '<link rel="alternate" type="application/atom+xml"');
  assert.match(html, 'href="/assets/tensorpost.css"');
  assert.match(html, '<html lang="en">');
  assert.match(html, '<li class="tp-post-item h-entry" lang="zh-CN">', "a post in another language is marked");
  assert.is(html.match(/<li class="tp-post-item h-entry" lang=/g)?.length, 1);
});

test("post layout: date in the post's own offset, author, location, tags, categories, body wrapper", () => {
  const first = read("2024-01-02-first/index.html");
  assert.match(first, '<h1 class="tp-post-title p-name">First &amp; foremost</h1>');
  assert.match(first, 'datetime="2024-01-02T09:00:00Z"');
  assert.match(first, '<span class="tp-author p-author" title="Author">Ann</span>');
  assert.match(first, '<span class="tp-category p-category">ai</span>');
  assert.match(first, 'href="/tags/deep-learning/" rel="tag">Deep Learning</a>');
  assert.match(first, 'href="/tags/语言模型/" rel="tag">语言模型</a>');
  assert.match(first, /<div class="tp-body e-content" data-tp-body>\s*<p>First body/);
  assert.is(first.match(/data-tp-body/g)?.length, 1, "one body wrapper");
  assert.match(first, "<title>First &amp; foremost | Test blog</title>");
  assert.match(first, '<meta name="description" content="The first post.">');
  assert.match(first, 'rel="next"', "links to the newer post");

  const third = read("2024-03-05-third/index.html");
  assert.match(third, "data-tp-body", "`default` layout wraps the body too");
  assert.match(third, "<h1 class=\"tp-page-title\">Third &lt;draft&gt;</h1>", "`default` is the page layout");
});

test("html lang comes from front matter, else the site", () => {
  const second = read("2024-02-10-second/index.html");
  assert.match(second, '<html lang="zh-CN">');
  assert.match(second, ">2024-02-10</time>");
  assert.match(second, '<span class="tp-location p-location" title="地点">杭州</span>');
  assert.is(second.match(/href="\/tags\/n-gram\/"/g)?.length, 1, "a repeated tag is listed once");
  assert.match(read("about/index.html"), '<html lang="en">');
  assert.match(read("about/index.html"), /<h1 class="tp-page-title">About<\/h1>\s*<\/header>\s*<div class="tp-body" data-tp-body>/);
});

test("tag pages exist for every tag, CJK included, and list their posts", () => {
  const cjk = read("tags/语言模型/index.html");
  assert.match(cjk, '<span class="tp-tag-name">语言模型</span>');
  assert.match(cjk, 'href="/2024-01-02-first/"');
  assert.match(cjk, 'href="/2024-02-10-second/"');
  assert.ok(cjk.indexOf("/2024-02-10-second/") < cjk.indexOf("/2024-01-02-first/"), "newest first");
  const dl = read("tags/deep-learning/index.html");
  assert.match(dl, 'href="/2024-01-02-first/"');
  assert.match(dl, 'href="/2024-03-05-third/"', "`deep learning` and `Deep Learning` share a slug");
  assert.ok(existsSync(join(output, "tags/n-gram/index.html")));
  const index = read("tags/index.html");
  assert.match(index, /href="\/tags\/deep-learning\/" rel="tag">Deep Learning<\/a> <span class="tp-tag-count">2<\/span>/);
  assert.match(index, /href="\/tags\/语言模型\/" rel="tag">语言模型<\/a> <span class="tp-tag-count">2<\/span>/);
  assert.match(index, /href="\/tags\/n-gram\/" rel="tag">n-gram<\/a> <span class="tp-tag-count">1<\/span>/);
});

// A small well-formedness check: every tag closes in order, attributes are quoted, every `&` starts an
// XML entity or character reference, and no `<` appears in text.
function checkXml(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(body))) {
    if (m[6]) problems.push(`stray < at ${m.index}: ${body.slice(m.index, m.index + 40)}`);
    else if (m[5] !== undefined) {
      for (const amp of m[5].matchAll(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g)) problems.push(`bare & at ${m.index + (amp.index ?? 0)}`);
      if (stack.length === 0 && m[5].trim() !== "") problems.push("text outside the root element");
    } else if (m[2]) {
      for (const amp of (m[3] ?? "").matchAll(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g)) problems.push(`bare & in attribute ${amp.index}`);
      if (m[1]) {
        const open = stack.pop();
        if (open !== m[2]) problems.push(`</${m[2]}> closes <${open}>`);
      } else if (!m[4]) stack.push(m[2]);
    }
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(", ")}`);
  return problems;
}

test("feed: well-formed Atom with absolute links and full content", () => {
  const xml = read("feed.xml");
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"'));
  assert.equal(checkXml(xml), []);
  assert.is(xml.match(/<entry>/g)?.length, 3);
  assert.match(xml, '<link href="https://blog.example.org/feed.xml" rel="self" type="application/atom+xml"/>');
  assert.match(xml, "<id>https://blog.example.org/2024-03-05-third/</id>");
  assert.ok(xml.indexOf("2024-03-05-third/</id>") < xml.indexOf("2024-01-02-first/</id>"), "newest first");
  assert.match(xml, "<updated>2024-03-04T17:30:00Z</updated>");
  assert.match(xml, "<title type=\"text\">First &amp; foremost</title>");
  assert.match(xml, '<category term="语言模型" scheme="https://blog.example.org/tags/"/>');
  // Content is escaped HTML whose URLs are absolute.
  assert.match(xml, "&lt;a href=&quot;https://blog.example.org/2024-03-05-third/&quot;&gt;a link&lt;/a&gt;");
  assert.match(xml, "src=&quot;https://blog.example.org/img/dot.svg&quot;");
  assert.not.match(xml, /href=&quot;\//);
  for (const href of xml.matchAll(/<link href="([^"]+)"/g)) assert.match(href[1], /^https:\/\//);
});

test("the xml check itself rejects broken documents", () => {
  assert.ok(checkXml("<a><b></a>").length > 0);
  assert.ok(checkXml("<a>x & y</a>").length > 0);
  assert.ok(checkXml("<a>x < y</a>").length > 0);
  assert.equal(checkXml('<a t="1"><b/>x &amp; y</a>'), []);
});

test("theme CSS is copied, with dark-mode and print blocks", () => {
  const css = read("assets/tensorpost.css");
  assert.match(css, /@media \(prefers-color-scheme: dark\)\s*\{/);
  assert.match(css, /@media print\s*\{/);
  for (const selector of [".tp-error", "#markdown-toc", ".graphviz-wrapper", ".katex-display", ".highlighter-rouge", ":lang(zh)", ".hljs-keyword"]) {
    assert.ok(css.includes(selector), selector);
  }
  assert.not.match(css, /@import|@font-face/, "no web fonts");
});

test("KaTeX css and woff2 fonts are copied, and the css names only fonts that exist", () => {
  const css = read("assets/katex/katex.min.css");
  assert.match(css, ".katex-display");
  const urls = fontsReferenced(css);
  assert.ok(urls.length >= 19, `fonts referenced: ${urls.length}`);
  for (const url of urls) {
    assert.match(url, /^fonts\/KaTeX_[\w-]+\.woff2$/);
    assert.ok(existsSync(join(output, "assets/katex", url)), url);
  }
  const shipped = readdirSync(join(output, "assets/katex/fonts"));
  assert.ok(shipped.every((f) => f.endsWith(".woff2")), "woff2 only");
  assert.is(shipped.length, urls.length);
});

test("a path prefix reaches page links and the feed; a site's own layout wins over the theme's", () => {
  const home = readFileSync(join(output2, "index.html"), "utf8");
  assert.match(home, 'href="/blog/assets/tensorpost.css"');
  assert.match(home, 'href="/blog/2024-05-01-only/"');
  assert.match(home, 'href="/blog/feed.xml"');
  const post = readFileSync(join(output2, "2024-05-01-only/index.html"), "utf8");
  assert.match(post, /href="\/blog\/tags\/(语言模型|%E8%AF%AD%E8%A8%80%E6%A8%A1%E5%9E%8B)\/"/);
  const xml = readFileSync(join(output2, "feed.xml"), "utf8");
  assert.equal(checkXml(xml), []);
  assert.match(xml, "<id>https://me.github.io/blog/2024-05-01-only/</id>");
  assert.match(xml, '<link href="https://me.github.io/blog/feed.xml" rel="self"');
  assert.match(xml, "src=&quot;https://me.github.io/blog/img/x.png&quot;");
  assert.match(xml, "href=&quot;https://me.github.io/blog/other/&quot;");
  assert.match(readFileSync(join(output2, "about/index.html"), "utf8"), '<div class="own-layout"><p>Mine.</p>');
});

test("images folder is copied to /img/", () => {
  assert.ok(existsSync(join(output, "img/dot.svg")));
});

test.run();
