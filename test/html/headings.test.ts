// Heading ids and the TOC against the reference post (POST-NOTES §3): every id Jekyll 4.3 produced,
// the kramdown TOC shape, and the edge cases of the id rule.
import katex from "katex";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { BuildReport } from "../../plugins/errors.ts";
import { createHtmlPass, createHtmlPassDetailed, gfmSlug } from "../../plugins/html/index.ts";

/** [post line, level, heading text, id Jekyll 4.3.1 + kramdown-parser-gfm gave] — POST-NOTES §3. */
const table: [number, number, string, string][] = [
  [53, 3, "一、语言模型", "一语言模型"],
  [55, 3, "二、N 元文法语言模型（N-gram Language Model）", "二n-元文法语言模型n-gram-language-model"],
  [76, 4, "平滑技术", "平滑技术"],
  [78, 5, "折扣法", "折扣法"],
  [80, 5, "加 1 平滑", "加-1-平滑"],
  [82, 5, "δ 平滑", "δ-平滑"],
  [84, 3, "三、神经网络语言模型（Neural Network Langauge Model）", "三神经网络语言模型neural-network-langauge-model"],
  [96, 4, "1、MLP（Multi-Layer Perceptron）", "1mlpmulti-layer-perceptron"],
  [102, 5, "1.1、感知器（Perceptron）：解决二元分类任务的前馈神经网络", "11感知器perceptron解决二元分类任务的前馈神经网络"],
  [118, 5, "1.2、线性回归（Linear Regression）：从离散值的感知器（分类问题），到连续值的线性回归（回归问题）", "12线性回归linear-regression从离散值的感知器分类问题到连续值的线性回归回归问题"],
  [199, 5, "1.3、逻辑回归（Logistic Regression）：没有值域约束的线性回归，到限定在一个范围内的逻辑回归（常用于分类问题）", "13逻辑回归logistic-regression没有值域约束的线性回归到限定在一个范围内的逻辑回归常用于分类问题"],
  [240, 5, "1.4、Sigmoid 回归（Sigmoid Regression）：归一化的逻辑回归，一般用于二元分类任务", "14sigmoid-回归sigmoid-regression归一化的逻辑回归一般用于二元分类任务"],
  [260, 5, "1.5、Softmax 回归（Softmax Regression）：从解决二元任务的 sigmoid，到解决多元分类任务的 softmax", "15softmax-回归softmax-regression从解决二元任务的-sigmoid到解决多元分类任务的-softmax"],
  [282, 5, "1.6、多层感知器（Multi-Layer Perceptron）", "16多层感知器multi-layer-perceptron"],
  [385, 5, "MLP 的一个显著问题，帮我们引出 CNN 模型", "mlp-的一个显著问题帮我们引出-cnn-模型"],
  [435, 4, "2、CNN（Convolutional Neural Network）", "2cnnconvolutional-neural-network"],
  [439, 4, "3、RNN（Recurrent Neural Network）", "3rnnrecurrent-neural-network"],
  [443, 5, "3.1、经典结构的 RNN", "31经典结构的-rnn"],
  [503, 5, "3.2、N vs.1 的 RNN", "32n-vs1-的-rnn"],
  [546, 5, "3.3、1 vs. N 的 RNN", "331-vs-n-的-rnn"],
  [593, 5, "3.4、LSTM（Long Short-Term Memory）长短时记忆网络", "34lstmlong-short-term-memory长短时记忆网络"],
  [595, 6, "3.4.1、如何理解这个 Short-Term 呢？", "341如何理解这个-short-term-呢"],
  [658, 6, "3.4.2、引入遗忘门 f、输入门 i、输出门 o、记忆细胞 c", "342引入遗忘门-f输入门-i输出门-o记忆细胞-c"],
  [731, 5, "3.5、双向循环神经网络、双向 LSTM", "35双向循环神经网络双向-lstm"],
  [774, 5, "3.6、堆叠循环神经网络、堆叠 LSTM", "36堆叠循环神经网络堆叠-lstm"],
  [823, 5, "3.7、N vs. M 的 RNN", "37n-vs-m-的-rnn"],
  [877, 4, "4、Attention 机制", "4attention-机制"],
  [881, 5, "为什么说 RNN 模型没有体现「注意力」？", "为什么说-rnn-模型没有体现注意力"],
  [966, 5, "参考：", "参考"],
  [972, 4, "5、Transformer", "5transformer"],
  [978, 5, "参考：", "参考-1"],
  [984, 3, "Reference", "reference"],
];

const headingsHtml = table.map(([, level, text]) => `<h${level}>${text}</h${level}>\n<p>x</p>`).join("\n");
const placeholder = '<p><strong>本文目录</strong></p>\n<nav class="toc-placeholder" data-tp-toc="ul"></nav>';
const pass = () => createHtmlPassDetailed({ report: new BuildReport(false) });

function ids(html: string): string[] {
  return [...html.matchAll(/<h[1-6][^>]*\sid="([^"]*)"/g)].map((m) => m[1]);
}

