// The theme's small pure pieces: tag slugs, post dates, list/tag helpers, URLs, text clean-up, KaTeX CSS.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DateTime } from "luxon";
import { displayDate, isoDate, offsetOf, rfc3339 } from "../../plugins/theme/dates.ts";
import { absoluteUrl, plainText, summaryOf, xmlSafe } from "../../plugins/theme/index.ts";
import { fontsReferenced, katexCss, katexDistDir, woff2Only } from "../../plugins/theme/katex-assets.ts";
import { tagSlug } from "../../plugins/theme/slug.ts";
import { uiString } from "../../plugins/theme/strings.ts";
import { buildPostTags, newestFirst, tagsByCount, toList } from "../../plugins/theme/tags.ts";

test("tag slugs keep Unicode letters, lower-case, and join words with -", () => {
  assert.is(tagSlug("语言模型"), "语言模型");
  assert.is(tagSlug("deep learning"), "deep-learning");
  assert.is(tagSlug("Deep Learning"), "deep-learning");
  assert.is(tagSlug("n-gram"), "n-gram");
  assert.is(tagSlug("AI"), "ai");
  assert.is(tagSlug("δ 平滑"), "δ-平滑");
  assert.is(tagSlug("  logistic   regression "), "logistic-regression");
  assert.is(tagSlug("node.js"), "node-js");
  assert.is(tagSlug("C++"), "c");
  assert.is(tagSlug("日本語のタグ"), "日本語のタグ");
  assert.is(tagSlug("+"), "tag-2b");
  assert.is(tagSlug(""), "tag");
  // Composed and decomposed forms give one slug.
  assert.is(tagSlug("cafe\u0301"), tagSlug("café"));
});

test("the reference post's 33 tags give 32 distinct slugs", () => {
  const tags = ["AI", "人工智能", "n-gram", "马尔科夫", "神经网络", "GPT", "BERT", "语言模型", "LM", "深度学习", "deep learning", "n-gram", "Attention", "Transformer", "CNN", "RNN", "卷积神经网络", "循环神经网络", "MLP", "Perceptron", "感知器", "激活函数", "softmax", "linear regression", "logistic regression", "线性回归", "逻辑回归", "分类问题", "回归问题", "ANN", "及其学习", "ML", "Sigmoid"];
  assert.is(tags.length, 33);
  const entries = buildPostTags([{ url: "/ai/2022/12/19/language-model.html", data: { tags } }]);
  assert.is(entries.length, 32);
  assert.ok(entries.every((e) => e.posts.length === 1));
  assert.ok(entries.some((e) => e.slug === "deep-learning" && e.tag === "deep learning"));
  // The Jekyll layer's cleaned `postTags` wins over raw `tags`.
  const preferred = buildPostTags([{ data: { tags: "a b", postTags: ["a", "b"] } }]);
  assert.equal(preferred.map((e) => e.slug), ["a", "b"]);
});

test("post dates are shown in the offset the author wrote", () => {
  assert.is(offsetOf("2022-12-19 23:58:11 +0800"), 480);
  assert.is(offsetOf("2024-01-15T10:00:00+05:30"), 330);
  assert.is(offsetOf("2024-01-15T10:00:00Z"), 0);
  assert.is(offsetOf("2024-01-15 10:00:00 -0700"), -420);
  assert.is(offsetOf("2024-01-15"), undefined, "a bare date has no offset (not -15 hours)");
  assert.is(offsetOf("2024-01-15 10:00:00"), undefined);

  const instant = new Date("2022-12-19T15:58:11Z");
  assert.is(displayDate(instant, "2022-12-19 23:58:11 +0800", "UTC"), "2022-12-19");
  assert.is(isoDate(instant, "2022-12-19 23:58:11 +0800", "UTC"), "2022-12-19T23:58:11+08:00");
  // Just after midnight in Hangzhou is the previous day in UTC.
  const early = new Date("2022-12-19T16:30:00Z");
  assert.is(displayDate(early, "2022-12-20 00:30:00 +0800", "UTC"), "2022-12-20");
  assert.is(displayDate(early, undefined, "UTC"), "2022-12-19", "no offset: site timezone");
  assert.is(displayDate(early, new Date(early), "Asia/Shanghai"), "2022-12-20", "YAML Date: site timezone");
  const dt = DateTime.fromISO("2022-12-20T00:30:00+08:00", { setZone: true });
  assert.is(isoDate(early, dt, "UTC"), "2022-12-20T00:30:00+08:00", "a Luxon DateTime keeps its zone");
  assert.is(displayDate(early, undefined, "Not/AZone"), "2022-12-19", "bad zone falls back to UTC");
  assert.is(displayDate(undefined, undefined, "UTC"), "");
  assert.is(rfc3339(early), "2022-12-19T16:30:00Z");
});

