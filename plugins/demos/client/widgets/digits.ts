// Draw a digit (mlp, cnn): a canvas for mouse, pen and touch; after each stroke segment the drawing is
// turned into an MNIST-style 28×28 input (mnist-input.ts) and the model's probabilities are shown as bars.
// A model with a second 4-D output (cnn: the first convolution layer's activations) also gets its
// feature maps drawn.
import type { DemoContext } from "../context.ts";
import { mnistInput } from "../mnist-input.ts";
import { argmax, el, probabilityBars, softmax } from "../ui.ts";

const SIZE = 280;

/** Paints `values` (h×w, any range) as grey levels into a canvas of h×w pixels. */
function paintGrey(canvas: HTMLCanvasElement, values: ArrayLike<number>, w: number, h: number, offset = 0): void {
  const g = canvas.getContext("2d");
  if (!g) return;
  let max = 0;
  for (let i = 0; i < w * h; i++) max = Math.max(max, values[offset + i]);
  const img = g.createImageData(w, h);
  for (let i = 0; i < w * h; i++) {
    const v = max > 0 ? Math.max(0, values[offset + i]) / max : 0;
    const c = Math.round(255 * (1 - v));
    img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = c;
    img.data[4 * i + 3] = 255;
  }
  g.putImageData(img, 0, 0);
}

export async function mount(root: HTMLElement, ctx: DemoContext): Promise<void> {
  const { t } = ctx;
  const file = ctx.file();
  const input = file.inputs[0];
  const logitsName = file.outputs[0].name;
  const mapsInfo = file.outputs.find((o) => o.shape.length === 4);

  const canvas = el("canvas", { width: String(SIZE), height: String(SIZE), class: "tp-demo-pad", "aria-label": t.drawHere, role: "img", "data-pad": "" });
  const g = canvas.getContext("2d", { willReadFrequently: true });
  if (!g) throw new Error("no 2D canvas");
  const seen = el("canvas", { width: "28", height: "28", class: "tp-demo-seen", title: "28×28" });
  const clear = el("button", { type: "button", class: "tp-demo-button" }, [t.clear]);
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
  ctx.stage.replaceChildren(el("div", { class: "tp-demo-draw" }, [canvas, el("div", { class: "tp-demo-side" }, [seen, clear])]), hint, maps);

  const answer = el("span", { class: "tp-demo-answer", "aria-live": "polite" }, ["?"]);
  const bars = probabilityBars(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], t.probabilities);
  ctx.output.replaceChildren(el("span", { class: "tp-demo-answer-label" }, [`${t.prediction}${t.colon}`]), answer, bars.element);
  ctx.output.removeAttribute("data-prediction");

  // The drawing.
  const ink = getComputedStyle(root).color || "#000";
  g.lineCap = "round";
  g.lineJoin = "round";
  g.lineWidth = 20;
  g.strokeStyle = ink;
  let last: { x: number; y: number } | undefined;
  const at = (e: PointerEvent) => {
    const r = canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * SIZE) / r.width, y: ((e.clientY - r.top) * SIZE) / r.height };
  };
  canvas.addEventListener("pointerdown", (e) => {
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    last = at(e);
    g.beginPath();
    g.arc(last.x, last.y, g.lineWidth / 2, 0, 2 * Math.PI);
    g.fillStyle = ink;
    g.fill();
    schedule();
  });
  canvas.addEventListener("pointermove", (e) => {
    if (!last) return;
    const p = at(e);
    g.beginPath();
    g.moveTo(last.x, last.y);
    g.lineTo(p.x, p.y);
    g.stroke();
    last = p;
    schedule();
  });
  const end = () => {
    if (last) schedule();
    last = undefined;
  };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  clear.addEventListener("click", () => {
    g.clearRect(0, 0, SIZE, SIZE);
    seen.getContext("2d")?.clearRect(0, 0, 28, 28);
    answer.textContent = "?";
    ctx.output.removeAttribute("data-prediction");
    bars.update(new Float32Array(10));
  });

  // Inference: at most one run at a time; strokes during a run ask for one more afterwards.
  let running = false;
  let dirty = false;
  // `data-busy` on the output while a drawing waits for its answer (tests and embedders wait on it).
  const schedule = () => {
    dirty = true;
    ctx.output.dataset.busy = "";
    if (!running) requestAnimationFrame(() => void classify());
  };
  const classify = async () => {
    if (running || !dirty) return;
    running = true;
    dirty = false;
    try {
      const rgba = g.getImageData(0, 0, SIZE, SIZE).data;
      const alpha = new Float32Array(SIZE * SIZE);
      for (let i = 0; i < alpha.length; i++) alpha[i] = rgba[4 * i + 3] / 255;
      const x = mnistInput(alpha, SIZE, SIZE);
      if (x) {
        paintGrey(seen, x, 28, 28);
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
      }
    } catch (e) {
      ctx.fail(e);
    } finally {
      running = false;
      if (dirty) requestAnimationFrame(() => void classify());
      else delete ctx.output.dataset.busy;
    }
  };

  ctx.setState("loading");
  await ctx.session();
  ctx.setState("ready");
}
