// The words the figures and quoted figures print, in the page's language (Chinese for `zh…`, English
// otherwise). Numbers themselves are written the same way in both (plugins/figures/format.ts).

const en = {
  budget: (b: string) => ` (${b} budget)`,
  seconds: (s: string) => `${s} s`,
  better: "better than",
  worse: "worse than",
  same: "the same as",
  trained: (steps: string, seconds: string) => `trained ${steps} steps in ${seconds} s`,
  counted: "counted, not trained (no gradient steps)",
  size: (size: string) => `model ${size}`,
  metric: "metric",
  thisBuild: (budget: string, steps: number) => `this build (${budget}, ${steps} steps)`,
  parityRun: (steps: number) => `parity run (${steps} steps)`,
  pytorch: "PyTorch",
  bar: "quality bar",
  seeds: (n: number) => `mean of ${n} seeds`,
  met: "met",
  notMet: "not met",
  notCompared: (budget: string) => `not compared: ${budget} budget`,
  testMetrics: (id: string) => `${id}: test metrics`,
  baseline: (id: string, metric: string) => `${metric}, baseline: ${id}`,
  method: "method",
  order: (k: number) => `order ${k}`,
  ngramCaption: (tokens: string) => `test perplexity on brown (${tokens} scored tokens), every smoothing method × order`,
  step: "step",
  loss: (log: boolean): string => (log ? "training loss (log)" : "training loss"),
  lossTitle: (id: string) => `${id}: training loss per step`,
  lossDesc: (id: string, steps: number, points: number | undefined, from: string, fromStep: number, to: string, toStep: number, log: boolean) =>
    `Training loss of ${id} over ${steps} steps${points === undefined ? "" : ` (${points} points, bucket means)`}, from ${from} at step ${fromStep} to ${to} at step ${toStep}${log ? "; logarithmic axis" : ""}.`,
  metricTitle: (id: string, metric: string) => `${id}: ${metric} per evaluation`,
  metricDesc: (id: string, metric: string, n: number, from: string, fromStep: number, to: string, toStep: number) =>
    `${metric} of ${id} at ${n} evaluations, from ${from} at step ${fromStep} to ${to} at step ${toStep}.`,
  predicted: "predicted",
  trueClass: "true class",
  confusionTitle: (id: string, split: string) => `${id}: confusion matrix of the ${split} split`,
  confusionDesc: (total: number, split: string, n: number, labels: string[], correct: number, worst: { count: number; truth: string; predicted: string } | undefined) =>
    `${total} ${split} examples of ${n} classes (${labels.join(", ")}); ${correct} on the diagonal (correct)${worst ? `; most frequent mistake: ${worst.count} × ${worst.truth} read as ${worst.predicted}` : ""}. Rows: true class; columns: predicted class.`,
  caption: (id: string, budget: string, parts: { curve?: string; table?: boolean; confusion?: string }) =>
    `${id} (${budget} budget): ${[parts.curve ? `training loss and validation ${parts.curve}` : "", "test metrics", parts.table ? "test perplexity of every smoothing method and order" : "", parts.confusion ? `confusion matrix (${parts.confusion} split)` : ""].filter(Boolean).join(", ")}.`,
};

const zh: typeof en = {
  budget: (b) => `（${b} 预算）`,
  seconds: (s) => `${s} 秒`,
  better: "好于",
  worse: "不如",
  same: "等同于",
  trained: (steps, seconds) => `训练 ${steps} 步，用时 ${seconds} 秒`,
  counted: "只做计数，没有梯度训练",
  size: (size) => `模型文件 ${size}`,
  metric: "指标",
  thisBuild: (budget, steps) => `本次构建（${budget}，${steps} 步）`,
  parityRun: (steps) => `parity 训练（${steps} 步）`,
  pytorch: "PyTorch",
  bar: "质量线",
  seeds: (n) => `${n} 个种子的平均`,
  met: "达到",
  notMet: "未达到",
  notCompared: (budget) => `不比较：${budget} 预算`,
  testMetrics: (id) => `${id}：测试指标`,
  baseline: (id, metric) => `${metric}，基线 ${id}`,
  method: "方法",
  order: (k) => `${k} 阶`,
  ngramCaption: (tokens) => `Brown 测试集困惑度（${tokens} 个计分词），每种平滑方法 × 每个阶数`,
  step: "步数",
  loss: (log) => (log ? "训练损失（对数轴）" : "训练损失"),
  lossTitle: (id) => `${id}：每一步的训练损失`,
  lossDesc: (id, steps, points, from, fromStep, to, toStep, log) =>
    `${id} 在 ${steps} 步里的训练损失${points === undefined ? "" : `（${points} 个点，每段取平均）`}，从第 ${fromStep} 步的 ${from} 到第 ${toStep} 步的 ${to}${log ? "；纵轴为对数刻度" : ""}。`,
  metricTitle: (id, metric) => `${id}：每次评估的 ${metric}`,
  metricDesc: (id, metric, n, from, fromStep, to, toStep) => `${id} 的 ${metric}，共评估 ${n} 次，从第 ${fromStep} 步的 ${from} 到第 ${toStep} 步的 ${to}。`,
  predicted: "预测类别",
  trueClass: "真实类别",
  confusionTitle: (id, split) => `${id}：${split === "test" ? "测试集" : "验证集"}的混淆矩阵`,
  confusionDesc: (total, split, n, labels, correct, worst) =>
    `${split === "test" ? "测试集" : "验证集"}共 ${total} 个样本，${n} 个类别（${labels.join("、")}）；对角线上（判断正确）${correct} 个${worst ? `；最常见的错误：${worst.count} 个 ${worst.truth} 被判为 ${worst.predicted}` : ""}。行是真实类别，列是预测类别。`,
  caption: (id, budget, parts) =>
    `${id}（${budget} 预算）：${[parts.curve ? `训练损失与验证集 ${parts.curve}` : "", "测试指标", parts.table ? "各平滑方法、各阶数的测试困惑度" : "", parts.confusion ? `混淆矩阵（${parts.confusion === "test" ? "测试集" : "验证集"}）` : ""].filter(Boolean).join("，")}。`,
};

export type FigureStrings = typeof en;

export function figureStrings(lang: string | undefined): FigureStrings {
  return /^zh\b/i.test(lang ?? "") ? zh : en;
}
