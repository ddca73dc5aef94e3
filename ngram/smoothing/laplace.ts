/**
 * Add-one (Laplace) smoothing:
 *
 *   p(w | h) = (c(h w) + 1) / (c(h) + |V|)
 *
 * See {@link AdditiveModel} for contexts and |V|.
 */
import type { NgramCounts } from "../counts.ts";
import { AdditiveModel } from "./additive.ts";

export function laplace(counts: NgramCounts, order: number, options: { vocabSize?: number } = {}): AdditiveModel {
  return new AdditiveModel("laplace", counts, order, 1, options.vocabSize);
}
