// kramdown's TOC marker (POST-NOTES H3): list + `{:toc}` → placeholder for the rehype pass.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { stubMd } from "./setup.ts";

const render = (src: string): string => stubMd().md.render(src, {});
const UL = '<nav class="toc-placeholder" data-tp-toc="ul"></nav>\n';
const OL = '<nav class="toc-placeholder" data-tp-toc="ol"></nav>\n';

test("the post's marker: bold paragraph, then `* TOC` / `{:toc}` with no blank line (l.14–16)", () => {
  const html = render("**本文目录**\n* TOC\n{:toc}\n\n文章进度：\n");
  assert.equal(html, `<p><strong>本文目录</strong></p>\n${UL}<p>文章进度：</p>\n`);
});

test("ordered list marker gives data-tp-toc=ol", () => {
  assert.equal(render("1. TOC\n{:toc}\n"), OL);
});

test("`* TOC` without {:toc} is an ordinary list", () => {
  assert.equal(render("* TOC\n"), "<ul>\n<li>TOC</li>\n</ul>\n");
  assert.equal(render("* TOC\n\ntext\n"), "<ul>\n<li>TOC</li>\n</ul>\n<p>text</p>\n");
});

test("only the first marker counts; a later one is an ordinary list without the IAL", () => {
  assert.equal(render("1. TOC\n{:toc}\n\n* TOC\n{:toc}\n"), `${OL}<ul>\n<li>TOC</li>\n</ul>\n`);
  // (A different bullet: with the same one CommonMark would continue the first list across the blank line.)
  assert.equal(render("* TOC\n{:toc}\n\n- TOC\n{:toc}\n"), `${UL}<ul>\n<li>TOC</li>\n</ul>\n`);
});

test("kramdown: item text and count do not matter, the whole list is replaced", () => {
  assert.equal(render("* Contents\n{:toc}\n"), UL);
  assert.equal(render("* TOC\n* two\n{:toc}\n"), UL);
});

test("nested list ended by an unindented {:toc}: the outer list becomes the TOC", () => {
  assert.equal(render("* a\n  * TOC\n{:toc}\n"), UL);
});

test("{:toc} indented into the item applies to the item's paragraph: no TOC, line consumed", () => {
  assert.equal(render("* TOC\n  {:toc}\n"), "<ul>\n<li>TOC</li>\n</ul>\n");
});

test("{:toc} after a paragraph is consumed, and does not use up the first marker", () => {
  assert.equal(render("para\n{:toc}\n\n* TOC\n{:toc}\n"), `<p>para</p>\n${UL}`);
});

test("{:toc} inside code is untouched", () => {
  const html = render("```\n* TOC\n{:toc}\n```\n");
  assert.ok(html.includes("* TOC\n{:toc}\n</code>"));
  assert.not.ok(html.includes("toc-placeholder"));
});

test.run();