test("lists: front-matter values, newest-first copies, tag counts", () => {
  assert.equal(toList("ai ml"), ["ai", "ml"]);
  assert.equal(toList(["deep learning", "n-gram", "n-gram", "", null]), ["deep learning", "n-gram"]);
  assert.equal(toList(undefined), []);
  assert.equal(toList(2024), ["2024"]);
  const posts = [1, 2, 3];
  assert.equal(newestFirst(posts), [3, 2, 1]);
  assert.equal(posts, [1, 2, 3], "the collection itself is not reversed");
  assert.equal(newestFirst(undefined), []);
  const sorted = tagsByCount([
    { tag: "b", posts: [1] },
    { tag: "a", posts: [1] },
    { tag: "c", posts: [1, 2] },
  ]);
  assert.equal(sorted.map((e) => e.tag), ["c", "a", "b"]);
});

test("absolute URLs use site.url and the path prefix", () => {
  assert.is(absoluteUrl("/a/b.html", "https://x.org"), "https://x.org/a/b.html");
  assert.is(absoluteUrl("/a/", "https://x.github.io/blog"), "https://x.github.io/blog/a/");
  assert.is(absoluteUrl("/a/", "https://x.github.io/blog/", "/blog/"), "https://x.github.io/blog/a/");
  assert.is(absoluteUrl("/a/", "https://x.github.io", "/blog/"), "https://x.github.io/blog/a/");
  assert.is(absoluteUrl("/tags/语言模型/", "https://x.org"), "https://x.org/tags/%E8%AF%AD%E8%A8%80%E6%A8%A1%E5%9E%8B/");
  assert.is(absoluteUrl("https://other.org/x", "https://x.org"), "https://other.org/x");
  assert.is(absoluteUrl("/a/", "not a url"), "/a/");
});

test("text helpers: plain text, summaries, XML-safe strings", () => {
  assert.is(plainText("<p><strong>本文目录</strong></p>"), "本文目录");
  assert.is(plainText("a &amp; b &lt;c&gt; &#x4e2d;&#25991;"), "a & b <c> 中文");
  assert.is(plainText("x < y and y > z"), "x < y and y > z");
  assert.is(plainText(null), "");
  assert.is(summaryOf({ description: null, excerpt: "<p>From the excerpt</p>" }), "From the excerpt");
  assert.is(summaryOf({ description: "Described", excerpt: "x" }), "Described");
  assert.is(summaryOf({ description: "", excerpt: null }), "");
  assert.is([...summaryOf({ description: "字".repeat(500) })].length, 240);
  assert.is(xmlSafe("a\u0000b\u0008c\td\ne\u000bf\ud800g😀"), "abc\td\nefg😀");
});

test("UI strings follow the page language", () => {
  assert.is(uiString("tags", "zh-CN"), "标签");
  assert.is(uiString("tags", "zh"), "标签");
  assert.is(uiString("tags", "en"), "Tags");
  assert.is(uiString("tags", "fr"), "Tags");
});

test("KaTeX css: woff2 only, every font it names is in the package", () => {
  const sample = 'src:url(fonts/A.woff2) format("woff2"),url(fonts/A.woff) format("woff"),url(fonts/A.ttf) format("truetype")}';
  assert.is(woff2Only(sample), 'src:url(fonts/A.woff2) format("woff2")}');
  const dist = katexDistDir();
  const css = katexCss(dist);
  assert.not.match(css, /\.woff\)|\.ttf\)/);
  const urls = fontsReferenced(css);
  assert.ok(urls.length >= 19);
  for (const url of urls) assert.ok(existsSync(join(dist, url)), url);
});

test.run();
