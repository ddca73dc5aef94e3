// Build-time model figures (plugins/figures/): marks and labels of the charts for a synthetic log,
// byte-identical output, the sanitizer keeping them, the confusion matrix's counts, the metrics table
// following the log, and the downsampling rule.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { confusionMatrix, type Confusion } from "../../models/confusion.ts";
import type { PublishedModel, ReferenceFigure } from "../../models/publish.ts";
import type { LogEntry } from "../../models/types.ts";
import { BuildReport } from "../../plugins/errors.ts";
import { confusionCells } from "../../plugins/figures/confusion.ts";
import { MAX_POINTS, downsample, lossPoints } from "../../plugins/figures/curve.ts";
import { renderModelFigures, type FigureLog } from "../../plugins/figures/index.ts";
import { createHtmlPass } from "../../plugins/html/index.ts";

/** A classifier's log: `steps` losses falling from 2.3, an evaluation every 10 steps. */
function syntheticLog(steps: number): LogEntry[] {
  return Array.from({ length: steps }, (_, i) => {
    const step = i + 1;
    const e: LogEntry = { step, loss: 2.3 / Math.sqrt(step) + 0.01 * (step % 3) };
    if (step % 10 === 0) e.metrics = { accuracy: 0.5 + (0.4 * step) / steps, loss: 1 / step };
    return e;
  });
}

const labels = ["cat", "dog", "eel"];
const truth = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2];
const guess = [0, 0, 1, 0, 1, 1, 2, 2, 2, 0, 2, 2];
const confusion: Confusion = { split: "test", labels, matrix: confusionMatrix(truth, guess, 3) };

function entry(value = 0.8125, budget: PublishedModel["budget"] = "parity"): PublishedModel {
  return { id: "toy", format: "onnx", budget, metric: { name: "accuracy", value }, metrics: { accuracy: value, loss: 0.4321 }, steps: 100, trainSeconds: 1, log: "toy.log.json", files: [] };
}
const reference: ReferenceFigure = { metric: "accuracy", figure: 0.8, what: "PyTorch mean", mean: 0.8, seeds: 3, bar: 0.795, higherIsBetter: true, torch: "1.13.0" };
const log: FigureLog = { log: syntheticLog(100), confusion };

const svgs = (html: string): string[] => html.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];

test("the loss chart has one point per step, the metric chart one dot per evaluation, both axes labelled", () => {
  const [loss, metric, matrix] = svgs(renderModelFigures(entry(), log, reference));
  assert.ok(loss && metric && matrix, "three charts");
  const path = /aria-label="line"[^>]*><path d="([^"]+)"/.exec(loss)?.[1] ?? "";
  assert.is(path.split(/[ML]/).filter(Boolean).length, 100, "100 loss points");
  assert.match(loss, />step →?</);
  assert.match(loss, /training loss/);
  assert.is((metric.match(/<circle/g) ?? []).length, 10, "10 evaluations");
  assert.match(metric, /accuracy \(%\)/);
});

test("a long loss curve is cut to MAX_POINTS bucket means; the mean over all steps is kept", () => {
  const pts = lossPoints(syntheticLog(10_000));
  const small = downsample(pts);
  assert.is(small.length, MAX_POINTS);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(Math.abs(mean(small.map((p) => p.value)) - mean(pts.map((p) => p.value))) < 1e-9, "equal buckets keep the mean");
  assert.is(small[0].step, 13, "first bucket: steps 1..25, mean 13");
  const [loss] = svgs(renderModelFigures(entry(), { log: syntheticLog(10_000) }, reference));
  const path = /aria-label="line"[^>]*><path d="([^"]+)"/.exec(loss)?.[1] ?? "";
  assert.is(path.split(/[ML]/).filter(Boolean).length, MAX_POINTS);
  assert.match(loss, /10000 steps \(400 points, bucket means\)/);
});

