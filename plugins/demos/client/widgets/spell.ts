// Draw a digit, watch its name being spelled (spell, issue 7: one image in, a sequence out). The shared
// digit pad gives the 784 inputs; the `encoder` graph turns them into the decoder's first state once;
// then the `decoder-step` graph runs once per letter: the previous token and the state in, the next
// token's logits and the new state out. Each step gets a column: the chosen token and the most probable
// tokens with their probabilities, so the reader sees the name grow one step at a time.
import type { DemoContext } from "../context.ts";
import { digitPad } from "../digit-pad.ts";
import { spellStrings } from "../spell-strings.ts";
import { argmax, el, softmax } from "../ui.ts";

/** The island's build-time data (models/demo-data.ts SpellDemoData): the decoder's token table. */
interface SpellData {
  tokens: string[];
  bos: number;
  eos: number;
  maxOut: number;
}

/** Tokens listed per step. */
const TOP = 3;
/** Pause between steps, so the letters arrive one by one (none when the reader asks for less motion). */
const STEP_MS = 160;

const percent = (p: number): string => (p >= 0.9995 ? "100%" : `${(p * 100).toFixed(1)}%`);
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function mount(root: HTMLElement, ctx: DemoContext): Promise<void> {
  const { t } = ctx;
  const s = spellStrings(ctx.lang);
  const data = ctx.data as SpellData;
  const encoder = ctx.file("encoder");
  const step = ctx.file("decoder-step");
  const H = Number(step.inputs.find((i) => i.name === "h")?.shape[2]);
  if (!Number.isInteger(H) || H <= 0) throw new Error("decoder-step: no h input of shape [1, N, H]");
  const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
  const shown = (id: number) => (id === data.eos ? s.end : data.tokens[id]);

  const steps = el("ol", { class: "tp-demo-steps", "aria-label": s.topLetters });
  const answer = el("span", { class: "tp-demo-answer", "aria-live": "polite" }, ["?"]);
  ctx.output.replaceChildren(el("span", { class: "tp-demo-answer-label" }, [`${s.spelled}${t.colon}`]), answer);
  ctx.output.removeAttribute("data-prediction");

  // A drawing started while a name is being spelled stops that spelling (its steps are stale).
  let generation = 0;
  const reset = () => {
    generation++;
    steps.replaceChildren();
    answer.textContent = "?";
    ctx.output.removeAttribute("data-prediction");
  };

  const bar = (p: number): HTMLElement => {
    const fill = el("span", { class: "tp-demo-bar-fill" });
    fill.style.width = `${(p * 100).toFixed(1)}%`;
    return fill;
  };
  const column = (n: number, probs: Float32Array, chosen: number): HTMLElement => {
    const order = Array.from(probs.keys()).sort((a, b) => probs[b] - probs[a]).slice(0, TOP);
    const list = el("ol", { class: "tp-demo-step-top" }, order.map((id) =>
      el("li", { class: id === chosen ? "tp-demo-best" : "", "data-token": shown(id) }, [
        el("span", { class: "tp-demo-step-token" }, [shown(id)]),
        el("span", { class: "tp-demo-bar" }, [bar(probs[id])]),
        el("span", { class: "tp-demo-bar-value" }, [percent(probs[id])]),
      ])));
    return el("li", { class: `tp-demo-step${chosen === data.eos ? " tp-demo-step-end" : ""}`, "data-step": String(n) }, [
      el("span", { class: "tp-demo-step-label" }, [s.stepLabel(n)]),
      el("span", { class: "tp-demo-step-letter" }, [shown(chosen)]),
      list,
    ]);
  };

  const pad = digitPad({
    root,
    output: ctx.output,
    labels: t,
    fail: (e) => ctx.fail(e),
    cleared: reset,
    async run() {
      const x = pad.input();
      if (!x) return;
      reset();
      const mine = generation;
      const enc = await ctx.run({ [encoder.inputs[0].name]: { data: x, dims: [1, 784] } }, "encoder");
      let h = enc.h.data as Float32Array;
      let prev = data.bos;
      let name = "";
      for (let n = 1; n <= data.maxOut; n++) {
        const out = await ctx.run({ prev: { data: BigInt64Array.of(BigInt(prev)), dims: [1] }, h: { data: h, dims: [1, 1, H] } }, "decoder-step");
        if (mine !== generation || pad.pending()) return;
        const probs = softmax(out.logits.data as Float32Array);
        prev = argmax(probs);
        h = out.h_out.data as Float32Array;
        steps.append(column(n, probs, prev));
        if (prev === data.eos) break;
        name += data.tokens[prev];
        answer.textContent = name;
        if (!still) await pause(STEP_MS);
        if (mine !== generation || pad.pending()) return;
      }
      answer.textContent = name || "?";
      ctx.output.dataset.prediction = name;
    },
  });
  ctx.stage.replaceChildren(pad.element, el("div", { class: "tp-demo-spell" }, [el("p", { class: "tp-demo-hint" }, [s.drawHint]), steps]));

  ctx.setState("loading");
  await Promise.all([ctx.session("encoder"), ctx.session("decoder-step")]);
  ctx.setState("ready");
}
