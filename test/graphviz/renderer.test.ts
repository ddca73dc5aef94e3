// The renderer with the real WASM Graphviz: the reference post's 8 graphs, caching, DOT errors, the
// reload-after-crash path (with injected failing engines), and the output inside a Markdown page.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import MarkdownIt from "markdown-it";
import { BuildReport } from "../../plugins/errors.ts";
import { findGraphvizBlocks } from "../../plugins/graphviz/blocks.ts";
import { GraphvizRenderer, isWasmFailure, loadPrivateGraphviz, type LayoutEngine } from "../../plugins/graphviz/renderer.ts";
import { countGraph } from "../../plugins/graphviz/svg.ts";

const postPath = fileURLToPath(new URL("../../../shared/fixtures/2022-12-19-language-model.md", import.meta.url));
const post = existsSync(postPath) ? readFileSync(postPath, "utf8") : undefined;
if (!post) console.log("\n!!!!!!!! SKIPPED: ../shared absent — the reference post's 8 graphs were NOT checked !!!!!!!!\n");
const expected: [number, number][] = [[8, 16], [12, 11], [9, 8], [9, 8], [12, 14], [16, 18], [17, 16], [20, 23]];

const FILE = "./posts/2022-12-19-language-model.md";
const hasBlankLine = (s: string) => s.split("\n").some((l) => l.trim() === "");

// One real renderer for the whole file (loading costs ~150 ms per instance).
const shared = new GraphvizRenderer();
const where = (report: BuildReport, line = 1) => ({ file: FILE, line, report });

test.before(async () => {
  await shared.load();
});

test("load() is idempotent and concurrent calls share one load (engine + one spare)", async () => {
  let made = 0;
  const factory = async (): Promise<LayoutEngine> => {
    made++;
    await new Promise((r) => setTimeout(r, 5));
    return { layout: () => "<svg></svg>" };
  };
  const r = new GraphvizRenderer({ loadEngine: factory });
  assert.not.ok(r.loaded);
  await Promise.all([r.load(), r.load()]);
  await r.load();
  assert.ok(r.loaded);
  assert.is(made, 2);
  const noSpare = new GraphvizRenderer({ loadEngine: factory, spare: false });
  await noSpare.load();
  await noSpare.load();
  assert.is(made, 3);
});

test("render() before load() is a wiring error, not a silent empty graph", () => {
  const r = new GraphvizRenderer();
  assert.throws(() => r.render("digraph { a }", where(new BuildReport(false))), /before load/);
});

test("the reference post's 8 graphs: node/edge counts, no blank line, role and text alternative", () => {
  if (!post) return;
  const blocks = findGraphvizBlocks(post);
  assert.is(blocks.length, 8);
  assert.equal(blocks.map((b) => b.line), [396, 465, 519, 563, 734, 777, 830, 890]);
  const report = new BuildReport(true);
  blocks.forEach((b, i) => {
    const html = shared.render(b.source, where(report, b.line));
    assert.equal(countGraph(html), { nodes: expected[i][0], edges: expected[i][1] }, `graph ${i + 1}`);
    assert.not.ok(hasBlankLine(html), `graph ${i + 1} has a blank line`);
    assert.ok(b.source.split("\n").some((l) => l.trim() === ""), "the DOT itself has blank lines (G5)");
    assert.match(html, /^<div class="graphviz-wrapper"><svg [^>]*role="img"/);
    assert.match(html, new RegExp(`aria-label="Diagram: ${expected[i][0]} nodes, ${expected[i][1]} edges"`));
    assert.match(html, new RegExp(`<svg [^>]*><title>Diagram: ${expected[i][0]} nodes, ${expected[i][1]} edges</title><desc>Edges: `));
    assert.not.match(html, /<\?xml|<!DOCTYPE|<!--/);
    assert.not.match(html, /stroke="black"/);
  });
  assert.is(report.errors.length, 0, report.summary());
  // G1: labels are literal text.
  const g8 = shared.render(blocks[7].source, where(report));
  for (const label of ["d_t-1", "y_t-1", "C_t", "d_t"]) assert.ok(g8.includes(`>${label}</text>`), label);
  // Graph 1's two parallel h_n_1 -> h_2_1 edges are described as written.
  const g1 = shared.render(blocks[0].source, where(report));
  assert.is((g1.match(/h_n_1 → h_n\+1_1/g) ?? []).length, 2);
});

