// The KaTeX fast path: genuine renders skip the parse and come back verbatim; anything that only looks
// like KaTeX, or sits where a placeholder cannot come back (attributes, <title>), takes the slow path,
// and the result is always what the full parse + sanitiser gives.
import katex from "katex";
import rehypeParse from "rehype-parse";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { BuildReport } from "../../plugins/errors.ts";
import { createHtmlPass, createHtmlPassDetailed } from "../../plugins/html/index.ts";
import { extractIslands, restoreIslands } from "../../plugins/html/islands.ts";

const slow = createHtmlPass({ report: new BuildReport(false), fastMath: false });
const fast = createHtmlPass({ report: new BuildReport(false) });
const reparse = unified().use(rehypeParse, { fragment: true }).use(rehypeStringify);
const normal = (html: string): string => String(reparse.processSync(html));
const render = (tex: string, displayMode = false) => katex.renderToString(tex, { output: "htmlAndMathml", displayMode });

test("genuine renders (inline, display, stretchy SVG, \\cancel, matrices, errors in colour) are taken out and put back verbatim", () => {
  const renders = [render("E=mc^2"), render(String.raw`\sqrt{x}\widehat{ab}\cancel{y}\overrightarrow{AB}`, true), render(String.raw`\begin{pmatrix}a&b\\c&d\end{pmatrix}\color{red}{x}\text{"q"} \& <`, true)];
  const html = `<p>${renders.join("</p><p>")}</p>`;
  const { html: lighter, snippets } = extractIslands(html);
  assert.is(snippets.length, 3);
  assert.equal(snippets, renders);
  assert.not.match(lighter, /class="katex/);
  assert.is(restoreIslands(lighter, snippets), html);
  assert.is(fast(html, "f"), html);
  assert.is(normal(fast(html, "f")), normal(slow(html, "f")));
});

const forged = [
  '<span class="katex"><img src="x" onerror="alert(1)"></span>',
  '<span class="katex"><span style="background:url(https://evil.example/x)">a</span></span>',
  '<span class="katex"><span style="width:expression(alert(1))">a</span></span>',
  '<span class="katex"><span onclick="alert(1)">x</span></span>',
  '<span class="katex"><math><mtext><script>alert(1)</script></mtext></math></span>',
  '<span class="katex"><svg><foreignObject><img src="x" onerror="alert(1)"></foreignObject></svg></span>',
  '<span class="katex"><math xmlns="http://evil.example"><mi>x</mi></math></span>',
  '<span class="katex"><math><mi href="javascript:alert(1)">x</mi></math></span>',
  '<span class="katex"><span>x</span><script>alert(1)</script>',
  '<span class="katex"><span class="x"><!-- <script>alert(1)</script> --></span></span>',
  '<span class="katex"><math><annotation encoding="application/x-tex"><img src=x onerror=alert(1)></annotation></math></span>',
  '<span class="katex"><svg><span onclick="alert(1)">breakout</span></svg></span>',
  '<span class="katex"><svg><path d="M0" onload="alert(1)"/></svg></span>',
  '<span class="katex"><a href="javascript:alert(1)">x</a></span>',
  '<span class="katex"><span style="color:red" data-x="1">x</span></span>',
];

test("look-alikes that are not pure KaTeX markup go through the full sanitiser", () => {
  for (const html of forged) {
    assert.is(extractIslands(html).snippets.length, 0, html);
    const out = fast(html, "f");
    assert.is(out, slow(html, "f"), html);
    assert.not.match(out, /alert|javascript|onerror|onclick|onload|<script|url\(|expression|foreignObject/i, out);
  }
});

test("a placeholder written into the page disables the fast path", () => {
  const html = `<p><tp-katex-island data-i="0" data-tex="x"></tp-katex-island>${render("x")}</p>`;
  assert.is(extractIslands(html).snippets.length, 0);
  const out = fast(html, "f");
  assert.is(out, slow(html, "f"));
  assert.is((out.match(/class="katex"/g) ?? []).length, 1);
});

test("a render inside an attribute or <title> falls back to the slow path, same result", () => {
  const k = render("a<b");
  const inAttr = `<p title='${k}'>t</p>${render("y")}`;
  assert.is(fast(inAttr, "f"), slow(inAttr, "f"));
  assert.not.match(fast(inAttr, "f"), /tp-katex-island/);
  const doc = `<!doctype html><html><head><title>${k}</title><script>const s = '${render("z")}';</script></head><body>${render("w")}</body></html>`;
  assert.is(fast(doc, "f"), slow(doc, "f"));
  assert.not.match(fast(doc, "f"), /tp-katex-island/);
});

test("math in headings: same ids, TOC text and TOC copy of the formula on both paths", () => {
  const html = `<nav class="toc-placeholder" data-tp-toc="ul"></nav><h2>${render("\\alpha \"q\"")} 平滑</h2><h3>${katex.renderToString("x^2", { output: "html" })} b</h3>`;
  const f = createHtmlPassDetailed({ report: new BuildReport(false) })(html, "f");
  const s = createHtmlPassDetailed({ report: new BuildReport(false), fastMath: false })(html, "f");
  assert.equal(f.headings, s.headings);
  assert.equal(f.headings.map((h) => h.id), ["alpha-q-平滑", "x2-b"]);
  assert.is(f.headings[0].text, '\\alpha "q" 平滑');
  assert.is(normal(f.html), normal(s.html));
  assert.is((f.html.match(/class="katex"/g) ?? []).length, 4, "each formula in the heading and in its TOC entry");
});

test("restoreIslands refuses a placeholder that did not come back whole", () => {
  assert.is(restoreIslands('<p title="&lt;tp-katex-island data-i=&quot;0&quot;>"></p>', ["<span></span>"]), undefined);
  assert.is(restoreIslands('<tp-katex-island data-i="7"></tp-katex-island>', ["<span></span>"]), undefined);
  assert.is(restoreIslands('<tp-katex-island data-i="0" data-tex="x"></tp-katex-island>', ["<b>k</b>"]), "<b>k</b>");
});

test.run();
