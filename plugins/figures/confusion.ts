// The confusion matrix of a classifier's test split: one cell per (true, predicted) pair, shaded by the
// share of its true class (so rare classes read as well as frequent ones), with the count written in.
// Colours are CSS variables: the shade is the link colour at an opacity, the text the page's colour
// (the background's on the darkest cells), so both themes read.
import * as Plot from "@observablehq/plot";
import type { Confusion } from "../../models/confusion.ts";
import { figureStrings } from "./strings.ts";
import { plotSvg } from "./svg.ts";

export interface Cell {
  truth: string;
  predicted: string;
  count: number;
  /** count / examples of the true class. */
  share: number;
}

export function confusionCells(c: Confusion): Cell[] {
  const cells: Cell[] = [];
  c.matrix.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((count, j) => cells.push({ truth: c.labels[i], predicted: c.labels[j], count, share: total > 0 ? count / total : 0 }));
  });
  return cells;
}

/** Shades above this share get the background colour for their count (the page colour would not read). */
const DARK = 0.55;

export function confusionChart(id: string, c: Confusion, lang?: string): string {
  const t = figureStrings(lang);
  const cells = confusionCells(c);
  const n = c.labels.length;
  const longest = Math.max(...c.labels.map((l) => l.length));
  const cell = n > 5 ? 26 : 56;
  // Room for the rotated axis label beside the tick labels (a CJK label is as wide as its font size).
  const marginLeft = 32 + Math.min(90, longest * 6.5);
  const total = cells.reduce((a, x) => a + x.count, 0);
  const correct = c.matrix.reduce((a, row, i) => a + row[i], 0);
  const worst = cells.filter((x) => x.truth !== x.predicted && x.count > 0).sort((a, b) => b.count - a.count || a.truth.localeCompare(b.truth))[0];
  return plotSvg(
    {
      width: marginLeft + n * cell + 12,
      height: 40 + 36 + n * cell,
      marginLeft,
      marginTop: 40,
      marginBottom: 36,
      marginRight: 12,
      padding: 0.04,
      x: { domain: c.labels, label: t.predicted, axis: "top", tickSize: 0 },
      y: { domain: c.labels, label: t.trueClass, tickSize: 0 },
      opacity: { domain: [0, 1], range: [0, 0.85] },
      marks: [
        Plot.cell(cells, { x: "predicted", y: "truth", fill: "var(--tp-link)", fillOpacity: "share" }),
        Plot.text(cells.filter((x) => x.count > 0), {
          x: "predicted",
          y: "truth",
          text: (x: Cell) => String(x.count),
          fill: (x: Cell) => (x.share > DARK ? "var(--tp-bg)" : "currentColor"),
          fontSize: n > 5 ? 9 : 12,
        }),
      ],
    },
    t.confusionTitle(id, c.split),
    t.confusionDesc(total, c.split, n, c.labels, correct, worst),
  );
}
