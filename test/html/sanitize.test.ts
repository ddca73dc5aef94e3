// Sanitising of the post body: what must go (scripts, handlers, dangerous URLs and elements, CSS that
// loads or runs things) and what must survive untouched (KaTeX HTML + MathML, Graphviz SVG, highlight.js,
// tables, images, the error box, data-* islands, ids exactly as written).
import katex from "katex";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { errorBox, BuildReport } from "../../plugins/errors.ts";
import rehypeParse from "rehype-parse";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import { createHtmlPass, styleAllowed, urlAllowed } from "../../plugins/html/index.ts";

const slow = createHtmlPass({ report: new BuildReport(false), fastMath: false });
const fast = createHtmlPass({ report: new BuildReport(false) });
const reparse = unified().use(rehypeParse, { fragment: true }).use(rehypeStringify);
const normal = (html: string): string => String(reparse.processSync(html));

/** The pass with every byte parsed and sanitised; each case also checks that the KaTeX fast path
 *  (islands.ts) gives the same DOM. */
function run(html: string): string {
  const out = slow(html, "./posts/x.md");
  assert.is(normal(fast(html, "./posts/x.md")), normal(out), "fast path differs");
  return out;
}

/** Parse + serialise only (no sanitising), to compare "before" with "after": the marked scope is an
 *  empty div, so `html` is outside the post body and left alone. */
const untouched = (html: string): string => slow(`<div data-tp-body></div>${html}`, "f").replace('<div data-tp-body=""></div>', "");

test("a page without a post-body marker keeps its structure (main, header, section, footer)", () => {
  const pass = createHtmlPass({ report: new BuildReport(false) });
  const out = pass('<!doctype html><html><head><title>t</title></head><body><header>h</header><main id="m" class="c"><section><p>x</p></section></main><footer>f</footer></body></html>', "x");
  assert.match(out, /<main id="m" class="c"><section><p>x<\/p><\/section><\/main>/);
  assert.match(out, /<header>h<\/header>/);
  assert.match(out, /<footer>f<\/footer>/);
});

test("script elements and their content are removed, in HTML and in SVG", () => {
  const out = run('<p>a<script>alert(1)</script>b</p><svg><script>alert(2)</script><g></g></svg><SCRIPT src="x.js"></SCRIPT>');
  assert.not.match(out, /script|alert/i);
  assert.is(out, "<p>ab</p><svg><g/></svg>");
});

test("on* event handlers are removed from every element", () => {
  const out = run('<p onclick="x()">a</p><img src="/img/a.png" onerror="x()" alt=""><svg onload="x()"><a href="#k" onmouseover="x()">k</a></svg><div ONCLICK="x()" data-x="1">d</div>');
  assert.not.match(out, /on(click|error|load|mouseover)|x\(\)/i);
  assert.ok(out.includes('<div data-x="1">d</div>'), out);
});

test("javascript: links are removed in any case, with entities, whitespace or control characters", () => {
  const cases = [
    '<a href="javascript:alert(1)">a</a>',
    '<a href="JaVaScRiPt:alert(1)">a</a>',
    '<a href="javascript&#58;alert(1)">a</a>',
    '<a href="&#x6A;avascript:alert(1)">a</a>',
    '<a href="java&#x09;script:alert(1)">a</a>',
    '<a href=" &#x0A; javascript:alert(1)">a</a>',
    '<a href="javascript&colon;alert(1)">a</a>',
    '<a href="vbscript:msgbox(1)">a</a>',
    '<a href="VBScript:msgbox(1)">a</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a>',
    '<a href="DATA:text/html,x">a</a>',
  ];
  for (const c of cases) assert.is(run(c), "<a>a</a>", c);
});

test("SVG links with javascript: in xlink:href or href are removed, good ones kept", () => {
  const out = run('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a><a href="JAVASCRIPT:alert(1)"><text>y</text></a><a xlink:href="jav&#x61;script:alert(1)"><text>z</text></a><a xlink:href="https://example.org/n" xlink:title="n"><text>ok</text></a></svg>');
  assert.not.match(out, /javascript/i);
  assert.ok(out.includes('<a xlink:href="https://example.org/n" xlink:title="n"><text>ok</text></a>'), out);
  assert.is((out.match(/<a>/g) ?? []).length, 3);
});

