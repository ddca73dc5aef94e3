/**
 * The n-gram post's build-time table (ngram/table.ts: brown test perplexity of every smoothing method at
 * orders 1–4), stored in the model cache like a model (keyed by the n-gram code's version and the brown
 * package), so it is computed once (about a minute) and then read. The build publishes it in
 * `ngram.log.json` as `table`. Reference figures (KenLM, NLTK) are left out: they come from ../shared,
 * which a site's build must not read (the committed models/reference.json has the PyTorch ones only).
 * This file lives outside ngram/ on purpose: a file there would change the n-gram trainer's version.
 */
import type { ModelCache } from "./cache.ts";
import { BROWN_PACKAGE } from "./data/brown.ts";

export interface NgramTableRow {
  id: string;
  name: string;
  /** Test perplexity per order (null: infinite, a zero-probability test word). */
  perplexity: (number | null)[];
  delta?: number[];
}

export interface NgramTable {
  data: string;
  orders: number[];
  testTokens: number;
  rows: NgramTableRow[];
}

export async function cachedNgramTable(cache: ModelCache): Promise<NgramTable> {
  const [{ buildTable }, { ngramTrainerVersion }] = await Promise.all([import("../ngram/table.ts"), import("../ngram/site-models.ts")]);
  const input = { spec: { kind: "ngram-table", data: "brown", orders: [1, 2, 3, 4] }, packages: [BROWN_PACKAGE], trainer: ngramTrainerVersion() };
  const r = cache.getOrBuildSync("brown-table", input, () => {
    const t = buildTable();
    const table: NgramTable = {
      data: t.data,
      orders: t.orders,
      testTokens: t.testTokens,
      rows: t.rows.map(({ id, name, perplexity, delta }) => (delta ? { id, name, perplexity, delta } : { id, name, perplexity })),
    };
    return { files: { "table.json": `${JSON.stringify(table)}\n` } };
  });
  return JSON.parse(r.entry.text("table.json")) as NgramTable;
}
