// kramdown's `$$` rules (POST-NOTES §1 rules 3–4) and pitfalls M1–M14, each with the post's own text.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { allTokens, count, stripRaw, stubMd } from "./setup.ts";

function run(src: string) {
  const { md, calls } = stubMd();
  const html = md.render(src, {});
  return {
    html,
    calls,
    display: calls.filter((c) => c.display).map((c) => c.tex),
    inline: calls.filter((c) => !c.display).map((c) => c.tex),
  };
}

// ---- rule 3: display = a block of its own -------------------------------------------------------

test("rule 3: block markers on their own lines give one display formula, TeX stripped", () => {
  const r = run(stripRaw("前文：\n\n{% raw %}\n$$ y = \\frac{L}{1 + e^{-k(z-z_0)}} $$\n{% endraw %}\n\n这样原来的"));
  assert.equal(r.display, ["y = \\frac{L}{1 + e^{-k(z-z_0)}}"]);
  assert.equal(r.inline, []);
  // A bare block: not wrapped in a paragraph.
  assert.not.match(r.html, /<p>\s*<M d>/);
  assert.match(r.html, /<p>前文：<\/p>\n<M d>/);
});

test("rule 3: 0–3 spaces before the opening $$ is display, 4 is indented code", () => {
  assert.equal(run("   $$ a $$\n").display, ["a"]);
  const code = run("    $$ a $$\n");
  assert.equal(code.calls.length, 0);
  assert.match(code.html, /<pre class="highlight"><code>\$\$ a \$\$\n<\/code>/);
});

test("rule 3: start and end of document are block boundaries; trailing spaces allowed", () => {
  assert.equal(run("$$ a $$").display, ["a"]);
  assert.equal(run("$$ a $$   \n\ntext").display, ["a"]);
});

test("rule 3: not after a block boundary (heading right above) → inline in a paragraph", () => {
  const r = run("### H\n$$ x $$\n\nnext");
  assert.equal(r.display, []);
  assert.equal(r.inline, ["x"]);
  assert.match(r.html, /<p><M i>x<\/M><\/p>/);
});

test("rule 3: text right after the closing line → not a block; the paragraph has inline math", () => {
  const r = run("$$ x $$\ntext");
  assert.equal(r.display, []);
  assert.equal(r.inline, ["x"]);
});

test("rule 3: $$ line inside a paragraph (no blank line before) stays inline", () => {
  const r = run("text\n$$ x $$\n\nmore");
  assert.equal(r.display, []);
  assert.equal(r.inline, ["x"]);
});

test("rule 3: multi-line display block, non-greedy close", () => {
  const r = run("$$\na \\\\\nb\n$$\n\n$$ c $$");
  assert.equal(r.display, ["a \\\\\nb", "c"]);
});

test("rule 3: start of a container (blockquote) is a boundary", () => {
  const r = run("> $$ x $$\n");
  assert.equal(r.display, ["x"]);
  assert.match(r.html, /<blockquote>\n<M d>x<\/M>\n<\/blockquote>/);
});

test("rule 3: a block IAL line after the closing $$ still ends the block", () => {
  const r = run("$$ x $$\n{: .wide}\n");
  assert.equal(r.display, ["x"]);
  assert.match(r.html, /<div class="wide"><M d>x<\/M><\/div>/);
});

test("rule 3: unclosed $$ is plain text", () => {
  const r = run("$$ x\n\ntext");
  assert.equal(r.calls.length, 0);
  assert.match(r.html, /<p>\$\$ x<\/p>/);
});

test("rule 3: an escaped \\$$ at line start is not math", () => {
  const r = run("\\$$ x $$\n");
  assert.ok(r.calls.every((c) => !c.display));
  assert.match(r.html, /^<p>\$/);
});

// ---- rule 4: everything else is inline ------------------------------------------------------------

test("rule 4: inline $$ spans lines inside one paragraph (non-greedy)", () => {
  const r = run("a $$ x +\ny $$ b $$ z $$ c");
  assert.equal(r.inline, ["x +\ny", "z"]);
  assert.match(r.html, /^<p>a <M i>x \+\ny<\/M> b <M i>z<\/M> c<\/p>/);
});

test("rule 4: inline math does not cross a blank line (paragraphs are separate)", () => {
  const r = run("a $$ x\n\ny $$ b");
  assert.equal(r.calls.length, 0);
});

