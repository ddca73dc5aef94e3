// KaTeX renderer: what the post needs renders, errors become a box plus a report entry at file:line,
// macros are per page and never leak, and TeX can never produce a javascript: link.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { BuildReport } from "../../plugins/errors.ts";
import { mathRenderer, renderMath } from "../../plugins/math/katex.ts";
import { realMd } from "./setup.ts";

function html(tex: string, display = false, macros: Record<string, string> = {}): string {
  const r = renderMath(tex, display, macros);
  if ("error" in r) throw new Error(`unexpected KaTeX error for ${tex}: ${r.error}`);
  return r.html;
}

test("renders what the post uses: \\bm, \\bold, aligned, cases, bmatrix, \\textstyle, \\displaystyle, \\odot", () => {
  const cases: [string, RegExp][] = [
    ["\\bm{h}_t", /mathvariant="bold-italic">h</],
    ["\\bold{W}", /mathvariant="bold">W</],
    ["\\begin{aligned} &a = b \\\\ &c = d \\end{aligned}", /<mtable/],
    ["y = \\begin{cases} 1 & (x \\geq 0) \\\\ 0 & (t>1) \\end{cases}", /<mo fence="true">\{<\/mo>/],
    ["\\begin{bmatrix} y_1 \\\\ y_2 \\end{bmatrix}", /<mo fence="true">\[<\/mo>/],
    ["\\frac{e^{s}}{\\textstyle\\sum_{j=1}^n e^{s_j}}", /<mstyle scriptlevel="0" displaystyle="false">/],
    ["\\bm{C}_t = \\displaystyle\\sum_{i=1}^n \\alpha_{i,t}", /<mstyle scriptlevel="0" displaystyle="true"><munderover>/],
    ["a \\odot b", /<mo>⊙<\/mo>/],
  ];
  for (const [tex, expect] of cases) {
    const out = html(tex, true);
    assert.match(out, expect, tex);
    assert.match(out, /class="katex-display"/);
    assert.match(out, /<annotation encoding="application\/x-tex">/, "htmlAndMathml keeps MathML");
    assert.match(out, /class="katex-html"/, "htmlAndMathml keeps the HTML");
  }
});

test("inline mode has no katex-display wrapper", () => {
  const out = html("x_1");
  assert.match(out, /^<span class="katex">/);
  assert.not.match(out, /katex-display/);
});

test("throwOnError: bad TeX is an error, not red text", () => {
  const r = renderMath("\\frac{", false, {});
  assert.ok("error" in r);
  if ("error" in r) assert.match(r.error, /Unexpected end of input|expected '}'/);
  const undef = renderMath("\\notamacro{x}", false, {});
  assert.ok("error" in undef && /Undefined control sequence: \\notamacro/.test(undef.error));
});

test("macros are used, and distinguish cache entries", () => {
  const withR = renderMath("\\Rset^n", false, { "\\Rset": "\\mathbb{R}" });
  assert.ok("html" in withR && withR.html.includes('<mi mathvariant="double-struck">R</mi>'));
  const without = renderMath("\\Rset^n", false, {});
  assert.ok("error" in without, "same TeX without the macro must not hit the cached success");
  const other = renderMath("\\Rset^n", false, { "\\Rset": "\\mathrm{R}" });
  assert.ok("html" in other && !other.html.includes("double-struck") && other.html.includes('<mi mathvariant="normal">R</mi>'));
});

test("\\gdef does not leak into the caller's macros or the next formula", () => {
  const macros: Record<string, string> = { "\\V": "\\bm{v}" };
  assert.ok("html" in renderMath("\\gdef\\leak{42}\\leak + \\V", false, macros));
  assert.equal(Object.keys(macros), ["\\V"]);
  assert.ok("error" in renderMath("\\leak", false, macros));
});

test("cache returns the same result for the same (tex, display, macros)", () => {
  const a = renderMath("\\alpha + \\beta", false, { "\\x": "y" });
  const b = renderMath("\\alpha + \\beta", false, { "\\x": "y" });
  assert.is(a, b);
  assert.is.not(a, renderMath("\\alpha + \\beta", true, { "\\x": "y" }));
});

test("trust: false — \\href, \\url, \\html*, \\includegraphics never give links, scripts or attributes", () => {
  const attacks = [
    "\\href{javascript:alert(1)}{x}",
    "\\href{JaVaScRiPt:alert(1)}{\\text{click}}",
    "\\href{ javascript:alert(1)}{x}",
    "\\url{javascript:alert(1)}",
    "\\url{javascript:alert(document.cookie)}",
    "\\htmlData{onclick=alert(1)}{x}",
    "\\htmlId{x\" onmouseover=\"alert(1)}{x}",
    "\\includegraphics{javascript:alert(1)}",
  ];
  for (const tex of attacks) {
    for (const display of [false, true]) {
      const r = renderMath(tex, display, {});
      const out = "html" in r ? r.html : r.error;
      assert.not.match(out, /<a[\s>]/i, tex);
      assert.not.match(out, /\bhref\s*=/i, tex);
      assert.not.match(out, /\bsrc\s*=/i, tex);
      // The TeX may survive only as escaped text (the MathML annotation), never inside a tag.
      for (const tag of out.match(/<[^>]*>/g) ?? []) {
        assert.not.match(tag, /\son\w+\s*=/i, `${tex}: ${tag}`);
        assert.not.match(tag, /javascript:/i, `${tex}: ${tag}`);
      }
    }
  }
  // Also through a page macro: trust does not depend on where \href comes from.
  const viaMacro = renderMath("\\evil", false, { "\\evil": "\\href{javascript:alert(1)}{x}" });
  assert.not.match("html" in viaMacro ? viaMacro.html : "", /<a[\s>]|href=/i);
});

test("mathRenderer: error → inline span box / display div box, and a report entry with file:line", () => {
  const report = new BuildReport(false);
  const render = mathRenderer(() => ({ file: "./posts/p.md", lineOffset: 12, report, katexMacros: {} }));
  const inline = render("\\frac{", false, {}, 3);
  assert.match(inline, /^<span class="tp-error" role="alert" data-kind="katex">/);
  assert.ok(inline.includes("./posts/p.md:16"));
  const block = render("\\begin{aligned} a \\end{cases}", true, {}, 9);
  assert.match(block, /^<div class="tp-error"/);
  assert.equal(report.errors.length, 2);
  assert.equal(report.errors[0].file, "./posts/p.md");
  assert.equal(report.errors[0].line, 16);
  assert.equal(report.errors[0].kind, "katex");
  assert.ok(report.errors[0].message.includes("\\frac{"), "message names the TeX");
  assert.equal(report.errors[1].line, 22);
  assert.ok(report.errors[1].message.includes("\\begin{aligned} a \\end{cases}"));
  // The TeX in the box is escaped.
  const xss = render("\\frac{<img src=x onerror=alert(1)>", false, {}, 0);
  assert.not.match(xss, /<img/);
});

test("mathRenderer: a multi-line (even blank-line) formula gives a one-line box and message", () => {
  const report = new BuildReport(false);
  const render = mathRenderer(() => ({ file: "f.md", lineOffset: 0, report, katexMacros: {} }));
  const box = render("\\begin{aligned}\na\n\n\\bad\n\\end{aligned}", true, {}, 4);
  assert.not.ok(box.includes("\n"));
  assert.equal(report.errors[0].line, 5);
  assert.match(report.errors[0].message, /Undefined control sequence: \\bad.* in display math \$\$ \\begin\{aligned\} a \\bad \\end\{aligned\} \$\$$/);
});

test("mathRenderer: success leaves the report empty", () => {
  const report = new BuildReport(false);
  const render = mathRenderer(() => ({ file: "f.md", lineOffset: 0, report, katexMacros: {} }));
  assert.match(render("x^2", false, {}, 0), /^<span class="katex">/);
  assert.equal(report.errors.length, 0);
});

test("site-wide macros and per-post macros (post overrides site) through the markdown pipeline", () => {
  const site = realMd({ "\\vx": "\\bm{x}", "\\Rset": "\\mathbb{R}" });
  const a = site.md.render("$$ \\vx \\in \\Rset $$ and $$ \\loss $$", { file: "a.md", katex_macros: { "\\loss": "\\mathcal{L}", "\\Rset": "\\mathrm{R}" } });
  assert.equal(site.report.errors.length, 0, site.report.summary());
  assert.match(a, /mathvariant="bold-italic">x</);
  assert.match(a, /<mi mathvariant="script">L<\/mi>/);
  assert.not.match(a, /double-struck/, "the post's \\Rset wins over the site's");
  // Another page without the post macro: \loss is unknown there, \Rset is the site's again.
  const b = site.md.render("$$ \\Rset $$ then $$ \\loss $$", { file: "b.md" });
  assert.match(b, /<mi mathvariant="double-struck">R<\/mi>/);
  assert.equal(site.report.errors.length, 1);
  assert.equal(site.report.errors[0].file, "b.md");
});

test("\\gdef on one page does not reach another page", () => {
  const site = realMd();
  site.md.render("$$ \\gdef\\w{\\omega} \\w $$", { file: "a.md" });
  site.md.render("$$ \\w $$", { file: "b.md" });
  assert.equal(site.report.errors.map((e) => e.file), ["b.md"]);
});

test.run();