test("splines=ortho graphs render (graphs 5 and 8, and a small one)", () => {
  const report = new BuildReport(true);
  if (post) {
    const blocks = findGraphvizBlocks(post);
    for (const i of [4, 7]) {
      assert.match(blocks[i].source, /splines=ortho/);
      assert.equal(countGraph(shared.render(blocks[i].source, where(report))), { nodes: expected[i][0], edges: expected[i][1] });
    }
  }
  const html = shared.render("digraph { splines=ortho; rankdir=LR; a -> b; a -> c; b -> d; c -> d }", where(report));
  assert.equal(countGraph(html), { nodes: 4, edges: 4 });
  assert.match(html, /<path fill="none" stroke="currentColor" d="M/);
  assert.is(report.errors.length, 0);
});

test("the same source is laid out once: the second render is a cache hit", () => {
  let layouts = 0;
  const r = new GraphvizRenderer({
    spare: false,
    loadEngine: async () => {
      const real = await loadPrivateGraphviz();
      return { layout: (d, f, e) => (layouts++, real.layout(d, f, e)) };
    },
  });
  return r.load().then(() => {
    const report = new BuildReport(false);
    const src = "digraph { cache -> hit }";
    const first = r.render(src, where(report));
    const second = r.render(src, where(report, 40));
    assert.is(layouts, 1);
    assert.is(second, first);
    assert.equal(r.stats.hits, 1);
    assert.equal(r.stats.misses, 1);
    assert.is(r.renderedCount, 1);
    r.render("digraph { cache -> miss }", where(report));
    assert.is(layouts, 2);
    assert.is(r.renderedCount, 2);
    assert.is(r.cacheSize, 2);
    r.clearCache();
    r.render(src, where(report));
    assert.is(layouts, 3);
  });
});

test("invalid DOT: error box + report entry with file and the DOT error's line", () => {
  const report = new BuildReport(false);
  // As the Liquid tag hands it over: the body starts right after `{% graphviz %}` (line 100).
  const src = "\ndigraph G {\n  a -> b\n\n  c -> \n}\n";
  const html = shared.render(src, where(report, 100));
  assert.match(html, /^<div class="tp-error" role="alert" data-kind="graphviz">/);
  assert.match(html, /syntax error in line 6/);
  assert.not.ok(hasBlankLine(html));
  assert.is(report.errors.length, 1);
  const p = report.errors[0];
  assert.is(p.file, FILE);
  assert.is(p.kind, "graphviz");
  assert.is(p.line, 105, "line 6 of the block, which starts on line 100");
  assert.match(p.message, /syntax error/);
  assert.not.match(p.message, /\n$/);
  // The same broken source elsewhere is reported there too (the cached failure is re-reported).
  const before = shared.stats.layouts;
  shared.render(src, { file: "./posts/other.md", line: 7, report });
  assert.is(shared.stats.layouts, before);
  assert.is(report.errors.length, 2);
  assert.is(report.errors[1].file, "./posts/other.md");
  assert.is(report.errors[1].line, 12);
  // Other kinds of broken input.
  for (const bad of ["graph { a -> b }", "nonsense", "digraph { a -> }"]) {
    const r2 = new BuildReport(false);
    assert.match(shared.render(bad, where(r2, 3)), /tp-error/, bad);
    assert.is(r2.errors.length, 1, bad);
    assert.is(r2.errors[0].line, 3, bad);
  }
  const empty = new BuildReport(false);
  assert.match(shared.render("  \n ", where(empty, 9)), /tp-error/);
  assert.match(empty.errors[0].message, /empty/);
});

test("DOT errors leave the engine usable: the same graph lays out identically afterwards", () => {
  const r = new GraphvizRenderer({ loadEngine: loadPrivateGraphviz, spare: false });
  return r.load().then(() => {
    const report = new BuildReport(false);
    const src = "digraph { splines=ortho; a -> b; b -> c; a -> c }";
    const before = r.render(src, where(report));
    for (let i = 0; i < 20; i++) r.render(`digraph { a${i} -> }`, where(report, i + 1));
    assert.is(report.errors.length, 20);
    r.clearCache();
    assert.is(r.render(src, where(report)), before);
    assert.is(r.stats.layouts, 22);
  });
});

test("a DOT id or label with raw newlines still gives no blank line", () => {
  const report = new BuildReport(true);
  const html = shared.render('digraph {\n"q\n\nr" -> b [label="x\n\ny"]\n}', where(report));
  assert.is(report.errors.length, 0);
  assert.not.ok(hasBlankLine(html), html);
  assert.equal(countGraph(html), { nodes: 2, edges: 1 });
});

test("DOT URL=javascript: is stripped from the real Graphviz output; https stays", () => {
  const report = new BuildReport(true);
  const html = shared.render(
    'digraph { a [URL="javascript:alert(1)"]; b [href="data:text/html,<script>x</script>"]; c [URL="https://example.org/c"]; a -> b [URL="vbscript:x"] }',
    where(report),
  );
  assert.match(html, /<a [^>]*xlink:title/);
  assert.not.match(html, /javascript:|data:|vbscript:/);
  assert.match(html, /xlink:href="https:\/\/example.org\/c"/);
  assert.equal(countGraph(html), { nodes: 3, edges: 1 });
});

test("gradient ids are made unique per graph, and their references follow", () => {
  const report = new BuildReport(true);
  const one = shared.render('digraph { a [style=filled, fillcolor="red:blue"] }', where(report));
  const two = shared.render('digraph { a [style=filled, fillcolor="green:yellow"] }', where(report));
  const idOf = (html: string) => /<linearGradient id="([^"]+)"/.exec(html)?.[1] ?? "";
  assert.ok(idOf(one) && idOf(two));
  assert.is.not(idOf(one), idOf(two));
  for (const html of [one, two]) assert.ok(html.includes(`fill="url(#${idOf(html)})"`), html);
  assert.match(two, /stop-color:green/);
});