test("rule 4: single $ is never math", () => {
  const r = run("costs $5 and $6, and $x$ is not TeX; nor is $ y $.");
  assert.equal(r.calls.length, 0);
  assert.match(r.html, /\$5 and \$6, and \$x\$ is not TeX; nor is \$ y \$\./);
});

test("rule 4: $$$$ is an empty formula, not two dollars of text", () => {
  assert.equal(run("a $$$$ b").inline, [""]);
});

// ---- pitfalls, with the post's exact source ------------------------------------------------------

test("M1: raw span containing non-math text (l.393)", () => {
  const src = "上一段话里所谓的「用到」，其实就是要针对 {% raw %} $$ h_n $$ {% endraw %} 生成相应的特征值 {% raw %} $$ W_{n+1} $$ {% endraw %} 权重矩阵中的每个行列里的数值和 {% raw %} $$ b_{n+1} $$ 偏差向量{% endraw %} 里的每个值。如果用图画出来，就是：";
  const r = run(stripRaw(src));
  assert.equal(r.inline, ["h_n", "W_{n+1}", "b_{n+1}"]);
  assert.ok(r.html.includes("和  <M i>b_{n+1}</M> 偏差向量 里的每个值"), r.html);
  assert.equal(count(r.html, "<p>"), 1);
});

test("M2: tight, space-padded and block marker spacings", () => {
  const tight = run(stripRaw("具体来说，当输入为 `x` 时，`forward` 函数会计算 {% raw %}$$ y = \\omega \\cdot x + b $${% endraw %}，其中 {% raw %} $$ W $$ {% endraw %} 和 {% raw %} $$ b $$ {% endraw %} 分别是 `nn.Linear` 图层的权值和偏置。"));
  assert.equal(tight.inline, ["y = \\omega \\cdot x + b", "W", "b"]);
  assert.ok(tight.html.includes("其中  <M i>W</M>  和  <M i>b</M>  分别是"), "double spaces kept as kramdown does");
  const block = run(stripRaw("公式：\n\n{% raw %}\n$$ \\bold{y} = Sigmoid(\\bold{W} \\cdot \\bold{x} + \\bold{b}) $$\n{% endraw %}\n\n另外"));
  assert.equal(block.display, ["\\bold{y} = Sigmoid(\\bold{W} \\cdot \\bold{x} + \\bold{b})"]);
});

test("M3: one-line display with padded markers (l.244) is display", () => {
  const src = "当 {% raw %} $$ L = 1, k = 1, z_0 = 0 $$ {% endraw %}，此时的激活函数就是 **Sigmoid** 函数，如下：\n\n{% raw %} $$ y = \\frac{1}{1 + e^{-z}} $$ {% endraw %}\n\nSigmoid 回归的值域";
  const r = run(stripRaw(src));
  assert.equal(r.display, ["y = \\frac{1}{1 + e^{-z}}"]);
  assert.equal(r.inline, ["L = 1, k = 1, z_0 = 0"]);
  assert.match(r.html, /<\/p>\n<M d>y = \\frac\{1\}\{1 \+ e\^\{-z\}\}<\/M>\n<p>Sigmoid/);
});

test("M4: paragraph starting with inline math (l.104) keeps both formulas inline and all its text", () => {
  const src = "{% raw %}$$ x $${% endraw %} 是一个输入向量，{% raw %}$$ \\omega $${% endraw %} 是一个权重向量（对输入向量里的而每个值分配一个权重值所组成的向量）。举一个具体任务例子，比如如果这两个响亮的内积超过某个值，则判断为 1，否则为 0，这其实就是一个分类任务。那么这个最终输出值可以如下表示：";
  const r = run("前文\n\n" + stripRaw(src) + "\n\n下文");
  assert.equal(r.display, []);
  assert.equal(r.inline, ["x", "\\omega"]);
  assert.match(r.html, /<p><M i>x<\/M> 是一个输入向量，<M i>\\omega<\/M> 是一个权重向量.*那么这个最终输出值可以如下表示：<\/p>/);
});

test("M5: inline $$ in running text stays inline", () => {
  const r = run("比如 $$ \\omega \\cdot x + b $$ 作为输出值");
  assert.equal(r.inline, ["\\omega \\cdot x + b"]);
  assert.equal(r.display, []);
});

