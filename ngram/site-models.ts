/**
 * The two n-gram models for the site: word level on brown and character level on tang (Tang poems,
 * for the Chinese autocomplete demo), both modified Kneser-Ney, exported in the browser's binary
 * form. Outputs go through saveTrainedModel (today .cache/ngram/<id>/; the model cache later).
 *
 *   npx tsx ngram/site-models.ts [--brown-order 3] [--tang-order 3] [--bits 8] [--arpa]
 */
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import { writeArpa } from "./arpa.ts";
import type { BackoffModel } from "./backoff.ts";
import { decodeBinary, encodeBinary } from "./binary.ts";
import { countNgrams } from "./counts.ts";
import { loadBrown, loadTang, type Dataset } from "./data.ts";
import { evaluate } from "./model.ts";
import { saveTrainedModel } from "./artifacts.ts";
import { trainModel } from "./smoothing/index.ts";

export interface SiteModelReport {
  id: string;
  order: number;
  ngrams: number[];
  testPerplexity: number;
  quantisedTestPerplexity: number;
  binaryBytes: number;
  binaryGzipBytes: number;
  bits: number;
  seconds: number;
}

export function buildSiteModel(id: string, data: Dataset, order: number, bits: 8 | 16, arpa: boolean, dir?: string): SiteModelReport {
  const started = Date.now();
  const counts = countNgrams(data.train, data.vocab, order);
  const model = trainModel("mkn", counts, order) as BackoffModel;
  const bin = encodeBinary(model, { bits });
  const report: SiteModelReport = {
    id,
    order,
    ngrams: model.ngramCounts(),
    testPerplexity: evaluate(model, data.test).perplexity,
    quantisedTestPerplexity: evaluate(decodeBinary(bin), data.test).perplexity,
    binaryBytes: bin.length,
    binaryGzipBytes: gzipSync(bin).length,
    bits,
    seconds: 0,
  };
  report.seconds = (Date.now() - started) / 1000;
  const files: Record<string, string | Uint8Array> = { "model.bin": bin, "meta.json": JSON.stringify(report, null, 2) + "\n" };
  if (arpa) files["model.arpa"] = writeArpa(model);
  saveTrainedModel(id, files, dir);
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string, fallback: number): number => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const bits = arg("bits", 8) === 16 ? 16 : 8;
  const arpa = process.argv.includes("--arpa");
  const brown = buildSiteModel("brown-word-mkn", loadBrown(), arg("brown-order", 3), bits, arpa);
  console.log(brown);
  const tang = buildSiteModel("tang-char-mkn", loadTang(), arg("tang-order", 3), bits, arpa);
  console.log(tang);
}
