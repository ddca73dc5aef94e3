// kramdown block IALs and header ids, and the attribute sanitising.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseIal } from "../../plugins/markdown/ial.ts";
import { stubMd } from "./setup.ts";

const render = (src: string): string => stubMd().md.render(src, {});

test("parseIal: classes, id, key=value, .a.b#c runs, references", () => {
  assert.equal(parseIal('{: .note #n1 data-x="1" title=\'a b\'}'), {
    id: "n1",
    classes: ["note"],
    attrs: [["data-x", "1"], ["title", "a b"]],
    refs: [],
  });
  assert.equal(parseIal("{:.a.b#c}"), { id: "c", classes: ["a", "b"], attrs: [], refs: [] });
  assert.equal(parseIal("{:toc}")?.refs, ["toc"]);
  assert.equal(parseIal("{:.no_toc}")?.classes, ["no_toc"]);
  assert.equal(parseIal('{: class="x y"}')?.classes, ["x", "y"]);
});

test("parseIal: not IALs — extensions, end tags, ALD definitions, plain braces", () => {
  assert.is(parseIal("{::comment}"), null);
  assert.is(parseIal("{:/comment}"), null);
  assert.is(parseIal("{:ref: .x}"), null);
  assert.is(parseIal("{ .x }"), null);
  assert.is(parseIal("text {: .x}"), null);
});

test("sanitising: no on* attributes, no javascript:/vbscript: in any value (also obfuscated)", () => {
  const ial = parseIal('{: onclick="alert(1)" ONMOUSEOVER="x" title="javascript:alert(1)" data-u=" java\tscript:x" href="JaVaScRiPt:y" data-v="vbscript:z" style="color:red"}');
  assert.equal(ial?.attrs, [["style", "color:red"]]);
  const html = render('para\n{: onclick="alert(1)" data-u="javascript:alert(1)" .ok}');
  assert.equal(html, '<p class="ok">para</p>\n');
});

test("header id: ### Title {#my-id}", () => {
  assert.equal(render("### Title {#my-id}\n"), '<h3 id="my-id">Title</h3>\n');
  // Not an id: spaces inside, or no space before the brace.
  assert.equal(render("### H {#bad id}\n"), "<h3>H {#bad id}</h3>\n");
});

test("after a heading: {:.no_toc} and {: #id}", () => {
  assert.equal(render("### Title\n{:.no_toc}\n\ntext"), '<h3 class="no_toc">Title</h3>\n<p>text</p>\n');
  assert.equal(render("## A\n{: #custom .x}\n"), '<h2 class="x" id="custom">A</h2>\n');
});

test("after paragraph text (its last line) and before it (its first line)", () => {
  assert.equal(render('para text\nline two\n{: .note #n1 data-x="1"}\n'), '<p class="note" id="n1" data-x="1">para text\nline two</p>\n');
  assert.equal(render("intro\n\n{: .before}\npara text\n"), '<p>intro</p>\n<p class="before">para text</p>\n');
});

test("after a list (unindented, lazy line) applies to the list; indented stays inside", () => {
  assert.equal(render("* a\n* b\n{: .list}\n"), '<ul class="list">\n<li>a</li>\n<li>b</li>\n</ul>\n');
  assert.equal(render("1. a\n2. b\n{: .ol}\n"), '<ol class="ol">\n<li>a</li>\n<li>b</li>\n</ol>\n');
  assert.equal(render("* a\n  * b\n{: .outer}\n"), '<ul class="outer">\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n');
  assert.equal(render("* a\n  * b\n  {: .inner}\n"), '<ul>\n<li>a\n<ul class="inner">\n<li>b</li>\n</ul>\n</li>\n</ul>\n');
});

test("after a blockquote: lazy line → blockquote, `> {: …}` → the paragraph inside", () => {
  assert.equal(render("> q\n{: .bq}\n"), '<blockquote class="bq">\n<p>q</p>\n</blockquote>\n');
  assert.equal(render("> q\n> {: .inp}\n"), '<blockquote>\n<p class="inp">q</p>\n</blockquote>\n');
});

test("after a table: the extra one-cell row is removed, attrs on <table>", () => {
  const html = render("| a | b |\n|---|---|\n| 1 | 2 |\n{: .tbl}\n");
  assert.ok(html.startsWith('<table class="tbl">'));
  assert.not.ok(html.includes("{:"));
  assert.equal((html.match(/<tr>/g) ?? []).length, 2);
  const headOnly = render("| a | b |\n|---|---|\n{: .t2}\n");
  assert.ok(headOnly.startsWith('<table class="t2">'));
  assert.not.ok(headOnly.includes("<tbody>"));
});

test("after fenced code: classes join the Jekyll outer div", () => {
  assert.ok(render("```python\nx=1\n```\n{: .code #c1}\n").startsWith('<div class="language-python code highlighter-rouge" id="c1"><div class="highlight">'));
});

test("after hr and display math", () => {
  assert.equal(render("---\n{: .rule}\n"), '<hr class="rule">\n');
  assert.equal(render("$$ x $$\n{: .eq}\n"), '<div class="eq"><M d>x</M></div>\n');
});

test("an IAL line with blank lines around attaches to nothing and is not printed", () => {
  assert.equal(render("para\n\n{: .orphan}\n\nnext"), "<p>para</p>\n<p>next</p>\n");
});

test("{:toc} is not eaten by the IAL rule: the TOC marker still sees it", () => {
  assert.equal(render("**目录**\n* TOC\n{:toc}\n"), '<p><strong>目录</strong></p>\n<nav class="toc-placeholder" data-tp-toc="ul"></nav>\n');
});

test("ALD definitions and extensions are left as text", () => {
  assert.ok(render("text\n{:ref: .x}\n").includes("{:ref: .x}"));
  assert.ok(render("{::comment}\nhi\n{:/comment}\n").includes("{::comment}"));
});

test.run();
