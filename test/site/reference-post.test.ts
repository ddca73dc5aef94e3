// Issue 2's acceptance test: the reference post (read from ../shared, never committed) built in a
// temporary site. Counts are taken from the source independently of the renderers.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite, type BuiltSite } from "../helpers/site.ts";
import { sharedFile } from "../helpers/shared.ts";

const source = sharedFile("fixtures/2022-12-19-language-model.md");

/** Formulas: `$$` delimiters outside fenced code, after Liquid's raw markers are gone, in pairs. */
function countFormulas(text: string): number {
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, "").replace(/\{%-?\s*(end)?raw\s*-?%\}/g, "");
  const outsideCode = body.replace(/^```[^\n]*\n[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
  return (outsideCode.match(/\$\$/g) ?? []).length / 2;
}

/** Nodes and edges of a DOT digraph by reading its statements (ids in node and edge statements). */
function countDot(dot: string): { nodes: number; edges: number } {
  const inner = dot.slice(dot.indexOf("{") + 1, dot.lastIndexOf("}")).replace(/\/\/.*$/gm, "");
  const nodes = new Set<string>();
  let edges = 0;
  const id = String.raw`("[^"]*"|[\w.]+)`;
  for (let stmt of inner.split(/[;\n]/)) {
    stmt = stmt.replace(/\[[^\]]*\]/g, "").trim();
    if (!stmt || /^(graph|node|edge)\b/.test(stmt) || /^[\w]+\s*=/.test(stmt) || stmt.startsWith("subgraph") || stmt === "}") continue;
    const ids = stmt.split(/->|--/).map((s) => s.trim()).filter((s) => new RegExp(`^${id}$`).test(s));
    ids.forEach((n) => nodes.add(n.replace(/^"|"$/g, "")));
    edges += Math.max(0, ids.length - 1);
  }
  return { nodes: nodes.size, edges };
}

let site: BuiltSite | undefined;
let html = "";
async function page(): Promise<string> {
  if (!site && source) {
    site = await buildSite({ "2022-12-19-language-model.md": source }, { site: { title: "t", description: "", url: "https://example.org", author: "", lang: "zh-CN" } });
    assert.is(site.error, undefined, String(site.error));
    html = site.read("ai/2022/12/19/language-model.html");
  }
  return html;
}

test("the post lands at Jekyll's permalink with lang zh-CN", async () => {
  if (!source) return;
  const h = await page();
  assert.match(h, /<html[^>]*lang="zh-CN"/);
  assert.match(h, /自然语言处理的基本语言模型/);
});

test("one KaTeX rendering per formula of the source, display and inline, no error", async () => {
  if (!source) return;
  const h = await page();
  const expected = countFormulas(source);
  assert.is(expected, 87, "the source has 87 formulas (POST-NOTES)");
  const rendered = (h.match(/<span class="katex">/g) ?? []).length;
  assert.is(rendered, expected);
  assert.is((h.match(/class="katex-display"/g) ?? []).length, 27);
  assert.not.match(h, /katex-error|class="tp-error"/);
  assert.match(h, /<math[^>]*>/, "MathML is there for assistive technology");
});

test("8 inline SVG graphs with the node and edge counts of their sources", async () => {
  if (!source) return;
  const h = await page();
  const sources = [...source.matchAll(/\{% graphviz %\}([\s\S]*?)\{% endgraphviz %\}/g)].map((m) => countDot(m[1]));
  assert.is(sources.length, 8);
  const svgs = [...h.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]).filter((s) => s.includes('class="node"'));
  assert.is(svgs.length, 8);
  svgs.forEach((svg, i) => {
    const nodes = (svg.match(/<g [^>]*class="node"/g) ?? []).length;
    const edges = (svg.match(/<g [^>]*class="edge"/g) ?? []).length;
    assert.equal({ nodes, edges }, sources[i], `graph ${i + 1}`);
    assert.match(svg, /role="img"/);
  });
});

test("a TOC of all 32 headings whose every link resolves to a heading id", async () => {
  if (!source) return;
  const h = await page();
  const toc = /<ul id="markdown-toc">[\s\S]*?<\/ul>\s*(?=<(?!\/?ul|\/?li|a))/.exec(h)?.[0] ?? "";
  const hrefs = [...toc.matchAll(/href="#([^"]+)"/g)].map((m) => decodeURIComponent(m[1]));
  assert.is(hrefs.length, 32);
  const ids = new Set([...h.matchAll(/<h[1-6][^>]* id="([^"]+)"/g)].map((m) => m[1]));
  for (const href of hrefs) assert.ok(ids.has(href), `#${href} has a heading`);
  for (const want of ["一语言模型", "二n-元文法语言模型n-gram-language-model", "δ-平滑", "341如何理解这个-short-term-呢", "参考", "参考-1"]) {
    assert.ok(ids.has(want), `heading id ${want}`);
  }
});

test("no Liquid or kramdown syntax leaks into the page", async () => {
  if (!source) return;
  const h = await page();
  const text = h.replace(/<annotation[\s\S]*?<\/annotation>/g, "");
  for (const leak of ["{% raw %}", "{% endraw %}", "{:toc}", "{% graphviz %}", "{% endgraphviz %}", "$$"]) {
    assert.not.ok(text.includes(leak), `${leak} leaked`);
  }
});

test("the two missing images are warnings naming the file, not errors", async () => {
  if (!source) return;
  await page();
  const log = site?.logs.join("\n") ?? "";
  assert.match(log, /2022-12-19-language-model\.md.*warning.*\/img\/src\/2022-12-19-language-model-2\.png/);
  assert.not.match(log, /error:/);
});

test.run();