/** The TOC as nested arrays read back from the output HTML: [href, id, text, children][]. */
type Entry = { href: string; id: string; text: string; children: Entry[] };
function parseToc(html: string): { tag: string; listId: string; entries: Entry[] } {
  const start = html.indexOf('<ul id="markdown-toc"') >= 0 ? html.indexOf('<ul id="markdown-toc"') : html.indexOf('<ol id="markdown-toc"');
  assert.ok(start >= 0, "TOC list present");
  const tag = html.slice(start + 1, start + 3);
  const re = /<(\/?)(ul|ol|li)\b[^>]*>|<a href="([^"]*)" id="([^"]*)">(.*?)<\/a>/g;
  re.lastIndex = start;
  const root: Entry = { href: "", id: "", text: "", children: [] };
  const stack: Entry[] = [];
  let current: Entry = root;
  let depth = 0;
  let m: RegExpExecArray | null;
  let listId = "";
  while ((m = re.exec(html))) {
    if (m[3] !== undefined) {
      current.href = m[3];
      current.id = m[4];
      current.text = m[5];
      continue;
    }
    const closing = m[1] === "/";
    if (m[2] === "li") {
      if (!closing) {
        const e: Entry = { href: "", id: "", text: "", children: [] };
        (stack[stack.length - 1] ?? root).children.push(e);
        stack.push(e);
        current = e;
      } else {
        stack.pop();
        current = stack[stack.length - 1] ?? root;
      }
    } else if (!closing) {
      if (depth === 0) listId = /id="([^"]*)"/.exec(m[0])?.[1] ?? "";
      depth++;
    } else if (--depth === 0) break;
  }
  return { tag, listId, entries: root.children };
}

function countByDepth(entries: Entry[], depth = 1, out: number[] = []): number[] {
  for (const e of entries) {
    out[depth - 1] = (out[depth - 1] ?? 0) + 1;
    countByDepth(e.children, depth + 1, out);
  }
  return out;
}

function flatten(entries: Entry[]): Entry[] {
  return entries.flatMap((e) => [e, ...flatten(e.children)]);
}

test("all 32 headings of the reference post get exactly Jekyll's ids", () => {
  assert.is(table.length, 32);
  const out = pass()(headingsHtml, "post.md").html;
  assert.equal(ids(out), table.map((r) => r[3]));
});

test("gfmSlug follows kramdown-parser-gfm on the rule's corner cases", () => {
  assert.is(gfmSlug("3.4.1、如何理解这个 Short-Term 呢？"), "341如何理解这个-short-term-呢");
  assert.is(gfmSlug("δ 平滑"), "δ-平滑");
  assert.is(gfmSlug("a\tb  c"), "a-b--c");
  assert.is(gfmSlug("snake_case & Ünïcödé"), "snake_case--ünïcödé");
  assert.is(gfmSlug("x²: ½ ٣"), "x--٣"); // ² and ½ are No, not Nd; ٣ is Nd
  assert.is(gfmSlug("「」（）：，？"), "");
});

test("repeated 参考： becomes 参考 then 参考-1, and further repeats count on", () => {
  const out = pass()("<h5>参考：</h5><h4>5、Transformer</h4><h5>参考：</h5><h5>参考</h5>", "f").html;
  assert.equal(ids(out), ["参考", "5transformer", "参考-1", "参考-2"]);
});

test("explicit ids are kept and reserved; generated ids never collide", () => {
  const html = '<h2>Intro</h2><h2 id="intro-1">Custom</h2><h2>Intro</h2><h2>Intro 1</h2><h2 id="keep me">？？</h2><h2>！</h2><h2>？</h2>';
  const out = pass()(html, "f").html;
  assert.equal(ids(out), ["intro", "intro-1", "intro-2", "intro-1-1", "keep me", "section", "section-1"]);
  assert.is(new Set(ids(out)).size, 7);
});

test("a KaTeX formula in a heading contributes its TeX source, once", () => {
  const math = katex.renderToString("\\alpha_t", { output: "htmlAndMathml" });
  const out = pass()(`<h3>${math} 平滑</h3><h3>${katex.renderToString("x^2", { output: "html" })} only html</h3>`, "f");
  assert.equal(ids(out.html), ["alpha_t-平滑", "x2-only-html"]);
  assert.is(out.headings[0].text, "\\alpha_t 平滑");
});

test("only headings inside the data-tp-body element get ids", () => {
  const doc = '<!doctype html><html><head><title>t</title></head><body><header><h1>Site</h1></header><article data-tp-body><h2>Post</h2></article><footer><h2>Foot</h2></footer></body></html>';
  const out = pass()(doc, "f").html;
  assert.ok(out.includes("<h1>Site</h1>"), out);
  assert.ok(out.includes('<h2 id="post">Post</h2>'), out);
  assert.ok(out.includes("<h2>Foot</h2>"), out);
});

