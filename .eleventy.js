// The site: the tensorpost plugin with this site's options, nothing else.
import tensorpost from "./plugins/index.ts";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(tensorpost, {
    timezone: "Asia/Shanghai",
    // Published for the demos (their pages come with the articles); the text models join once measured.
    models: ["linear", "perceptron", "softmax", "mlp", "cnn"],
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
