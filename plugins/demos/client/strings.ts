// The words the demos print, in the page's language (Chinese for `zh…`, English otherwise). Shared by the
// build (static fallbacks) and the browser (widgets), so both say the same thing.

const en = {
  static: "Interactive demo: it runs in your browser once the page's script loads.",
  loading: "Loading the model…",
  ready: "Runs in your browser.",
  offline: "Available offline.",
  notOffline: "Not yet available offline.",
  error: "The demo cannot run:",
  drawHere: "Draw a digit (0–9) here",
  clear: "Clear",
  prediction: "Prediction",
  colon: ": ",
  probabilities: "Probabilities",
  featureMaps: "First convolution layer: its 6 feature maps",
  sampleDigit: "A test digit from MNIST",
  testAccuracy: "test accuracy",
  testMse: "test MSE",
  decision: "Decision",
  regions: "Decision regions",
  plotX: "x axis",
  plotY: "y axis",
  fitted: "Fitted line",
  trainPoints: "training points",
  testPoints: "test points",
  input: "x",
  predictionFor: "prediction for x =",
  is: "is",
  isNot: "not",
  missingModel: "this model is not in the site's models/manifest.json",
  badModel: "the model file is damaged (size or sha256 differs from the manifest)",
  fetchFailed: "the model file could not be downloaded",
  runtimeFailed: "the ONNX runtime could not start",
};

const zh: typeof en = {
  static: "交互演示：页面脚本加载后，模型在你的浏览器里运行。",
  loading: "正在加载模型…",
  ready: "在你的浏览器中运行。",
  offline: "可离线使用。",
  notOffline: "尚不能离线使用。",
  error: "演示无法运行：",
  drawHere: "在这里写一个数字（0–9）",
  clear: "清除",
  prediction: "预测",
  colon: "：",
  probabilities: "概率",
  featureMaps: "第一个卷积层的 6 张特征图",
  sampleDigit: "MNIST 测试集中的一个数字",
  testAccuracy: "测试准确率",
  testMse: "测试均方误差",
  decision: "判定",
  regions: "决策区域",
  plotX: "横轴",
  plotY: "纵轴",
  fitted: "拟合直线",
  trainPoints: "训练点",
  testPoints: "测试点",
  input: "x",
  predictionFor: "预测 x =",
  is: "是",
  isNot: "不是",
  missingModel: "站点的 models/manifest.json 中没有这个模型",
  badModel: "模型文件已损坏（大小或 sha256 与清单不符）",
  fetchFailed: "无法下载模型文件",
  runtimeFailed: "ONNX 运行时无法启动",
};

export type StringKey = keyof typeof en;

export function strings(lang: string | null | undefined): typeof en {
  return /^zh\b/i.test(lang ?? "") ? zh : en;
}
