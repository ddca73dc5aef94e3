// A broken formula is reported at the right file line, wherever it sits: paragraph continuation
// lines, list items, blockquotes, table cells, headings, display blocks, after a stripped IAL line.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { realMd, stubMd } from "./setup.ts";

// Body lines are 0-based; a 12-line front matter makes file line = body line + 13.
const OFFSET = 12;

function reportedLines(body: string): number[] {
  const site = realMd({}, OFFSET);
  site.md.render(body, { file: "./posts/2024-01-01-lines.md" });
  for (const e of site.report.errors) assert.equal(e.file, "./posts/2024-01-01-lines.md");
  return site.report.errors.map((e) => e.line ?? -1);
}

test("paragraph: formula on the third line of a paragraph", () => {
  const body = ["# Title", "", "ok $$ a $$ line", "second line", "third $$ \\frac{ $$ broken"].join("\n");
  assert.equal(reportedLines(body), [4 + 13]);
});

test("paragraph: inline formula spanning lines is reported at its opening line", () => {
  const body = ["intro", "", "text $$ \\begin{aligned} a", "\\\\ b \\end{cases} $$ end"].join("\n");
  assert.equal(reportedLines(body), [2 + 13]);
});

test("display block: the line of the opening $$, also for multi-line and M8-style blocks", () => {
  const body = ["para", "", "$$", "\\begin{aligned} a \\end{foo}", "$$", "", "text", "", "$$", "x = \\undefinedthing $$", "", "$$ \\frac{ $$"].join("\n");
  assert.equal(reportedLines(body), [2 + 13, 8 + 13, 11 + 13]);
});

test("list items and blockquotes", () => {
  const body = ["* fine $$ x $$", "* bad $$ \\bad $$", "  continued $$ \\worse $$", "", "> quote", "> more $$ \\q $$"].join("\n");
  assert.equal(reportedLines(body), [1 + 13, 2 + 13, 5 + 13]);
});

test("table cells take their row's line; headings their own", () => {
  const body = ["| a | b |", "|---|---|", "| $$ x $$ | y |", "| z | $$ \\cellerr $$ |", "", "### Head $$ \\headerr $$", "", "Setext $$ \\s1 $$", "two $$ \\s2 $$", "---"].join("\n");
  assert.equal(reportedLines(body), [3 + 13, 5 + 13, 7 + 13, 8 + 13]);
});

test("an IAL first line is removed without shifting the formula lines", () => {
  const body = ["", "{: .note}", "first $$ \\e1 $$", "second $$ \\e2 $$"].join("\n");
  const site = realMd({}, OFFSET);
  const html = site.md.render(body, { file: "f.md" });
  assert.match(html, /^<p class="note">first/);
  assert.equal(site.report.errors.map((e) => e.line), [2 + 13, 3 + 13]);
});

test("two identical broken formulas on different lines are two report entries", () => {
  const body = ["a $$ \\nope $$", "", "b $$ \\nope $$"].join("\n");
  assert.equal(reportedLines(body), [13, 15]);
});

test("renderInline gives line 0 for its single line", () => {
  const { md, calls } = stubMd();
  md.renderInline("x $$ a $$ y", {});
  assert.equal(calls, [{ tex: "a", display: false, line: 0 }]);
});

test("line is passed to the render callback as a 0-based body line", () => {
  const { md, calls } = stubMd();
  md.render("p\n\nq $$ a $$\nr $$ b $$\n\n$$ c $$\n", {});
  assert.equal(calls.map((c) => [c.tex, c.line]), [["a", 2], ["b", 3], ["c", 5]]);
});

test.run();
