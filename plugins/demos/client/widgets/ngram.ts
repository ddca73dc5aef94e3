// Next word (the brown n-gram): as the reader types the start of a sentence, the ten most probable next
// words are shown as bars (an unfinished last word narrows them to the words it begins); Generate
// continues the sentence by sampling with the chosen temperature until `</s>` or the length. The model
// is our binary back-off format (not ONNX), read by ngram/browser.ts.
import { EOS_ID, UNK_ID } from "../../../../ngram/vocab.ts";
import { encodePrefix, loadModel, nextTokenDistribution, sampleToken, type BackoffModel } from "../../../../ngram/browser.ts";
import type { DemoContext } from "../context.ts";
import { fetchVerified } from "../models.ts";
import { textStrings } from "../text-strings.ts";
import { el } from "../ui.ts";
import { joinWords, tokenizeWords } from "../words.ts";

const nextFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The k most probable ids of `dist` among those `keep` accepts. */
function top(dist: Float64Array, k: number, keep: (id: number) => boolean): number[] {
  const best: number[] = [];
  for (let id = 0; id < dist.length; id++) {
    if (dist[id] <= 0 || !keep(id)) continue;
    let at = best.length;
    while (at > 0 && dist[best[at - 1]] < dist[id]) at--;
    if (at < k) best.splice(at, 0, id);
    if (best.length > k) best.pop();
  }
  return best;
}

export async function mount(_root: HTMLElement, ctx: DemoContext): Promise<void> {
  const s = textStrings(ctx.lang);
  ctx.setState("loading");
  const model: BackoffModel = loadModel(await fetchVerified(ctx.file()));
  const label = (id: number): string => (id === EOS_ID ? s.sentenceEnd : model.vocab.token(id));

  // A trailing space: the bars first show the next word, not completions of the prompt's last word.
  const given = ctx.options.prompt ?? "The";
  const prompt = el("input", { type: "text", class: "tp-demo-prompt-input", value: /\s$/.test(given) ? given : `${given} `, "aria-label": s.prompt, "data-prompt": "" });
  const temperature = el("input", { type: "range", min: "0", max: "2", step: "0.05", value: ctx.options.temperature ?? "1", "aria-label": s.temperature, "data-temperature": "" });
  const shownT = el("span", { class: "tp-demo-value" }, [Number(temperature.value).toFixed(2)]);
  temperature.addEventListener("input", () => (shownT.textContent = Number(temperature.value).toFixed(2)));
  const generate = el("button", { type: "button", class: "tp-demo-button", "data-generate": "" }, [s.generate]);
  const bars = el("ol", { class: "tp-demo-bars tp-demo-words", "aria-label": s.nextWord, "data-next": "" });
  ctx.stage.replaceChildren(
    el("div", { class: "tp-demo-text-controls" }, [
      el("label", { class: "tp-demo-prompt" }, [el("span", {}, [s.prompt]), prompt]),
      el("div", { class: "tp-demo-controls" }, [el("label", { class: "tp-demo-slider" }, [el("span", {}, [s.temperature]), temperature, shownT])]),
      el("div", { class: "tp-demo-buttons" }, [generate]),
    ]),
    el("p", { class: "tp-demo-hint" }, [s.nextWord]),
    bars,
  );
  const shownPrompt = el("span", { class: "tp-demo-prompt-text" });
  const written = el("span", { class: "tp-demo-generated", "aria-live": "polite" });
  ctx.output.replaceChildren(shownPrompt, written);
  ctx.output.classList.add("tp-demo-text-output");

  const showNext = (): void => {
    const { tokens, partial } = tokenizeWords(prompt.value);
    const dist = nextTokenDistribution(model, encodePrefix(model, tokens));
    const ids = top(dist, 10, (id) => partial === "" || model.vocab.token(id).startsWith(partial));
    bars.dataset.prefix = [...tokens, partial].filter(Boolean).join(" ");
    bars.replaceChildren(
      ...ids.map((id, i) => {
        const p = dist[id];
        const fill = el("span", { class: "tp-demo-bar-fill" });
        fill.style.width = `${(100 * p) / dist[ids[0]]}%`;
        return el("li", { "data-token": model.vocab.token(id), "data-p": String(p), class: i === 0 ? "tp-demo-best" : "" }, [
          el("span", { class: "tp-demo-bar-label" }, [label(id)]),
          el("span", { class: "tp-demo-bar" }, [fill]),
          el("span", { class: "tp-demo-bar-value" }, [`${p >= 0.001 ? (100 * p).toFixed(1) : (100 * p).toPrecision(1)}%`]),
        ]);
      }),
    );
  };
  prompt.addEventListener("input", showNext);

  const run = async (): Promise<void> => {
    generate.disabled = true;
    ctx.output.dataset.busy = "";
    ctx.output.removeAttribute("data-prediction");
    const { tokens, partial } = tokenizeWords(prompt.value);
    const words = partial === "" ? tokens : [...tokens, partial];
    const history = Array.from(encodePrefix(model, words));
    const n = Math.max(1, Math.min(100, Number(ctx.options.length ?? 20)));
    shownPrompt.textContent = joinWords(words);
    const out: string[] = [];
    written.textContent = "";
    try {
      for (let i = 0; i < n; i++) {
        const dist = nextTokenDistribution(model, history);
        dist[UNK_ID] = 0;
        const id = sampleToken(dist, Number(temperature.value), Math.random);
        if (id === EOS_ID) break;
        out.push(model.vocab.token(id));
        history.push(id);
        written.textContent = joinWords([...words, ...out]).slice(shownPrompt.textContent.length);
        await nextFrame();
      }
      ctx.output.dataset.prediction = out.join(" ");
    } catch (e) {
      ctx.fail(e);
    } finally {
      generate.disabled = false;
      delete ctx.output.dataset.busy;
    }
  };
  generate.addEventListener("click", () => void run());
  prompt.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !generate.disabled) void run();
  });
  showNext();
  ctx.setState("ready");
}
