// Authoring features and bad input through whole-site builds: what a blogger sees in _site/.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../helpers/site.ts";

const post = (front: string, body: string) => `---\n${front}\n---\n\n${body}\n`;
const page = (site: Awaited<ReturnType<typeof buildSite>>, part: string) => site.read(site.files().find((f) => f.includes(part) && f.endsWith(".html"))!);

test("bad formula and invalid DOT: every error named with file and line, boxes in place, page intact", async () => {
  const body = [
    "Intro with $$ \\frac{1}{ $$ inline.", // line 5
    "",
    '<div style="text-align: center;">',
    "{% graphviz %}",
    "digraph G {",
    "  a -> ",
    "}",
    "{% endgraphviz %}",
    "</div>",
    "",
    "$$",
    "\\begin{aligned} x \\end{cases}",
    "$$",
    "",
    "Outro.",
  ].join("\n");
  const site = await buildSite({ "2024-03-01-broken.md": post("title: Broken", body) });
  assert.is(site.error, undefined, String(site.error));
  const log = site.logs.join("\n");
  assert.match(log, /2024-03-01-broken\.md:5: error: \[katex\]/);
  assert.match(log, /2024-03-01-broken\.md:(8|9|10|11): error: \[graphviz\]/);
  assert.match(log, /2024-03-01-broken\.md:15: error: \[katex\]/);
  const html = page(site, "broken");
  assert.is((html.match(/class="tp-error"/g) ?? []).length, 3);
  assert.match(html, /Intro with/);
  assert.match(html, /Outro\./);
});

test("sanitising: no script, no handlers, no javascript: from HTML, DOT or KaTeX", async () => {
  const body = [
    '<script>alert(1)</script><img src="/img/x.png" onerror="alert(2)"><a href="javascript:alert(3)">a</a> <a href="JaVaScRiPt&#58;alert(4)">b</a>',
    "",
    "[md link](javascript:alert(5)) and $$ \\href{javascript:alert(6)}{k} $$ and $$ \\url{javascript:alert(7)} $$",
    "",
    "{% graphviz %}",
    'digraph { a [URL="javascript:alert(8)"]; b [href="vbscript:x"]; a -> b [URL="data:text/html,<script>alert(9)</script>"] }',
    "{% endgraphviz %}",
    "",
    '<svg><foreignObject><iframe src="javascript:alert(10)"></iframe></foreignObject><a xlink:href="javascript:alert(11)"><text>t</text></a></svg>',
  ].join("\n");
  const site = await buildSite({ "2024-03-02-xss.md": post("title: X", body), "img/x.png": "png" });
  assert.is(site.error, undefined, String(site.error));
  const html = page(site, "xss");
  const bodyHtml = html.slice(html.indexOf("data-tp-body"));
  assert.not.match(bodyHtml, /<script/i);
  assert.not.match(bodyHtml, /\son[a-z]+\s*=/i);
  // The URLs may survive as inert text (markdown-it's literal link, KaTeX's TeX annotation), never as a URL.
  assert.not.match(bodyHtml, /\s(href|src|xlink:href|action|formaction)\s*=\s*["']?\s*(javascript|vbscript|data:text)/i);
  assert.not.match(bodyHtml, /<a\b[^>]*>[^<]*k<\/a>/, "no link from \\href");
  assert.not.match(bodyHtml, /<iframe|<foreignObject/i);
  assert.match(bodyHtml, /\[md link\]\(javascript:alert\(5\)\)/, "markdown-it refuses the link and shows the text");
  assert.match(bodyHtml, /class="katex"/, "the formulas still render (as text, not links)");
  assert.match(bodyHtml, /class="node"/, "the graph still renders");
});

test("KaTeX CSS only on pages with math; macros site-wide and per post; highlight; IAL; TOC with no_toc", async () => {
  const site = await buildSite(
    {
      "2024-03-03-math.md": post(
        "title: M\nkatex_macros:\n  \"\\\\vv\": \"\\\\mathbf{v}\"",
        "**Contents**\n* TOC\n{:toc}\n\n## One\n\n### Hidden\n{:.no_toc}\n\n## Two\n\n$$ \\RR + \\vv $$\n\nPara.\n{: .note #p1}\n\n{% highlight python %}\ndef f(x):\n    return x\n{% endhighlight %}",
      ),
      "2024-03-04-plain.md": post("title: P", "No math, only $ 5 and $ 6 dollars."),
    },
    { katexMacros: { "\\RR": "\\mathbb{R}" } },
  );
  assert.is(site.error, undefined, String(site.error));
  const math = page(site, "math");
  const plain = page(site, "plain");
  assert.match(math, /<link[^>]+katex[^>]*\.css/);
  assert.not.match(plain, /katex[^"]*\.css/);
  assert.match(plain, /\$ 5 and \$ 6/);
  assert.not.match(math, /tp-error|katex-error/);
  assert.match(math, /mathbb|𝕉|<mi mathvariant="double-struck">R<\/mi>/);
  assert.match(math, /<mi mathvariant="bold">v<\/mi>|<mi mathvariant="bold-italic">|mathbf/);
  assert.match(math, /<p[^>]*class="note"[^>]*>|<p[^>]*id="p1"[^>]*class="note"/);
  assert.match(math, /class="language-python highlighter-rouge"/);
  assert.match(math, /hljs-keyword/);
  const toc = /<ul id="markdown-toc">[\s\S]*?<\/ul>/.exec(math)?.[0] ?? "";
  assert.match(toc, /href="#one"/);
  assert.match(toc, /href="#two"/);
  assert.not.match(toc, /hidden/);
  assert.match(math, /<h3[^>]*id="hidden"/);
});

test("home page, tag pages (CJK too), feed, images, lang", async () => {
  const site = await buildSite({
    "2024-03-05-a.md": post("title: A\ntags: [机器学习, deep learning]\nlang: en", "![p](/img/p.svg)"),
    "2024-03-06-b.md": post("title: B\ntags: 机器学习", "B"),
    "img/p.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
  });
  assert.is(site.error, undefined, String(site.error));
  const home = site.read("index.html");
  for (const frame of [home, site.read("tags/index.html"), site.read("tags/deep-learning/index.html")]) {
    assert.match(frame, /<main id="tp-main" class="tp-main">/, "the layout's frame survives the HTML pass");
  }
  assert.ok(home.indexOf(">B<") < home.indexOf(">A<"), "newest first");
  assert.ok(site.exists("tags/机器学习/index.html"));
  assert.ok(site.exists("tags/deep-learning/index.html"));
  assert.ok(site.exists("img/p.svg"));
  assert.match(site.read("feed.xml"), /<feed[\s\S]*<entry>[\s\S]*https:\/\/example\.org/);
  assert.match(page(site, "/a.html"), /<html[^>]*lang="en"/);
  assert.not.match(site.logs.join("\n"), /warning/);
});

test("builds are deterministic: the same sources give byte-identical output", async () => {
  const files = {
    "2024-03-07-d.md": post("title: D\ntags: [x]", "$$ a^2 $$\n\n{% graphviz %}\ndigraph { a -> b }\n{% endgraphviz %}"),
  };
  const one = await buildSite(files);
  const two = await buildSite(files);
  assert.equal(one.files(), two.files());
  for (const f of one.files()) assert.ok(one.read(f) === two.read(f), `${f} differs`);
});

test.run();
