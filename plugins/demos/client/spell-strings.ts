// The speller demo's words (spell: a digit in, its English name out), in the page's language, for its
// widget and its static figure alike (the shared words are in strings.ts).

const en = {
  drawHint: "Draw a digit: the model writes its English name one letter per decoder step.",
  spelled: "Spelled",
  stepLabel: (n: number): string => `step ${n}`,
  end: "end",
  topLetters: "most probable tokens at this step",
  exactMatch: "whole names right on the test split",
  sample: "A test digit from MNIST",
};

const zh: typeof en = {
  drawHint: "写一个数字：解码器每一步写出它英文名中的一个字母。",
  spelled: "拼写",
  stepLabel: (n: number): string => `第 ${n} 步`,
  end: "结束",
  topLetters: "这一步概率最高的几个记号",
  exactMatch: "测试集上整词拼对的比例",
  sample: "MNIST 测试集中的一个数字",
};

export type SpellStrings = typeof en;

export function spellStrings(lang: string | null | undefined): SpellStrings {
  return /^zh\b/i.test(lang ?? "") ? zh : en;
}