test("the output is byte-identical twice, has no generated class names, and every chart is an image with a text alternative", () => {
  const a = renderModelFigures(entry(), log, reference);
  const b = renderModelFigures(entry(), structuredClone(log), { ...reference });
  assert.is(a, b);
  assert.not.match(a, /plot-[0-9a-f]{6}/);
  assert.not.match(a, /<style/);
  for (const svg of svgs(a)) {
    assert.match(svg, /^<svg[^>]* role="img" aria-label="[^"]+"><title>[^<]+<\/title><desc>[^<]+<\/desc>/);
    assert.not.match(svg, /fill="(?:black|white|#000|#fff)/i, "no fixed black or white");
  }
});

test("the sanitizer keeps the figures as they are (svg, marks, roles, labels, CSS variables)", () => {
  const html = renderModelFigures(entry(), log, reference);
  const pass = createHtmlPass({ report: new BuildReport(false) });
  const page = (body: string) => `<!doctype html><html><head><title>t</title></head><body><article data-tp-body>${body}</article></body></html>`;
  const out = pass(page(html), "./posts/x.md");
  const unsanitised = pass(`${page("")}${html}`, "./posts/x.md");
  const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
  for (const re of [/<svg/g, /<path/g, /<circle/g, /<rect/g, /<text/g, /role="img"/g, /<title>/g, /<desc>/g, /var\(--tp-link\)/g, /fill-opacity/g, /aria-label/g]) {
    assert.is(count(out, re), count(unsanitised, re), `sanitised keeps ${re}`);
    assert.ok(count(out, re) > 0, `has ${re}`);
  }
});

test("a confusion matrix has one cell per pair, and its counts sum to the test size", () => {
  const cells = confusionCells(confusion);
  assert.is(cells.length, 9);
  assert.is(cells.reduce((a, c) => a + c.count, 0), truth.length);
  assert.equal(confusion.matrix, [[3, 1, 0], [0, 2, 1], [1, 0, 4]]);
  const matrix = svgs(renderModelFigures(entry(), log, reference))[2];
  assert.is((matrix.match(/<rect/g) ?? []).length, 9, "nine cells");
  const counts = [...matrix.matchAll(/<text[^>]*>(\d+)<\/text>/g)].map((m) => Number(m[1]));
  assert.is(counts.reduce((a, b) => a + b, 0), truth.length, "the counts written in sum to the test size");
  assert.match(matrix, /predicted/);
  assert.match(matrix, /true class/);
  assert.match(matrix, /12 test examples of 3 classes/);
});

test("the metrics table shows the log's figure beside the reference and the bar; change the figure and the page changes", () => {
  const a = renderModelFigures(entry(0.8125), log, reference);
  assert.match(a, /<td>81\.25 %<\/td>/);
  assert.match(a, /80\.00 % <small>\(mean of 3 seeds, torch 1\.13\.0\)<\/small>/);
  assert.match(a, /≥ 79\.50 % <small>\(met\)<\/small>/);
  const b = renderModelFigures(entry(0.7), log, reference);
  assert.match(b, /<td>70\.00 %<\/td>/);
  assert.match(b, /\(not met\)/);
  assert.is.not(a, b);
  assert.match(renderModelFigures(entry(0.7, "quick"), log, reference), /not compared: quick budget/);
});

test("a full-budget model shows its parity run in its own column, and the bar verdict follows the parity figure", () => {
  const full = (parityValue: number): PublishedModel => ({
    ...entry(0.9, "full"),
    steps: 1000,
    parity: { metric: { name: "accuracy", value: parityValue }, metrics: { accuracy: parityValue, loss: 0.5 }, steps: 100, trainSeconds: 1 },
  });
  const met = renderModelFigures(full(0.8), log, reference);
  assert.match(met, /this build \(full, 1000 steps\)<\/th><th scope="col">parity run \(100 steps\)<\/th><th scope="col">PyTorch/);
  assert.match(met, /<td>90\.00 %<\/td><td>80\.00 %<\/td>/, "full figure, then the parity one");
  assert.match(met, /\(met\)/);
  assert.match(met, /<th scope="row">loss<\/th><td>0\.432<\/td><td>0\.500<\/td>/, "other metrics of both runs");
  const notMet = renderModelFigures(full(0.7), log, reference);
  assert.match(notMet, /\(not met\)/, "a full figure above the bar does not hide a parity run below it");
  assert.not.match(renderModelFigures(entry(0.9, "full"), log, reference), /parity run/, "no parity run published: no column");
});

test("a log without losses or confusion (the n-gram's) gives only the table", () => {
  const html = renderModelFigures(entry(), {}, undefined);
  assert.is(svgs(html).length, 0);
  assert.match(html, /<table class="tp-figures-metrics">/);
});

test.run();
