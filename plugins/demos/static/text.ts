// Static parts of the text demos: the prompt in a box and what the reader can do, with the model's
// measured quality; for rnn, lstm, stacked and transformer also the build-time sample (textSample): the
// prompt continued by greedy decoding (`<unk>` excluded) in Node from the published ONNX file, the
// same stepping code as the page (client/char-lm.ts), so the island shows a real, deterministic answer.
import { decodeChars, encodeChars, parseVocab } from "../../../models/vocab-client.ts";
import { escapeHtml } from "../../errors.ts";
import { CharLm } from "../client/char-lm.ts";
import { pickToken } from "../client/sampling.ts";
import { textStrings } from "../client/text-strings.ts";
import type { SampleInput } from "./samples.ts";
import { n2 } from "./svg.ts";
import { budgetNote } from "./text-metric.ts";
import type { Fallback, FallbackInput } from "./types.ts";

/** Characters of the build-time sample (fewer than a page's default: it is read before the script runs). */
export const SAMPLE_LENGTH = 40;

function metric(input: FallbackInput): string {
  const s = textStrings(input.lang);
  const m = input.model?.metric;
  if (!m) return "";
  // A figure from a shorter (or longer) run than MODEL-ZOO.md's says so.
  const which = budgetNote(input);
  if (m.name === "bpc") return `${s.bpc} ${n2(m.value)}${which}`;
  if (m.name === "perplexity") return `${s.testPerplexity} ${n2(m.value)}${which}`;
  return `${m.name} ${n2(m.value)}${which}`;
}

function staticStage(prompt: string, hint: string): string {
  return `<p class="tp-demo-text-static"><span class="tp-demo-prompt-text">${escapeHtml(prompt)}</span></p><p class="tp-demo-hint">${escapeHtml(hint)}</p>`;
}

export function textFallback(input: FallbackInput): Fallback {
  return { stage: staticStage(input.options.prompt ?? "山", textStrings(input.lang).textStatic), output: escapeHtml(metric(input)) };
}

export function ngramFallback(input: FallbackInput): Fallback {
  return { stage: staticStage(input.options.prompt ?? "The", textStrings(input.lang).ngramStatic), output: escapeHtml(metric(input)) };
}

export async function textSample(input: SampleInput): Promise<string> {
  if (input.vocab === undefined) throw new Error("no vocabulary file");
  const v = parseVocab(input.vocab);
  if (v.kind !== "char-lm") throw new Error(`a char-lm vocabulary expected, got ${v.kind}`);
  // The manifest entry holds the file's input shapes (the recurrent state's [layers, N, hidden]).
  const entry = input.model as { files?: { part: string; precision: string; inputs: { name: string; shape: (number | string)[] }[] }[] } | undefined;
  const shapes = entry?.files?.find((f) => f.part === "model" && f.precision === "fp32")?.inputs ?? [];
  const file = { inputs: input.inputs.map((name) => ({ name, shape: shapes.find((i) => i.name === name)?.shape ?? [] })), outputs: input.outputs.map((name) => ({ name, shape: [] })) };
  const lm = new CharLm(file, v.context, (feeds) => input.runPart("model", feeds));
  const prompt = input.options.prompt ?? "山";
  let step = await lm.feed(encodeChars(v, prompt));
  const ids: number[] = [];
  for (let i = 0; i < SAMPLE_LENGTH; i++) {
    const id = pickToken(step.logits, 0, step.logits.length, { temperature: 0, topK: 1, banned: [v.unk] }, () => 0);
    ids.push(id);
    if (i + 1 < SAMPLE_LENGTH) step = await lm.feed([id]);
  }
  const s = textStrings(input.lang);
  const text = `${prompt}${decodeChars(v, ids)}`.replace(/\n/g, " / ");
  return escapeHtml(`${s.greedySample}${text} · ${metric(input)}`);
}
