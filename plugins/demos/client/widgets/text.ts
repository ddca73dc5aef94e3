// Write on (rnn, lstm, stacked, transformer): the reader types a beginning and presses Generate; the
// model continues it character by character (the page is updated after every character), with
// temperature and top-k, until the length is reached or Stop is pressed. `<unk>` is never picked. The
// transformer also shows its attention weights over the last window as one heatmap per head, for the
// block chosen.
import { decodeChars, encodeChars, parseVocab, type ModelVocab } from "../../../../models/vocab-client.ts";
import { attentionHeads, rowMaxScaled, rowSums } from "../attention.ts";
import { CharLm, type LmStep } from "../char-lm.ts";
import type { DemoContext } from "../context.ts";
import { fetchVerified } from "../models.ts";
import { pickToken } from "../sampling.ts";
import { textStrings } from "../text-strings.ts";
import { cssColor, el, hiDpiCanvas } from "../ui.ts";

type CharVocab = Extract<ModelVocab, { kind: "char-lm" }>;

const nextFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function slider(label: string, attrs: Record<string, string>, show: (v: number) => string): { element: HTMLElement; input: HTMLInputElement } {
  const input = el("input", { type: "range", ...attrs, "aria-label": label });
  const shown = el("span", { class: "tp-demo-value" }, [show(Number(input.value))]);
  input.addEventListener("input", () => (shown.textContent = show(Number(input.value))));
  return { element: el("label", { class: "tp-demo-slider" }, [el("span", {}, [label]), input, shown]), input };
}

