// Tiny helpers for the static figures: numbers short and stable in SVG attributes, a scale from data to
// pixels. The browser widgets redraw on a canvas; these only have to read well without script.

/** A number rounded to 2 decimals, without trailing zeros (`3`, `3.5`, `3.14`). */
export function n2(v: number): string {
  return String(Math.round(v * 100) / 100);
}

export interface Scale {
  (v: number): number;
  min: number;
  max: number;
}

/** Linear map [min,max] → [from,to], with the domain padded by `pad` of its width. */
export function scale(values: number[], from: number, to: number, pad = 0.06): Scale {
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (max === min) max = min + 1;
  const d = (max - min) * pad;
  min -= d;
  max += d;
  const f = ((v: number) => from + ((v - min) / (max - min)) * (to - from)) as Scale;
  f.min = min;
  f.max = max;
  return f;
}
