// Graphviz renderer timings over the reference post's 8 graphs: WASM load, the first layout (warm-up),
// then per graph the median of uncached renders (layout + SVG cleaning, also split), and a cache hit.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BuildReport } from "../plugins/errors.ts";
import { findGraphvizBlocks } from "../plugins/graphviz/blocks.ts";
import { GraphvizRenderer } from "../plugins/graphviz/renderer.ts";
import { median } from "./machine.ts";

const root = new URL("..", import.meta.url).pathname;
const REPS = 20;

function sampleGraphs(): { sources: string[]; reference: boolean } {
  const path = join(root, "..", "shared", "fixtures", "2022-12-19-language-model.md");
  if (existsSync(path)) return { sources: findGraphvizBlocks(readFileSync(path, "utf8")).map((b) => b.source), reference: true };
  console.warn("bench/graphviz: ../shared absent — timing 3 small built-in graphs instead of the reference post's 8");
  return {
    reference: false,
    sources: [
      "digraph G { rankdir=TB; a -> b; a -> c; b -> d; c -> d }",
      "digraph G { rankdir=BT; splines=ortho; x1 -> h1; x2 -> h2; h1 -> h2; h1 -> y1; h2 -> y2 }",
      "digraph G { rankdir=LR; subgraph cluster_a { p -> q } q -> r; r -> p }",
    ],
  };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export async function benchGraphviz(): Promise<Record<string, number>> {
  const { sources, reference } = sampleGraphs();
  const report = new BuildReport(false);
  const where = { file: "bench", line: 1, report };
  const out: Record<string, number> = { referencePost: reference ? 1 : 0, graphs: sources.length };

  let t = performance.now();
  const single = new GraphvizRenderer({ spare: false });
  await single.load();
  out.loadMs = round(performance.now() - t);

  t = performance.now();
  const r = new GraphvizRenderer();
  await r.load();
  out.loadWithSpareMs = round(performance.now() - t);

  t = performance.now();
  single.render(sources[0], where);
  out.firstLayoutMs = round(performance.now() - t);

  const renderMedians: number[] = [];
  const layoutMedians: number[] = [];
  const cleanMedians: number[] = [];
  sources.forEach((src, i) => {
    const render: number[] = [];
    const layout: number[] = [];
    const clean: number[] = [];
    r.render(src, where); // warm this graph once
    for (let k = 0; k < REPS; k++) {
      r.clearCache();
      const before = r.stats;
      const started = performance.now();
      r.render(src, where);
      render.push(performance.now() - started);
      const after = r.stats;
      layout.push(after.layoutMs - before.layoutMs);
      clean.push(after.cleanMs - before.cleanMs);
    }
    out[`warmRenderMs.g${i + 1}`] = round(median(render));
    renderMedians.push(median(render));
    layoutMedians.push(median(layout));
    cleanMedians.push(median(clean));
  });
  out.warmRenderMedianMs = round(median(renderMedians));
  out.warmLayoutMedianMs = round(median(layoutMedians));
  out.warmCleanMedianMs = round(median(cleanMedians));

  const hits: number[] = [];
  for (let k = 0; k < REPS; k++) {
    const started = performance.now();
    for (const src of sources) r.render(src, where);
    hits.push((performance.now() - started) / sources.length);
  }
  out.cacheHitMs = round(median(hits));
  out.errors = report.errors.length;
  return out;
}
