// The whole reference post (POST-NOTES): 27 display + 60 inline formulas at the lines kramdown sees,
// 0 KaTeX errors, and every formula's reported line really holds that formula.
import { existsSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { count, realMd, stripRaw, stubMd } from "./setup.ts";

const POST = new URL("../../../shared/fixtures/2022-12-19-language-model.md", import.meta.url).pathname;
const DISPLAY_LINES = [107, 113, 204, 244, 255, 265, 271, 277, 289, 374, 390, 454, 508, 551, 600, 611, 618, 626, 640, 651, 663, 679, 694, 702, 710, 718, 954];

/** Body after the front matter, and how many lines the front matter took (Liquid pre-pass applied). */
function load(): { fileLines: string[]; body: string; offset: number } {
  const text = stripRaw(readFileSync(POST, "utf8"));
  const fileLines = text.split("\n");
  const close = fileLines.indexOf("---", 1);
  const offset = close + 1;
  // What the Graphviz Liquid tag leaves: one HTML line per source line and no blank line (G5), so the
  // <div> block stays raw HTML and later line numbers stay true.
  const lines = fileLines.slice(offset);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "{% graphviz %}") continue;
    const end = lines.indexOf("{% endgraphviz %}", i);
    for (let k = i; k <= end; k++) lines[k] = k === i ? '<svg class="graph-stub">' : k === end ? "</svg>" : "<g></g>";
  }
  return { fileLines, body: lines.join("\n"), offset };
}

if (!existsSync(POST)) {
  test("reference post", () => {
    console.log("\n\n  !!!!!!!! SKIPPED: ../shared absent (no reference post to check) !!!!!!!!\n");
  });
} else {
  test("27 display + 60 inline formulas, display ones starting at the lines kramdown uses", () => {
    const { body, offset } = load();
    const { md, calls } = stubMd();
    md.render(body, {});
    const display = calls.filter((c) => c.display);
    assert.equal(display.length, 27);
    assert.equal(calls.length - display.length, 60);
    assert.equal(display.map((c) => c.line + offset + 1), DISPLAY_LINES);
  });

  test("every formula's line holds its opening $$ and the start of its TeX", () => {
    const { body, offset, fileLines } = load();
    const { md, calls } = stubMd();
    md.render(body, {});
    for (const c of calls) {
      const line = fileLines[c.line + offset];
      assert.ok(line.includes("$$"), `line ${c.line + offset + 1} has no $$ for ${c.tex}`);
      const firstTexLine = c.tex.split("\n")[0];
      // Display blocks written `$$` / TeX / `$$` have the TeX on the next line.
      const here = line.includes(firstTexLine) || (c.display && fileLines[c.line + offset + 1].includes(firstTexLine));
      assert.ok(here, `line ${c.line + offset + 1} does not hold ${firstTexLine}`);
    }
    // Spot checks from POST-NOTES: M1 (l.393), M4 (l.104), M7 (l.673).
    const at = (tex: string) => calls.filter((c) => c.tex === tex).map((c) => c.line + offset + 1);
    assert.ok(at("b_{n+1}").includes(393));
    assert.equal(at("\\omega").slice(0, 1), [104]);
    assert.equal(at("\\odot"), [673]);
  });

  test("KaTeX renders the whole post with 0 errors; HTML has 87 formulas, 27 of them display", () => {
    const { body, offset } = load();
    const site = realMd({}, offset);
    const html = site.md.render(body, { file: "./posts/2022-12-19-language-model.md" });
    assert.equal(site.report.errors.length, 0, site.report.summary());
    assert.equal(count(html, '<span class="katex">'), 87);
    assert.equal(count(html, '<span class="katex-display">'), 27);
    assert.equal(count(html, "tp-error"), 0);
    assert.equal(count(html, "$$"), 0, "no delimiter left over");
    // M10 across the post: no stray emphasis from TeX underscores (the post itself has none).
    assert.equal(count(html, "<em>"), 0);
    // M6: the `** $$ z $$ **` stays literal asterisks.
    assert.ok(html.includes("维的向量 ** <span class=\"katex\">"));
  });

  test("the rest of the post: TOC placeholder, 7 Jekyll-shaped python blocks, K1 paragraph, typography", () => {
    const { body, offset } = load();
    const site = realMd({}, offset);
    const html = site.md.render(body, { file: "./posts/2022-12-19-language-model.md" });
    assert.ok(html.startsWith('<p><strong>本文目录</strong></p>\n<nav class="toc-placeholder" data-tp-toc="ul"></nav>\n'));
    assert.equal(count(html, "toc-placeholder"), 1);
    assert.not.ok(html.includes("{:toc}"));
    // POST-NOTES's table says 8, but the file has 7 ```python fences (l.124, 132, 185, 195, 215, 294, 365).
    assert.equal(count(html, '<div class="language-python highlighter-rouge"><div class="highlight"><pre class="highlight"><code>'), 7);
    assert.ok(html.includes('<span class="hljs-keyword">import</span> torch'));
    // K1: the one-row "table" stays a paragraph, with kramdown's … for ...
    assert.equal(count(html, "<table"), 0);
    assert.ok(html.includes("<p>P(Wt | W1,W2…Wt-1) = C(W1,W2,…Wt) / C(W1,W2,…Wt-1)</p>"));
    assert.equal(count(html, '<svg class="graph-stub">'), 8);
    assert.equal(count(html, "<h3>") + count(html, "<h4>") + count(html, "<h5>") + count(html, "<h6>"), 32);
    // K6: bare URLs are not linked.
    assert.not.ok(html.includes('<a href="https://katex.org'));
    assert.ok(html.includes("https://katex.org/docs/supported.html"));
  });
}

test.run();
