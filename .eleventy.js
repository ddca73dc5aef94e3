// The site: the tensorpost plugin with this site's options, nothing else.
import tensorpost from "./plugins/index.ts";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(tensorpost, {
    timezone: "Asia/Shanghai",
    // Published for the demos (their pages come with the articles). The text models train their quick
    // budgets (models without one, the image/iris models, seq2seq and the n-gram, train parity);
    // the deploy workflow sets TENSORPOST_MODEL_BUDGET=parity. Cold, these 10 models cost about 300 s
    // CPU at quick (README "Models"); lstm, stacked and transformer (another 264 s) are published when
    // a post places their demo.
    models: ["linear", "perceptron", "softmax", "mlp", "cnn", "rnn", "classify", "bilstm", "seq2seq", "ngram"],
    modelBudget: "quick",
    katexMacros: { "\\RR": "\\mathbb{R}" },
    site: {
      title: "tensorpost",
      description: "Machine-learning articles whose models run in your browser, offline.",
      url: "https://tensorpost.github.io",
      author: "tensorpost",
      lang: "zh-CN",
    },
  });
}

export const config = {
  dir: { input: "posts", output: "_site" },
};
