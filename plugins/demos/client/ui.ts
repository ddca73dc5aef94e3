// Small DOM helpers for the widgets: elements from plain data (never from markup strings), probability
// bars, colours from the stylesheet.

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

export interface Bars {
  element: HTMLElement;
  /** Shows the values (probabilities in [0,1]); the largest is marked. */
  update(values: ArrayLike<number>): void;
}

/** A labelled bar per class, e.g. digits 0–9 or iris species. */
export function probabilityBars(labels: string[], title: string): Bars {
  const list = el("ol", { class: "tp-demo-bars", "aria-label": title });
  const rows = labels.map((label) => {
    const fill = el("span", { class: "tp-demo-bar-fill" });
    const value = el("span", { class: "tp-demo-bar-value" }, ["–"]);
    const li = el("li", { "data-label": label }, [el("span", { class: "tp-demo-bar-label" }, [label]), el("span", { class: "tp-demo-bar" }, [fill]), value]);
    list.append(li);
    return { li, fill, value };
  });
  return {
    element: list,
    update(values) {
      let best = 0;
      for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
      rows.forEach((r, i) => {
        const v = values[i] ?? 0;
        r.fill.style.width = `${(v * 100).toFixed(1)}%`;
        r.value.textContent = `${(v * 100).toFixed(1)}%`;
        r.li.classList.toggle("tp-demo-best", i === best);
      });
    },
  };
}

export function softmax(logits: ArrayLike<number>, from = 0, count = logits.length): Float32Array {
  const out = new Float32Array(count);
  let max = -Infinity;
  for (let i = 0; i < count; i++) max = Math.max(max, logits[from + i]);
  let sum = 0;
  for (let i = 0; i < count; i++) sum += out[i] = Math.exp(logits[from + i] - max);
  for (let i = 0; i < count; i++) out[i] /= sum;
  return out;
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** A colour custom property of the island (themes set `--tp-demo-c0`…, dark mode included). */
export function cssColor(root: Element, name: string, fallback: string): string {
  const v = getComputedStyle(root).getPropertyValue(name).trim();
  return v === "" ? fallback : v;
}

/** A canvas drawn at the screen's pixel density, `width`×`height` CSS pixels. */
export function hiDpiCanvas(width: number, height: number, attrs: Record<string, string> = {}): { canvas: HTMLCanvasElement; g: CanvasRenderingContext2D } {
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const canvas = el("canvas", { width: String(Math.round(width * ratio)), height: String(Math.round(height * ratio)), ...attrs });
  canvas.style.width = `${width}px`;
  canvas.style.maxWidth = "100%";
  const g = canvas.getContext("2d");
  if (!g) throw new Error("no 2D canvas");
  g.scale(ratio, ratio);
  return { canvas, g };
}
