// The part-of-speech demo (bilstm), server side: the `text` option (the sentence shown first) is checked
// at build time; the static figure is the model's own tagging of that sentence, computed in Node from the
// published ONNX file with the widget's tokeniser: one chip per word, coloured by word class.
import type { ModelVocab } from "../../../models/vocab-client.ts";
import { encodeWords } from "../../../models/vocab-client.ts";
import { escapeHtml } from "../../errors.ts";
import { brownTokens } from "../client/brown-tokens.ts";
import { bestTags, tagClass } from "../client/brown-tags.ts";
import { strings } from "../client/strings.ts";
import type { DemoKind } from "../registry.ts";
import type { SampleInput } from "./samples.ts";
import { textMetric } from "./text-metric.ts";
import type { Fallback, FallbackInput } from "./types.ts";
import { demoText } from "./demo-text.ts";

type TaggerVocab = Extract<ModelVocab, { kind: "tagger" }>;

export const maxSentenceLength = 300;

function checkSentence(options: Record<string, string>): void {
  const text = options.text;
  if (text === undefined) return;
  if (!/[A-Za-z]/.test(text)) throw new Error(`demo option text="${text}": an English sentence (the tagger reads English words)`);
  if (text.length > maxSentenceLength) throw new Error(`demo option text: at most ${maxSentenceLength} characters, got ${text.length}`);
  options.text = text.trim();
}

function taggerFallback(input: FallbackInput): Fallback {
  const t = strings(input.lang);
  return {
    stage: `<p class="tp-demo-hint">${escapeHtml(t.typeSentence)}${escapeHtml(t.colon)}<span lang="en">${escapeHtml(demoText(input))}</span></p>`,
    output: escapeHtml(textMetric(input)),
  };
}

async function taggerSample(s: SampleInput): Promise<{ output: string; stage: string }> {
  const t = strings(s.lang);
  const vocab = s.vocab as TaggerVocab;
  const known = new Set(vocab.tokens);
  const words = brownTokens(demoText(s), (w) => known.has(w));
  const ids = encodeWords(vocab, words);
  const out = await s.runPart("model", {
    tokens: { data: BigInt64Array.from(ids, (x) => BigInt(x)), dims: [1, ids.length] },
    lengths: { data: Int32Array.of(ids.length), dims: [1] },
  });
  const tags = bestTags(out.logits.data, ids.length, vocab.tags.length).map((k) => vocab.tags[k]);
  const chips = words
    .map((w, i) => {
      const unk = ids[i] === vocab.unk ? ` tp-demo-unk" title="${escapeHtml(t.unknownWord)}` : "";
      return `<span class="tp-demo-chip tp-demo-tag-${tagClass(tags[i])}${unk}" data-tag="${escapeHtml(tags[i])}"><span class="tp-demo-chip-word">${escapeHtml(w)}</span><span class="tp-demo-chip-tag">${escapeHtml(tags[i])}</span></span>`;
    })
    .join("");
  return {
    stage: `<p class="tp-demo-hint">${escapeHtml(t.tagsOf)}${escapeHtml(t.colon)}<span lang="en">${escapeHtml(demoText(s))}</span></p>`,
    output: `<span class="tp-demo-chips" lang="en">${chips}</span><span class="tp-demo-detail">${escapeHtml(textMetric(s))}</span>`,
  };
}

export const taggerKind: DemoKind = { kind: "tagger", options: ["text"], check: checkSentence, fallback: taggerFallback, sample: taggerSample };
