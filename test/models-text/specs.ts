// The text models' parity specs as MODEL-ZOO.md states them, for the families' own tests and
// run-parity.ts. The build uses models/specs/*.ts (the trainer's); these mirror them.
import type { ModelSpec } from "../../models/types.ts";

const charTraining = (lr: number): ModelSpec["training"] => ({
  optimizer: { type: "adam", lr },
  loss: "cross-entropy",
  batch: 32,
  steps: 600,
  clip: 1.0,
  window: 65,
});
const bpc = { metric: "bpc", rule: "le-mean-times", value: 1.02 } as const;

export const TEXT_SPECS: Record<string, ModelSpec> = {
  rnn: { id: "rnn", section: "3.1 RNN", data: { set: "tang" }, architecture: { family: "char-rnn", cell: "rnn", embed: 64, hidden: 128, layers: 1 }, training: charTraining(2e-3), seed: 0, quality: bpc },
  lstm: { id: "lstm", section: "3.4 LSTM", data: { set: "tang" }, architecture: { family: "char-rnn", cell: "lstm", embed: 64, hidden: 128, layers: 1 }, training: charTraining(2e-3), seed: 0, quality: bpc },
  stacked: { id: "stacked", section: "3.6 stacked LSTM", data: { set: "tang" }, architecture: { family: "char-rnn", cell: "lstm", embed: 64, hidden: 128, layers: 2 }, training: charTraining(2e-3), seed: 0, quality: bpc },
  transformer: { id: "transformer", section: "5 Transformer", data: { set: "tang" }, architecture: { family: "transformer-lm", d: 128, heads: 4, blocks: 2, ff: 512, context: 64 }, training: charTraining(1e-3), seed: 0, quality: bpc },
  classify: {
    id: "classify", section: "3.2 RNN, N vs 1", data: { set: "tang-song" },
    architecture: { family: "seq-classifier", embed: 64, hidden: 128, classes: 2, maxLength: 64 },
    training: { optimizer: { type: "adam", lr: 2e-3 }, loss: "cross-entropy", batch: 32, steps: 1000 },
    seed: 0, quality: { metric: "balanced-accuracy", rule: "ge-mean-minus", value: 1 },
  },
  bilstm: {
    id: "bilstm", section: "3.5 bidirectional LSTM", data: { set: "brown" },
    architecture: { family: "tagger", embed: 64, hidden: 64, minCount: 2 },
    training: { optimizer: { type: "adam", lr: 2e-3 }, loss: "cross-entropy", batch: 32, epochs: 2 },
    seed: 0, quality: { metric: "token-accuracy", rule: "ge-mean-minus", value: 0.5 },
  },
  seq2seq: {
    id: "seq2seq", section: "3.7 N vs M and 4 attention", data: { set: "numerals", options: { train: 20000, heldOut: 1000 } },
    architecture: { family: "seq2seq", cell: "gru", embed: 32, hidden: 128, maxIn: 16, maxOut: 9 },
    training: { optimizer: { type: "adam", lr: 2e-3 }, loss: "cross-entropy", batch: 64, epochs: 3, clip: 1.0 },
    seed: 0, quality: { metric: "exact-match", rule: "ge-absolute", value: 0.99 },
  },
};
