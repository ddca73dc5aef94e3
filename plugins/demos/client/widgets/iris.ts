// Iris (softmax, perceptron): a slider per feature; the model's answer for those four numbers (softmax:
// the three class probabilities; perceptron: its yes/no decision and score), and its decision regions
// over two chosen features, the other features held at the sliders, with the 150 flowers on top.
import type { DemoContext } from "../context.ts";
import { argmax, cssColor, el, hiDpiCanvas, probabilityBars, softmax } from "../ui.ts";

interface IrisData {
  features: string[];
  classes: string[];
  inputs: number[];
  positive?: string;
  rows: { x: number[]; y: number }[];
}

const W = 320;
const H = 240;
const M = 30;
const GRID = 64;

export async function mount(root: HTMLElement, ctx: DemoContext): Promise<void> {
  const { t } = ctx;
  const data = ctx.data as IrisData;
  const file = ctx.file();
  const inputName = file.inputs[0].name;
  const perceptron = file.outputs.some((o) => o.name === "label");
  const lo = data.features.map((_, f) => Math.min(...data.rows.map((r) => r.x[f])));
  const hi = data.features.map((_, f) => Math.max(...data.rows.map((r) => r.x[f])));
  // Start at the mean of versicolor: the interesting middle of the plot.
  const start = data.features.map((_, f) => {
    const rows = data.rows.filter((r) => r.y === 1);
    return Math.round((rows.reduce((s, r) => s + r.x[f], 0) / rows.length) * 10) / 10;
  });
  const values = start.slice();
  let fx = Number(ctx.options.x ?? 2);
  let fy = Number(ctx.options.y ?? 3);

  // Controls: sliders (the features the model does not read are shown disabled), axis pickers.
  const sliders = data.features.map((name, f) => {
    const used = data.inputs.includes(f);
    const input = el("input", { type: "range", min: String(Math.floor(lo[f] * 10) / 10), max: String(Math.ceil(hi[f] * 10) / 10), step: "0.1", value: String(values[f]), "data-feature": String(f), "aria-label": name });
    if (!used) input.disabled = true;
    const shown = el("output", { class: "tp-demo-value" }, [values[f].toFixed(1)]);
    input.addEventListener("input", () => {
      values[f] = Number(input.value);
      shown.textContent = values[f].toFixed(1);
      void update(f === fx || f === fy ? "point" : "all");
    });
    return el("label", { class: "tp-demo-slider" }, [el("span", {}, [name]), input, shown]);
  });
  const axisPicker = (axis: "x" | "y") => {
    const select = el("select", { "data-axis": axis, "aria-label": axis === "x" ? t.plotX : t.plotY });
    for (const f of data.inputs) select.append(el("option", { value: String(f) }, [data.features[f]]));
    select.value = String(axis === "x" ? fx : fy);
    select.addEventListener("change", () => {
      const v = Number(select.value);
      if (axis === "x") fx = v;
      else fy = v;
      void update("all");
    });
    return el("label", { class: "tp-demo-axis-pick" }, [`${axis === "x" ? t.plotX : t.plotY} `, select]);
  };
  const { canvas, g } = hiDpiCanvas(W, H, { class: "tp-demo-regions", role: "img", "aria-label": t.regions });
  const pickers = data.inputs.length > 2 ? [axisPicker("x"), axisPicker("y")] : [];
  ctx.stage.replaceChildren(el("div", { class: "tp-demo-iris-body" }, [canvas, el("div", { class: "tp-demo-controls" }, [...sliders, ...pickers])]));

  const labels = perceptron ? [data.positive ?? "1", `${t.isNot} ${data.positive ?? "1"}`] : data.classes;
  const bars = perceptron ? undefined : probabilityBars(labels, t.probabilities);
  const answer = el("span", { class: "tp-demo-answer", "aria-live": "polite" }, ["?"]);
  const detail = el("span", { class: "tp-demo-detail" });
  ctx.output.replaceChildren(el("span", { class: "tp-demo-answer-label" }, [`${perceptron ? t.decision : t.prediction}${t.colon}`]), answer, detail, ...(bars ? [bars.element] : []));

  /** The model's input columns for a batch of full 4-feature rows. */
  const batch = (rows: number[][]) => {
    const x = new Float32Array(rows.length * data.inputs.length);
    rows.forEach((r, i) => data.inputs.forEach((f, j) => (x[i * data.inputs.length + j] = r[f])));
    return { data: x, dims: [rows.length, data.inputs.length] };
  };
  /** Per row: the class index (perceptron: 0 = positive, 1 = not) and its confidence in [0,1]. */
  const predict = async (rows: number[][]) => {
    const out = await ctx.run({ [inputName]: batch(rows) });
    return rows.map((_, i) => {
      if (perceptron) {
        const label = (out.label.data as Float32Array)[i];
        const score = (out.score.data as Float32Array)[i];
        return { cls: label > 0.5 ? 0 : 1, conf: Math.min(1, Math.abs(score) / 2 + 0.3), score, p: undefined };
      }
      const p = softmax(out[file.outputs[0].name].data as Float32Array, i * 3, 3);
      return { cls: argmax(p), conf: Math.max(...p), score: 0, p };
    });
  };

  const sx = (v: number) => M + ((v - lo[fx]) / (hi[fx] - lo[fx] || 1)) * (W - M - 8);
  const sy = (v: number) => H - M - ((v - lo[fy]) / (hi[fy] - lo[fy] || 1)) * (H - M - 8);
  let regions: ImageData | undefined;
  const colours = () => [0, 1, 2].map((c) => cssColor(root, `--tp-demo-c${c}`, ["#1b7f5a", "#c0392b", "#2c5fa8"][c]));

  const drawRegions = async () => {
    const rows: number[][] = [];
    for (let j = 0; j < GRID; j++) {
      for (let i = 0; i < GRID; i++) {
        const r = values.slice();
        r[fx] = lo[fx] + ((i + 0.5) / GRID) * (hi[fx] - lo[fx]);
        r[fy] = hi[fy] - ((j + 0.5) / GRID) * (hi[fy] - lo[fy]);
        rows.push(r);
      }
    }
    const preds = await predict(rows);
    const small = document.createElement("canvas");
    small.width = small.height = GRID;
    const sg = small.getContext("2d");
    if (!sg) return;
    const img = sg.createImageData(GRID, GRID);
    const rgb = colours().map((c) => {
      sg.fillStyle = c;
      sg.fillRect(0, 0, 1, 1);
      return sg.getImageData(0, 0, 1, 1).data;
    });
    const cls = perceptron ? (c: number) => (c === 0 ? 0 : 1) : (c: number) => c;
    preds.forEach((p, k) => {
      const c = rgb[cls(p.cls)];
      img.data.set([c[0], c[1], c[2], Math.round(40 + 70 * p.conf)], 4 * k);
    });
    sg.putImageData(img, 0, 0);
    regions = img;
    g.clearRect(0, 0, W, H);
    g.imageSmoothingEnabled = true;
    g.drawImage(small, M, 8, W - M - 8, H - M - 8);
  };

  const drawPoints = () => {
    const col = colours();
    const fg = cssColor(root, "--tp-fg", "#222");
    // Axes and labels.
    g.fillStyle = fg;
    g.font = "11px system-ui, sans-serif";
    g.textAlign = "center";
    g.fillText(data.features[fx], M + (W - M - 8) / 2, H - 8);
    g.save();
    g.translate(10, (H - M) / 2);
    g.rotate(-Math.PI / 2);
    g.fillText(data.features[fy], 0, 0);
    g.restore();
    for (const r of data.rows) {
      const c = perceptron ? (data.classes[r.y] === data.positive ? 0 : 1) : r.y;
      g.beginPath();
      g.arc(sx(r.x[fx]), sy(r.x[fy]), 2.6, 0, 2 * Math.PI);
      g.fillStyle = col[c];
      g.fill();
    }
    // The sliders' point.
    g.beginPath();
    g.arc(sx(values[fx]), sy(values[fy]), 6, 0, 2 * Math.PI);
    g.lineWidth = 2.5;
    g.strokeStyle = fg;
    g.stroke();
  };

  const showAnswer = async () => {
    const [p] = await predict([values]);
    if (perceptron) {
      answer.textContent = p.cls === 0 ? `${t.is} ${data.positive}` : `${t.isNot} ${data.positive}`;
      detail.textContent = ` (w·x + b = ${p.score.toFixed(2)})`;
      ctx.output.dataset.prediction = p.cls === 0 ? data.positive ?? "1" : "other";
    } else {
      answer.textContent = data.classes[p.cls];
      ctx.output.dataset.prediction = data.classes[p.cls];
      bars?.update(p.p ?? []);
    }
  };

  let queued: "point" | "all" | undefined;
  let busy = false;
  const update = async (what: "point" | "all") => {
    queued = queued === "all" || what === "all" ? "all" : "point";
    if (busy) return;
    busy = true;
    try {
      while (queued) {
        const job = queued;
        queued = undefined;
        if (job === "all" || !regions) await drawRegions();
        else {
          g.clearRect(0, 0, W, H);
          const small = document.createElement("canvas");
          small.width = small.height = GRID;
          small.getContext("2d")?.putImageData(regions, 0, 0);
          g.drawImage(small, M, 8, W - M - 8, H - M - 8);
        }
        drawPoints();
        await showAnswer();
      }
    } catch (e) {
      ctx.fail(e);
    } finally {
      busy = false;
    }
  };

  ctx.setState("loading");
  await ctx.session();
  await update("all");
  if (root.dataset.state !== "error") ctx.setState("ready");
}
