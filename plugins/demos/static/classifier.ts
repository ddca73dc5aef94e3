// The Tang-or-Song demo (classify), server side: the `text` option (the poem shown first) is checked at
// build time; the static figure is the poem and the model's two probabilities for it, computed in Node
// from the published ONNX file with the widget's own input rule (client/poem-input.ts).
import type { ModelVocab } from "../../../models/vocab-client.ts";
import type { PoemDemoData } from "../../../models/publish.ts";
import { encodeChars } from "../../../models/vocab-client.ts";
import { escapeHtml } from "../../errors.ts";
import { poemInput } from "../client/poem-input.ts";
import { strings } from "../client/strings.ts";
import type { DemoKind } from "../registry.ts";
import type { SampleInput } from "./samples.ts";
import { textMetric } from "./text-metric.ts";
import type { Fallback, FallbackInput } from "./types.ts";

type ClassifierVocab = Extract<ModelVocab, { kind: "classifier" }>;

export const maxPoemLength = 400;

function checkPoem(options: Record<string, string>): void {
  const text = options.text;
  if (text === undefined) return;
  if (!/\p{Script=Han}/u.test(text)) throw new Error(`demo option text="${text}": a Chinese poem (no Chinese character in it)`);
  if (Array.from(text).length > maxPoemLength) throw new Error(`demo option text: at most ${maxPoemLength} characters`);
  options.text = text.trim();
}

function firstPoem(input: FallbackInput): string {
  return input.options.text ?? (input.data as PoemDemoData | undefined)?.samples[0]?.text ?? "";
}

function classifierFallback(input: FallbackInput): Fallback {
  return {
    stage: `<p class="tp-demo-poem" lang="zh">${escapeHtml(firstPoem(input))}</p>`,
    output: escapeHtml(textMetric(input)),
  };
}

/** Softmax of the two logits. */
export function twoClassProbabilities(logits: ArrayLike<number>): [number, number] {
  const m = Math.max(logits[0], logits[1]);
  const a = Math.exp(logits[0] - m);
  const b = Math.exp(logits[1] - m);
  return [a / (a + b), b / (a + b)];
}

async function classifierSample(s: SampleInput): Promise<{ output: string; stage: string }> {
  const t = strings(s.lang);
  const vocab = s.vocab as ClassifierVocab;
  const poem = firstPoem(s);
  const ids = encodeChars(vocab, poemInput(poem, vocab.maxLength));
  const out = await s.runPart("model", {
    tokens: { data: BigInt64Array.from(ids, (x) => BigInt(x)), dims: [1, ids.length] },
    lengths: { data: Int32Array.of(ids.length), dims: [1] },
  });
  const p = twoClassProbabilities(out.logits.data);
  const names = vocab.classes.map((c) => (c === "tang" ? t.tang : c === "song" ? t.song : c));
  const best = p[0] >= p[1] ? 0 : 1;
  const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
  const bars = names
    .map((name, i) => `<span class="tp-demo-static-bar${i === best ? " tp-demo-best" : ""}" data-probability="${p[i]}"><span class="tp-demo-bar-label">${escapeHtml(name)}</span><span class="tp-demo-bar"><span class="tp-demo-bar-fill" style="width:${percent(p[i])}"></span></span><span class="tp-demo-bar-value">${percent(p[i])}</span></span>`)
    .join("");
  return {
    stage: `<p class="tp-demo-poem" lang="zh">${escapeHtml(poem)}</p>`,
    output:
      `<span class="tp-demo-answer-label">${escapeHtml(`${t.prediction}${t.colon}`)}</span><span class="tp-demo-answer">${escapeHtml(names[best])}</span>` +
      `<span class="tp-demo-static-bars">${bars}</span><span class="tp-demo-detail">${escapeHtml(textMetric(s))}</span>`,
  };
}

export const classifierKind: DemoKind = { kind: "classifier", options: ["text"], check: checkPoem, fallback: classifierFallback, sample: classifierSample };