test("a graph label becomes the text alternative", () => {
  const html = shared.render('digraph { label="Encoder and decoder"; a -> b }', where(new BuildReport(true)));
  assert.match(html, /aria-label="Encoder and decoder \(diagram: 2 nodes, 1 edge\)"/);
});

test("isWasmFailure tells traps from DOT errors", () => {
  assert.ok(isWasmFailure(new WebAssembly.RuntimeError("anything")));
  assert.ok(isWasmFailure(new Error("memory access out of bounds")));
  assert.ok(isWasmFailure(new Error("Aborted(OOM)")));
  assert.ok(isWasmFailure(new Error("unreachable")));
  assert.not.ok(isWasmFailure(new Error("syntax error in line 1 near '}'")));
});

/** Engines made in order: each test decides which ones crash. */
function scriptedFactory(plan: ("crash" | "real")[]) {
  const calls: number[] = plan.map(() => 0);
  let next = 0;
  const factory = async (): Promise<LayoutEngine> => {
    const i = next++;
    const kind = plan[i] ?? "real";
    const real = kind === "real" ? await loadPrivateGraphviz() : undefined;
    return {
      layout(dot, format, engine) {
        calls[i] = (calls[i] ?? 0) + 1;
        if (!real) throw new Error("memory access out of bounds");
        return real.layout(dot, format, engine);
      },
    };
  };
  return { factory, calls, made: () => next };
}

test("a WASM crash swaps in the spare instance and retries once; the crashed one is never used again", async () => {
  const s = scriptedFactory(["crash", "real", "real"]);
  const r = new GraphvizRenderer({ loadEngine: s.factory });
  await r.load();
  assert.is(s.made(), 2, "engine + spare");
  const report = new BuildReport(true);
  const html = r.render("digraph { crash -> retry }", where(report));
  assert.equal(countGraph(html), { nodes: 2, edges: 1 });
  assert.is(report.errors.length, 0, report.summary());
  assert.is(r.stats.reloads, 1);
  assert.is(r.stats.layouts, 2);
  assert.is(s.calls[0], 1, "the crashed engine was tried once");
  assert.is(s.calls[1], 1, "the spare did the layout");
  r.render("digraph { after -> crash }", where(report));
  assert.is(s.calls[0], 1, "the crashed engine is not used again");
  assert.is(s.calls[1], 2);
  // A new spare was started in the background; load() waits for it.
  await r.load();
  assert.is(s.made(), 3);
});

test("a crash with no spare, or a spare that crashes too, is reported — and not cached", async () => {
  const s = scriptedFactory(["crash", "crash", "real"]);
  const r = new GraphvizRenderer({ loadEngine: s.factory });
  await r.load();
  const report = new BuildReport(false);
  const src = "digraph { both -> crash }";
  const html = r.render(src, where(report, 12));
  assert.match(html, /tp-error/);
  assert.is(report.errors.length, 1);
  assert.match(report.errors[0].message, /crashed \(memory access out of bounds\)/);
  assert.is(report.errors[0].line, 12);
  assert.is(r.stats.reloads, 1);
  // Next build: load() has the refilled (working) spare; the same source is tried again, not served from cache.
  await r.load();
  const again = r.render(src, where(new BuildReport(true)));
  assert.equal(countGraph(again), { nodes: 2, edges: 1 });
  assert.is(r.stats.reloads, 2);

  const lone = new GraphvizRenderer({ loadEngine: scriptedFactory(["crash"]).factory, spare: false });
  await lone.load();
  const r2 = new BuildReport(false);
  assert.match(lone.render("digraph { a }", where(r2)), /tp-error/);
  assert.match(r2.errors[0].message, /crashed/);
});

test("the output survives markdown-it inside the post's centred <div> (G5)", () => {
  if (!post) return;
  const blocks = findGraphvizBlocks(post);
  const md = new MarkdownIt({ html: true });
  const report = new BuildReport(true);
  // As the Liquid pre-pass leaves it: `<div …>` line, the replaced tag, `</div>`, then Markdown.
  const page = blocks
    .map((b) => `<div style="text-align: center;">\n${shared.render(b.source, where(report, b.line))}\n</div>\n\nAfter *graph* text.\n`)
    .join("\n");
  const html = md.render(page);
  assert.is((html.match(/<svg /g) ?? []).length, 8);
  assert.is((html.match(/<\/svg><\/div>/g) ?? []).length, 8);
  assert.is((html.match(/<p>After <em>graph<\/em> text.<\/p>/g) ?? []).length, 8);
  // Nothing of the SVG was turned into Markdown.
  const insideSvg = html.match(/<svg [\s\S]*?<\/svg>/g) ?? [];
  for (const svg of insideSvg) assert.not.match(svg, /<p>|<em>|<\/p>/);
  assert.is(countGraph(html).nodes, 103);
  assert.is(countGraph(html).edges, 114);
});

test.run();
