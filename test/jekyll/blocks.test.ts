import { test } from "uvu";
import * as assert from "uvu/assert";
import { preprocessBlocks, liquidInert, type BlockProblem } from "../../plugins/jekyll/blocks.ts";

const hooks = {
  renderGraph: (src: string, line: number) => `<div class="g" data-line="${line}">\n<svg>${src.trim().length}</svg>\n</div>`,
  errorBox: (p: BlockProblem, inline: boolean) => `<${inline ? "span" : "div"} class="tp-error">${p.line} ${p.message}</${inline ? "span" : "div"}>`,
};
const lines = (s: string) => s.split("\n").length;

test("a graphviz block becomes one HTML block of the same height with no blank line", () => {
  const body = 'a\n<div style="text-align: center;">\n{% graphviz %}\ndigraph G {\n\n  a -> b\n\n}\n{% endgraphviz %}\n</div>\nb';
  const { body: out, problems } = preprocessBlocks(body, 10, hooks);
  assert.equal(problems, []);
  assert.is(lines(out), lines(body));
  assert.not.match(out, /\n\s*\n/);
  assert.match(out, /data-line="12"/, "graph line is the file line of the tag");
  assert.not.match(out, /graphviz %/);
  assert.ok(out.endsWith("</div>\nb"));
});

test("raw blocks pass through untouched, and tags inside them are literal", () => {
  const body = "x {% raw %}$$ a_{1} $$ {% graphviz %}{% endraw %} y";
  const { body: out, problems } = preprocessBlocks(body, 1, hooks);
  assert.is(out, body);
  assert.equal(problems, []);
});

test("an unclosed raw is an error at its line; the rest stays literal", () => {
  const body = "one\ntwo {% raw %} {{ x }}\nthree";
  const { body: out, problems } = preprocessBlocks(body, 5, hooks);
  assert.is(problems.length, 1);
  assert.is(problems[0].line, 6);
  assert.match(problems[0].message, /never closed/);
  assert.match(out, /<span class="tp-error">/, "inline box when the tag shares its line");
  assert.ok(out.endsWith("{% endraw %}"), "closed at the end so Liquid keeps the text");
});

test("unclosed graphviz and stray end tags are errors with lines; the page continues", () => {
  const { problems, body } = preprocessBlocks("{% graphviz %}\ndigraph{a}\n\n{% endraw %}\nrest", 1, hooks);
  assert.equal(problems.map((p) => [p.line, p.kind]), [[1, "liquid"], [4, "liquid"]]);
  assert.match(body, /<div class="tp-error">1 /);
  assert.match(body, /rest$/);
});

test("highlight becomes a fence long enough for its content", () => {
  const body = "{% highlight python linenos %}\nprint('```')\n{% endhighlight %}";
  const { body: out } = preprocessBlocks(body, 1, hooks);
  assert.is(out, "````python\nprint('```')\n````");
  assert.is(lines(out), lines(body));
});

test("generated HTML cannot start Liquid", () => {
  assert.is(liquidInert("{{ a }} {% b %}"), "&#123;&#123; a &#125;&#125; &#123;% b %&#125;");
  const { body } = preprocessBlocks("{% graphviz %}\ndigraph { a [label=\"{{x}}\"] }\n{% endgraphviz %}", 1, {
    ...hooks,
    renderGraph: (src) => `<svg>${src}</svg>`,
  });
  assert.not.match(body, /\{\{|\{%/);
});

test.run();
