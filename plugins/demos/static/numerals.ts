// The Chinese-numeral demo (seq2seq), server side: the `text` option (the numeral shown first) is checked
// at build time; the static figure is the model's own conversion of that numeral, decoded in Node through
// the published encoder and decoder-step files with the widget's greedy loop, and its attention matrix
// as an SVG heatmap (rows = output digits, columns = input characters).
import type { ModelVocab } from "../../../models/vocab-client.ts";
import { encodeNumeral } from "../../../models/vocab-client.ts";
import { escapeHtml } from "../../errors.ts";
import { attentionGrid, type AttentionGrid } from "../client/attention-grid.ts";
import { greedyDecode } from "../client/numeral-decode.ts";
import { strings } from "../client/strings.ts";
import type { DemoKind } from "../registry.ts";
import type { SampleInput } from "./samples.ts";
import { n2 } from "./svg.ts";
import { textMetric } from "./text-metric.ts";
import type { Fallback, FallbackInput } from "./types.ts";
import { demoText } from "./demo-text.ts";

/** The source characters of the seq2seq vocabulary (models/families/seq2seq.ts SRC_CHARS; a test keeps them equal). */
export const numeralChars = "零一二三四五六七八九十百千万";
export const maxNumeralLength = 16;

function checkNumeral(options: Record<string, string>): void {
  const text = options.text;
  if (text === undefined) return;
  const chars = Array.from(text.trim());
  const bad = chars.find((c) => !numeralChars.includes(c));
  if (bad !== undefined) throw new Error(`demo option text="${text}": "${bad}" is not a numeral character (${numeralChars})`);
  if (chars.length === 0 || chars.length > maxNumeralLength) throw new Error(`demo option text="${text}": a numeral of 1 to ${maxNumeralLength} characters`);
  options.text = chars.join("");
}

function numeralFallback(input: FallbackInput): Fallback {
  const t = strings(input.lang);
  return {
    stage: `<p class="tp-demo-hint">${escapeHtml(t.typeNumeral)}${escapeHtml(t.colon)}<span class="tp-demo-numeral">${escapeHtml(demoText(input))}</span></p>`,
    output: escapeHtml(textMetric(input)),
  };
}

const CELL = 30;

/** The attention matrix as an SVG heatmap; cell strength is `fill-opacity`, colours come from demos.css. */
export function heatmapSvg(grid: AttentionGrid, label: string): string {
  const width = CELL * (grid.cols.length + 1);
  const height = CELL * (grid.rows.length + 1);
  let body = "";
  grid.cols.forEach((c, i) => (body += `<text class="tp-demo-heat-label" x="${CELL * (i + 1.5)}" y="${CELL * 0.7}" text-anchor="middle">${escapeHtml(c)}</text>`));
  grid.rows.forEach((r, i) => (body += `<text class="tp-demo-heat-label" x="${CELL * 0.5}" y="${CELL * (i + 1.7)}" text-anchor="middle">${escapeHtml(r)}</text>`));
  for (const cell of grid.cells) {
    const x = CELL * (cell.col + 1);
    const y = CELL * (cell.row + 1);
    body += `<rect class="tp-demo-heat-bg" x="${x + 1}" y="${y + 1}" width="${CELL - 2}" height="${CELL - 2}"/>`;
    body += `<rect class="tp-demo-heat" x="${x + 1}" y="${y + 1}" width="${CELL - 2}" height="${CELL - 2}" fill-opacity="${n2(cell.level)}"/>`;
  }
  return `<svg class="tp-demo-heatmap" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}" data-rows="${grid.rows.length}" data-cols="${grid.cols.length}">${body}</svg>`;
}

async function numeralSample(s: SampleInput): Promise<{ output: string; stage: string }> {
  const t = strings(s.lang);
  const vocab = s.vocab as Extract<ModelVocab, { kind: "seq2seq" }>;
  const text = demoText(s);
  const src = encodeNumeral(vocab, text);
  const decoded = await greedyDecode(vocab, src, {
    encoder: (feeds) => s.runPart("encoder", feeds),
    step: (feeds) => s.runPart("decoder-step", feeds),
  });
  const grid = attentionGrid(decoded.digitAttention, Array.from(decoded.digits), Array.from(text));
  const stage = `<p class="tp-demo-hint">${escapeHtml(t.attention)}</p>${heatmapSvg(grid, `${text} → ${decoded.digits}`)}`;
  const end = decoded.finished ? "" : ` (${t.noEnd.replace("{max}", String(vocab.maxOut))})`;
  return { stage, output: escapeHtml(`${text} → ${decoded.digits}${end} · ${textMetric(s)}`) };
}

export const numeralsKind: DemoKind = { kind: "numerals", options: ["text"], check: checkNumeral, fallback: numeralFallback, sample: numeralSample };
