// Brown part-of-speech tags (the bilstm's tag set, models/families/tagger.ts: full tags cut before `-`/`+`)
// grouped into a few word classes, one colour each in the tagger widget, and the legend of the common
// tags. The tag names themselves come from the model's vocabulary file; this only groups them.

export const tagClasses = ["noun", "verb", "adj", "adv", "pron", "det", "prep", "conj", "num", "punct", "other"] as const;
export type TagClass = (typeof tagClasses)[number];

const rules: [RegExp, TagClass][] = [
  [/^(?:[.,:;()*'`]|''|``|--)$/, "punct"],
  [/^(?:nn|np|nr)/, "noun"],
  [/^(?:pp|pn|wp|ex)/, "pron"],
  [/^(?:vb|be|hv|do|md)/, "verb"],
  [/^jj/, "adj"],
  [/^(?:rb|ql|wrb|wql|rn|rp)/, "adv"],
  [/^(?:at|dt|ab|ap|wdt)/, "det"],
  [/^(?:in|to)$/, "prep"],
  [/^(?:cc|cs)$/, "conj"],
  [/^(?:cd|od)/, "num"],
];

/** The word class a Brown tag belongs to (`other` for fw, uh, nil…). */
export function tagClass(tag: string): TagClass {
  for (const [re, cls] of rules) if (re.test(tag)) return cls;
  return "other";
}

/** Common tags and what they mean, for the legend (en, zh). */
export const commonTags: { tag: string; en: string; zh: string }[] = [
  { tag: "at", en: "article", zh: "冠词" },
  { tag: "nn", en: "noun", zh: "名词" },
  { tag: "nns", en: "plural noun", zh: "复数名词" },
  { tag: "np", en: "proper noun", zh: "专有名词" },
  { tag: "vb", en: "verb, base form", zh: "动词原形" },
  { tag: "vbd", en: "verb, past tense", zh: "动词过去式" },
  { tag: "vbz", en: "verb, 3rd person singular", zh: "动词第三人称单数" },
  { tag: "jj", en: "adjective", zh: "形容词" },
  { tag: "rb", en: "adverb", zh: "副词" },
  { tag: "in", en: "preposition", zh: "介词" },
  { tag: "pps", en: "personal pronoun (he, it)", zh: "人称代词（he、it）" },
  { tag: "cc", en: "coordinating conjunction", zh: "并列连词" },
  { tag: "cd", en: "number", zh: "数词" },
];

/** Index of each word's most likely tag in `logits [1,T,tags]` (row-major). */
export function bestTags(logits: ArrayLike<number>, words: number, tags: number): number[] {
  return Array.from({ length: words }, (_, i) => {
    let best = 0;
    for (let k = 1; k < tags; k++) if (logits[i * tags + k] > logits[i * tags + best]) best = k;
    return best;
  });
}
