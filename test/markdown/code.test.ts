// Jekyll-shaped code output with highlight.js, Graphviz fences, and configureMarkdown's options.
import MarkdownIt from "markdown-it";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { configureMarkdown } from "../../plugins/markdown/index.ts";
import { realMd, stubMd } from "./setup.ts";

const OPEN = (lang: string) => `<div class="language-${lang} highlighter-rouge"><div class="highlight"><pre class="highlight"><code>`;
const CLOSE = "</code></pre></div></div>\n";

test("python fence: Jekyll's wrapper, hljs classes, trailing newline kept in <code>", () => {
  const html = stubMd().md.render("```python\nimport torch\nx = 1  # note\n```\n", {});
  assert.equal(
    html,
    `${OPEN("python")}<span class="hljs-keyword">import</span> torch\nx = <span class="hljs-number">1</span>  <span class="hljs-comment"># note</span>\n${CLOSE}`,
  );
});

test("fence without language and indented code: language-plaintext, escaped", () => {
  const { md } = stubMd();
  assert.equal(md.render("```\na <b> & c\n```\n", {}), `${OPEN("plaintext")}a &lt;b&gt; &amp; c\n${CLOSE}`);
  assert.equal(md.render("    a <b>\n", {}), `${OPEN("plaintext")}a &lt;b&gt;\n${CLOSE}`);
});

test("unknown language: its class, plain escaped text, no hljs spans", () => {
  const html = stubMd().md.render("```notalang\n<script>alert(1)</script>\n```\n", {});
  assert.equal(html, `${OPEN("notalang")}&lt;script&gt;alert(1)&lt;/script&gt;\n${CLOSE}`);
});

test("the language name cannot break out of the class attribute", () => {
  const html = stubMd().md.render('```py"onmouseover="alert(1)\nx\n```\n', {});
  assert.not.match(html, /onmouseover="/);
  assert.match(html, /^<div class="language-pyonmouseoveralert1 highlighter-rouge">/);
});

test("inline code: language-plaintext highlighter-rouge, escaped", () => {
  const html = stubMd().md.render("use `a<b>` here", {});
  assert.equal(html, '<p>use <code class="language-plaintext highlighter-rouge">a&lt;b&gt;</code> here</p>\n');
});

test("dot / graphviz fences go to renderGraph with source, env and 0-based fence line", () => {
  const { md, graphs } = stubMd();
  const html = md.render("text\n\n```dot\ndigraph G { a -> b }\n```\n\n```graphviz\ndigraph H {}\n```\n", {});
  assert.equal(graphs.map((g) => [g.tex, g.line]), [["digraph G { a -> b }\n", 2], ["digraph H {}\n", 6]]);
  assert.equal((html.match(/graph-stub/g) ?? []).length, 2);
  assert.not.ok(html.includes("language-dot"));
  // The real pipeline passes Eleventy's env through.
  let seen: unknown = null;
  const md2 = realMd().md;
  md2.renderer.rules.fence = ((orig) => (tokens, idx, opts, env, self) => {
    seen = env;
    return orig ? orig(tokens, idx, opts, env, self) : "";
  })(md2.renderer.rules.fence);
  const env = { file: "x.md" };
  md2.render("```dot\ndigraph{}\n```\n", env);
  assert.is(seen, env);
});

test("demo fences render as ordinary code for now", () => {
  assert.equal(stubMd().md.render("```demo\nmodel: mlp\n```\n", {}), `${OPEN("demo")}model: mlp\n${CLOSE}`);
});

test("configureMarkdown: html on, linkify off, typographer on with kramdown's symbols only", () => {
  const { md } = realMd();
  assert.is(md.options.html, true);
  assert.is(md.options.linkify, false);
  assert.is(md.options.typographer, true);
  const html = md.render('<div style="text-align: center;">\nraw\n</div>\n\n"quoted" (c) +- a -- b --- c ... << x >> https://example.org', {});
  assert.ok(html.startsWith('<div style="text-align: center;">\nraw\n</div>\n'));
  assert.ok(html.includes('<p>&quot;quoted&quot; (c) +- a – b — c … « x » https://example.org</p>'), html);
});

test("typography skips math, code and escapes", () => {
  const { md } = realMd();
  const html = md.render("a... `b...` $$ c + ... + d $$ \\.\\.\\. e--f", {});
  assert.ok(html.startsWith("<p>a… <code class=\"language-plaintext highlighter-rouge\">b...</code> <span class=\"katex\">"));
  assert.ok(html.includes('<annotation encoding="application/x-tex">c + ... + d</annotation>'));
  assert.ok(html.endsWith(" ... e–f</p>\n"), html);
});

test("configureMarkdown twice on one instance installs the rules once", () => {
  const { md } = realMd();
  const again = configureMarkdown(md, { contextOf: () => { throw new Error("second options must not be used"); }, renderGraph: () => "" });
  assert.is(again, md);
  assert.equal(md.inline.ruler.getRules("").filter((r) => r.name === "mathInline").length, 1);
  assert.match(md.render("a $$ x $$ -- b"), /^<p>a <span class="katex">.*<\/span> – b<\/p>\n$/);
});

test("a plain markdown-it instance is unaffected (configureMarkdown mutates only what it is given)", () => {
  realMd();
  const plain = new MarkdownIt();
  assert.equal(plain.render("$$ a_b $$ and `x`"), "<p>$$ a_b $$ and <code>x</code></p>\n");
});

test.run();
