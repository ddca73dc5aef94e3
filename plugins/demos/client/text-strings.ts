// The words of the text demos (kinds "text" and "ngram"), in the page's language; kept apart from
// strings.ts so each widget family owns its sentences.

const en = {
  prompt: "Beginning",
  generate: "Generate",
  stop: "Stop",
  temperature: "Temperature",
  topK: "Top-k",
  length: "Length",
  textStatic: "Type a beginning; the model continues it one character at a time.",
  greedySample: "Written at build time by greedy decoding: ",
  budget: "budget",
  block: "Block",
  head: "Head",
  attentionHint: "Attention of the last window: row = position reading, column = position read (each row scaled to its largest weight).",
  nextWord: "Next word (while a word is unfinished: the words it begins)",
  ngramStatic: "Type the start of an English sentence; the model shows the likely next words.",
  sentenceEnd: "(end of sentence)",
  testPerplexity: "test perplexity",
  bpc: "bits per character",
};

const zh: typeof en = {
  prompt: "开头",
  generate: "生成",
  stop: "停止",
  temperature: "温度",
  topK: "前 k 个",
  length: "长度",
  textStatic: "输入开头，模型一个字一个字地接着写。",
  greedySample: "构建时用贪心解码写出：",
  budget: "训练预算",
  block: "块",
  head: "头",
  attentionHint: "最后一个窗口的注意力：行是正在读的位置，列是被读的位置（每行按其最大权重缩放）。",
  nextWord: "下一个词（最后一个词没写完时：以它开头的词）",
  ngramStatic: "输入一个英文句子的开头，模型列出最可能的下一个词。",
  sentenceEnd: "（句末）",
  testPerplexity: "测试困惑度",
  bpc: "每字符比特数",
};

export function textStrings(lang: string | null | undefined): typeof en {
  return /^zh\b/i.test(lang ?? "") ? zh : en;
}
