// The site: the tensorpost plugin with this site's options, nothing else.
import tensorpost from "./plugins/index.ts";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(tensorpost, {
    timezone: "Asia/Shanghai",
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