test("TOC of the reference post: kramdown structure, 4/6/20/2 per depth, 32 entries", () => {
  const out = pass()(`${placeholder}\n${headingsHtml}`, "f");
  const toc = parseToc(out.html);
  assert.is(toc.tag, "ul");
  assert.is(toc.listId, "markdown-toc");
  assert.equal(countByDepth(toc.entries), [4, 6, 20, 2]);
  const flat = flatten(toc.entries);
  assert.is(flat.length, 32);
  assert.equal(flat.map((e) => e.text), table.map((r) => r[2]));
  assert.equal(flat.map((e) => e.id), table.map((r) => `markdown-toc-${r[3]}`));
  // POST-NOTES H4: second top-level entry holds 平滑技术, which holds 折扣法 …
  assert.is(toc.entries[0].children.length, 0);
  assert.is(toc.entries[1].children[0].text, "平滑技术");
  assert.equal(toc.entries[1].children[0].children.map((e) => e.text), ["折扣法", "加 1 平滑", "δ 平滑"]);
  assert.is(toc.entries[3].text, "Reference");
  // the bold paragraph stays before the TOC, which sits in the (now filled) nav
  assert.match(out.html, /<p><strong>本文目录<\/strong><\/p>\n<nav class="toc"><ul id="markdown-toc"><li><a href="#一语言模型" id="markdown-toc-一语言模型">一、语言模型<\/a><\/li><li><a href="#二n-元文法语言模型n-gram-language-model"/);
  assert.not.match(out.html, /toc-placeholder|data-tp-toc|<ul><\/ul>/);
});

test("every TOC href resolves to a heading id on the page", () => {
  const out = pass()(`${placeholder}\n${headingsHtml}`, "f").html;
  const headingIds = new Set(ids(out));
  const hrefs = flatten(parseToc(out).entries).map((e) => e.href);
  assert.is(hrefs.length, 32);
  for (const href of hrefs) {
    assert.ok(href.startsWith("#"), href);
    assert.ok(headingIds.has(href.slice(1)), `${href} has no target`);
  }
});

test("headings of the post are exposed with depth, id and text", () => {
  const out = pass()(headingsHtml, "f");
  assert.is(out.headings.length, 32);
  assert.equal(out.headings[1], { depth: 3, id: "二n-元文法语言模型n-gram-language-model", text: "二、N 元文法语言模型（N-gram Language Model）", toc: true });
  assert.equal(out.headings.map((h) => h.depth), table.map((r) => r[1]));
});

test("no_toc headings get an id but no TOC entry", () => {
  const html = '<nav class="toc-placeholder" data-tp-toc="ul"></nav><h2 class="no_toc">Contents</h2><h2>A</h2><h3 class="x no_toc">Hidden</h3><h3>B</h3>';
  const out = pass()(html, "f");
  assert.ok(out.html.includes('<h2 class="no_toc" id="contents">'), out.html);
  assert.ok(out.html.includes('<h3 class="x no_toc" id="hidden">'), out.html);
  const flat = flatten(parseToc(out.html).entries);
  assert.equal(flat.map((e) => e.text), ["A", "B"]);
  assert.equal(out.headings.map((h) => h.toc), [false, true, false, true]);
});

test("nesting is relative: a deeper level after a shallower one nests once; ol placeholders give ol", () => {
  const html = '<nav class="toc-placeholder" data-tp-toc="ol"></nav><h4>a</h4><h2>b</h2><h5>c</h5><h3>d</h3><h6>e</h6><h2>f</h2>';
  const toc = parseToc(pass()(html, "f").html);
  assert.is(toc.tag, "ol");
  const shape = (es: Entry[]): unknown => es.map((e) => (e.children.length ? [e.text, shape(e.children)] : e.text));
  assert.equal(shape(toc.entries), ["a", ["b", ["c", ["d", ["e"]]]], "f"]);
});

test("TOC link text is the rendered heading with links unwrapped and ids dropped", () => {
  const html = '<nav class="toc-placeholder" data-tp-toc="ul"></nav><h2>See <a href="https://x.org">x</a> <em id="e">now</em><sup role="doc-noteref"><a href="#fn:1" class="footnote">1</a></sup></h2>';
  const out = pass()(html, "f").html;
  assert.ok(out.includes('<a href="#see-x-now1" id="markdown-toc-see-x-now1">See x <em>now</em></a>'), out);
});

test("without a placeholder nothing is inserted; only the first placeholder becomes the TOC", () => {
  const none = pass()("<h2>A</h2>", "f").html;
  assert.is(none, '<h2 id="a">A</h2>');
  const two = pass()('<nav class="toc-placeholder" data-tp-toc="ul"></nav><h2>A</h2><nav class="toc-placeholder" data-tp-toc="ul"></nav>', "f").html;
  assert.is((two.match(/markdown-toc"/g) ?? []).length, 1);
  assert.not.match(two, /toc-placeholder/);
  const empty = pass()('<p>a</p><nav class="toc-placeholder" data-tp-toc="ul"></nav><p>b</p>', "f").html;
  assert.is(empty, "<p>a</p><p>b</p>");
});

test("createHtmlPass returns the same HTML as the detailed variant", () => {
  const r = new BuildReport(false);
  assert.is(createHtmlPass({ report: r })(headingsHtml, "f"), createHtmlPassDetailed({ report: r })(headingsHtml, "f").html);
});

test.run();