test("src: javascript:/data: removed except data:image/ in img src", () => {
  assert.is(run('<img src="javascript:alert(1)" alt="a">'), '<img alt="a" loading="lazy" decoding="async">');
  assert.is(run('<img src="data:text/html,<script>x</script>" alt="a">'), '<img alt="a" loading="lazy" decoding="async">');
  const png = "data:image/png;base64,iVBORw0KGgo=";
  assert.is(run(`<img src="${png}" alt="a">`), `<img src="${png}" alt="a" loading="lazy" decoding="async">`);
  assert.is(run('<a href="data:image/png;base64,iVBORw0KGgo=">a</a>'), "<a>a</a>");
  assert.is(run('<svg><image xlink:href="data:image/svg+xml,x"></image></svg>'), "<svg><image/></svg>");
  assert.is(run('<picture><source srcset="/a.png 1x, javascript:x 2x"><img src="/a.png" alt=""></picture>'), '<picture><source><img src="/a.png" alt="" loading="lazy" decoding="async"></picture>');
});

test("iframe, object, embed, foreignObject and style are removed with their content", () => {
  const out = run('<iframe src="https://evil.example">fallback</iframe><object data="x.swf"><p>inner</p></object><embed src="x.swf"><svg><foreignObject><div>html in svg</div></foreignObject><style>*{}</style></svg><style>body{background:red}</style><p>kept</p>');
  assert.is(out, "<svg></svg><p>kept</p>");
});

test("other unknown elements are unwrapped, keeping their text; form controls and base/meta go", () => {
  assert.is(run('<form action="/x"><custom-el>t</custom-el><button>b</button></form><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=x"><link rel="import" href="x">'), "tb");
});

test("style: kept when harmless (KaTeX, kramdown table alignment), dropped when it loads or runs anything", () => {
  for (const ok of ["height:1.2em;vertical-align:-0.35em;", "margin-right:0.0278em;", "text-align: left", "text-align: center;", "color:#cc0000"]) {
    assert.ok(styleAllowed(ok), ok);
    assert.is(run(`<span style="${ok}">x</span>`), `<span style="${ok}">x</span>`);
  }
  const bad = [
    "background:url(https://evil.example/x.png)",
    "background: URL( 'x' )",
    "background:u\\72l(x)",
    "background:\\75 rl(x)",
    "background:u/**/rl(x)",
    "width:expression(alert(1))",
    "width:EXPRESSION (alert(1))",
    "background:javascript:alert(1)",
    "behavior:url(x.htc)",
    "-moz-binding:x",
    "@import 'x.css'",
    "background-image:image-set('x.png' 1x)",
    "background-image:-webkit-image-set('x.png' 1x)",
  ];
  for (const b of bad) {
    assert.not.ok(styleAllowed(b), b);
    assert.is(run(`<span style="${b.replace(/"/g, "&quot;")}">x</span>`), "<span>x</span>", b);
  }
});

test("urlAllowed: relative and web URLs yes, script schemes no", () => {
  for (const u of ["/img/a.png", "a.png", "#一语言模型", "?q=1", "https://x.org/a:b", "mailto:a@b.c", "HTTPS://X.ORG"]) assert.ok(urlAllowed(u, false), u);
  for (const u of ["javascript:x", " JavaScript:x", "java\tscript:x", "\u0001javascript:x", "vbscript:x", "data:text/html,x", "file:///etc/passwd"]) assert.not.ok(urlAllowed(u, false), u);
  assert.ok(urlAllowed("data:image/png;base64,AAAA", true));
  assert.not.ok(urlAllowed("data:image/png;base64,AAAA", false));
});

test("ids are not prefixed (no user-content-), class and data-* kept everywhere", () => {
  const html = '<h2 id="一语言模型" class="no_toc">h</h2><p id="fn:1" name="n">p</p><div data-demo="mnist" data-state=\'{"a":1}\' data-output="o" class="demo island">d</div><a href="#fnref:1" class="reversefootnote" role="doc-backlink">↩</a>';
  assert.is(run(html), html.replace("'{\"a\":1}'", '"{&quot;a&quot;:1}"'));
});

