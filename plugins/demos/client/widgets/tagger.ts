// Part-of-speech tagging (bilstm): the reader types an English sentence; it is cut into words the way
// the Brown corpus writes them (brown-tokens.ts), looked up lower-cased (unknown → <unk>), and each word
// is shown with the tag the model gives it, as a chip coloured by word class, with a legend of the
// common tags. Tag names come from the model's vocabulary file.
import { bestTags, commonTags, tagClass } from "../brown-tags.ts";
import { brownTokens } from "../brown-tokens.ts";
import type { DemoContext } from "../context.ts";
import { answerAsTyped } from "../debounce.ts";
import { el } from "../ui.ts";
import { loadVocab } from "../vocab.ts";
import { encodeWords } from "../../../../models/vocab-client.ts";

interface SentenceData {
  text?: string;
}

export async function mount(root: HTMLElement, ctx: DemoContext): Promise<void> {
  const { t } = ctx;
  const data = (ctx.data as SentenceData | undefined) ?? {};
  const file = ctx.file();
  ctx.setState("loading");
  const [vocab] = await Promise.all([loadVocab(ctx.model, "tagger"), ctx.session()]);
  const known = new Set(vocab.tokens);
  const zh = /^zh\b/i.test(ctx.lang);

  const input = el("input", { type: "text", class: "tp-demo-text tp-demo-text-wide", lang: "en", value: ctx.options.text ?? data.text ?? "", "aria-label": t.typeSentence, autocomplete: "off", "data-input": "" });
  // Plain spans, not a list: the theme's list margins are meant for prose.
  const legend = el("div", { class: "tp-demo-legend" }, [
    el("span", { class: "tp-demo-legend-title" }, [`${t.commonTags}${t.colon}`]),
    ...commonTags.filter((c) => vocab.tags.includes(c.tag)).map((c) =>
      el("span", { class: "tp-demo-legend-item" }, [el("span", { class: `tp-demo-legend-tag tp-demo-tag-${tagClass(c.tag)}` }, [c.tag]), ` ${zh ? c.zh : c.en}`]),
    ),
  ]);
  ctx.stage.replaceChildren(el("label", { class: "tp-demo-field tp-demo-field-wide" }, [el("span", {}, [t.typeSentence]), input]));

  const chips = el("div", { class: "tp-demo-chips", lang: "en", "aria-live": "polite", "aria-label": t.tagsOf });
  ctx.output.replaceChildren(chips, legend);

  const tag = async () => {
    const words = brownTokens(input.value, (w) => known.has(w));
    if (words.length === 0) {
      chips.replaceChildren(el("span", { class: "tp-demo-hint" }, [t.noWords]));
      ctx.output.removeAttribute("data-prediction");
      return;
    }
    const ids = encodeWords(vocab, words);
    const out = await ctx.run({
      [file.inputs[0].name]: { data: BigInt64Array.from(ids, (x) => BigInt(x)), dims: [1, ids.length] },
      [file.inputs[1].name]: { data: Int32Array.of(ids.length), dims: [1] },
    });
    const tags = bestTags(out[file.outputs[0].name].data as Float32Array, words.length, vocab.tags.length).map((k) => vocab.tags[k]);
    chips.replaceChildren(
      ...words.map((w, i) => {
        const unk = ids[i] === vocab.unk;
        const chip = el("span", { class: `tp-demo-chip tp-demo-tag-${tagClass(tags[i])}${unk ? " tp-demo-unk" : ""}`, "data-word": w, "data-tag": tags[i] }, [
          el("span", { class: "tp-demo-chip-word" }, [w]),
          el("span", { class: "tp-demo-chip-tag" }, [tags[i]]),
        ]);
        if (unk) chip.title = t.unknownWord;
        return chip;
      }),
    );
    ctx.output.dataset.prediction = tags.join(" ");
  };

  answerAsTyped(ctx, input, 200, tag);
  await tag();
  if (root.dataset.state !== "error") ctx.setState("ready");
}
