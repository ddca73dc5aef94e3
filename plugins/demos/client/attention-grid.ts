// The attention matrix as a labelled grid (rows = output tokens, columns = input characters), shared by
// the widget (DOM) and the build's static SVG so both show the same thing. Weights are softmax rows in
// [0,1]; `level` scales each cell against the largest weight of the matrix so a soft row still shows.
export interface AttentionCell {
  row: number;
  col: number;
  weight: number;
  /** weight / the matrix's largest weight, in [0,1]: the cell's colour strength. */
  level: number;
}

export interface AttentionGrid {
  rows: string[];
  cols: string[];
  cells: AttentionCell[];
}

/** `weights[r][c]` for output token `rows[r]` and input character `cols[c]`; extra weights are cut off. */
export function attentionGrid(weights: readonly (readonly number[])[], rows: readonly string[], cols: readonly string[]): AttentionGrid {
  if (weights.length < rows.length) throw new Error(`attention: ${weights.length} rows of weights for ${rows.length} outputs`);
  let max = 0;
  for (let r = 0; r < rows.length; r++) for (let c = 0; c < cols.length; c++) max = Math.max(max, weights[r][c] ?? 0);
  const cells: AttentionCell[] = [];
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < cols.length; c++) {
      const weight = weights[r][c] ?? 0;
      cells.push({ row: r, col: c, weight, level: max > 0 ? weight / max : 0 });
    }
  }
  return { rows: [...rows], cols: [...cols], cells };
}