test("KaTeX HTML + MathML survives sanitising exactly", () => {
  const exprs = [
    String.raw`P(w_t \mid w_1,\dots,w_{t-1}) = \frac{C(w_1\ldots w_t)}{C(w_1\ldots w_{t-1})}`,
    String.raw`\sqrt[3]{x}+\widehat{abc}+\overrightarrow{AB}+\cancel{x}+\underbrace{a+b}_{c}`,
    String.raw`\begin{bmatrix}1&2\\3&4\end{bmatrix}\begin{aligned}a&=b\\c&=d\end{aligned}\color{red}{x}\mathbb{R}\text{hi}\sum_{i=1}^n\phantom{x}\xrightarrow{abc}`,
  ];
  for (const e of exprs) {
    for (const displayMode of [false, true]) {
      const html = katex.renderToString(e, { output: "htmlAndMathml", displayMode });
      const before = untouched(html);
      const after = run(html);
      assert.is(after, before, e);
      assert.is(fast(html, "f"), html, "the fast path keeps a genuine KaTeX render verbatim");
      for (const needle of ['<math xmlns="http://www.w3.org/1998/Math/MathML"', "<semantics>", '<annotation encoding="application/x-tex">', 'class="katex-html" aria-hidden="true"', "style=\"height:", "<mfrac>", "<mrow>"]) {
        if (e.includes("frac") || !needle.includes("mfrac")) assert.ok(after.includes(needle), `${needle} in ${e}`);
      }
    }
  }
  // stretchy SVGs inside KaTeX (\widehat, \overrightarrow, \sqrt) keep their paths
  assert.match(run(katex.renderToString(String.raw`\widehat{abc}`)), /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="[^"]+" height="[^"]+" viewBox="[^"]+" preserveAspectRatio="none"><path d="M/);
  // a KaTeX error (throwOnError: false) keeps its title and colour
  const err = katex.renderToString(String.raw`\frac{`, { throwOnError: false });
  assert.is(run(err), untouched(err));
});

/** Output of Graphviz 16.1 (@hpcc-js/wasm 2.35.3) for a small graph with a link, a gradient fill, dashes
 *  and non-ASCII labels, without the XML prolog, plus the role/aria-label the graphviz layer adds. */
const graphvizSvg = `<svg width="246pt" height="78pt" viewBox="0.00 0.00 246.00 78.00" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" role="img" aria-label="graph G" class="graphviz">
<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 74)">
<title>G</title>
<polygon fill="white" stroke="none" points="-4,4 -4,-74 241.61,-74 241.61,4 -4,4"/>
<g id="node1" class="node">
<title>a</title>
<g id="a_node1"><a xlink:href="https://example.org/a" xlink:title="tip">
<path fill="#eeeeff" stroke="black" d="M42,-40C42,-40 12,-40 12,-40 6,-40 0,-34 0,-28 0,-28 0,-16 0,-16 0,-10 6,-4 12,-4 12,-4 42,-4 42,-4 48,-4 54,-10 54,-16 54,-16 54,-28 54,-28 54,-34 48,-40 42,-40"/>
<text xml:space="preserve" text-anchor="middle" x="27" y="-17.8" font-family="Times,serif" font-size="14.00">输入 x</text>
</a>
</g>
</g>
<g id="node2" class="node">
<title>b</title>
<ellipse fill="#eeeeff" stroke="black" cx="137.61" cy="-52" rx="27" ry="18"/>
<text xml:space="preserve" text-anchor="middle" x="137.61" y="-47.8" font-family="Times,serif" font-size="14.00">b</text>
</g>
<g id="edge1" class="edge">
<title>a&#45;&gt;b</title>
<path fill="none" stroke="black" stroke-dasharray="5,2" d="M54.29,-29.26C68.44,-33.17 86.07,-38.04 101.39,-42.27"/>
<polygon fill="black" stroke="black" points="100.02,-45.52 110.59,-44.81 101.88,-38.78 100.02,-45.52"/>
<text xml:space="preserve" text-anchor="middle" x="82.31" y="-43.89" font-family="Times,serif" font-size="14.00">w₁</text>
</g>
<g id="node3" class="node">
<title>c</title>
<defs>
<linearGradient id="node3_l_0" gradientUnits="userSpaceOnUse" x1="201.61" y1="-18" x2="237.61" y2="-18" >
<stop offset="0" style="stop-color:red;stop-opacity:1.;"/>
<stop offset="1" style="stop-color:blue;stop-opacity:1.;"/>
</linearGradient>
</defs>
<ellipse fill="url(#node3_l_0)" stroke="black" cx="219.61" cy="-18" rx="18" ry="18"/>
<text xml:space="preserve" text-anchor="middle" x="219.61" y="-13.8" font-family="Times,serif" font-size="14.00">c</text>
</g>
<g id="edge3" class="edge">
<title>c&#45;&gt;a</title>
<path fill="none" stroke="red" stroke-width="2" d="M201.3,-18.36C171.08,-19 108.02,-20.32 66.88,-21.18"/>
<polygon fill="red" stroke="red" stroke-width="2" points="67.05,-17.68 57.13,-21.39 67.2,-24.68 67.05,-17.68"/>
<polyline fill="none" stroke="black" points="1,2 3,4"/>
</g>
</g>
</svg>`;

