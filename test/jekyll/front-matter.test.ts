import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseFrontMatter, frontMatterProblemKey } from "../../plugins/jekyll/front-matter.ts";
import { toList, categoriesOf, tagsOf } from "../../plugins/jekyll/lists.ts";

test("the reference post's front matter reads as Jekyll reads it", () => {
  const data = parseFrontMatter(
    "layout: post\ntitle:  自然语言处理\ndate: 2022-12-19 23:58:11 +0800\ncategories: ai\ntags: [AI, n-gram, deep learning, n-gram]\ndescription:\nexcerpt:\nkatex: True\nlocation: 杭州\nauthor: 麦克船长",
  );
  assert.is(data.title, "自然语言处理");
  assert.is(data.date, "2022-12-19 23:58:11 +0800", "dates stay text for the Jekyll date parser");
  assert.is(data.katex, true);
  assert.is(data.description, null);
  assert.is(data.excerpt, null);
  assert.equal(categoriesOf(data), ["ai"]);
  assert.equal(tagsOf(data), ["AI", "n-gram", "deep learning"], "duplicate tag kept once");
});

test("flags read whatever their case, YAML 1.1 spellings included; text fields stay text", () => {
  const data = parseFrontMatter("katex: TRUE\ncomments: yes\nmathjax: Off\npublished: False\ntitle: On\nauthor: no");
  assert.is(data.katex, true);
  assert.is(data.comments, true);
  assert.is(data.mathjax, false);
  assert.is(data.published, false);
  assert.is(data.title, "On");
  assert.is(data.author, "no");
});

test("unreadable front matter becomes a problem with its line, not a crash", () => {
  const data = parseFrontMatter("title: ok\ntags: [a, b\nauthor: x");
  const problem = data[frontMatterProblemKey] as { message: string; line: number };
  assert.ok(problem, "problem recorded");
  assert.match(problem.message, /unreadable front matter/);
  assert.ok(problem.line >= 3 && problem.line <= 5, `line ${problem.line}`);
  const list = parseFrontMatter("- a\n- b");
  assert.ok(list[frontMatterProblemKey]);
});

test("space-separated categories and the singular spellings", () => {
  assert.equal(toList("ai  ml"), ["ai", "ml"]);
  assert.equal(categoriesOf({ category: "notes" }), ["notes"]);
  assert.equal(tagsOf({ tag: "x" }), ["x"]);
  assert.equal(toList(undefined), []);
  assert.equal(toList([1, null, "a"]), ["1", "a"]);
});

test.run();