test("M6: ** $$ z $$ ** is not bold (l.262)", () => {
  const src = "那么一个图片比如说其所有像素值作为输入特征值，输出就是一个 100 维的向量 **{% raw %} $$ z $$ {% endraw %}**，输出向量中的每个值 {% raw %} $$ z_i $$ {% endraw %} 表示属于相对应类目的概率 {% raw %} $$ y_i $$ {% endraw %} ：";
  const r = run(stripRaw(src));
  assert.not.match(r.html, /<strong>|<em>/);
  assert.ok(r.html.includes("向量 ** <M i>z</M> **，"), r.html);
  assert.equal(r.inline, ["z", "z_i", "y_i"]);
});

test("M7: list items starting with inline math (l.673–674)", () => {
  const src = "其中：\n\n* {% raw %} $$ \\odot $$ {% endraw %} 是 Hardamard 乘积，即张量的对应元素相乘。\n* {% raw %} $$ \\bm{f}_t $$ {% endraw %} 是「遗忘门（Forget Gate）」，该值很小时 t-1 时刻的权重就很小。";
  const r = run(stripRaw(src));
  assert.equal(r.display, []);
  assert.equal(r.inline, ["\\odot", "\\bm{f}_t"]);
  assert.match(r.html, /<li><M i>\\odot<\/M>  是 Hardamard 乘积/);
  assert.match(r.html, /<li><M i>\\bm\{f\}_t<\/M>  是「遗忘门/);
});

test("M8: closing $$ at the end of a content line (l.611–613) is display", () => {
  const src = "{% raw %}\n$$\n\\bm{u}_t = tanh(\\bm{W}^{xh} \\cdot \\bm{x}_t + \\bm{b}^{xh} + \\bm{W}^{hh} \\cdot \\bm{h}_{t-1} + \\bm{b}^{hh}) $$\n{% endraw %}\n\n所以：";
  const r = run("前文\n\n" + stripRaw(src));
  assert.equal(r.display, ["\\bm{u}_t = tanh(\\bm{W}^{xh} \\cdot \\bm{x}_t + \\bm{b}^{xh} + \\bm{W}^{hh} \\cdot \\bm{h}_{t-1} + \\bm{b}^{hh})"]);
});

test("M9: \\\\ row breaks reach the renderer intact (block and inline)", () => {
  const block = run("{% raw %}\n$$ y = \\begin{cases} 1 & (\\omega \\cdot x \\geq 0) \\\\ 0 & (\\omega \\cdot x \\lt 0) \\end{cases} $$\n{% endraw %}".replace(/\{% (end)?raw %\}/g, ""));
  assert.equal(block.display, ["y = \\begin{cases} 1 & (\\omega \\cdot x \\geq 0) \\\\ 0 & (\\omega \\cdot x \\lt 0) \\end{cases}"]);
  const inline = run("行内 $$ \\begin{cases} a \\\\ b \\end{cases} $$ 结束");
  assert.equal(inline.inline, ["\\begin{cases} a \\\\ b \\end{cases}"]);
});

test("M10: underscores in TeX never become emphasis (l.390 and two inline formulas)", () => {
  const r = run("上文\n\n$$ \\bold{h}_{n+1} = Softmax(\\bold{W}_{n+1} \\cdot \\bold{h}_n + \\bold{b}_{n+1}) $$\n\n每个值 $$ z_i $$ 表示概率 $$ y_i $$ ：");
  assert.not.match(r.html, /<em>|<\/em>/);
  assert.equal(r.display, ["\\bold{h}_{n+1} = Softmax(\\bold{W}_{n+1} \\cdot \\bold{h}_n + \\bold{b}_{n+1})"]);
  assert.equal(r.inline, ["z_i", "y_i"]);
});

test("M11: & and > reach the renderer raw (l.551–557)", () => {
  const src = "反过来：\n\n{% raw %}\n$$\n\\begin{aligned}\n&\\bm{h}_t = \\begin{cases} tanh(\\bm{W^{xh}} \\cdot \\bm{x} + \\bm{b^{xh}} + 0 + \\bm{b^{hh}}) & (t=1) \\\\\ntanh(0 + \\bm{b^{xh}} + \\bm{W^{hh}} \\cdot \\bm{h}_{t-1} + \\bm{b^{hh}}) & (t>1) \\end{cases} \\\\\n&\\bm{y} = Softmax(\\bm{W^{hy}} \\cdot \\bm{h}_n + \\bm{b^{hy}})\n\\end{aligned}\n$$\n{% endraw %}\n\n示意图如下：";
  const r = run(stripRaw(src));
  assert.equal(r.display.length, 1);
  assert.ok(r.display[0].includes("& (t>1) \\end{cases} \\\\\n&\\bm{y}"), r.display[0]);
  assert.not.ok(r.display[0].includes("&amp;") || r.display[0].includes("&gt;"));
});