test("a Graphviz SVG survives sanitising exactly", () => {
  const html = `<figure class="graphviz">${graphvizSvg}</figure>`;
  const after = run(html);
  assert.is(after, untouched(html));
  for (const needle of ['viewBox="0.00 0.00 246.00 78.00"', 'role="img" aria-label="graph G"', 'xlink:href="https://example.org/a"', 'stroke-dasharray="5 2"' /* hast reads it as a list; same dashes */, 'fill="url(#node3_l_0)"', "<linearGradient", 'text-anchor="middle"', 'font-family="Times,serif"', 'id="node3_l_0"', 'xml:space="preserve"', "输入 x"]) {
    assert.ok(after.includes(needle), needle);
  }
});

test("SVG paint referring outside the document is removed, internal url(#id) kept", () => {
  assert.is(run('<svg><rect fill="url(https://evil.example/x.svg#g)" stroke="url(#ok)"></rect></svg>'), '<svg><rect stroke="url(#ok)"/></svg>');
});

test("highlight.js spans, kramdown/Rouge code blocks, tables, images, figure, details, nav survive", () => {
  const html = [
    '<div class="language-python highlighter-rouge"><div class="highlight"><pre class="highlight"><code><span class="hljs-keyword">def</span> <span class="hljs-title function_">f</span>(): <span class="c1"># 定义模型</span></code></pre></div></div>',
    '<p><code class="language-plaintext highlighter-rouge">x</code></p>',
    '<table><thead><tr><th style="text-align: left">a</th></tr></thead><tbody><tr><td>P(Wt</td><td colspan="2">b</td></tr></tbody></table>',
    '<figure><img src="/img/src/2022-12-19-language-model-2.png" alt="图" width="300" loading="lazy" decoding="async"><figcaption>cap</figcaption></figure>',
    '<details open><summary>more</summary><p>hidden</p></details>',
    '<nav class="toc"><ul id="markdown-toc"><li><a href="#a" id="markdown-toc-a">a</a></li></ul></nav>',
    '<div style="text-align: center;"><blockquote><p>q</p></blockquote></div>',
    '<ol start="3"><li class="task">x</li></ol><hr><p><sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup></p>',
  ].join("");
  assert.is(run(html), html);
});

test("the error box keeps its class, role and data-kind", () => {
  const box = errorBox({ file: "./posts/x.md", line: 3, kind: "katex", message: "bad <x>", severity: "error" });
  assert.is(run(`<p>a</p>${box}`), `<p>a</p>${box}`.replace("&gt;", ">"));
  const inline = errorBox({ file: "./posts/x.md", kind: "graphviz", message: "m", severity: "error" }, true);
  assert.ok(run(`<p>${inline}</p>`).includes('<span class="tp-error" role="alert" data-kind="graphviz">'));
});

test("comments are dropped from the body", () => {
  assert.is(run("<p>a<!-- secret --></p>"), "<p>a</p>");
});

test.run();
