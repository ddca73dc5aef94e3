// Chinese numeral → digits (seq2seq): the reader types a numeral; the encoder reads it once, then the
// decoder writes one digit per step (greedy, until `</s>` or maxOut steps), and the attention of each
// step is shown as a heatmap: one row per output digit, one column per input character.
import { attentionGrid, type AttentionGrid } from "../attention-grid.ts";
import type { DemoContext } from "../context.ts";
import { answerAsTyped } from "../debounce.ts";
import { greedyDecode } from "../numeral-decode.ts";
import { el } from "../ui.ts";
import { loadVocab } from "../vocab.ts";

interface NumeralData {
  text?: string;
}

/** A table: header row = input characters, first column = output digits, cell strength = weight. */
function heatmapTable(grid: AttentionGrid, caption: string): HTMLTableElement {
  const head = el("tr", {}, [el("th", { scope: "col" }), ...grid.cols.map((c) => el("th", { scope: "col" }, [c]))]);
  const rows = grid.rows.map((r, i) => {
    const cells = grid.cells
      .filter((c) => c.row === i)
      .map((c) => {
        const fill = el("span", { class: "tp-demo-heat" });
        fill.style.opacity = c.level.toFixed(3);
        return el("td", { "data-col": String(c.col), title: `${grid.cols[c.col]} → ${r}: ${(c.weight * 100).toFixed(1)}%` }, [fill]);
      });
    return el("tr", { "data-row": String(i) }, [el("th", { scope: "row" }, [r]), ...cells]);
  });
  return el("table", { class: "tp-demo-heatmap", "data-heatmap": "", "data-rows": String(grid.rows.length), "data-cols": String(grid.cols.length), "aria-label": caption }, [
    el("thead", {}, [head]),
    el("tbody", {}, rows),
  ]);
}

export async function mount(root: HTMLElement, ctx: DemoContext): Promise<void> {
  const { t } = ctx;
  const data = (ctx.data as NumeralData | undefined) ?? {};
  ctx.setState("loading");
  const [vocab] = await Promise.all([loadVocab(ctx.model, "seq2seq"), ctx.session("encoder"), ctx.session("decoder-step")]);
  const allowed = vocab.source.tokens.filter((_, i) => i !== vocab.source.pad);

  const input = el("input", { type: "text", class: "tp-demo-text", lang: "zh", value: ctx.options.text ?? data.text ?? "", "aria-label": t.typeNumeral, autocomplete: "off", spellcheck: "false", "data-input": "" });
  const message = el("p", { class: "tp-demo-message", "aria-live": "polite" });
  const map = el("div", { class: "tp-demo-heatmap-box" });
  const mapTitle = el("p", { class: "tp-demo-hint" }, [t.attention]);
  ctx.stage.replaceChildren(el("label", { class: "tp-demo-field" }, [el("span", {}, [t.typeNumeral]), input]), message, mapTitle, map);

  const answer = el("span", { class: "tp-demo-answer", "aria-live": "polite" }, ["?"]);
  const detail = el("span", { class: "tp-demo-detail" });
  ctx.output.replaceChildren(el("span", { class: "tp-demo-answer-label" }, [`${t.prediction}${t.colon}`]), answer, detail);

  const clear = (why: string) => {
    message.textContent = why;
    root.toggleAttribute("data-invalid", why !== "");
    input.setAttribute("aria-invalid", String(why !== ""));
    answer.textContent = "?";
    detail.textContent = "";
    map.replaceChildren();
    mapTitle.hidden = true;
    ctx.output.removeAttribute("data-prediction");
  };

  const convert = async () => {
    const text = input.value.trim();
    const chars = Array.from(text);
    if (chars.length === 0) return clear("");
    const bad = chars.filter((c) => !allowed.includes(c));
    if (bad.length > 0) return clear(`${t.notNumeralChar.replace("{chars}", [...new Set(bad)].join(""))} ${t.numeralChars}${allowed.join("")}`);
    if (chars.length > vocab.maxIn) return clear(t.numeralLength.replace("{max}", String(vocab.maxIn)));
    const src = chars.map((c) => vocab.source.tokens.indexOf(c));
    const decoded = await greedyDecode(vocab, src, {
      encoder: (feeds) => ctx.run(feeds, "encoder"),
      step: (feeds) => ctx.run(feeds, "decoder-step"),
    });
    if (input.value.trim() !== text) return; // a newer input is on its way
    message.textContent = "";
    root.removeAttribute("data-invalid");
    input.setAttribute("aria-invalid", "false");
    answer.textContent = decoded.digits === "" ? "–" : decoded.digits;
    detail.textContent = decoded.finished ? "" : ` (${t.noEnd.replace("{max}", String(vocab.maxOut))})`;
    ctx.output.dataset.prediction = decoded.digits;
    mapTitle.hidden = false;
    map.replaceChildren(heatmapTable(attentionGrid(decoded.digitAttention, Array.from(decoded.digits), chars), t.attention));
  };

  answerAsTyped(ctx, input, 120, convert);
  await convert();
  if (root.dataset.state !== "error") ctx.setState("ready");
}
