// Figures quoted in a sentence (plugins/figures/quote.ts) and the figure block's facts line: each number is
// the published one (change it and the text changes), the budget is said unless parity, the comparison
// word follows the numbers and the metric's direction, and a bad id or field is an error naming it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { NgramTable } from "../../models/ngram-table.ts";
import type { PublishedModel, ReferenceFigure, ReferenceFigures } from "../../models/publish.ts";
import { renderModelFigures } from "../../plugins/figures/index.ts";
import { QuoteError, formatBytes, formatSeconds, quoteComparison, quoteMetric, type QuoteSource } from "../../plugins/figures/quote.ts";

function model(id: string, metric: string, value: number, over: Partial<PublishedModel> = {}): PublishedModel {
  return {
    id,
    format: "onnx",
    budget: "parity",
    metric: { name: metric, value },
    metrics: { [metric]: value, loss: 0.5 },
    steps: 1000,
    trainSeconds: 42.25,
    log: `${id}.log.json`,
    files: [
      { id, part: "model", precision: "fp32", file: `${id}.onnx`, bytes: 3 * 1024 * 1024, sha256: "", inputs: [], outputs: [] },
      { id, part: "model", precision: "int8", file: `${id}.int8.onnx`, bytes: 1024, sha256: "", inputs: [], outputs: [] },
    ],
    ...over,
  };
}

const ref = (metric: string, mean: number, higherIsBetter: boolean): ReferenceFigure => ({ metric, figure: mean, what: "PyTorch mean", mean, seeds: 3, bar: higherIsBetter ? mean - 0.01 : mean * 1.02, higherIsBetter, torch: "2.11" });
const reference: ReferenceFigures = {
  format: "tensorpost-reference-1",
  source: "pytorch.json",
  models: { rnn: ref("bpc", 8.2, false), lstm: ref("bpc", 8.3, false), classify: ref("balanced-accuracy", 0.75, true) },
};

function source(over: { lstm?: number; rnn?: number; budget?: PublishedModel["budget"] } = {}): QuoteSource {
  return {
    reference,
    models: [
      model("rnn", "bpc", over.rnn ?? 8.4),
      model("lstm", "bpc", over.lstm ?? 8.3, { budget: over.budget ?? "parity" }),
      model("classify", "balanced-accuracy", 0.69, {
        budget: "quick",
        baselines: [{ id: "naive-bayes", name: "NB", metric: { name: "balanced-accuracy", value: 0.8057 }, metrics: { "balanced-accuracy": 0.8057 } }],
      }),
    ],
  };
}

const text = (html: string): string => html.replace(/<[^>]+>/g, "");

test("the main metric is the published value; another value gives another text", () => {
  assert.is(text(quoteMetric(source(), "lstm", undefined)), "8.300");
  assert.is(text(quoteMetric(source({ lstm: 7.125 }), "lstm", undefined)), "7.125");
  assert.match(quoteMetric(source(), "lstm", undefined), /data-model="lstm" data-field="bpc"/);
  assert.is(text(quoteMetric(source(), "lstm", "loss")), "0.500", "any metric of the final evaluation");
});

test("a quick or full figure says its budget; reference, bar and size do not", () => {
  assert.is(text(quoteMetric(source({ budget: "quick" }), "lstm", undefined)), "8.300 (quick budget)");
  assert.is(text(quoteMetric(source({ budget: "quick" }), "lstm", undefined, "zh-CN")), "8.300（quick 预算）");
  assert.is(text(quoteMetric(source({ budget: "quick" }), "lstm", "trainSeconds", "zh-CN")), "42.3\u00a0秒（quick 预算）");
  assert.is(text(quoteMetric(source({ budget: "quick" }), "lstm", "reference")), "8.300");
  assert.is(text(quoteMetric(source(), "classify", "baseline")), "80.57\u00a0%");
  assert.is(text(quoteMetric(source(), "classify", "baseline:naive-bayes")), "80.57\u00a0%");
  assert.is(text(quoteMetric(source(), "classify", undefined)), "69.00\u00a0% (quick budget)");
});

test("reference, seeds, bar, steps, budget and size come from the reference file and the manifest", () => {
  const s = source();
  assert.is(text(quoteMetric(s, "rnn", "reference")), "8.200");
  assert.is(text(quoteMetric(s, "rnn", "seeds")), "3");
  assert.is(text(quoteMetric(s, "rnn", "bar")), (8.2 * 1.02).toFixed(3));
  assert.is(text(quoteMetric(s, "rnn", "steps")), "1000");
  assert.is(text(quoteMetric(s, "classify", "budget")), "quick");
  // Only the fp32 files: what a page downloads to run it.
  assert.is(text(quoteMetric(s, "rnn", "size")), "3.00\u00a0MB", "number and unit joined by a no-break space");
  assert.is(formatBytes(1536), "1.5 KB");
  assert.is(formatSeconds(0.0123), "0.01", "milliseconds are not 0.0");
  assert.is(formatSeconds(12.34), "12.3");
});