export async function mount(root: HTMLElement, ctx: DemoContext): Promise<void> {
  const s = textStrings(ctx.lang);
  const file = ctx.file();
  ctx.setState("loading");
  if (!ctx.model.vocab) throw new Error(`${ctx.id}: the manifest lists no vocabulary file`);
  const [vocabBytes] = await Promise.all([fetchVerified(ctx.model.vocab), ctx.session()]);
  const vocab = parseVocab(JSON.parse(new TextDecoder().decode(vocabBytes)) as unknown);
  if (vocab.kind !== "char-lm") throw new Error(`${ctx.id}: a char-lm vocabulary expected, got ${vocab.kind}`);
  const v: CharVocab = vocab;
  const lm = new CharLm(file, v.context, (feeds) => ctx.run(feeds));

  // Controls.
  const prompt = el("input", { type: "text", class: "tp-demo-prompt-input", value: ctx.options.prompt ?? "山", maxlength: "64", "aria-label": s.prompt, "data-prompt": "" });
  const temperature = slider(s.temperature, { min: "0", max: "2", step: "0.05", value: ctx.options.temperature ?? "0.8", "data-temperature": "" }, (x) => x.toFixed(2));
  const topK = slider(s.topK, { min: "1", max: "100", step: "1", value: String(Math.min(100, Number(ctx.options.topk ?? 20)) || 100), "data-topk": "" }, String);
  const length = el("input", { type: "number", min: "1", max: "400", value: ctx.options.length ?? "60", class: "tp-demo-number", "aria-label": s.length, "data-length": "" });
  const generate = el("button", { type: "button", class: "tp-demo-button", "data-generate": "" }, [s.generate]);
  const stop = el("button", { type: "button", class: "tp-demo-button", disabled: "", "data-stop": "" }, [s.stop]);
  const controls = el("div", { class: "tp-demo-text-controls" }, [
    el("label", { class: "tp-demo-prompt" }, [el("span", {}, [s.prompt]), prompt]),
    el("div", { class: "tp-demo-controls" }, [temperature.element, topK.element, el("label", { class: "tp-demo-slider" }, [el("span", {}, [s.length]), length])]),
    el("div", { class: "tp-demo-buttons" }, [generate, stop]),
  ]);

  // The attention heatmaps (transformer only).
  const attnOutputs = file.outputs.filter((o) => /^attn_\d+$/.test(o.name));
  const heat = el("div", { class: "tp-demo-heat", hidden: "", "data-heatmap": "" });
  const blockPick = el("select", { "aria-label": s.block, "data-block-select": "" }, attnOutputs.map((_, b) => el("option", { value: String(b) }, [`${s.block} ${b + 1}`])));
  const heads = el("div", { class: "tp-demo-heads" });
  if (attnOutputs.length > 0) heat.append(el("p", { class: "tp-demo-hint" }, [s.attentionHint]), el("label", { class: "tp-demo-axis-pick" }, [blockPick]), heads);
  ctx.stage.replaceChildren(controls, heat);

  const shownPrompt = el("span", { class: "tp-demo-prompt-text" });
  const written = el("span", { class: "tp-demo-generated", "aria-live": "polite" });
  shownPrompt.textContent = prompt.value;
  ctx.output.replaceChildren(shownPrompt, written);
  ctx.output.classList.add("tp-demo-text-output");

  let last: LmStep | undefined;
  const drawHeat = (): void => {
    if (!last || last.attention.length === 0) return;
    const block = last.attention[Number(blockPick.value)] ?? last.attention[0];
    const maps = attentionHeads(block.data, block.dims);
    const size = block.dims[2];
    const chars = Array.from(decodeChars(v, last.read), (c) => (c === "\n" ? "↵" : c));
    // All heads in one row when the island is wide enough, two per row on a phone.
    heat.hidden = false;
    const margin = 14;
    const gap = 10;
    const avail = heads.clientWidth || 600;
    const cols = avail >= 520 ? maps.length : Math.min(2, maps.length);
    const cell = Math.max(2, Math.min(16, Math.floor((Math.floor((avail - (cols - 1) * gap) / cols) - margin) / size)));
    const every = Math.ceil(11 / cell);
    const ink = getComputedStyle(root).color || "#000";
    const hot = cssColor(root, "--tp-demo-line", "#b3541e");
    heat.dataset.heads = String(maps.length);
    heat.dataset.block = blockPick.value;
    heat.dataset.window = decodeChars(v, last.read);
    heads.replaceChildren(
      ...maps.map((w, h) => {
        const side = margin + size * cell;
        const { canvas, g } = hiDpiCanvas(side, side, { class: "tp-demo-headmap", role: "img", "aria-label": `${s.head} ${h + 1}` });
        canvas.dataset.head = String(h);
        canvas.dataset.rows = String(size);
        canvas.dataset.cols = String(size);
        canvas.dataset.rowSums = rowSums(w, size).map((x) => x.toFixed(4)).join(",");
        const shade = rowMaxScaled(w, size);
        g.fillStyle = hot;
        for (let r = 0; r < size; r++)
          for (let c = 0; c <= r; c++) {
            g.globalAlpha = shade[r * size + c];
            g.fillRect(margin + c * cell, margin + r * cell, cell, cell);
          }
        g.globalAlpha = 1;
        g.fillStyle = ink;
        g.font = `${Math.min(12, Math.max(9, cell))}px sans-serif`;
        g.textAlign = "center";
        g.textBaseline = "middle";
        for (let i = 0; i < size; i += every) {
          g.fillText(chars[i] ?? "", margin + (i + 0.5) * cell, margin / 2);
          g.fillText(chars[i] ?? "", margin / 2, margin + (i + 0.5) * cell);
        }
        return el("figure", { class: "tp-demo-head" }, [canvas, el("figcaption", {}, [`${s.head} ${h + 1}`])]);
      }),
    );
  };
  blockPick.addEventListener("change", drawHeat);

  let stopping = false;
  const run = async (): Promise<void> => {
    stopping = false;
    generate.disabled = true;
    stop.disabled = false;
    ctx.output.dataset.busy = "";
    ctx.output.removeAttribute("data-prediction");
    const text = prompt.value === "" ? "\n" : prompt.value;
    shownPrompt.textContent = prompt.value;
    written.textContent = "";
    const options = { temperature: Number(temperature.input.value), topK: Number(topK.input.value), banned: [v.unk] };
    const n = Math.max(1, Math.min(400, Math.round(Number(length.value)) || 60));
    let out = "";
    try {
      lm.reset();
      let step = await lm.feed(encodeChars(v, text));
      for (let i = 0; i < n && !stopping; i++) {
        last = step;
        const id = pickToken(step.logits, 0, step.logits.length, options, Math.random);
        out += decodeChars(v, [id]);
        written.textContent = out;
        drawHeat();
        await nextFrame();
        if (i + 1 < n && !stopping) step = await lm.feed([id]);
      }
      ctx.output.dataset.prediction = out;
    } catch (e) {
      ctx.fail(e);
    } finally {
      generate.disabled = false;
      stop.disabled = true;
      delete ctx.output.dataset.busy;
    }
  };
  generate.addEventListener("click", () => void run());
  stop.addEventListener("click", () => (stopping = true));
  prompt.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !generate.disabled) void run();
  });
  ctx.setState("ready");
}
