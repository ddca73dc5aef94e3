/** Every smoothing method by name, behind one entry point. */
import type { NgramCounts } from "../counts.ts";
import type { LanguageModel } from "../model.ts";
import type { Corpus } from "../vocab.ts";
import { absoluteDiscounting } from "./absolute.ts";
import { katz } from "./katz.ts";
import { kneserNey } from "./kneser-ney.ts";
import { laplace } from "./laplace.ts";
import { lidstone } from "./lidstone.ts";
import { maximumLikelihood } from "./mle.ts";
import { modifiedKneserNey } from "./modified-kneser-ney.ts";
import { wittenBell } from "./witten-bell.ts";

export const METHODS = ["mle", "laplace", "lidstone", "katz", "absolute", "kn", "mkn", "witten-bell"] as const;
export type Method = (typeof METHODS)[number];

export const METHOD_NAMES: Record<Method, string> = {
  mle: "maximum likelihood",
  laplace: "add-one (Laplace)",
  lidstone: "add-δ (Lidstone)",
  katz: "Good-Turing + Katz back-off",
  absolute: "interpolated absolute discounting",
  kn: "interpolated Kneser-Ney",
  mkn: "modified Kneser-Ney",
  "witten-bell": "Witten-Bell",
};

const ALIASES: Record<string, Method> = {
  "add-one": "laplace",
  "add-delta": "lidstone",
  "good-turing": "katz",
  gt: "katz",
  "kneser-ney": "kn",
  "modified-kneser-ney": "mkn",
  wb: "witten-bell",
};

export function parseMethod(name: string): Method {
  const m = (METHODS as readonly string[]).includes(name) ? (name as Method) : ALIASES[name];
  if (!m) throw new Error(`unknown smoothing method ${JSON.stringify(name)}; known: ${METHODS.join(", ")} (aliases: ${Object.keys(ALIASES).join(", ")})`);
  return m;
}

export interface TrainOptions {
  /** Lidstone's δ; chosen on held-out train data when absent. */
  delta?: number;
  /** A fixed discount for absolute discounting and Kneser-Ney. */
  discount?: number;
  /** Fixed modified Kneser-Ney discounts [D1, D2, D3+] per order. */
  discounts?: number[][];
  /** |V| of the uniform / additive distributions (default: every token but `<s>`). */
  vocabSize?: number;
  /** The training corpus, needed by Lidstone to choose δ. */
  train?: Corpus;
}

export function trainModel(method: Method | string, counts: NgramCounts, order: number, options: TrainOptions = {}): LanguageModel {
  if (!Number.isInteger(order) || order < 1) throw new Error(`order must be an integer ≥ 1, got ${order}`);
  if (order > counts.order) throw new Error(`order ${order} is above the counted order ${counts.order}`);
  const m = parseMethod(method);
  const uniformSize = options.vocabSize;
  switch (m) {
    case "mle":
      return maximumLikelihood(counts, order);
    case "laplace":
      return laplace(counts, order, { vocabSize: options.vocabSize });
    case "lidstone":
      return lidstone(counts, order, { delta: options.delta, vocabSize: options.vocabSize, train: options.train });
    case "katz":
      return katz(counts, order);
    case "absolute":
      return absoluteDiscounting(counts, order, { discount: options.discount, uniformSize });
    case "kn":
      return kneserNey(counts, order, { discount: options.discount, uniformSize });
    case "mkn":
      return modifiedKneserNey(counts, order, { discounts: options.discounts, uniformSize });
    case "witten-bell":
      return wittenBell(counts, order, { uniformSize });
  }
}