test("the comparison word follows the numbers and the metric's direction", () => {
  // bpc: lower is better.
  assert.is(text(quoteComparison(source({ lstm: 8.3, rnn: 8.4 }), "lstm", "rnn")), "better than");
  assert.is(text(quoteComparison(source({ lstm: 8.5, rnn: 8.4 }), "lstm", "rnn")), "worse than");
  assert.is(text(quoteComparison(source({ lstm: 8.4001, rnn: 8.4 }), "lstm", "rnn")), "the same as", "equal as printed");
  assert.is(text(quoteComparison(source({ lstm: 8.5, rnn: 8.4 }), "lstm", "rnn", "zh-CN")), "不如");
  // balanced accuracy: higher is better.
  assert.is(text(quoteComparison(source(), "classify", "baseline", "zh-CN")), "不如");
  assert.is(text(quoteComparison(source(), "classify", "reference")), "worse than");
  assert.is(text(quoteComparison(source({ lstm: 8.0 }), "lstm", "reference")), "better than");
});

test("unknown models, fields, baselines, references and mismatched metrics are errors naming them", () => {
  const s = source();
  const throwsNaming = (f: () => string, re: RegExp) => {
    try {
      f();
      assert.unreachable("should have thrown");
    } catch (e) {
      assert.instance(e, QuoteError);
      assert.match((e as Error).message, re);
    }
  };
  throwsNaming(() => quoteMetric(s, "gpt", undefined), /model "gpt" was not published/);
  throwsNaming(() => quoteMetric(s, "lstm", "speed"), /model "lstm" has no figure "speed" \(its metrics: bpc, loss; or reference/);
  throwsNaming(() => quoteMetric(s, "lstm", "baseline"), /model "lstm": no baseline \(it has no published baseline\)/);
  throwsNaming(() => quoteMetric(s, "classify", "baseline:svm"), /no baseline "svm" \(its baselines: naive-bayes\)/);
  throwsNaming(() => quoteComparison(s, "lstm", "classify"), /cannot compare "lstm" \(bpc\) with "classify" \(balanced-accuracy\)/);
  const noRef: QuoteSource = { ...s, reference: { ...reference, models: {} } };
  throwsNaming(() => quoteMetric(noRef, "lstm", "reference"), /model "lstm" has no PyTorch reference for bpc/);
});

test("the figure block states training time and model size from the manifest, in the page's language", () => {
  const m = model("lstm", "bpc", 8.3, { budget: "quick", steps: 300, trainSeconds: 12.34 });
  const en = renderModelFigures(m, {}, reference.models.lstm);
  assert.match(en, /<p class="tp-figures-facts">trained 300 steps in 12\.3 s \(quick budget\) · model 3\.00 MB<\/p>/);
  const zh = renderModelFigures({ ...m, trainSeconds: 99.96 }, {}, reference.models.lstm, "zh-CN");
  assert.match(zh, /训练 300 步，用时 100\.0 秒（quick 预算） · 模型文件 3\.00 MB/);
  assert.match(zh, /<caption>lstm：测试指标<\/caption>/);
  assert.match(zh, /不比较：quick 预算/);
  const withBaseline = renderModelFigures({ ...m, metric: { name: "balanced-accuracy", value: 0.69 }, baselines: [{ id: "naive-bayes", name: "NB", metric: { name: "balanced-accuracy", value: 0.8057 }, metrics: {} }] }, {}, undefined, "zh-CN");
  assert.match(withBaseline, /<tr class="tp-figures-baseline"><th scope="row">balanced-accuracy，基线 naive-bayes<\/th><td>80\.57 %<\/td>/);
  const charts = renderModelFigures(m, { log: [{ step: 1, loss: 2 }, { step: 2, loss: 1, metrics: { bpc: 9 } }, { step: 3, loss: 0.5, metrics: { bpc: 8 } }], confusion: { split: "test", labels: ["a", "b"], matrix: [[1, 0], [1, 1]] } }, undefined, "zh-CN");
  for (const word of ["训练损失", "步数", "每次评估的 bpc", "预测类别", "真实类别", "测试集的混淆矩阵"]) assert.ok(charts.includes(word), word);
  assert.not.match(charts, /training loss|predicted|true class/);
  // A metric that never moved still gets readable ticks (not one tick with six decimals).
  const flat = renderModelFigures(model("p", "accuracy", 1), { log: [{ step: 1, loss: 1, metrics: { accuracy: 1 } }, { step: 2, loss: 0.5, metrics: { accuracy: 1 } }] }, undefined);
  assert.not.match(flat, /100\.0000/);
  assert.match(flat, />100\.0</);
});

test("the n-gram's figure is its method × order table, the published model's cell marked", () => {
  const table: NgramTable = {
    data: "toy",
    orders: [1, 2, 3],
    testTokens: 1234,
    rows: [
      { id: "mle", name: "maximum likelihood", perplexity: [600, null, null] },
      { id: "mkn", name: "modified Kneser-Ney", perplexity: [601.5, 250.25, 1234.5] },
    ],
  };
  const m = model("ngram", "perplexity", 236.4, { format: "tensorpost-ngram-1", steps: 0, trainSeconds: 0, metrics: { perplexity: 236.4, order: 3 } });
  const html = renderModelFigures(m, { table }, undefined);
  assert.match(html, /<table class="tp-figures-metrics tp-figures-ngram"><caption>test perplexity on brown \(1,234 scored tokens\)/);
  assert.match(html, /<th scope="row">maximum likelihood<\/th><td>600\.00<\/td><td>∞<\/td><td>∞<\/td>/);
  assert.match(html, /<td>601\.50<\/td><td>250\.25<\/td><td class="tp-figures-this">1235<\/td>/);
  assert.match(html, /counted, not trained/);
  assert.not.match(html, /PyTorch|quality bar/, "no reference: no columns of dashes");
});

test.run();