test("M12: \\\\+ is kept as written (l.643)", () => {
  const line = "= &\\bm{h}_k + \\bm{h}_{k+1} + ... + \\bm{h}_{t-2} + \\bm{h}_{t-1} \\\\+ &\\bm{u}_{k+1} + \\bm{u}_{k+2} + ... + \\bm{u}_{t-1} + \\bm{u}_t";
  const r = run(`$$\n\\begin{aligned}\n&\\bm{h}_{k+1} + ... + \\bm{h}_{t-1} + \\bm{h}_t \\\\\n${line}\n\\end{aligned}\n$$\n`);
  assert.equal(r.display.length, 1);
  assert.ok(r.display[0].includes(line));
});

test("M13 + M14: e^{z_100} and ... inside math untouched; ... in text becomes …", () => {
  const r = run("P(Wt | W1,W2...Wt-1) = C(W1,W2,...Wt)\n\n{% raw %}\n$$ y_i = Softmax(\\bold{z})_i = \\frac{e^{z_i}}{e^{z_1} + e^{z_2} + ... + e^{z_100}} $$\n{% endraw %}".replace(/\{% (end)?raw %\}/g, ""));
  assert.equal(r.display, ["y_i = Softmax(\\bold{z})_i = \\frac{e^{z_i}}{e^{z_1} + e^{z_2} + ... + e^{z_100}}"]);
  assert.ok(r.html.includes("<p>P(Wt | W1,W2…Wt-1) = C(W1,W2,…Wt)</p>"), r.html);
  const inline = run("文字... $$ a + ... + b $$ 文字...");
  assert.equal(inline.inline, ["a + ... + b"]);
  assert.ok(inline.html.includes("文字… <M i>a + ... + b</M> 文字…"));
});

test("math inside link text and emphasis is atomic: its * and _ do not pair with the outside", () => {
  const r = run("see [the $$ x_1 $$ link](http://a.b) and *em $$ a*b $$ x*");
  assert.equal(r.inline, ["x_1", "a*b"]);
  assert.equal(r.html, '<p>see <a href="http://a.b">the <M i>x_1</M> link</a> and <em>em <M i>a*b</M> x</em></p>\n');
});

test("a list item that is only a formula is display (start and end of its container)", () => {
  const r = run("1. $$ x $$\n2. y\n");
  assert.equal(r.display, ["x"]);
  assert.equal(run("* $$ x $$ and text\n").display, []);
});

// ---- code is never math -----------------------------------------------------------------------------

test("math in fenced, indented and inline code is untouched", () => {
  const src = "```python\nprice = \"$$ x $$\"  # $$ y $$\n```\n\n    $$ z $$\n\nuse `$$ a_b $$` and ``$`` here";
  const r = run(src);
  assert.equal(r.calls.length, 0);
  assert.ok(r.html.includes("$$ x $$"));
  assert.ok(r.html.includes("<code>$$ z $$\n</code>"));
  assert.ok(r.html.includes('<code class="language-plaintext highlighter-rouge">$$ a_b $$</code>'));
  assert.ok(r.html.includes('<code class="language-plaintext highlighter-rouge">$</code>'));
});

test("code span before math wins; math before a backtick wins (leftmost, like kramdown)", () => {
  const r = run("`a $$` b $$ c $$");
  assert.equal(r.inline, ["c"]);
  const r2 = run("$$ a ` b $$ c `d`");
  assert.equal(r2.inline, ["a ` b"]);
  assert.ok(r2.html.includes('<code class="language-plaintext highlighter-rouge">d</code>'));
});

test("tokens: math_block has a map, math_inline is a child of the inline token", () => {
  const { md } = stubMd();
  const tokens = md.parse("text $$ a $$\n\n$$ b $$\n", {});
  const block = tokens.find((t) => t.type === "math_block");
  assert.ok(block);
  assert.equal(block.map, [2, 3]);
  assert.equal(block.content, "b");
  const inline = allTokens(tokens).find((t) => t.type === "math_inline");
  assert.equal(inline?.content, "a");
  assert.equal(inline?.map, [0, 1]);
});

test.run();
