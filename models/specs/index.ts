// The model zoo's registry: every neural model of MODEL-ZOO.md, one spec file each (data only), in the
// order of MODEL-ZOO.md, then the site's own models (spell: issue 7). `specFile(id)` is what spec errors name.
import type { ModelSpec } from "../types.ts";
import linear from "./linear.ts";
import perceptron from "./perceptron.ts";
import softmax from "./softmax.ts";
import mlp from "./mlp.ts";
import cnn from "./cnn.ts";
import rnn from "./rnn.ts";
import lstm from "./lstm.ts";
import stacked from "./stacked.ts";
import transformer from "./transformer.ts";
import classify from "./classify.ts";
import bilstm from "./bilstm.ts";
import seq2seq from "./seq2seq.ts";
import spell from "./spell.ts";

export const SPECS: Readonly<Record<string, ModelSpec>> = Object.freeze({
  linear,
  perceptron,
  softmax,
  mlp,
  cnn,
  rnn,
  lstm,
  stacked,
  transformer,
  classify,
  bilstm,
  seq2seq,
  spell,
});

/** The site's own models beyond MODEL-ZOO.md (no PyTorch reference: their bars are stated in their specs). */
export const SITE_MODEL_IDS: readonly string[] = ["spell"];

/** Model ids of MODEL-ZOO.md, in its order (the models with a PyTorch reference). */
export const MODEL_IDS: readonly string[] = Object.keys(SPECS).filter((id) => !SITE_MODEL_IDS.includes(id));

/** Every model with a spec: the zoo's, then the site's own. */
export const ALL_MODEL_IDS: readonly string[] = Object.keys(SPECS);

/** The repository path of a model's spec file, e.g. `models/specs/mlp.ts`. */
export function specFile(id: string): string {
  return `models/specs/${id}.ts`;
}

/** The spec of a model id; an unknown id is an error listing the known ones. */
export function getSpec(id: string): ModelSpec {
  const spec = SPECS[id];
  if (!spec) throw new Error(`unknown model "${id}"; the zoo has: ${ALL_MODEL_IDS.join(", ")}`);
  return spec;
}
