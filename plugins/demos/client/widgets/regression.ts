// Linear regression: the training and test points (published in the island at build time) and the line
// the model fitted through them, drawn from the model's own predictions; a slider asks it for any x.
import type { DemoContext } from "../context.ts";
import { cssColor, el, hiDpiCanvas } from "../ui.ts";

interface LinearData {
  train: { x: number[]; y: number[] };
  test: { x: number[]; y: number[] };
}

const W = 320;
const H = 220;
const M = 28;

export async function mount(root: HTMLElement, ctx: DemoContext): Promise<void> {
  const { t } = ctx;
  const data = ctx.data as LinearData;
  const file = ctx.file();
  const inputName = file.inputs[0].name;
  const outputName = file.outputs[0].name;
  const xs = [0, ...data.train.x, ...data.test.x];
  const ys = [0, ...data.train.y, ...data.test.y];
  const [x0, x1] = [Math.min(...xs), Math.max(...xs) + 1];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys) * 1.1];
  const sx = (v: number) => M + ((v - x0) / (x1 - x0)) * (W - M - 8);
  const sy = (v: number) => H - M - ((v - y0) / (y1 - y0)) * (H - M - 8);

  const { canvas, g } = hiDpiCanvas(W, H, { class: "tp-demo-line", role: "img", "aria-label": t.fitted });
  const slider = el("input", { type: "range", min: String(x0), max: String(x1), step: "0.1", value: "4.5", "aria-label": t.input });
  const shown = el("output", { class: "tp-demo-value" }, ["4.5"]);
  const legend = el("p", { class: "tp-demo-hint" }, [
    el("span", { class: "tp-demo-key tp-demo-key-c0" }), ` ${t.trainPoints}  `,
    el("span", { class: "tp-demo-key tp-demo-key-c1" }), ` ${t.testPoints}  `,
    el("span", { class: "tp-demo-key tp-demo-key-line" }), ` ${t.fitted}`,
  ]);
  ctx.stage.replaceChildren(canvas, legend, el("label", { class: "tp-demo-slider" }, [el("span", {}, [t.input]), slider, shown]));
  const equation = el("span", { class: "tp-demo-answer" }, ["?"]);
  const at = el("span", { class: "tp-demo-detail" });
  ctx.output.replaceChildren(equation, at);

  const predict = async (x: number[]) => {
    const out = await ctx.run({ [inputName]: { data: Float32Array.from(x), dims: [x.length, 1] } });
    return Array.from(out[outputName].data as Float32Array);
  };

  // The model is y = w·x + b: two predictions give both numbers.
  const [b, w1] = await (async () => {
    ctx.setState("loading");
    await ctx.session();
    return predict([0, 1]);
  })();
  const w = w1 - b;
  equation.textContent = `ŷ = ${w.toFixed(3)} · x ${b < 0 ? "−" : "+"} ${Math.abs(b).toFixed(3)}`;
  ctx.output.dataset.prediction = `${w.toFixed(4)},${b.toFixed(4)}`;

  const draw = (x: number, y: number) => {
    const fg = cssColor(root, "--tp-fg", "#222");
    const muted = cssColor(root, "--tp-muted", "#666");
    g.clearRect(0, 0, W, H);
    g.strokeStyle = muted;
    g.lineWidth = 1;
    g.beginPath();
    g.moveTo(M, 8);
    g.lineTo(M, H - M);
    g.lineTo(W - 8, H - M);
    g.stroke();
    g.fillStyle = muted;
    g.font = "11px system-ui, sans-serif";
    g.textAlign = "center";
    for (let v = Math.ceil(x0); v <= x1; v += 2) g.fillText(String(v), sx(v), H - M + 14);
    g.textAlign = "right";
    for (let v = 0; v <= y1; v += 4) g.fillText(String(v), M - 4, sy(v) + 4);
    g.strokeStyle = cssColor(root, "--tp-demo-line", "#b3541e");
    g.lineWidth = 2;
    g.beginPath();
    g.moveTo(sx(x0), sy(w * x0 + b));
    g.lineTo(sx(x1), sy(w * x1 + b));
    g.stroke();
    const dot = (px: number, py: number, colour: string, r = 4) => {
      g.beginPath();
      g.arc(sx(px), sy(py), r, 0, 2 * Math.PI);
      g.fillStyle = colour;
      g.fill();
    };
    data.train.x.forEach((px, i) => dot(px, data.train.y[i], cssColor(root, "--tp-demo-c0", "#1b7f5a")));
    data.test.x.forEach((px, i) => dot(px, data.test.y[i], cssColor(root, "--tp-demo-c1", "#c0392b")));
    g.beginPath();
    g.arc(sx(x), sy(y), 6, 0, 2 * Math.PI);
    g.strokeStyle = fg;
    g.lineWidth = 2;
    g.stroke();
  };

  const update = async () => {
    const x = Number(slider.value);
    shown.textContent = x.toFixed(1);
    const [y] = await predict([x]);
    at.textContent = `  ${t.predictionFor} ${x.toFixed(1)}: ${y.toFixed(2)}`;
    draw(x, y);
  };
  slider.addEventListener("input", () => void update().catch((e: unknown) => ctx.fail(e)));
  await update();
  ctx.setState("ready");
}
