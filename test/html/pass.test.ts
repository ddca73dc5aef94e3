// The whole pass on pages as the layout gives them: KaTeX stylesheet only on math pages, image checks
// and attributes, the layout's head and chrome untouched, fragments, determinism and speed.
import katex from "katex";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { BuildReport } from "../../plugins/errors.ts";
import { createHtmlPass, isFullDocument, katexCssHref } from "../../plugins/html/index.ts";
import { extractIslands } from "../../plugins/html/islands.ts";

const math = katex.renderToString("E = mc^2", { output: "htmlAndMathml" });
const page = (body: string, head = "") =>
  `<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>T</title>${head}</head><body><header><a href="/">home</a></header><article data-tp-body>${body}</article><script src="/assets/app.js"></script></body></html>`;

const css = '<link rel="stylesheet" href="/assets/katex/katex.min.css">';

test("the KaTeX stylesheet is linked in <head> on a page with math, once", () => {
  const out = createHtmlPass({ report: new BuildReport(false) })(page(`<p>${math}</p>`), "a.md");
  assert.is(out.split(css).length - 1, 1);
  assert.ok(out.indexOf(css) < out.indexOf("</head>"), "inside head");
  const again = createHtmlPass({ report: new BuildReport(false) })(page(`<p>${math}</p>`, css), "a.md");
  assert.is(again.split(css).length - 1, 1, "not added twice");
});

test("no stylesheet on pages without math, nor in fragments", () => {
  const pass = createHtmlPass({ report: new BuildReport(false) });
  assert.not.match(pass(page("<p>plain $x$ text</p>"), "a.md"), /katex/);
  const fragment = pass(`<p>${math}</p>`, "a.md");
  assert.not.match(fragment, /<link/);
  assert.ok(fragment.includes('class="katex"'));
});

test("the base prefix is put before the stylesheet path", () => {
  assert.is(katexCssHref("/blog/"), "/blog/assets/katex/katex.min.css");
  const out = createHtmlPass({ report: new BuildReport(false), base: "/blog" })(page(math), "a.md");
  assert.ok(out.includes('<link rel="stylesheet" href="/blog/assets/katex/katex.min.css">'), out);
});

test("missing local images are warnings of kind image; remote, data: and present ones are not checked or pass", () => {
  const report = new BuildReport(true);
  const asked: string[] = [];
  const pass = createHtmlPass({
    report,
    imageExists: (src) => {
      asked.push(src);
      return src === "/img/src/2022-12-19-language-model-2.png";
    },
  });
  pass(
    page('<p><img src="/img/src/2022-12-19-language-model-2.png" alt="a"><img src="/img/src/2022-12-19-language-model-1.png?v=2" alt="b"><img src="rel/c.png" alt="c"><img src="https://x.org/d.png" alt="d"><img src="//cdn.x.org/e.png" alt="e"><img src="data:image/png;base64,AAAA" alt="f"></p>'),
    "./posts/2022-12-19-language-model.md",
  );
  assert.equal(asked, ["/img/src/2022-12-19-language-model-2.png", "/img/src/2022-12-19-language-model-1.png", "rel/c.png"]);
  assert.is(report.errors.length, 0);
  assert.equal(
    report.warnings.map((w) => [w.file, w.line, w.kind, w.severity, w.message]),
    [
      ["./posts/2022-12-19-language-model.md", undefined, "image", "warning", "image not found: /img/src/2022-12-19-language-model-1.png?v=2"],
      ["./posts/2022-12-19-language-model.md", undefined, "image", "warning", "image not found: rel/c.png"],
    ],
  );
});

test("images get loading=lazy and decoding=async unless they say otherwise", () => {
  const out = createHtmlPass({ report: new BuildReport(false) })('<img src="/a.png" alt=""><img src="/b.png" alt="" loading="eager">', "f");
  assert.is(out, '<img src="/a.png" alt="" loading="lazy" decoding="async"><img src="/b.png" alt="" loading="eager" decoding="async">');
});

