// The draw-a-digit pad the image widgets share (digits: mlp, cnn; spell): a canvas for mouse, pen and
// touch, the 28×28 view of what the model reads and a clear button. After each stroke segment the owner
// is asked to run (at most one run at a time; strokes during a run ask for one more afterwards), with
// `data-busy` on the island's output until the last drawing has its answer (tests and embedders wait on
// it). `input()` turns the ink into an MNIST-style 784-value input (mnist-input.ts).
import { mnistInput } from "./mnist-input.ts";
import { el } from "./ui.ts";

const SIZE = 280;

export interface DigitPad {
  /** The pad, the 28×28 view and the clear button, laid out side by side. */
  element: HTMLElement;
  /** The drawing as the models' 784 inputs in [0,1] (also painted into the 28×28 view), or undefined without ink. */
  input(): Float32Array | undefined;
  /** Whether newer ink waits for a run (a long run can stop early: another follows). */
  pending(): boolean;
}

export interface DigitPadOptions {
  /** The island (its text colour is the ink colour). */
  root: HTMLElement;
  /** The island's output: `data-busy` is set there while a drawing waits for its answer. */
  output: HTMLElement;
  labels: { drawHere: string; clear: string };
  /** Runs the model on the current drawing; errors go to `fail`. */
  run(): Promise<void>;
  /** Called when the pad is cleared. */
  cleared(): void;
  fail(error: unknown): void;
}

/** Paints `values` (h×w, any range) as grey levels into a canvas of h×w pixels. */
export function paintGrey(canvas: HTMLCanvasElement, values: ArrayLike<number>, w: number, h: number, offset = 0): void {
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

export function digitPad(o: DigitPadOptions): DigitPad {
  const canvas = el("canvas", { width: String(SIZE), height: String(SIZE), class: "tp-demo-pad", "aria-label": o.labels.drawHere, role: "img", "data-pad": "" });
  const g = canvas.getContext("2d", { willReadFrequently: true });
  if (!g) throw new Error("no 2D canvas");
  const seen = el("canvas", { width: "28", height: "28", class: "tp-demo-seen", title: "28×28" });
  const clear = el("button", { type: "button", class: "tp-demo-button", "data-clear": "" }, [o.labels.clear]);
  const element = el("div", { class: "tp-demo-draw" }, [canvas, el("div", { class: "tp-demo-side" }, [seen, clear])]);

  const ink = getComputedStyle(o.root).color || "#000";
  g.lineCap = "round";
  g.lineJoin = "round";
  g.lineWidth = 20;
  g.strokeStyle = ink;

  let running = false;
  let dirty = false;
  const runLatest = async () => {
    if (running || !dirty) return;
    running = true;
    dirty = false;
    try {
      await o.run();
    } catch (e) {
      o.fail(e);
    } finally {
      running = false;
      if (dirty) requestAnimationFrame(() => void runLatest());
      else delete o.output.dataset.busy;
    }
  };
  const schedule = () => {
    dirty = true;
    o.output.dataset.busy = "";
    if (!running) requestAnimationFrame(() => void runLatest());
  };

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
    o.cleared();
  });

  return {
    element,
    input() {
      const rgba = g.getImageData(0, 0, SIZE, SIZE).data;
      const alpha = new Float32Array(SIZE * SIZE);
      for (let i = 0; i < alpha.length; i++) alpha[i] = rgba[4 * i + 3] / 255;
      const x = mnistInput(alpha, SIZE, SIZE);
      if (x) paintGrey(seen, x, 28, 28);
      return x;
    },
    pending: () => dirty,
  };
}
