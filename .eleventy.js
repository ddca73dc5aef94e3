// The site: the tensorpost plugin with this site's options, nothing else.
import tensorpost from "./plugins/index.ts";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(tensorpost, {
    timezone: "Asia/Shanghai",
    // Published for the demos (their pages come with the articles). The text models train their quick
    // budgets (models without one, the image/iris models, seq2seq and the n-gram, train parity);
    // the deploy workflow sets TENSORPOST_MODEL_BUDGET=full (with each model's parity run beside it). The posts' demos and figures add lstm,
    // stacked, transformer and spell; cold, all of them train in under 3 minutes on 2 cores (README "Models").
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