test("the layout's head, chrome and scripts are left alone; only the marked body is sanitised", () => {
  const head = '<link rel="alternate" type="application/atom+xml" href="/feed.xml"><script type="module">import "/x.js"</script><style>body{margin:0}</style>';
  const out = createHtmlPass({ report: new BuildReport(false) })(page('<p onclick="x()">a<script>evil()</script></p>', head), "a.md");
  assert.ok(out.startsWith("<!doctype html>"), out);
  assert.ok(out.includes(`<head><meta charset="utf-8"><title>T</title>${head}</head>`), out);
  assert.ok(out.includes('<script src="/assets/app.js"></script></body></html>'), out);
  assert.ok(out.includes('<article data-tp-body=""><p>a</p></article>'), out);
  assert.not.match(out, /evil|onclick/);
});

test("without a data-tp-body marker the whole <body> is the post body", () => {
  const out = createHtmlPass({ report: new BuildReport(false) })('<!doctype html><html><head><script src="/h.js"></script></head><body><h2>A</h2><script>x()</script></body></html>', "a.md");
  assert.is(out, '<!doctype html><html><head><script src="/h.js"></script></head><body><h2 id="a">A</h2></body></html>');
});

test("fragments come back as fragments (no html/head/body added)", () => {
  const out = createHtmlPass({ report: new BuildReport(false) })("<h2>A</h2>\n<p>b</p>", "a.md");
  assert.is(out, '<h2 id="a">A</h2>\n<p>b</p>');
  assert.ok(isFullDocument("\uFEFF<!-- c -->\n<!DOCTYPE html><p>"));
  assert.ok(isFullDocument("<html lang=en>"));
  assert.not.ok(isFullDocument("<p>a</p><html>"));
  assert.not.ok(isFullDocument("<htmlx>"));
});

/** A page the size of the reference post: ~40 KB of text with 87 formulas (60 inline, 27 display),
 *  32 headings and a TOC. */
function bigPage(): string {
  const parts: string[] = ['<p><strong>本文目录</strong></p><nav class="toc-placeholder" data-tp-toc="ul"></nav>'];
  const tex = [String.raw`P(W_t \mid W_1,W_2,\dots,W_{t-1})`, String.raw`\hat{y} = \sigma(W x + b)`, String.raw`\frac{C(w_1 \ldots w_t)}{C(w_1 \ldots w_{t-1})}`, String.raw`\sum_{i=1}^{n} \log p(x_i)`];
  for (let i = 0; i < 87; i++) {
    if (i % 3 === 0 && i / 3 < 32) parts.push(`<h${3 + ((i / 3) % 4)}>第 ${i} 节（Section ${i}）</h${3 + ((i / 3) % 4)}>`);
    const display = i < 27;
    const rendered = katex.renderToString(tex[i % tex.length], { output: "htmlAndMathml", displayMode: display });
    parts.push(`<p>${"语言模型是一种概率分布，Language models assign probabilities to sequences. ".repeat(6)}${rendered}</p>`);
  }
  return page(parts.join("\n"));
}

// Speed is measured by `npm run bench -- site`, never asserted here.
test("output is deterministic; the fast path gives the same page as full sanitising", () => {
  const html = bigPage();
  assert.is(extractIslands(html).snippets.length, 87, "every formula takes the fast path");
  const pass = createHtmlPass({ report: new BuildReport(false), imageExists: () => true });
  const first = pass(html, "a.md");
  for (let i = 0; i < 3; i++) pass(html, "a.md");
  for (let i = 0; i < 3; i++) assert.is(pass(html, "a.md"), first);
  const slow = createHtmlPass({ report: new BuildReport(false), imageExists: () => true, fastMath: false });
  assert.is(slow(html, "a.md"), first);
  assert.is((first.match(/class="katex"/g) ?? []).length, 87);
  assert.is((first.match(/id="markdown-toc-/g) ?? []).length, 29);
});

test.run();
