// Attention weights as the heatmap shows them: a transformer block's `attn` output [1, heads, T, T]
// split per head, each row's sum (softmax rows: ≈ 1, kept on the page so tests can check what was
// drawn), and each row scaled by its own maximum for colour (a row over 60 positions has small weights
// everywhere; scaling per row shows where each position looks).

/** Per head, the T×T weights row-major (row = attending position, column = attended position). */
export function attentionHeads(data: ArrayLike<number>, dims: readonly number[]): Float32Array[] {
  if (dims.length !== 4 || dims[0] !== 1 || dims[2] !== dims[3]) throw new Error(`attention of shape [1, heads, T, T] expected, got [${dims.join(", ")}]`);
  const [, heads, t] = dims;
  return Array.from({ length: heads }, (_, h) => Float32Array.from({ length: t * t }, (_, i) => data[h * t * t + i]));
}

export function rowSums(weights: ArrayLike<number>, size: number): number[] {
  return Array.from({ length: size }, (_, r) => {
    let s = 0;
    for (let c = 0; c < size; c++) s += weights[r * size + c];
    return s;
  });
}

/** Each row divided by its largest weight (a row of zeros stays zeros). */
export function rowMaxScaled(weights: ArrayLike<number>, size: number): Float32Array {
  const out = new Float32Array(size * size);
  for (let r = 0; r < size; r++) {
    let max = 0;
    for (let c = 0; c < size; c++) max = Math.max(max, weights[r * size + c]);
    if (max > 0) for (let c = 0; c < size; c++) out[r * size + c] = weights[r * size + c] / max;
  }
  return out;
}
