// Tang or Song (classify): the reader types or pastes a poem; as they type (debounced) the poem is read
// the way the model was trained (poem-input.ts: lines joined, `\n` at the end, first 64 characters) and
// the two class probabilities (softmax of the logits) are shown as bars. Two buttons load a Tang and a
// Song poem from the validation split (build-time data).
import type { DemoContext } from "../context.ts";
import { answerAsTyped } from "../debounce.ts";
import { poemInput } from "../poem-input.ts";
import { el, probabilityBars, softmax } from "../ui.ts";
import { loadVocab } from "../vocab.ts";
import { encodeChars } from "../../../../models/vocab-client.ts";

interface PoemData {
  samples: { label: string; title: string; author: string; text: string }[];
}

export async function mount(root: HTMLElement, ctx: DemoContext): Promise<void> {
  const { t } = ctx;
  const data = (ctx.data as PoemData | undefined) ?? { samples: [] };
  const file = ctx.file();
  ctx.setState("loading");
  const [vocab] = await Promise.all([loadVocab(ctx.model, "classifier"), ctx.session()]);
  const names = vocab.classes.map((c) => (c === "tang" ? t.tang : c === "song" ? t.song : c));

  const area = el("textarea", { class: "tp-demo-poem-input", lang: "zh", rows: "3", "aria-label": t.typePoem, spellcheck: "false", "data-input": "" });
  area.value = ctx.options.text ?? data.samples[0]?.text ?? "";
  const buttons = data.samples.map((s) => {
    const b = el("button", { type: "button", class: "tp-demo-button", "data-sample": s.label, title: `${s.author}《${s.title}》` }, [
      s.label === "tang" ? t.sampleTang : s.label === "song" ? t.sampleSong : s.label,
    ]);
    b.addEventListener("click", () => {
      area.value = s.text;
      schedule();
    });
    return b;
  });
  const read = el("p", { class: "tp-demo-hint", "aria-live": "polite" });
  ctx.stage.replaceChildren(el("label", { class: "tp-demo-field tp-demo-field-wide" }, [el("span", {}, [t.typePoem]), area]), el("div", { class: "tp-demo-buttons" }, buttons), read);

  const answer = el("span", { class: "tp-demo-answer", "aria-live": "polite" }, ["?"]);
  const bars = probabilityBars(names, t.probabilities);
  ctx.output.replaceChildren(el("span", { class: "tp-demo-answer-label" }, [`${t.prediction}${t.colon}`]), answer, bars.element);

  /** The sample's poet and title when the text is one of the samples. */
  const source = (): string => {
    const s = data.samples.find((x) => x.text === area.value);
    return s ? `${s.author}《${s.title}》 · ` : "";
  };

  const classify = async () => {
    const text = poemInput(area.value, vocab.maxLength);
    if (text === "") {
      answer.textContent = "?";
      read.textContent = t.noPoem;
      bars.update([]);
      ctx.output.removeAttribute("data-prediction");
      return;
    }
    const ids = encodeChars(vocab, text);
    const unknown = [...new Set(Array.from(text).filter((_, i) => ids[i] === vocab.unk))];
    const out = await ctx.run({
      [file.inputs[0].name]: { data: BigInt64Array.from(ids, (x) => BigInt(x)), dims: [1, ids.length] },
      [file.inputs[1].name]: { data: Int32Array.of(ids.length), dims: [1] },
    });
    const p = softmax(out[file.outputs[0].name].data as Float32Array);
    const best = p[1] > p[0] ? 1 : 0;
    answer.textContent = names[best];
    bars.update(p);
    bars.element.querySelectorAll<HTMLElement>("li").forEach((li, i) => (li.dataset.probability = String(p[i])));
    ctx.output.dataset.prediction = vocab.classes[best];
    // The trailing newline the model reads is not a character the reader typed.
    const count = Array.from(text).filter((c) => c !== "\n").length;
    read.textContent = `${source()}${t.charsRead}${t.colon}${count}${unknown.length > 0 ? ` · 「${unknown.join("")}」${t.unknownChars}` : ""}`;
  };

  const schedule = answerAsTyped(ctx, area, 250, classify);
  await classify();
  if (root.dataset.state !== "error") ctx.setState("ready");
}
