// Draw a digit (mlp, cnn): the shared digit pad (digit-pad.ts) turns each drawing into an MNIST-style
// 28×28 input and the model's probabilities are shown as bars. A model with a second 4-D output (cnn:
// the first convolution layer's activations) also gets its feature maps drawn.
import type { DemoContext } from "../context.ts";
import { digitPad, paintGrey } from "../digit-pad.ts";
import { argmax, el, probabilityBars, softmax } from "../ui.ts";

export async function mount(root: HTMLElement, ctx: DemoContext): Promise<void> {
  const { t } = ctx;
  const file = ctx.file();
  const input = file.inputs[0];
  const logitsName = file.outputs[0].name;
  const mapsInfo = file.outputs.find((o) => o.shape.length === 4);

  const hint = el("p", { class: "tp-demo-hint" }, [t.drawHere]);
  const maps = el("div", { class: "tp-demo-maps", hidden: "" });
  const mapCanvases: HTMLCanvasElement[] = [];
  if (mapsInfo) {
    const channels = Number(mapsInfo.shape[1]);
    maps.append(el("p", { class: "tp-demo-hint" }, [t.featureMaps]));
    for (let c = 0; c < channels; c++) {
      const m = el("canvas", { width: String(mapsInfo.shape[3]), height: String(mapsInfo.shape[2]), class: "tp-demo-map", "data-map": String(c) });
      mapCanvases.push(m);
      maps.append(m);
    }
    maps.hidden = false;
  }

  const answer = el("span", { class: "tp-demo-answer", "aria-live": "polite" }, ["?"]);
  const bars = probabilityBars(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], t.probabilities);
  ctx.output.replaceChildren(el("span", { class: "tp-demo-answer-label" }, [`${t.prediction}${t.colon}`]), answer, bars.element);
  ctx.output.removeAttribute("data-prediction");

  const pad = digitPad({
    root,
    output: ctx.output,
    labels: t,
    fail: (e) => ctx.fail(e),
    cleared() {
      answer.textContent = "?";
      ctx.output.removeAttribute("data-prediction");
      bars.update(new Float32Array(10));
    },
    async run() {
      const x = pad.input();
      if (!x) return;
      const dims = input.shape.length === 4 ? [1, 1, 28, 28] : [1, 784];
      const out = await ctx.run({ [input.name]: { data: x, dims } });
      const p = softmax(out[logitsName].data as Float32Array);
      const best = argmax(p);
      answer.textContent = String(best);
      ctx.output.dataset.prediction = String(best);
      bars.update(p);
      if (mapsInfo && out[mapsInfo.name]) {
        const m = out[mapsInfo.name];
        const [h, w] = [Number(m.dims[2]), Number(m.dims[3])];
        mapCanvases.forEach((c, i) => paintGrey(c, m.data as Float32Array, w, h, i * w * h));
      }
    },
  });
  ctx.stage.replaceChildren(pad.element, hint, maps);

  ctx.setState("loading");
  await ctx.session();
  ctx.setState("ready");
}
